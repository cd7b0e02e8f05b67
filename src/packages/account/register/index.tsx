// 注册：乡村振兴志愿者（?kind=volunteer，默认）或农村青年（?kind=rural_youth）。
// The form is checked on the phone with the same zod schema the function uses; the function's
// own errors (with a field) land under that field. A draft (never the ID number, never the
// consents) survives leaving the page.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidHide, useRouter, useUnload } from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { idCardFacts, idNumberProblem, maskIdNumber, normalizeIdNumber } from '@contract/personal'
import {
  POLITICAL_STATUSES,
  PRIVACY_VERSION,
  RuralYouthForm,
  SENSITIVE_CONSENT_VERSION,
  SKILLS,
  VolunteerForm,
  type MyRegistration,
  type RegistrationKind,
} from '@contract/registration'
import { TextInput } from '@/components/ui/TextInput'
import { FormRow, PickedValue } from '@/components/ui/FormRow'
import { PlaceSheet } from '@/components/ui/PlaceSheet'
import { Tick } from '@/components/ui/Tick'
import { clearDraft, readDraft, writeDraft } from '@/components/account/drafts'
import { ROUTES } from '@/constants/routes'
import { call, CallError, errorMessage } from '@/services/cloud'
import { scrollToField } from '@/services/navigation'
import { askForNotices } from '@/services/notices'
import { Button } from '@/components/ui/Button'
import { StateView } from '@/components/ui/StateView'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { chineseDate, dateOf, dateTime, today, ymdOf } from '@/components/ui/format'

import './index.scss'

type Counties = OutputOf<'directory.divisions'>['counties']

interface Fields {
  name: string
  idNumber: string
  mobile: string
  countyCode: string
  townshipCode: string
  school: string
  major: string
  graduationYear: number | null
  politicalStatus: string
  skills: string[]
  termStart: string
  termEnd: string
  occupation: string
}

const EMPTY: Fields = {
  name: '',
  idNumber: '',
  mobile: '',
  countyCode: '',
  townshipCode: '',
  school: '',
  major: '',
  graduationYear: null,
  politicalStatus: '',
  skills: [],
  termStart: '',
  termEnd: '',
  occupation: '',
}

/** What a draft keeps: everything but the ID number (and the consents, which are not fields). */
type Draft = Omit<Fields, 'idNumber'> & { savedAt: number }

const MAX_SKILLS = 6

const COPY: Record<RegistrationKind, { title: string; lead: string; place: string; submit: string }> = {
  volunteer: {
    title: '乡村振兴志愿者注册',
    lead: '广东高校毕业生志愿服务乡村振兴行动。提交后由服务镇街所在的县（市、区）团委审核。',
    place: '服务镇街',
    submit: '提交注册',
  },
  rural_youth: {
    title: '农村青年登记',
    lead: '登记后可申请创业贴息贷款、报名岗位对接会和培训。提交后由所在县（市、区）团委审核。',
    place: '所在镇街',
    submit: '提交登记',
  },
}

/** Rows from top to bottom: the first one with an error is scrolled into view. */
const FIELD_ORDER = [
  'name',
  'idNumber',
  'mobile',
  'townshipCode',
  'termStart',
  'termEnd',
  'school',
  'major',
  'graduationYear',
  'politicalStatus',
  'skills',
  'occupation',
  'privacyVersion',
  'sensitiveVersion',
]

const LABELS: Record<string, string> = {
  name: '姓名',
  idNumber: '身份证号',
  mobile: '手机号',
  school: '毕业院校',
  major: '所学专业',
  occupation: '从事的行业或项目',
}

/** Contract fields shown in another row: the ID's derived facts, the county with its township. */
const ROW_OF: Record<string, string> = { gender: 'idNumber', birthDate: 'idNumber', countyCode: 'townshipCode' }
const rowOf = (field: string) => ROW_OF[field] ?? field

type Errors = Record<string, string>

