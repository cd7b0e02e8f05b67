// How far a background export has come: a bar, the percent and the records done of all.
import { Text, View } from '@tarojs/components'
import type { ExportJob } from '@contract/jobs'

import './job-progress.scss'

export function JobProgress({ job }: { job: Pick<ExportJob, 'percent' | 'done' | 'total'> | null }) {
  if (!job) return null
  return (
    <View className='job-progress'>
      <View className='job-progress__track'>
        <View className='job-progress__bar' style={{ width: `${job.percent}%` }} />
      </View>
      <Text className='job-progress__text'>
        {job.total > 0 ? `正在生成 ${job.percent}%（${job.done.toLocaleString('zh-CN')} / ${job.total.toLocaleString('zh-CN')} 条），可离开本页，稍后回来` : '正在统计要导出的记录…'}
      </Text>
    </View>
  )
}
