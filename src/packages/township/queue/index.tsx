// 签到审核 (?status=pending|needs_review|approved|rejected, &flagged=1): the township's service
// records by status, flagged ones marked; select up to 100 and approve or reject them (with a
// reason) in one go, or adjust one record's credited time (with a reason).
// The filters and list are useQueue's, the ticks useSelection's, the decisions useDecisions'.
import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { SESSION_STATUS_LABELS } from '@contract/vocabulary'
import { useDivisions } from '@/components/admin/shared'
import { placesInReach, useStaffScope } from '@/components/township/shared'
import { staffDenied } from '@/components/township/ui'
import { BatchOutcomeDialog } from '@/components/ui/BatchBar'
import { NoteDialog } from '@/components/ui/Dialog'
import { OptionSheet } from '@/components/ui/OptionSheet'
import { PagedStates } from '@/components/ui/PagedStates'
import { AdjustDialog } from './AdjustDialog'
import { BatchBar } from './BatchBar'
import { QueueTop } from './QueueTop'
import { SessionCard } from './SessionCard'
import { emptyLook, isOpen } from './rules'
import { useDecisions } from './use-decisions'
import { useQueue } from './use-queue'
import { useSelection } from './use-selection'

export default function Queue() {
  const { params } = useRouter()
  const { state, reload: reloadScope } = useStaffScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const divisions = useDivisions()
  const [sheet, setSheet] = useState(false)

  const q = useQueue(scope, params, reloadScope)
  const { list, status, flaggedOnly } = q
  const selection = useSelection(list.items, q.key)
  const decisions = useDecisions(list.items, selection, q.refresh)

  const places = useMemo(() => (scope ? placesInReach(scope, divisions) : []), [scope, divisions])
  const townships = useMemo(() => places.flatMap((c) => c.townships.map((t) => ({ ...t, countyName: c.name }))), [places])
  const townshipName = townships.find((t) => t.code === q.townshipCode)?.name

  const selecting = isOpen(status)
  const showBar = selecting && list.status === 'ready' && list.items.length > 0
  const empty = emptyLook({ status, flaggedOnly, name: q.name, date: q.date })

  return (
    <View className={`panel-page queue ${showBar ? 'panel-page--with-bar' : ''}`}>
      {scope && (
        <>
          <QueueTop q={q} townshipName={townshipName} many={!scope.single} onPickTownship={() => setSheet(true)} />
          {list.status === 'ready' && list.total > 0 && (
            <View className='panel-summary'>
              <Text>
                共 {list.total} 条{flaggedOnly ? '有异常的' : ''}
                {SESSION_STATUS_LABELS[status]}记录，{selecting ? '按签到时间先后排列' : '最近的在前'}
              </Text>
            </View>
          )}
        </>
      )}

      <PagedStates
        gate={state}
        list={list}
        retryGate={() => void reloadScope(true)}
        denied={staffDenied(state)}
        empty={{ className: 'queue__empty', title: empty.title, desc: empty.desc, action: empty.way === 'search' ? { text: '清除搜索', onClick: q.clearSearch } : empty.way === 'flagged' ? { text: '查看全部', onClick: () => q.setFlaggedOnly(false) } : undefined }}
      >
        {(s) => (
          <SessionCard
            key={s.id}
            item={s}
            selecting={selecting}
            selected={selection.isSelected(s.id)}
            dailyCap={q.dailyCap}
            onToggle={() => selection.toggle(s.id)}
            onAdjust={() => decisions.setAdjusting(s)}
          />
        )}
      </PagedStates>

      {showBar && <BatchBar selection={selection} decisions={decisions} />}

      <OptionSheet
        visible={sheet}
        title='按镇街查看'
        options={[{ value: '', label: '全部镇街' }, ...townships.map((t) => ({ value: t.code, label: t.name, hint: t.countyName }))]}
        value={q.townshipCode}
        onSelect={q.setTownshipCode}
        onClose={() => setSheet(false)}
      />

      <NoteDialog
        confirmText='确认驳回'
        required
        maxLength={200}
        visible={decisions.rejecting}
        title={`驳回 ${selection.selected.length} 条服务记录`}
        message='驳回后这些时长不计入志愿者的服务时长；志愿者会收到通知和你填写的理由，可以提出申诉。'
        placeholder='例如：当天驿站未开放，无法核实到岗情况'
        onConfirm={decisions.reject}
        onClose={() => decisions.setRejecting(false)}
      />

      <AdjustDialog item={decisions.adjusting} dailyCap={q.dailyCap} onDone={decisions.adjusted} onClose={() => decisions.setAdjusting(null)} />

      <BatchOutcomeDialog prefix='queue' outcome={decisions.outcome} onClose={decisions.closeOutcome} />
    </View>
  )
}
