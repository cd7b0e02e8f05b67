// 报名人员 (?fairId=&positionId=): the people who chose our positions, with their résumé. The
// mobile stays masked until we record an outcome for the person at the fair (then it is shown,
// with a call button; the read is logged by the function). Per position: the outcome (已面试,
// 已发录用意向, 已录用, 未录用) with a note, once the fair has begun and the person has checked in
// at the door; 已录用 and 未录用 are confirmed first. 导出 Excel: everyone listed (all our positions,
// or the one chosen), résumé and outcomes, the mobile masked.
import { useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { ApplicantView, FairView, PositionView } from '@contract/fair'
import { OUTCOME_LABELS, OUTCOMES, type Outcome } from '@contract/vocabulary'
import { ROUTES } from '@/constants/routes'
import { call, CallError, errorMessage } from '@/services/cloud'
import { Sheet } from '@/components/ui/Sheet'
import { Tag, type TagTone } from '@/components/ui/Tag'
import { fairWhen, param } from '@/components/fair/format'
import { useExport } from '@/components/fair/shared'
import { Notice, ResumeCard } from '@/components/fair/ui'
import { Button } from '@/components/ui/Button'
import { ListFooter } from '@/components/ui/ListFooter'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { StateView } from '@/components/ui/StateView'
import { momentText } from '@/components/ui/format'
import { goBackOr } from '@/services/navigation'
import { markChanged } from '@/services/changes'
import { listState, usePaged } from '@/components/ui/paged'

import './index.scss'

/** The fair, and our positions at it (with how many chose each). */
type Head = { fair: FairView; positions: PositionView[] }
type Choice = ApplicantView['choices'][number]

const OUTCOME_TONES: Record<Outcome, TagTone> = { interviewed: 'blue', offered: 'amber', hired: 'green', declined: 'grey' }
const OUTCOME_HINTS: Record<Outcome, string> = {
  interviewed: '已完成面试，等待结果',
  offered: '已向对方发出录用意向',
  hired: '对方已确认入职（计入录用统计）',
  declined: '本岗位不予录用',
}

interface Editing {
  applicant: ApplicantView
  choice: Choice
  outcome: Outcome | null
  note: string
}

export default function Applicants() {
  const { params } = useRouter()
  const fairId = param(params.fairId)
  const [positionId, setPositionId] = useState(param(params.positionId))
  const [editing, setEditing] = useState<Editing | null>(null)
  const [saving, setSaving] = useState(false)
  const { exporting, run: exportNow } = useExport(() => call('fair.exportApplicants', { fairId, ...(positionId ? { positionId } : {}) }), '条')

  const head = usePageState<Head>(async () => {
    const data = await call('fair.myFairs', {})
    const fair = data.fairs.find((f) => f.id === fairId)
    if (!fair) throw new CallError({ code: 'NOT_FOUND', message: '对接会不存在，或本单位未受邀参加' })
    return { fair, positions: data.positions.filter((p) => p.fairId === fairId) }
  }, [fairId])
  const shown = head.state.kind === 'ready' ? head.state.data : null
  // The list refreshes itself on a pull; the counts per position too.
  usePullDownRefresh(() => {
    if (head.state.kind !== 'loading') void head.reload(!!shown)
  })

  const list = usePaged<ApplicantView>(
    (page, pageSize) => call('fair.applicants', { fairId, ...(positionId ? { positionId } : {}), page, pageSize }),
    positionId,
    !!shown,
  )

  const startEdit = (applicant: ApplicantView, choice: Choice) => {
    if (applicant.status !== 'confirmed') {
      void Taro.showToast({ title: '候补中：递补成功后才能登记结果', icon: 'none' })
      return
    }
    if (!applicant.checkedIn) {
      void Taro.showToast({ title: '签到入场后才能登记结果', icon: 'none' })
      return
    }
    setEditing({ applicant, choice, outcome: choice.outcome, note: choice.note })
  }

  const saveOutcome = async () => {
    if (!editing || saving) return
    if (!editing.outcome) {
      void Taro.showToast({ title: '请选择结果', icon: 'none' })
      return
    }
    const outcome = editing.outcome
    if (outcome === 'hired' || outcome === 'declined') {
      const { confirm } = await Taro.showModal({
        title: outcome === 'hired' ? '确认录用' : '确认不予录用',
        content:
          outcome === 'hired'
            ? `登记 ${editing.applicant.resume.name} 已被「${editing.choice.positionTitle}」录用？录用结果将计入对接会就业统计。`
            : `登记 ${editing.applicant.resume.name} 未被「${editing.choice.positionTitle}」录用？`,
        confirmText: '确认登记',
        confirmColor: '#d93a2b',
      })
      if (!confirm) return
    }
    setSaving(true)
    try {
      const res = await call('fair.recordOutcome', { signupId: editing.applicant.signupId, positionId: editing.choice.positionId, outcome, note: editing.note.trim() })
      const updated = res.choices.find((c) => c.positionId === editing.choice.positionId)
      list.setItems((items) =>
        items.map((a) => (a.signupId === res.signupId ? { ...a, mobile: res.mobile || a.mobile, checkedIn: res.checkedIn, choices: a.choices.map((c) => (updated && c.positionId === updated.positionId ? updated : c)) } : a)),
      )
      markChanged('employer-home')
      setEditing(null)
      void Taro.showToast({ title: `已登记：${OUTCOME_LABELS[outcome]}`, icon: 'success' })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
    } finally {
      setSaving(false)
    }
  }

  const total = shown ? shown.positions.reduce((n, p) => n + p.applicants, 0) : 0

  return (
    <View className='panel-page apps'>
      {shown && (
        <>
          <View className='panel-top'>
            <View className='apps__fair'>
              <Text className='apps__fair-title'>{shown.fair.title}</Text>
              <Text className='apps__fair-sub'>
                {fairWhen(shown.fair)} · {shown.fair.venue}
              </Text>
            </View>
            <View className='panel-filters apps__filters'>
              <View className={`panel-chip ${positionId === '' ? 'panel-chip--on' : ''}`} hoverClass='panel-chip--pressed' onClick={() => setPositionId('')}>
                <Text className='panel-chip__text'>全部岗位 {total}</Text>
              </View>
              {shown.positions.map((p) => (
                <View key={p.id} className={`panel-chip apps__chip ${positionId === p.id ? 'panel-chip--on' : ''}`} hoverClass='panel-chip--pressed' onClick={() => setPositionId(p.id)}>
                  <Text className='panel-chip__text'>
                    {p.title} {p.applicants}
                  </Text>
                </View>
              ))}
            </View>
          </View>

          <View className='apps__note'>
            <Notice tone='info'>
              <Text>手机号在登记面试结果后显示；每次查看都会留痕。请仅用于本次招聘联系。</Text>
            </Notice>
          </View>
        </>
      )}

      <PageStates
        gate={head.state}
        state={listState(list)}
        retry={() => void (shown ? list.reload() : head.reload())}
        skeleton={shown ? 2 : 3}
        denied={{ text: '仅受邀的用人单位可以查看报名人员。' }}
        notFound={{ title: '找不到对接会', action: { text: '返回招聘对接', onClick: () => goBackOr(ROUTES.employer) } }}
      >
        {(items) =>
          items.length === 0 ? (
            <StateView tone='muted' className='apps__empty' title='还没有人报名' desc={shown?.positions.length === 0 ? '本单位在这场对接会还没有发布岗位' : '志愿者报名选择本单位的岗位后，会出现在这里'} />
          ) : (
            <View className='panel-list'>
              <View className='apps__bar'>
                <Text className='apps__count'>共 {list.total} 人，按报名先后排列</Text>
                <Button small kind='outline' className='apps__export' busy={exporting} onClick={() => void exportNow()}>
                  {exporting ? '正在导出…' : '导出 Excel'}
                </Button>
              </View>
              {items.map((a) => (
                <View key={a.signupId} className='panel-card app-card'>
                  <View className='app-card__tags'>
                    {a.status === 'confirmed' ? <Tag tone='green'>报名成功</Tag> : <Tag tone='amber'>候补中</Tag>}
                    {a.checkedIn ? (
                      <Tag tone='green' solid className='app-card__in'>
                        已签到入场
                      </Tag>
                    ) : (
                      <Tag tone='grey' className='app-card__not-in'>
                        未签到
                      </Tag>
                    )}
                  </View>
                  <ResumeCard
                    resume={a.resume}
                    className='app-card__resume'
                    contact={
                      a.mobile ? (
                        <View className='app-card__phone'>
                          <Text className='fair-num app-card__mobile'>{a.mobile}</Text>
                          <Text className='app-card__call' onClick={() => void Taro.makePhoneCall({ phoneNumber: a.mobile }).catch(() => undefined)}>
                            拨打
                          </Text>
                        </View>
                      ) : (
                        <View className='app-card__phone'>
                          <Text className='fair-num app-card__masked'>{a.resume.mobileMasked}</Text>
                          <Text className='app-card__phone-hint'>{a.checkedIn ? '登记面试结果后显示' : '签到入场、登记面试结果后显示'}</Text>
                        </View>
                      )
                    }
                  />
                  <View className='app-card__choices'>
                    {a.choices.map((c) => (
                      <View key={c.positionId} className='app-choice'>
                        <View className='app-choice__main'>
                          <Text className='app-choice__title'>应聘：{c.positionTitle}</Text>
                          {c.outcome ? (
                            <View className='app-choice__outcome'>
                              <Tag tone={OUTCOME_TONES[c.outcome]} className={`app-choice__tag app-choice__tag--${c.outcome}`}>
                                {OUTCOME_LABELS[c.outcome]}
                              </Tag>
                              <Text className='app-choice__at'>{momentText(c.at)}</Text>
                            </View>
                          ) : (
                            <Text className='app-choice__pending'>待登记结果</Text>
                          )}
                          {c.note && <Text className='app-choice__note'>备注：{c.note}</Text>}
                        </View>
                        <Button small kind={c.outcome ? 'plain' : 'outline'} className='app-choice__record' disabled={a.status !== 'confirmed' || !a.checkedIn} onClick={() => startEdit(a, c)}>
                          {c.outcome ? '修改结果' : '登记结果'}
                        </Button>
                      </View>
                    ))}
                  </View>
                </View>
              ))}
              <ListFooter count={items.length} total={list.total} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={() => void list.loadMore()} />
            </View>
          )
        }
      </PageStates>

      <Sheet
        visible={!!editing}
        title='登记结果'
        note={editing ? `${editing.applicant.resume.name} · ${editing.choice.positionTitle}` : ''}
        closable={!saving}
        onClose={() => setEditing(null)}
        className='outcome-sheet'
      >
        {editing && (
          <View className='outcome-sheet__body'>
            <View className='outcome-sheet__options'>
              {OUTCOMES.map((o) => (
                <View
                  key={o}
                  className={`outcome-option outcome-option--${o} ${editing.outcome === o ? 'outcome-option--on' : ''}`}
                  onClick={() => setEditing((e) => (e ? { ...e, outcome: o } : e))}
                >
                  <Text className='outcome-option__label'>{OUTCOME_LABELS[o]}</Text>
                  <Text className='outcome-option__hint'>{OUTCOME_HINTS[o]}</Text>
                </View>
              ))}
            </View>
            <Textarea
              className='fair-textarea outcome-sheet__note'
              value={editing.note}
              placeholder='备注（选填）：如面试安排、薪资约定、未录用原因'
              placeholderClass='fair-placeholder'
              maxlength={200}
              onInput={(ev) => {
                const v = ev.detail.value
                setEditing((e) => (e ? { ...e, note: v } : e))
              }}
            />
            <Text className='outcome-sheet__privacy'>登记后可看到对方完整手机号，仅用于本次招聘联系。</Text>
            <Button className='outcome-sheet__save' busy={saving} disabled={!editing.outcome} onClick={() => void saveOutcome()}>
              {saving ? '正在保存…' : '保存'}
            </Button>
          </View>
        )}
      </Sheet>
    </View>
  )
}
