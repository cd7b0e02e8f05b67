// 贷款受理（合作银行）: the bank's queue — 待处理 (待审批: routed by the city league; 待放款:
// approved, not yet disbursed) and 全部 (including disbursed, in subsidy and closed) — with
// filters, counts and paging.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { InputOf } from '@contract/index'
import { LOAN_STATUS_LABELS, PROJECT_TYPE_LABELS, type LoanStatus, type ProjectType } from '@contract/vocabulary'
import { TodoReminder } from '@/components/ui/TodoReminder'
import { ROUTES } from '@/constants/routes'
import { isBank, useReviewerScope } from '@/components/loan/data'
import { SearchBox } from '@/components/loan/gate'
import { LoanQueueList, ProjectTypeSheet, QueueChip } from '@/components/loan/queue'
import { useLoanQueue } from '@/components/loan/use-loan-queue'
import { OptionSheet } from '@/components/ui/OptionSheet'
import { useSearchKeyword } from '@/components/ui/paged'

import './index.scss'

type Tab = 'todo' | 'overdue' | 'all'
const TAB_LABELS: Record<Tab, string> = { todo: '待处理', overdue: '逾期', all: '全部' }
const BANK_STATUSES: LoanStatus[] = ['bank_review', 'approved', 'disbursed', 'in_subsidy', 'closed', 'returned', 'rejected', 'withdrawn', 'lapsed']

export default function BankHome() {
  const { state: gate, scope, retry: retryScope } = useReviewerScope(isBank)

  const [tab, setTab] = useState<Tab>('todo')
  const [status, setStatus] = useState<LoanStatus | ''>('')
  const [projectType, setProjectType] = useState<ProjectType | ''>('')
  const { draft, setDraft, keyword, search, clear: clearSearch } = useSearchKeyword()
  const [sheet, setSheet] = useState<'status' | 'type' | null>(null)

  const filters: InputOf<'loan.queue'> = {
    view: tab,
    ...(status ? { status } : {}),
    ...(projectType ? { projectType } : {}),
    ...(keyword ? { keyword } : {}),
  }
  const { list, counts } = useLoanQueue(filters, !!scope, 'bank')

  const statuses = tab === 'todo' ? (['bank_review', 'approved'] as LoanStatus[]) : tab === 'overdue' ? (['disbursed', 'in_subsidy'] as LoanStatus[]) : BANK_STATUSES
  const filtered = !!(status || projectType || keyword)
  const clear = () => {
    setStatus('')
    setProjectType('')
    clearSearch()
  }

  return (
    <View className='ln-page bank-home'>
      {scope && (
        <>
          <View className='bank-home__head'>
            <Text className='bank-home__bank'>{scope.banks.map((b) => b.name).join('、')}</Text>
            <Text className='bank-home__lead'>农村青年创业小额贴息贷款 · 团市委推荐的申请在这里审批、登记放款和还款</Text>
          </View>
          <View className='panel-top'>
            <View className='panel-tabs'>
              {(['todo', 'overdue', 'all'] as const).map((t) => (
                <View
                  key={t}
                  className={`panel-tabs__item bank-home__tab bank-home__tab--${t} ${tab === t ? 'panel-tabs__item--on' : ''}`}
                  onClick={() => {
                    setTab(t)
                    setStatus('')
                  }}
                >
                  <Text>{TAB_LABELS[t]}</Text>
                  {t !== 'all' && counts?.[t] ? <Text className='panel-tabs__count'>{counts[t] > 99 ? '99+' : counts[t]}</Text> : null}
                </View>
              ))}
            </View>
            <View className='panel-search'>
              <SearchBox value={draft} placeholder='搜索申请人或项目名称' onChange={setDraft} onSearch={search} />
            </View>
            <View className='panel-filters'>
              <QueueChip on={!!status} text={status ? (status === 'bank_review' ? '待审批' : status === 'approved' && tab === 'todo' ? '待放款' : LOAN_STATUS_LABELS[status]) : tab === 'todo' ? '待审批和待放款' : '全部状态'} onClick={() => setSheet('status')} />
              <QueueChip on={!!projectType} text={projectType ? PROJECT_TYPE_LABELS[projectType] : '全部项目类型'} onClick={() => setSheet('type')} />
            </View>
          </View>
          {!!counts?.todo && <TodoReminder inset />}
        </>
      )}

      <LoanQueueList
        list={list}
        gate={gate}
        retryGate={retryScope}
        who='bank'
        countNote={tab === 'todo' ? '待处理，按推荐先后排列' : tab === 'overdue' ? '笔逾期，逾期久的在前' : ''}
        filtered={filtered}
        clear={clear}
        empty={
          tab === 'todo'
            ? { title: '暂无待处理的贷款', desc: '团市委审核通过并推荐到本行的申请，会出现在这里。' }
            : tab === 'overdue'
              ? { title: '没有逾期的贷款', desc: '有一期到期未还清的贷款会出现在这里，每天早上更新。' }
              : { title: '还没有推荐到本行的申请', desc: '' }
        }
        emptyClassName='bank-home__empty'
        cardClassName='bank-card'
        open={(id) => void Taro.navigateTo({ url: `${ROUTES.bankLoan}?id=${id}` })}
      />

      <OptionSheet
        visible={sheet === 'status'}
        title='状态'
        options={[{ value: '', label: tab === 'todo' ? '待审批和待放款' : '全部状态' }, ...statuses.map((s) => ({ value: s, label: tab === 'todo' ? (s === 'bank_review' ? '待审批' : '待放款') : LOAN_STATUS_LABELS[s] }))]}
        value={status}
        onSelect={(v) => setStatus(v as LoanStatus | '')}
        onClose={() => setSheet(null)}
      />
      <ProjectTypeSheet visible={sheet === 'type'} value={projectType} onSelect={setProjectType} onClose={() => setSheet(null)} />
    </View>
  )
}
