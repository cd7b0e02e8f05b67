// The registration form's sections, top to bottom: where the registration stands, the basic
// information (with the term, or the rural youth's line of work), education, skills.
import { useMemo } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import { TextRow } from '@/components/ui/CountedTextarea'
import Taro from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { idCardFacts, idNumberProblem, normalizeIdNumber } from '@contract/personal'
import { POLITICAL_STATUSES, SKILLS, type MyRegistration } from '@contract/registration'
import { TextInput } from '@/components/ui/TextInput'
import { FormRow, PickedValue } from '@/components/ui/FormRow'
import { FormBanner } from '@/components/account/FormBanner'
import { IdNumberInput } from '@/components/account/IdNumberInput'
import { ROUTES } from '@/constants/routes'
import { chineseDate, dateTime, today } from '@/components/ui/format'
import { COPY, defaultTermEnd, MAX_SKILLS, type Fields, type Row } from './form'

type Counties = OutputOf<'directory.divisions'>['counties']
type Copy = (typeof COPY)[keyof typeof COPY]

export interface SectionProps {
  fields: Fields
  set: <K extends keyof Fields>(key: K, value: Fields[K]) => void
  errorOf: (row: Row) => string | undefined
}

/** The ID number's facts once it is a valid number (shown read-only under it). */
export function idFacts(idNumber: string) {
  const id = normalizeIdNumber(idNumber)
  const problem = id ? idNumberProblem(id, today()) : null
  return { id, problem, facts: id && !problem ? idCardFacts(id) : null }
}

/** Above the form: the review's answer so far, or the page's lead; a restored draft. */
export function Intro({ existing, restored, copy, onDiscard }: { existing: MyRegistration | null; restored: boolean; copy: Copy; onDiscard: () => void }) {
  return (
    <>
      {existing?.status === 'rejected' && (
        <FormBanner tone='rejected' className='register__status' status='rejected' title='未通过审核' reason={existing.rejectReason || '县（市、区）团委未填写原因'} text='请根据意见修改下面的信息，然后点「修改后重新提交」。' />
      )}
      {existing?.status === 'pending' && (
        <FormBanner tone='pending' className='register__status' status='pending' title='待审核' text={`已于 ${dateTime(existing.submittedAt)} 提交，${existing.countyName}团委审核前，你可以更正信息后重新提交。`} />
      )}
      {!existing && (
        <View className='register__hero'>
          <Text className='register__title'>{copy.title}</Text>
          <Text className='register__lead'>{copy.lead}</Text>
        </View>
      )}
      {restored && (
        <FormBanner tone='info' className='register__draft' text={`已恢复你上次未提交的内容${existing ? '' : '（身份证号需重新填写）'}。`}>
          <Text className='register__draft-clear' onClick={onDiscard}>
            清空
          </Text>
        </FormBanner>
      )}
    </>
  )
}

interface BasicProps extends SectionProps {
  copy: Copy
  volunteer: boolean
  /** A first registration: offer the way back to a record kept under another WeChat account. */
  first: boolean
  counties: Counties
  onIdBlur: () => void
  onPlace: () => void
}

export function BasicCard({ fields, set, errorOf, copy, volunteer, first, counties, onIdBlur, onPlace }: BasicProps) {
  const { facts } = idFacts(fields.idNumber)
  const county = counties.find((c) => c.code === fields.countyCode)
  const township = county?.townships.find((t) => t.code === fields.townshipCode)
  return (
    <View className='form-card'>
      <Text className='form-card__title'>基本信息</Text>
      <FormRow field='name' label='姓名' required error={errorOf('name')}>
        <TextInput value={fields.name} placeholder='与身份证一致' maxLength={20} onChange={(v) => set('name', v)} />
      </FormRow>
      <FormRow field='idNumber' label='身份证号' required error={errorOf('idNumber')} hint={!errorOf('idNumber') && !facts ? '18 位，用于核验身份，加密保存' : undefined}>
        <IdNumberInput value={fields.idNumber} onChange={(v) => set('idNumber', v)} onBlur={onIdBlur} />
      </FormRow>
      {/* Asked of everyone new, not after a refusal: the answer must not tell whether an ID is registered. */}
      {first && (
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
        <TextInput type='tel' value={fields.mobile} placeholder='11 位手机号' maxLength={11} onChange={(v) => set('mobile', v.replace(/\D/g, ''))} />
      </FormRow>
      <FormRow field='townshipCode' label={copy.place} required error={errorOf('townshipCode')} onClick={onPlace}>
        <PickedValue value={county && township ? `${county.name} · ${township.name}` : ''} placeholder='选择县（市、区）和镇街' />
      </FormRow>
      {volunteer ? <TermRows fields={fields} set={set} errorOf={errorOf} /> : <OccupationRow fields={fields} set={set} errorOf={errorOf} />}
    </View>
  )
}

const thisYear = () => Number(today().slice(0, 4))

function TermRows({ fields, set, errorOf }: SectionProps) {
  const year = thisYear()
  return (
    <>
      <Picker mode='date' value={fields.termStart || today()} start='2015-01-01' end={`${year + 2}-12-31`} onChange={(e) => set('termStart', e.detail.value)}>
        <FormRow field='termStart' label='服务开始' required arrow error={errorOf('termStart')}>
          <PickedValue value={fields.termStart ? chineseDate(fields.termStart) : ''} placeholder='选择日期' />
        </FormRow>
      </Picker>
      <Picker
        mode='date'
        value={fields.termEnd || defaultTermEnd(fields.termStart)}
        start={fields.termStart || '2015-01-01'}
        end={`${year + 6}-12-31`}
        onChange={(e) => set('termEnd', e.detail.value)}
      >
        <FormRow field='termEnd' label='服务结束' required arrow error={errorOf('termEnd')}>
          <PickedValue value={fields.termEnd ? chineseDate(fields.termEnd) : ''} placeholder='选择日期' />
        </FormRow>
      </Picker>
    </>
  )
}

function OccupationRow({ fields, set, errorOf }: SectionProps) {
  return (
    <TextRow field='occupation' label='从事的行业或项目' required error={errorOf('occupation')} block='register' value={fields.occupation} placeholder='例如：英德红茶种植与电商销售' maxLength={60} autoHeight onChange={(v) => set('occupation', v)} />
  )
}

const politicalStatuses: string[] = [...POLITICAL_STATUSES]

export function EducationCard({ fields, set, errorOf }: SectionProps) {
  const year = thisYear()
  // Graduation years, newest first: next year back to 1990 (the contract's bounds).
  const years = useMemo(() => Array.from({ length: year + 1 - 1990 + 1 }, (_, i) => year + 1 - i), [year])
  const yearLabels = useMemo(() => years.map((y) => `${y}年`), [years])
  return (
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
        value={Math.max(0, years.indexOf(fields.graduationYear ?? year))}
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
  )
}

export function SkillsCard({ fields, errorOf, onToggle }: Omit<SectionProps, 'set'> & { onToggle: (skill: string) => void }) {
  return (
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
              <View key={s} className={`register__chip${on ? ' register__chip--on' : ''}`} data-skill={s} onClick={() => onToggle(s)}>
                <Text>{s}</Text>
              </View>
            )
          })}
        </View>
      </FormRow>
    </View>
  )
}