function input(kind: RegistrationKind, f: Fields, consents: { privacy: boolean; sensitive: boolean }) {
  const id = normalizeIdNumber(f.idNumber)
  const facts = idNumberProblem(id, today()) ? null : idCardFacts(id)
  const base = {
    name: f.name,
    idNumber: f.idNumber,
    mobile: f.mobile,
    countyCode: f.countyCode || undefined,
    townshipCode: f.townshipCode || undefined,
    ...(facts ? { gender: facts.gender, birthDate: facts.birthDate } : {}),
    // Sent only when the box is ticked: the consent is the user's, not a default.
    privacyVersion: consents.privacy ? PRIVACY_VERSION : undefined,
    sensitiveVersion: consents.sensitive ? SENSITIVE_CONSENT_VERSION : undefined,
  }
  if (kind === 'rural_youth') return { ...base, occupation: f.occupation }
  return {
    ...base,
    school: f.school,
    major: f.major,
    graduationYear: f.graduationYear ?? undefined,
    politicalStatus: f.politicalStatus || undefined,
    skills: f.skills,
    termStart: f.termStart || undefined,
    termEnd: f.termEnd || undefined,
  }
}

type Checked = { ok: true; kind: 'volunteer'; data: VolunteerForm } | { ok: true; kind: 'rural_youth'; data: RuralYouthForm } | { ok: false; errors: Errors }

const submitVolunteer = (data: VolunteerForm) => call('registration.submitVolunteer', data)
const submitRuralYouth = (data: RuralYouthForm) => call('registration.submitRuralYouth', data)

/** The same check the function runs, as inline errors per row. */
function check(kind: RegistrationKind, f: Fields, consents: { privacy: boolean; sensitive: boolean }): Checked {
  const raw = input(kind, f, consents)
  const result = kind === 'volunteer' ? VolunteerForm.safeParse(raw) : RuralYouthForm.safeParse(raw)
  if (result.success) {
    return kind === 'volunteer' ? { ok: true, kind, data: result.data as VolunteerForm } : { ok: true, kind, data: result.data as RuralYouthForm }
  }
  const errors: Errors = {}
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '')
    const row = rowOf(field)
    if (!row || errors[row]) continue
    const value = (f as unknown as Record<string, unknown>)[field]
    // The county is chosen with the township, in the township's row: one request, in the row's words.
    if (row === 'townshipCode' && !f.townshipCode) errors[row] = `请选择${COPY[kind].place}`
    else errors[row] = typeof value === 'string' && value.trim() === '' && LABELS[field] ? `请填写${LABELS[field]}` : issue.message
  }
  return { ok: false, errors }
}

function fromRegistration(r: MyRegistration): Fields {
  return {
    name: r.name,
    idNumber: r.idNumber,
    mobile: r.mobile,
    countyCode: r.countyCode,
    townshipCode: r.townshipCode,
    school: r.school,
    major: r.major,
    graduationYear: r.graduationYear,
    politicalStatus: r.politicalStatus,
    skills: r.skills,
    termStart: r.termStart,
    termEnd: r.termEnd,
    occupation: r.occupation,
  }
}

/** Keeps the form on the phone: never the ID number (and the consents are not part of Fields). */
function keepDraft(kind: RegistrationKind, f: Fields) {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { idNumber, ...rest } = f
  writeDraft(kind, rest)
}

const backToMine = () => void Taro.switchTab({ url: ROUTES.mine })

/** What the page found: the caller's registration of this kind (if any), and whether a draft was restored over it. */
interface Loaded {
  existing: MyRegistration | null
  restored: boolean
}

