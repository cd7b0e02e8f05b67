// How far a background export has come: a bar, the percent and the records done of all, and the
// way to 我的导出 (where the export can be followed, or opened once done, for 3 days).
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ExportJob } from '@contract/jobs'
import { ROUTES } from '@/constants/routes'

import './job-progress.scss'

/** 查看我的导出: from an export strip to every export of the last 3 days. */
export function MyExportsLink({ className }: { className?: string }) {
  return (
    <Text className={`my-exports-link ${className ?? ''}`} onClick={() => void Taro.navigateTo({ url: ROUTES.myExports })}>
      查看我的导出 ›
    </Text>
  )
}

/** `withLink` false where the page is 我的导出 itself. */
export function JobProgress({ job, withLink = true }: { job: Pick<ExportJob, 'percent' | 'done' | 'total'> | null; withLink?: boolean }) {
  if (!job) return null
  return (
    <View className='job-progress'>
      <View className='job-progress__track'>
        <View className='job-progress__bar' style={{ width: `${job.percent}%` }} />
      </View>
      <Text className='job-progress__text'>
        {job.total > 0 ? `正在生成 ${job.percent}%（${job.done.toLocaleString('zh-CN')} / ${job.total.toLocaleString('zh-CN')} 条），可离开本页，稍后回来` : '正在统计要导出的记录…'}
      </Text>
      {withLink && <MyExportsLink className='job-progress__mine' />}
    </View>
  )
}
