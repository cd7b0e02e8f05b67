// 岗位信息 (?fairId=&id=; no id to add one): title, openings, place and the county it is in
// (jobs in Qingyuan count as local employment), requirements, the monthly salary range typed in
// yuan (sent as integer fen, exactly), the contact. Editable until sign-up closes, read-only
// after (the page says why); a position nobody chose can be deleted, after a confirmation.
import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import type { FairView, PositionView } from '@contract/fair'
import { checkPosition, ROWS, rowOfField, type Fields } from './check'
import { ROUTES } from '@/constants/routes'
import { call, CallError, errorMessage } from '@/services/cloud'
import { loadDivisions, type Divisions } from '@/components/admin/shared'
import { fairWhen, param, yuanInput } from '@/components/fair/format'
import { Notice } from '@/components/fair/ui'
import { useCheckedForm } from '@/components/fair/use-checked-form'
import { momentText } from '@/components/ui/format'
import { goBackOr } from '@/services/navigation'
import { Button } from '@/components/ui/Button'
import { OptionSheet } from '@/components/ui/OptionSheet'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { markChanged } from '@/services/changes'
import { ContactCard, LockedPosition, PositionCard, SalaryCard, type PositionFormState } from './parts/cards'

import './index.scss'

type Mine = OutputOf<'fair.myFairs'>
/** My organisations and positions, the fair, the position edited (none for a new one), and the counties a job may be in. */
type Loaded = { data: Mine; fair: FairView; position: PositionView | null; divisions: Divisions | null }

/** Positions are fixed once sign-up closes (or the fair is cancelled). */
const lockedAt = (fair: FairView) => fair.status !== 'published' || fair.phase === 'closed' || fair.phase === 'over'

const BLANK: Fields = { employerId: '', title: '', openings: '1', place: '', countyCode: null, requirements: '', salaryMin: '', salaryMax: '', contactName: '', contactPhone: '' }

const fieldsOf = (p: PositionView): Fields => ({
  employerId: p.employerId,
  title: p.title,
  openings: String(p.openings),
  place: p.place,
  countyCode: p.countyCode,
  requirements: p.requirements,
  salaryMin: yuanInput(p.salaryMinFen),
  salaryMax: yuanInput(p.salaryMaxFen),
  contactName: p.contactName,
  contactPhone: p.contactPhone,
})

/** Deletes a position nobody chose, after a confirmation; then back to the employer's page. */
async function removePosition(position: PositionView, setRemoving: (on: boolean) => void) {
  if (position.applicants > 0) {
    void Taro.showModal({ title: '不能删除', content: `已有 ${position.applicants} 人报名该岗位，不能删除；可以修改岗位信息。`, showCancel: false, confirmText: '知道了', confirmColor: '#d93a2b' })
    return
  }
  const { confirm } = await Taro.showModal({ title: '删除岗位', content: `确定删除「${position.title}」？删除后志愿者将看不到这个岗位。`, confirmText: '删除', confirmColor: '#d93a2b' })
  if (!confirm) return
  setRemoving(true)
  try {
    await call('fair.removePosition', { id: position.id })
    markChanged('employer-home')
    void Taro.showToast({ title: '已删除', icon: 'success' })
    setTimeout(() => goBackOr(ROUTES.employer), 700)
  } catch (err) {
    void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
  } finally {
    setRemoving(false)
  }
}