export default function Register() {
  const router = useRouter()
  const kind: RegistrationKind = router.params.kind === 'rural_youth' ? 'rural_youth' : 'volunteer'
  const copy = COPY[kind]

  const [done, setDone] = useState<MyRegistration | null>(null)
  const [counties, setCounties] = useState<Counties>([])
  const [fields, setFields] = useState<Fields>(EMPTY)
  const [privacy, setPrivacy] = useState(false)
  const [sensitive, setSensitive] = useState(false)
  const [tried, setTried] = useState(false)
  const [serverErrors, setServerErrors] = useState<Errors>({})
  const [idBlurred, setIdBlurred] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const [placeOpen, setPlaceOpen] = useState(false)
  const dirty = useRef(false)
  const fieldsRef = useRef(fields)
  fieldsRef.current = fields

  const { state, retry, setData } = usePageState<Loaded>(async () => {
    const [mine, divisions] = await Promise.all([call('registration.mine', { revealId: true }), call('directory.divisions', {})])
    setCounties(divisions.counties)
    const reg = kind === 'volunteer' ? mine.volunteer : mine.ruralYouth
    if (reg?.status === 'approved') return { existing: reg, restored: false }
    let next = reg ? fromRegistration(reg) : EMPTY
    const draft = readDraft<Draft>(kind)
    const restored = !!draft && (!reg || draft.savedAt > Date.parse(reg.submittedAt))
    if (draft && restored) {
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      const { savedAt, ...kept } = draft
      next = { ...next, ...kept, idNumber: next.idNumber }
    }
    setFields(next)
    return { existing: reg, restored }
  }, [kind])
  const loaded = state.kind === 'ready' ? state.data : null
  const approved = loaded?.existing?.status === 'approved'
  const editing = !!loaded && !approved && !done

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: kind === 'volunteer' ? '志愿者注册' : '农村青年登记' })
  }, [kind])

  // Keep a draft while typing (debounced) and when the page goes away.
  useEffect(() => {
    if (!dirty.current || !editing) return
    const t = setTimeout(() => keepDraft(kind, fields), 400)
    return () => clearTimeout(t)
  }, [fields, kind, editing])
  const flushDraft = () => {
    if (dirty.current) keepDraft(kind, fieldsRef.current)
  }
  useDidHide(flushDraft)
  useUnload(flushDraft)

  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => {
    dirty.current = true
    setFields((f) => ({ ...f, [key]: value }))
    setServerErrors((e) => {
      const row = rowOf(key)
      if (!e[row]) return e
      const rest = { ...e }
      delete rest[row]
      return rest
    })
  }

  const consents = { privacy, sensitive }
  const clientErrors = useMemo(() => {
    if (!tried) return {}
    const r = check(kind, fields, consents)
    return r.ok ? {} : r.errors
  }, [tried, kind, fields, privacy, sensitive])

  // The ID number is checked as soon as it is complete (or left), before any submit.
  const id = normalizeIdNumber(fields.idNumber)
  const idProblem = id ? idNumberProblem(id, today()) : null
  const facts = id && !idProblem ? idCardFacts(id) : null
  const idEarly = idProblem && (id.length >= 18 || idBlurred) ? idProblem : ''

  const errorOf = (row: string): string | undefined => serverErrors[row] || clientErrors[row] || (row === 'idNumber' ? idEarly || undefined : undefined)

  const county = counties.find((c) => c.code === fields.countyCode)
  const township = county?.townships.find((t) => t.code === fields.townshipCode)

  const thisYear = Number(today().slice(0, 4))
  // Graduation years, newest first: next year back to 1990 (the contract's bounds).
  const years = useMemo(() => Array.from({ length: thisYear + 1 - 1990 + 1 }, (_, i) => thisYear + 1 - i), [thisYear])
  const yearLabels = useMemo(() => years.map((y) => `${y}年`), [years])
  const politicalStatuses: string[] = [...POLITICAL_STATUSES]

  const toggleSkill = (skill: string) => {
    const on = fields.skills.includes(skill)
    if (!on && fields.skills.length >= MAX_SKILLS) {
      void Taro.showToast({ title: `特长最多选 ${MAX_SKILLS} 项`, icon: 'none' })
      return
    }
    set(
      'skills',
      on ? fields.skills.filter((s) => s !== skill) : SKILLS.filter((s) => s === skill || fields.skills.includes(s)),
    )
  }

  const submit = async () => {
    if (submitting) return
    setTried(true)
    const checked = check(kind, fields, consents)
    if (!checked.ok) {
      const rows = FIELD_ORDER.filter((r) => checked.errors[r])
      if (rows[0]) scrollToField(rows[0])
      void Taro.showToast({ title: rows.length > 1 ? `还有 ${rows.length} 项需要修改` : '请按提示修改后再提交', icon: 'none' })
      return
    }
    const asked = askForNotices(['review'])
    setSubmitting(true)
    try {
      await asked
      const reg = checked.kind === 'volunteer' ? await submitVolunteer(checked.data) : await submitRuralYouth(checked.data)
      dirty.current = false
      clearDraft(kind)
      setDone(reg)
      void Taro.showToast({ title: '提交成功', icon: 'success' })
    } catch (err) {
      if (err instanceof CallError && err.field && FIELD_ORDER.includes(rowOf(err.field.split('.')[0]))) {
        const row = rowOf(err.field.split('.')[0])
        setServerErrors((e) => ({ ...e, [row]: err.message }))
        scrollToField(row)
      } else {
        void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
      }
    } finally {
      setSubmitting(false)
    }
  }

  const discardDraft = () => {
    clearDraft(kind)
    dirty.current = false
    setFields(loaded?.existing ? fromRegistration(loaded.existing) : EMPTY)
    setData((d) => ({ ...d, restored: false }))
  }

  if (done) {
    return (
      <View className='form-page register'>
        <StateView
          tone='ok'
          title='已提交，等待县（市、区）团委审核'
          desc={`${done.countyName}团委会尽快审核，结果会通过微信服务通知告诉你，也可以在「我的」页面查看。审核通过前，你仍可修改后重新提交。`}
        >
          <Button className='register__back' onClick={backToMine}>
            返回我的
          </Button>
        </StateView>
      </View>
    )
  }

  const volunteer = kind === 'volunteer'

  return (
    <View className={`form-page register${editing ? ' form-page--with-bar' : ''}`}>
      <PageStates state={state} retry={retry}>
        {({ existing, restored }) =>
          existing?.status === 'approved' ? (
            <Approved reg={existing} title={copy.title} />
          ) : (
            <>
              {existing?.status === 'rejected' && (
                <View className='form-banner form-banner--rejected register__status' data-status='rejected'>
                  <View className='form-banner__icon'>
                    <Text className='form-banner__icon-text'>!</Text>
                  </View>
                  <View className='form-banner__main'>
                    <Text className='form-banner__title'>未通过审核</Text>
                    <Text className='form-banner__reason'>{existing.rejectReason || '县（市、区）团委未填写原因'}</Text>
                    <Text className='form-banner__text'>请根据意见修改下面的信息，然后点「修改后重新提交」。</Text>
                  </View>
                </View>
              )}
              {existing?.status === 'pending' && (
                <View className='form-banner form-banner--pending register__status' data-status='pending'>
                  <View className='form-banner__icon'>
                    <Text className='form-banner__icon-text'>…</Text>
                  </View>
                  <View className='form-banner__main'>
                    <Text className='form-banner__title'>待审核</Text>
                    <Text className='form-banner__text'>
                      已于 {dateTime(existing.submittedAt)} 提交，{existing.countyName}团委审核前，你可以更正信息后重新提交。
                    </Text>
                  </View>
                </View>
              )}

              {!existing && (
                <View className='register__hero'>
                  <Text className='register__title'>{copy.title}</Text>
                  <Text className='register__lead'>{copy.lead}</Text>
                </View>
              )}

              {restored && (
                <View className='form-banner form-banner--info register__draft'>
                  <View className='form-banner__main'>
                    <Text className='form-banner__text'>已恢复你上次未提交的内容{existing ? '' : '（身份证号需重新填写）'}。</Text>
                  </View>
                  <Text className='register__draft-clear' onClick={discardDraft}>
                    清空
                  </Text>
                </View>
              )}

              <View className='form-card'>
                <Text className='form-card__title'>基本信息</Text>
                <FormRow field='name' label='姓名' required error={errorOf('name')}>
                  <TextInput value={fields.name} placeholder='与身份证一致' maxLength={20} onChange={(v) => set('name', v)} />
                </FormRow>
                <FormRow
                  field='idNumber'
                  label='身份证号'
                  required
                  error={errorOf('idNumber')}
                  hint={!errorOf('idNumber') && !facts ? '18 位，用于核验身份，加密保存' : undefined}
                >
                  <TextInput
                    type={process.env.TARO_ENV === 'weapp' ? 'idcard' : 'text'}
                    value={fields.idNumber}
                    placeholder='18 位居民身份证号'
                    maxLength={18}
                    onChange={(v) => set('idNumber', v)}
                    onBlur={() => setIdBlurred(true)}
                  />
                </FormRow>
                {/* Asked of everyone new, not after a refusal: the answer must not tell whether an ID is registered. */}
                {!existing && (
                  <View className='register__taken'>
                    <Text>换了微信号？</Text>
                    <Text className='form-row__link' onClick={() => void Taro.navigateTo({ url: ROUTES.takeover })}>
                      通过「更换微信账号」找回原来的记录
                    </Text>
                  </View>
                )}
                {facts && (
                  <>
                    <FormRow field='gender' label='性别'>
                      <Text className='form-row__readonly register__gender'>{facts.gender === 'male' ? '男' : '女'}</Text>
                    </FormRow>
                    <FormRow field='birthDate' label='出生日期' hint='由身份证号自动识别'>
                      <Text className='form-row__readonly register__birth'>{chineseDate(facts.birthDate)}</Text>
                    </FormRow>
                  </>
                )}
                <FormRow field='mobile' label='手机号' required error={errorOf('mobile')}>
                  <TextInput
                    type='tel'
                    value={fields.mobile}
                    placeholder='11 位手机号'
                    maxLength={11}
                    onChange={(v) => set('mobile', v.replace(/\D/g, ''))}
                  />
                </FormRow>
                <FormRow field='townshipCode' label={copy.place} required error={errorOf('townshipCode')} onClick={() => setPlaceOpen(true)}>
                  <PickedValue value={county && township ? `${county.name} · ${township.name}` : ''} placeholder='选择县（市、区）和镇街' />
                </FormRow>
                {volunteer && (
                  <>
                    <Picker mode='date' value={fields.termStart || today()} start='2015-01-01' end={`${thisYear + 2}-12-31`} onChange={(e) => set('termStart', e.detail.value)}>
                      <FormRow field='termStart' label='服务开始' required arrow error={errorOf('termStart')}>
                        <PickedValue value={fields.termStart ? chineseDate(fields.termStart) : ''} placeholder='选择日期' />
                      </FormRow>
                    </Picker>
                    <Picker
                      mode='date'
                      value={fields.termEnd || defaultTermEnd(fields.termStart)}
                      start={fields.termStart || '2015-01-01'}
                      end={`${thisYear + 6}-12-31`}
                      onChange={(e) => set('termEnd', e.detail.value)}
                    >
                      <FormRow field='termEnd' label='服务结束' required arrow error={errorOf('termEnd')}>
                        <PickedValue value={fields.termEnd ? chineseDate(fields.termEnd) : ''} placeholder='选择日期' />
                      </FormRow>
                    </Picker>
                  </>
                )}
                {!volunteer && (
                  <FormRow field='occupation' label='从事的行业或项目' required stacked error={errorOf('occupation')}>
                    <View className='register__textarea'>
                      <Textarea
                        className='register__textarea-input'
                        value={fields.occupation}
                        placeholder='例如：英德红茶种植与电商销售'
                        placeholderClass='register__textarea-placeholder'
                        maxlength={60}
                        autoHeight
                        onInput={(e) => set('occupation', e.detail.value)}
                      />
                      <Text className='register__count'>{fields.occupation.length}/60</Text>
                    </View>
                  </FormRow>
                )}
              </View>

              {volunteer && (
                <View className='form-card'>
                  <Text className='form-card__title'>教育背景</Text>
                  <FormRow field='school' label='毕业院校' required error={errorOf('school')}>
                    <TextInput value={fields.school} placeholder='例如：华南农业大学' maxLength={40} onChange={(v) => set('school', v)} />
                  </FormRow>
                  <FormRow field='major' label='所学专业' required error={errorOf('major')}>
                    <TextInput value={fields.major} placeholder='例如：农村区域发展' maxLength={40} onChange={(v) => set('major', v)} />
                  </FormRow>
                  <Picker
                    mode='selector'
                    range={yearLabels}
                    value={Math.max(0, years.indexOf(fields.graduationYear ?? thisYear))}
                    onChange={(e) => set('graduationYear', years[Number(e.detail.value)])}
                  >
                    <FormRow field='graduationYear' label='毕业年份' required arrow error={errorOf('graduationYear')}>
                      <PickedValue value={fields.graduationYear ? `${fields.graduationYear}年` : ''} placeholder='选择年份' />
                    </FormRow>
                  </Picker>
                  <Picker
                    mode='selector'
                    range={politicalStatuses}
                    value={Math.max(0, politicalStatuses.indexOf(fields.politicalStatus || '共青团员'))}
                    onChange={(e) => set('politicalStatus', politicalStatuses[Number(e.detail.value)])}
                  >
                    <FormRow field='politicalStatus' label='政治面貌' required arrow error={errorOf('politicalStatus')}>
                      <PickedValue value={fields.politicalStatus} placeholder='请选择' />
                    </FormRow>
                  </Picker>
                </View>
              )}

              {volunteer && (
                <View className='form-card'>
                  <Text className='form-card__title'>
                    特长
                    <Text className='form-card__title-note'>
                      已选 {fields.skills.length}/{MAX_SKILLS}
                    </Text>
                  </Text>
                  <FormRow field='skills' label='' stacked error={errorOf('skills')} hint='选择 1–6 项，便于镇街安排合适的服务'>
                    <View className='register__chips'>
                      {SKILLS.map((s) => {
                        const on = fields.skills.includes(s)
                        return (
                          <View key={s} className={`register__chip${on ? ' register__chip--on' : ''}`} data-skill={s} onClick={() => toggleSkill(s)}>
                            <Text>{s}</Text>
                          </View>
                        )
                      })}
                    </View>
                  </FormRow>
                </View>
              )}

              <View className='form-card register__consents'>
                <Text className='form-card__title'>授权与同意</Text>
                <Consent
                  field='privacyVersion'
                  checked={privacy}
                  error={errorOf('privacyVersion')}
                  onChange={(v) => {
                    setPrivacy(v)
                    setServerErrors((e) => ({ ...e, privacyVersion: '' }))
                  }}
                >
                  我已阅读并同意
                  <Text
                    className='register__link'
                    onClick={(e) => {
                      e.stopPropagation()
                      void Taro.navigateTo({ url: ROUTES.privacy })
                    }}
                  >
                    《乡青汇隐私政策》
                  </Text>
                </Consent>
                <Consent
                  field='sensitiveVersion'
                  checked={sensitive}
                  error={errorOf('sensitiveVersion')}
                  onChange={(v) => {
                    setSensitive(v)
                    setServerErrors((e) => ({ ...e, sensitiveVersion: '' }))
                  }}
                >
                  我单独同意乡青汇处理我的
                  <Text className='register__strong'>身份证号（敏感个人信息）</Text>
                  ，仅用于核验身份和防止重复注册；加密保存，除我本人和负责审核的县（市、区）团委外，其他人只能看到脱敏号码。
                </Consent>
              </View>

              <View className='form-bar'>
                <Button busy={submitting} className='register__submit' onClick={() => void submit()}>
                  {submitting ? '正在提交…' : existing?.status === 'rejected' ? '修改后重新提交' : existing ? '更正后重新提交' : copy.submit}
                </Button>
              </View>

              <PlaceSheet
                visible={placeOpen}
                title={`选择${copy.place}`}
                counties={counties}
                countyCode={fields.countyCode}
                townshipCode={fields.townshipCode}
                onClose={() => setPlaceOpen(false)}
                onChoose={(c, t) => {
                  dirty.current = true
                  setFields((f) => ({ ...f, countyCode: c, townshipCode: t }))
                  setServerErrors((e) => ({ ...e, townshipCode: '' }))
                  setPlaceOpen(false)
                }}
              />
            </>
          )
        }
      </PageStates>
    </View>
  )
}

