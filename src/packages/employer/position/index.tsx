// 岗位信息 (?fairId=&id=; no id to add one): title, openings, place and the county it is in
// (jobs in Qingyuan count as local employment), requirements, the monthly salary range typed in
// yuan (sent as integer fen, exactly), the contact. Editable until sign-up closes, read-only
// after (the page says why); a position nobody chose can be deleted, after a confirmation.
import { useEffect, useMemo, useState } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import type { FairView, PositionView } from '@contract/fair'
import { checkPosition, ROWS, rowOfField, type Errors, type Fields, type Row } from './check'
import { CONTACT_NAME, OPENINGS_RULE, POSITION_PLACE, POSITION_REQUIREMENTS, POSITION_TITLE } from '@contract/position-rules'
import { ROUTES } from '@/constants/routes'
import { call, CallError, errorMessage } from '@/services/cloud'
import { showSaveError } from '@/services/forms'
import { loadDivisions, type Divisions } from '@/components/admin/shared'
import { FormRow, PickedValue } from '@/components/ui/FormRow'
import { TextInput } from '@/components/ui/TextInput'
import { fairWhen, param, salaryText, yuanInput } from '@/components/fair/format'
import { scrollToField } from '@/services/navigation'
import { EmployerTypeTag, Notice } from '@/components/fair/ui'
import { momentText } from '@/components/ui/format'
import { goBackOr } from '@/services/navigation'
import { Button } from '@/components/ui/Button'
import { OptionSheet } from '@/components/ui/OptionSheet'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { markChanged } from '@/services/changes'

import './index.scss'

type Mine = OutputOf<'fair.myFairs'>
/** My organisations and positions, the fair, the position edited (none for a new one), and the counties a job may be in. */
type Loaded = { data: Mine; fair: FairView; position: PositionView | null; divisions: Divisions | null }

/** Positions are fixed once sign-up closes (or the fair is cancelled). */
const lockedAt = (fair: FairView) => fair.status !== 'published' || fair.phase === 'closed' || fair.phase === 'over'

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

