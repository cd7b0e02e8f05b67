// What the two loan queues (贷款审核 for the league, 贷款受理 for the bank) show alike: the list under
// the filters (the page's states, the count line with 清除筛选, the empty state, the cards and the
// footer), a filter chip and the project type sheet. The reading is useLoanQueue's.
import { Text, View } from '@tarojs/components'
import type { LoanSummary } from '@contract/loan'
import { PROJECT_TYPE_LABELS, PROJECT_TYPES, type ProjectType } from '@contract/vocabulary'
import { ListFooter } from '@/components/ui/ListFooter'
import { OptionSheet } from '@/components/ui/OptionSheet'
import { StateView } from '@/components/ui/StateView'
import { PageStates } from '@/components/ui/PageStates'
import { listState, type PagedList } from '@/components/ui/paged'
import type { ScopeState } from './data'
import { reviewerDenied } from './gate'
import { LoanCard } from './parts'

interface QueueListProps {
  list: PagedList<LoanSummary>
  /** The reviewer's gate (its scope, for `who`), then the list. */
  gate: ScopeState
  retryGate: () => void
  who: 'league' | 'bank'
  /** After 共 N 份 (what the tab lists, in its order). */
  countNote: string
  filtered: boolean
  clear: () => void
  /** The empty state when nothing is filtered out. */
  empty: { title: string; desc: string }
  emptyClassName: string
  cardClassName: string
  open: (id: string) => void
}

/** The queue's states, then its list: how many, 清除筛选, the empty state or the cards with the footer. */
export function LoanQueueList({ list, gate, retryGate, who, countNote, filtered, clear, empty, emptyClassName, cardClassName, open }: QueueListProps) {
  return (
    <PageStates gate={gate} state={listState(list)} retry={gate.kind === 'ready' ? () => void list.reload() : retryGate} denied={reviewerDenied(who)}>
      {(items) => (
        <>
          <View className='panel-summary'>
            <Text>
              共 {list.total} 份{countNote}
            </Text>
            {filtered && (
              <Text className='panel-summary__reset' onClick={clear}>
                清除筛选
              </Text>
            )}
          </View>
          {items.length === 0 ? (
            <StateView
              tone='muted'
              className={emptyClassName}
              title={filtered ? '没有符合条件的申请' : empty.title}
              desc={filtered ? '换个筛选条件试试' : empty.desc}
              action={filtered ? { text: '清除筛选', onClick: clear } : undefined}
            />
          ) : (
            <View className='panel-list'>
              {items.map((l) => (
                <LoanCard key={l.id} loan={l} className={cardClassName} onClick={() => open(l.id)} />
              ))}
              <ListFooter count={items.length} total={list.total} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={() => void list.loadMore()} />
            </View>
          )}
        </>
      )}
    </PageStates>
  )
}

/** A filter chip above a queue: on when its filter is set, opens its sheet. */
export function QueueChip({ on, text, onClick }: { on: boolean; text: string; onClick: () => void }) {
  return (
    <View className={`panel-chip ${on ? 'panel-chip--on' : ''}`} hoverClass='panel-chip--pressed' onClick={onClick}>
      <Text className='panel-chip__text'>{text}</Text>
      <Text className='panel-chip__arrow'>▼</Text>
    </View>
  )
}

/** The project type filter's sheet. */
export function ProjectTypeSheet({ visible, value, onSelect, onClose }: { visible: boolean; value: ProjectType | ''; onSelect: (v: ProjectType | '') => void; onClose: () => void }) {
  return (
    <OptionSheet
      visible={visible}
      title='项目类型'
      options={[{ value: '', label: '全部项目类型' }, ...PROJECT_TYPES.map((t) => ({ value: t, label: PROJECT_TYPE_LABELS[t] }))]}
      value={value}
      onSelect={(v) => onSelect(v as ProjectType | '')}
      onClose={onClose}
    />
  )
}