/** An approved registration: read only, changed through the county league. */
function Approved({ reg: r, title }: { reg: MyRegistration; title: string }) {
  return (
    <>
      <View className='form-banner form-banner--approved'>
        <View className='form-banner__icon'>
          <Text className='form-banner__icon-text'>✓</Text>
        </View>
        <View className='form-banner__main'>
          <Text className='form-banner__title'>注册已通过审核</Text>
          <Text className='form-banner__text'>
            {r.reviewedAt ? `${dateTime(r.reviewedAt)} 通过。` : ''}如需修改信息，请联系{r.countyName}团委。
          </Text>
        </View>
      </View>
      <View className='form-card'>
        <Text className='form-card__title'>{title}</Text>
        <Summary reg={r} />
      </View>
      <Button kind='outline' className='register__back' onClick={backToMine}>
        返回我的
      </Button>
    </>
  )
}

/** A term usually lasts two years: offer the day before the same date two years on. */
function defaultTermEnd(start: string): string {
  if (!start) return today()
  const d = dateOf(start)
  d.setFullYear(d.getFullYear() + 2)
  d.setDate(d.getDate() - 1)
  return ymdOf(d)
}

function Consent({ field, checked, error, onChange, children }: { field: string; checked: boolean; error?: string; onChange: (v: boolean) => void; children: ReactNode }) {
  return (
    <View id={`field-${field}`} data-field={field} className={`register__consent${error ? ' register__consent--invalid' : ''}`}>
      <View className='register__consent-line' onClick={() => onChange(!checked)}>
        <Tick on={checked} className='register__tick' />
        <Text className='register__consent-text'>{children}</Text>
      </View>
      {error && (
        <View className='form-row__error register__consent-error' data-error-for={field}>
          <Text className='form-row__error-dot'>!</Text>
          <Text className='form-row__error-text'>{error}</Text>
        </View>
      )}
    </View>
  )
}