export default function PositionForm() {
  const { params } = useRouter()
  const fairId = param(params.fairId)
  const id = param(params.id)
  const [fields, setFields] = useState<Fields>({ employerId: '', title: '', openings: '1', place: '', countyCode: null, requirements: '', salaryMin: '', salaryMax: '', contactName: '', contactPhone: '' })
  const [tried, setTried] = useState(false)
  const [serverErrors, setServerErrors] = useState<Errors>({})
  const [busy, setBusy] = useState<'' | 'save' | 'remove'>('')
  const [countySheet, setCountySheet] = useState(false)
  // The fair and the position (its fields filled in from it), or a new one's: our organisation if
  // only one of ours is invited.
  const form = usePageState<Loaded>(async () => {
    const [data, divisions] = await Promise.all([call('fair.myFairs', {}), loadDivisions().catch(() => null)])
    const fair = data.fairs.find((f) => f.id === fairId)
    if (!fair) throw new CallError({ code: 'NOT_FOUND', message: '对接会不存在，或本单位未受邀参加' })
    const position = id ? (data.positions.find((p) => p.id === id && p.fairId === fairId) ?? null) : null
    if (id && !position) throw new CallError({ code: 'NOT_FOUND', message: '岗位不存在，可能已被删除' })
    const invited = data.employers.filter((e) => fair.employers.some((x) => x.id === e.id))
    if (position) setFields(fieldsOf(position))
    else {
      const org = invited.length === 1 ? invited[0] : null
      setFields((f) => ({ ...f, employerId: org?.id ?? '', countyCode: org?.countyCode ? org.countyCode : f.countyCode }))
    }
    return { data, fair, position, divisions }
  }, [])
  const loaded = form.state.kind === 'ready' ? form.state.data : null

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '编辑岗位' : '添加岗位' })
  }, [])

  usePullDownRefresh(() => {
    // A form being filled in is not thrown away by a pull: only a failed load is retried.
    void (form.state.kind !== 'ready' && form.state.kind !== 'loading' ? form.reload() : Promise.resolve()).finally(() => Taro.stopPullDownRefresh())
  })

  const clientErrors = useMemo(() => (tried ? checkPosition(fields, fairId).errors : {}), [tried, fields, fairId])
  const errorOf = (row: Row) => serverErrors[row] || clientErrors[row] || undefined
  const set = <K extends Row>(key: K, value: Fields[K]) => {
    setFields((f) => ({ ...f, [key]: value }))
    setServerErrors((e) => {
      if (!e[key]) return e
      const rest = { ...e }
      delete rest[key]
      return rest
    })
  }

  /** The form, or what the position was when it can no longer change. */
  const page = ({ data, fair, position, divisions }: Loaded) => {
    const invited = data.employers.filter((e) => fair.employers.some((x) => x.id === e.id))
    const locked = lockedAt(fair)
    const counties = divisions?.counties ?? []
    const countyText = fields.countyCode === null ? '' : fields.countyCode === '' ? '清远市外' : (counties.find((c) => c.code === fields.countyCode)?.name ?? position?.countyName ?? fields.countyCode)

    const save = async () => {
      if (busy) return
      setTried(true)
      const checked = checkPosition(fields, fairId)
      if (!checked.input) {
        const rows = ROWS.filter((r) => checked.errors[r])
        if (rows[0]) scrollToField(rows[0])
        void Taro.showToast({ title: rows.length > 1 ? `还有 ${rows.length} 项需要修改` : '请按提示修改后再保存', icon: 'none' })
        return
      }
      setBusy('save')
      try {
        await call('fair.savePosition', { ...(id ? { id } : {}), ...checked.input })
        markChanged('employer-home')
        void Taro.showToast({ title: id ? '已保存' : '岗位已发布', icon: 'success' })
        setTimeout(() => goBackOr(ROUTES.employer), 700)
      } catch (err) {
        showSaveError(err, rowOfField, (row, message) => setServerErrors((e) => ({ ...e, [row]: message })))
      } finally {
        setBusy('')
      }
    }

    const remove = async () => {
      if (!position || busy) return
      if (position.applicants > 0) {
        void Taro.showModal({ title: '不能删除', content: `已有 ${position.applicants} 人报名该岗位，不能删除；可以修改岗位信息。`, showCancel: false, confirmText: '知道了', confirmColor: '#d93a2b' })
        return
      }
      const { confirm } = await Taro.showModal({ title: '删除岗位', content: `确定删除「${position.title}」？删除后志愿者将看不到这个岗位。`, confirmText: '删除', confirmColor: '#d93a2b' })
      if (!confirm) return
      setBusy('remove')
      try {
        await call('fair.removePosition', { id: position.id })
        markChanged('employer-home')
        void Taro.showToast({ title: '已删除', icon: 'success' })
        setTimeout(() => goBackOr(ROUTES.employer), 700)
      } catch (err) {
        void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
      } finally {
        setBusy('')
      }
    }

    const orgName = invited.find((e) => e.id === fields.employerId)?.name ?? position?.employerName ?? ''

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
          <View className='form-card pos-form__readonly'>
            {[
              ['招聘单位', position.employerName],
              ['岗位名称', position.title],
              ['招聘人数', `${position.openings} 人`],
              ['工作地点', position.place],
              ['所在县区', position.countyCode ? position.countyName : '清远市外'],
              ['月薪', salaryText(position.salaryMinFen, position.salaryMaxFen)],
              ['岗位要求', position.requirements],
              ['联系人', `${position.contactName} ${position.contactPhone}`],
              ['报名人数', `${position.applicants} 人`],
            ].map(([k, v]) => (
              <View key={k} className='form-kv'>
                <Text className='form-kv__key'>{k}</Text>
                <Text className='form-kv__value'>{v}</Text>
              </View>
            ))}
          </View>
        ) : locked ? null : (
          <>
            <View className='form-card'>
              <Text className='form-card__title'>岗位</Text>
              <FormRow field='employerId' label='招聘单位' required error={errorOf('employerId')}>
                {invited.length <= 1 || position ? (
                  <View className='pos-form__org'>
                    <Text className='form-row__readonly'>{orgName || '本单位未受邀参加这场对接会'}</Text>
                    {invited.find((e) => e.id === fields.employerId) && <EmployerTypeTag type={invited.find((e) => e.id === fields.employerId)!.type} className='pos-form__org-type' />}
                  </View>
                ) : (
                  <View className='fair-pills pos-form__orgs'>
                    {invited.map((e) => (
                      <View key={e.id} className={`fair-pill ${fields.employerId === e.id ? 'fair-pill--on' : ''}`} onClick={() => set('employerId', e.id)}>
                        <Text>{e.name}</Text>
                      </View>
                    ))}
                  </View>
                )}
              </FormRow>
              <FormRow field='title' label='岗位名称' required error={errorOf('title')}>
                <TextInput className='pos-form__title' value={fields.title} placeholder='如：乡村振兴项目专员' maxLength={POSITION_TITLE.max} onChange={(v) => set('title', v)} />
              </FormRow>
              <FormRow field='openings' label='招聘人数' required error={errorOf('openings')}>
                <TextInput className='pos-form__openings' type='number' value={fields.openings} placeholder='1' maxLength={String(OPENINGS_RULE.max).length} onChange={(v) => set('openings', v.replace(/\D/g, ''))} />
                <Text className='pos-form__unit'>人</Text>
              </FormRow>
              <FormRow field='place' label='工作地点' required error={errorOf('place')}>
                <TextInput className='pos-form__place' value={fields.place} placeholder='如：清城区凤城街道' maxLength={POSITION_PLACE.max} onChange={(v) => set('place', v)} />
              </FormRow>
              <FormRow
                field='countyCode'
                label='所在县区'
                required
                error={errorOf('countyCode')}
                hint='工作地在清远市内的，录用计入本地就业'
                onClick={() => setCountySheet(true)}
              >
                <View className='pos-form__county'>
                  <PickedValue value={countyText} placeholder='选择工作所在县（市、区）' />
                </View>
              </FormRow>
              <FormRow field='requirements' label='岗位要求' required stacked error={errorOf('requirements')}>
                <View className='pos-form__area'>
                  <Textarea
                    className='fair-textarea pos-form__requirements'
                    value={fields.requirements}
                    placeholder='学历、专业、技能、经验等，如：服务期满志愿者，熟悉农村电商运营'
                    placeholderClass='fair-placeholder'
                    maxlength={POSITION_REQUIREMENTS.max}
                    onInput={(e) => set('requirements', e.detail.value)}
                  />
                  <Text className='pos-form__count'>{fields.requirements.length}/{POSITION_REQUIREMENTS.max}</Text>
                </View>
              </FormRow>
            </View>

            <View className='form-card'>
              <Text className='form-card__title'>
                月薪
                <Text className='form-card__title-note'>单位：元/月，面议请都填 0</Text>
              </Text>
              <FormRow field='salaryMin' label='月薪下限' required error={errorOf('salaryMin')}>
                <Input className='form-input pos-form__salary-min' type='digit' value={fields.salaryMin} placeholder='如 5000' placeholderClass='form-input__placeholder' maxlength={10} onInput={(e) => set('salaryMin', e.detail.value.replace(/[^\d.]/g, ''))} />
                <Text className='pos-form__unit'>元</Text>
              </FormRow>
              <FormRow field='salaryMax' label='月薪上限' required error={errorOf('salaryMax')}>
                <Input className='form-input pos-form__salary-max' type='digit' value={fields.salaryMax} placeholder='如 8000' placeholderClass='form-input__placeholder' maxlength={10} onInput={(e) => set('salaryMax', e.detail.value.replace(/[^\d.]/g, ''))} />
                <Text className='pos-form__unit'>元</Text>
              </FormRow>
            </View>

            <View className='form-card'>
              <Text className='form-card__title'>
                联系方式
                <Text className='form-card__title-note'>报名者可见</Text>
              </Text>
              <FormRow field='contactName' label='联系人' required error={errorOf('contactName')}>
                <TextInput className='pos-form__contact-name' value={fields.contactName} placeholder='如：何经理' maxLength={CONTACT_NAME.max} onChange={(v) => set('contactName', v)} />
              </FormRow>
              <FormRow field='contactPhone' label='联系电话' required error={errorOf('contactPhone')}>
                <TextInput className='pos-form__contact-phone' type='tel' value={fields.contactPhone} placeholder='手机号或 0763-3388123' maxLength={16} onChange={(v) => set('contactPhone', v.trim())} />
              </FormRow>
            </View>

            {position && (
              <View className='pos-form__remove'>
                <Button kind='danger' busy={busy === 'remove'} className='pos-form__delete' onClick={() => void remove()}>
                  删除岗位
                </Button>
                <Text className='form-note'>{position.applicants > 0 ? `已有 ${position.applicants} 人报名，不能删除` : '无人报名的岗位可以删除'}</Text>
              </View>
            )}

            <View className='form-bar'>
              <Button busy={busy === 'save'} className='pos-form__save' onClick={() => void save()}>
                {busy === 'save' ? '正在保存…' : id ? '保存修改' : '发布岗位'}
              </Button>
            </View>
          </>
        )}

        <OptionSheet
          visible={countySheet}
          title='工作所在县（市、区）'
          options={[...counties.map((c) => ({ value: c.code, label: c.name, hint: '清远市 · 计入本地就业' })), { value: '', label: '清远市外', hint: '不计入本地就业' }]}
          value={fields.countyCode ?? 'none'}
          onSelect={(v) => set('countyCode', v)}
          onClose={() => setCountySheet(false)}
        />
      </>
    )
  }

  return (
    <View className={loaded ? `form-page pos-form ${lockedAt(loaded.fair) ? '' : 'form-page--with-bar'}` : 'panel-page'}>
      <PageStates
        state={form.state}
        retry={form.retry}
        denied={{ text: '仅受邀的用人单位可以发布岗位。如需开通，请联系团市委发送用人单位邀请。' }}
        notFound={{ title: '找不到', action: { text: '返回招聘对接', onClick: () => goBackOr(ROUTES.employer) } }}
      >
        {page}
      </PageStates>
    </View>
  )
}