export default function PositionForm() {
  const { params } = useRouter()
  const fairId = param(params.fairId)
  const id = param(params.id)
  const form: PositionFormState = useCheckedForm(BLANK, ROWS, rowOfField, (f) => checkPosition(f, fairId))
  const [removing, setRemoving] = useState(false)
  const [countySheet, setCountySheet] = useState(false)
  // The fair and the position (its fields filled in from it), or a new one's: our organisation if
  // only one of ours is invited.
  const page = usePageState<Loaded>(async () => {
    const [data, divisions] = await Promise.all([call('fair.myFairs', fairId ? { fairId } : { pageSize: 1 }), loadDivisions().catch(() => null)])
    const fair = data.fairs.find((f) => f.id === fairId)
    if (!fair) throw new CallError({ code: 'NOT_FOUND', message: '对接会不存在，或本单位未受邀参加' })
    const position = id ? (data.positions.find((p) => p.id === id && p.fairId === fairId) ?? null) : null
    if (id && !position) throw new CallError({ code: 'NOT_FOUND', message: '岗位不存在，可能已被删除' })
    const invited = data.employers.filter((e) => fair.employers.some((x) => x.id === e.id))
    if (position) form.setFields(fieldsOf(position))
    else {
      const org = invited.length === 1 ? invited[0] : null
      form.setFields((f) => ({ ...f, employerId: org?.id ?? '', countyCode: org?.countyCode ? org.countyCode : f.countyCode }))
    }
    return { data, fair, position, divisions }
  }, [])
  const loaded = page.state.kind === 'ready' ? page.state.data : null

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '编辑岗位' : '添加岗位' })
  }, [])

  usePullDownRefresh(() => {
    // A form being filled in is not thrown away by a pull: only a failed load is retried.
    void (page.state.kind !== 'ready' && page.state.kind !== 'loading' ? page.reload() : Promise.resolve()).finally(() => Taro.stopPullDownRefresh())
  })

  const save = () => {
    if (removing) return
    void form.save(async (input) => {
      await call('fair.savePosition', { ...(id ? { id } : {}), ...input })
      markChanged('employer-home')
      void Taro.showToast({ title: id ? '已保存' : '岗位已发布', icon: 'success' })
      setTimeout(() => goBackOr(ROUTES.employer), 700)
    })
  }

  /** The form, or what the position was when it can no longer change. */
  const body = ({ data, fair, position, divisions }: Loaded) => {
    const invited = data.employers.filter((e) => fair.employers.some((x) => x.id === e.id))
    const locked = lockedAt(fair)
    const counties = divisions?.counties ?? []
    const code = form.fields.countyCode
    const countyText = code === null ? '' : code === '' ? '清远市外' : (counties.find((c) => c.code === code)?.name ?? position?.countyName ?? code)

    return (
      <>
        <View className='pos-form__fair'>
          <Text className='pos-form__fair-title'>{fair.title}</Text>
          <Text className='pos-form__fair-sub'>
            {fairWhen(fair)} · {fair.venue}
          </Text>
        </View>

        {locked ? (
          <View className='pos-form__notice'>
            <Notice tone='warn' title='岗位信息已锁定'>
              <Text>
                {fair.status !== 'published' ? '对接会已取消，岗位不能再修改。' : `报名已于 ${momentText(fair.signupClosesAt)} 截止，报名者已按这些信息选择岗位，岗位不能再修改或删除。`}
              </Text>
            </Notice>
          </View>
        ) : (
          <Text className='form-note'>报名截止（{momentText(fair.signupClosesAt)}）前可以修改；报名者会看到以下全部信息。</Text>
        )}

        {locked && position ? (
          <LockedPosition position={position} />
        ) : locked ? null : (
          <>
            <PositionCard form={form} invited={invited} position={position} countyText={countyText} onCounty={() => setCountySheet(true)} />
            <SalaryCard form={form} />
            <ContactCard form={form} />

            {position && (
              <View className='pos-form__remove'>
                <Button kind='danger' busy={removing} className='pos-form__delete' onClick={() => void (form.busy || removing ? undefined : removePosition(position, setRemoving))}>
                  删除岗位
                </Button>
                <Text className='form-note'>{position.applicants > 0 ? `已有 ${position.applicants} 人报名，不能删除` : '无人报名的岗位可以删除'}</Text>
              </View>
            )}

            <View className='form-bar'>
              <Button busy={form.busy} className='pos-form__save' onClick={save}>
                {form.busy ? '正在保存…' : id ? '保存修改' : '发布岗位'}
              </Button>
            </View>
          </>
        )}

        <OptionSheet
          visible={countySheet}
          title='工作所在县（市、区）'
          options={[...counties.map((c) => ({ value: c.code, label: c.name, hint: '清远市 · 计入本地就业' })), { value: '', label: '清远市外', hint: '不计入本地就业' }]}
          value={form.fields.countyCode ?? 'none'}
          onSelect={(v) => form.set('countyCode', v, 'countyCode')}
          onClose={() => setCountySheet(false)}
        />
      </>
    )
  }

  return (
    <View className={loaded ? `form-page pos-form ${lockedAt(loaded.fair) ? '' : 'form-page--with-bar'}` : 'panel-page'}>
      <PageStates
        state={page.state}
        retry={page.retry}
        denied={{ text: '仅受邀的用人单位可以发布岗位。如需开通，请联系团市委发送用人单位邀请。' }}
        notFound={{ title: '找不到', action: { text: '返回招聘对接', onClick: () => goBackOr(ROUTES.employer) } }}
      >
        {body}
      </PageStates>
    </View>
  )
}
