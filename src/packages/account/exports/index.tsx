// 我的导出: the exports I started in the last 3 days (any kind: 服务时长汇总, 优惠核销汇总 …), newest
// first, a page at a time: what each is (kind, place, month or dates), where it stands (a bar while
// it is made), when it began, its rows; a finished one opens (a fresh link each time the list is
// read), a failed one says why. One still being made goes on from here (继续生成: its own export
// action asked with its id, as its page does) and opens when done.
import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MyExportView } from '@contract/account'
import type { ExportJob } from '@contract/jobs'
import { JOB_STATUS_LABELS } from '@contract/jobs'
import { call, errorMessage } from '@/services/cloud'
import { openWorkbook } from '@/services/files'
import { Button } from '@/components/ui/Button'
import { JobProgress } from '@/components/ui/JobProgress'
import { PagedStates } from '@/components/ui/PagedStates'
import { Tag } from '@/components/ui/Tag'
import { momentText } from '@/components/ui/format'
import { usePaged } from '@/components/ui/paged'
import { untilDone } from '@/components/ui/use-export-job'

import '@/components/ui/panel.scss'
import './index.scss'

/** How each kind of export goes on: its own action asked with the job's id. */
const GO_ON: Record<string, (jobId: string) => Promise<ExportJob>> = {
  'service.exportReport': (jobId) => call('service.exportReport', { jobId }),
  'perk.exportTotals': (jobId) => call('perk.exportTotals', { jobId }),
}

const TONE: Record<MyExportView['status'], 'green' | 'blue' | 'red' | 'grey'> = { done: 'green', running: 'blue', queued: 'grey', failed: 'red' }
const active = (j: MyExportView) => j.status === 'running' || j.status === 'queued'

export default function MyExports() {
  const list = usePaged<MyExportView>((page, pageSize) => call('account.myExports', { page, pageSize }), '')
  // The job being followed from here (one at a time).
  const [following, setFollowing] = useState('')
  const open = useRef(true)
  useEffect(
    () => () => {
      open.current = false
    },
    [],
  )

  const openFile = (j: Pick<ExportJob, 'fileUrl' | 'fileName'>) => openWorkbook(j).catch(() => void Taro.showToast({ title: '打开失败，请下拉刷新后再试', icon: 'none' }))

  const goOn = async (j: MyExportView) => {
    const ask = GO_ON[j.kind]
    if (!ask || following) return
    setFollowing(j.jobId)
    const shown = (at: ExportJob) => open.current && list.setItems((items) => items.map((x) => (x.jobId === at.jobId ? { ...x, ...at } : x)))
    try {
      const done = await untilDone(await ask(j.jobId), ask, shown, { gone: () => !open.current })
      shown(done)
      await openFile(done)
    } catch (err) {
      // A failed job says why in its row (read again); anything else in a toast.
      void list.reload(true)
      void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
    } finally {
      if (open.current) setFollowing('')
    }
  }

  return (
    <View className='panel-page my-exports'>
      <View className='my-exports__head'>
        <Text className='my-exports__title'>我的导出</Text>
        <Text className='my-exports__note'>你近 3 天发起的导出都在这里，生成中的可以继续；文件保留 3 天，过期请到原页面重新导出。</Text>
      </View>
      <PagedStates
        list={list}
        gate={{ kind: 'ready' }}
        retryGate={() => void list.reload()}
        listClassName='panel-list my-exports__list'
        empty={{ title: '近 3 天没有导出', desc: '在服务时长汇总、优惠核销汇总等页面导出 Excel 后，会在这里留存 3 天' }}
      >
        {(j) => (
          <View key={j.jobId} className={`panel-card my-export my-export--${j.status}`}>
            <View className='my-export__top'>
              <Text className='my-export__kind'>{j.kindLabel}</Text>
              <Tag tone={TONE[j.status]}>{JOB_STATUS_LABELS[j.status]}</Tag>
            </View>
            <Text className='my-export__what'>{[j.scope, j.period].filter(Boolean).join(' · ')}</Text>
            <Text className='my-export__when'>
              {momentText(j.createdAt)} 发起{j.status === 'done' ? ` · 共 ${j.rows.toLocaleString('zh-CN')} 行` : ''}
            </Text>
            {active(j) && (
              <>
                <JobProgress job={j} withLink={false} />
                {GO_ON[j.kind] && (
                  <Button small kind='outline' className='my-export__go-on' busy={following === j.jobId} disabled={!!following && following !== j.jobId} onClick={() => void goOn(j)}>
                    {following === j.jobId ? '正在生成…' : '继续生成'}
                  </Button>
                )}
              </>
            )}
            {j.status === 'done' && (
              <View className='my-export__file' onClick={() => void openFile(j)}>
                <Text className='my-export__file-name'>{j.fileName}</Text>
                <Text className='my-export__file-open'>打开</Text>
              </View>
            )}
            {j.status === 'failed' && <Text className='my-export__error'>{j.error || '导出失败，请到原页面重新导出'}</Text>}
          </View>
        )}
      </PagedStates>
    </View>
  )
}