/** 2026-07-01 → 2026.07.01 (compact, for the summary) */
const dotted = (ymd: string) => ymd.replace(/-/g, '.')

function Summary({ reg }: { reg: MyRegistration }) {
  const rows: [string, string][] = [
    ['姓名', reg.name],
    ['身份证号', maskIdNumber(reg.idNumber)],
    ['性别', reg.gender === 'male' ? '男' : '女'],
    ['出生日期', chineseDate(reg.birthDate)],
    ['手机号', reg.mobile],
    [reg.kind === 'volunteer' ? '服务镇街' : '所在镇街', `${reg.countyName} · ${reg.townshipName}`],
  ]
  if (reg.kind === 'volunteer') {
    rows.push(
      ['服务期', `${dotted(reg.termStart)} – ${dotted(reg.termEnd)}`],
      ['毕业院校', reg.school],
      ['所学专业', reg.major],
      ['毕业年份', reg.graduationYear ? `${reg.graduationYear}年` : ''],
      ['政治面貌', reg.politicalStatus],
      ['特长', reg.skills.join('、')],
    )
  } else {
    rows.push(['行业或项目', reg.occupation])
  }
  return (
    <View className='register__summary'>
      {rows.map(([k, v]) => (
        <View key={k} className='form-kv'>
          <Text className='form-kv__key'>{k}</Text>
          <Text className='form-kv__value'>{v || '—'}</Text>
        </View>
      ))}
    </View>
  )
}
