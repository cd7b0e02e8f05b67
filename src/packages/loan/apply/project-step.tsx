// Step 2 of the application: the project (type, name, place, description, what it brings) and
// the applicant's 户籍所在地: one of the two must be in the city; a project outside it is
// described in words and reviewed by the 户籍's county.
import { useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import { OUTSIDE_CITY, PLACE_RULE } from '@contract/loan-rules'
import { PROJECT_TYPE_LABELS, PROJECT_TYPES } from '@contract/vocabulary'
import { Chips, Field, Stepper } from '@/components/loan/ui'
import { PlacePanes } from '@/components/ui/PlacePanes'
import { Sheet } from '@/components/ui/Sheet'
import type { Counties } from './draft'
import { TextRow } from './text-row'
import type { LoanDraft } from './use-draft'

/** The county and township a township code is in ('county · township' when both are known), or 清远市外. */
export function placeOf(counties: Counties, townshipCode: string): string {
  if (townshipCode === OUTSIDE_CITY) return '清远市外'
  const county = counties.find((c) => c.townships.some((t) => t.code === townshipCode))
  const township = county?.townships.find((t) => t.code === townshipCode)
  return county && township ? `${county.name} · ${township.name}` : ''
}

export function ProjectStep({ draft, counties }: { draft: LoanDraft; counties: Counties }) {
  const { fields, set, touch, errorOf } = draft
  const [picking, setPicking] = useState<'' | 'project' | 'household'>('')
  const place = placeOf(counties, fields.townshipCode)
  const household = placeOf(counties, fields.household)
  const outside = fields.townshipCode === OUTSIDE_CITY
  const householdCounty = counties.find((c) => c.townships.some((t) => t.code === fields.household))?.name
  return (
    <>
      <View className='ln-form apply__form'>
        <View className='ln-form__title'>
          <Text>创业项目</Text>
          <Text className='ln-form__sub'>审核人员主要依据这些信息评估项目</Text>
        </View>
        <Field field='project.type' label='项目类型' required error={errorOf('project.type')}>
          <Chips
            className='apply__types'
            options={PROJECT_TYPES.map((t) => ({ value: t, label: PROJECT_TYPE_LABELS[t] }))}
            value={fields.type}
            onChange={(v) => {
              set('type', v, 'project.type')
              touch('project.type')
            }}
          />
        </Field>
        <TextRow draft={draft} name='title' field='project.title' label='项目名称' required className='apply__title' placeholder='例如 凤城砂糖橘电商直播' maxLength={40} />
        <Field field='householdTownshipCode' label='户籍所在地' required error={errorOf('householdTownshipCode')} hint={PLACE_RULE}>
          <View className='ln-field__box apply__household' hoverClass='ln-pressed' onClick={() => setPicking('household')}>
            <Text className={`ln-field__pick${household ? '' : ' ln-field__pick--empty'}`}>{household || '选择户籍所在镇街，或清远市外'}</Text>
            <Text className='ln-field__arrow'>›</Text>
          </View>
        </Field>
        <Field
          field='project.townshipCode'
          label='项目所在镇街'
          required
          error={errorOf('project.townshipCode')}
          hint={outside ? `项目在清远市外：由户籍所在${householdCounty ? `的${householdCounty}` : '县（市、区）'}团委审核` : '由项目所在县（市、区）团委审核；户籍在清远市内的，项目也可在市外'}
        >
          <View className='ln-field__box apply__place' hoverClass='ln-pressed' onClick={() => setPicking('project')}>
            <Text className={`ln-field__pick${place ? '' : ' ln-field__pick--empty'}`}>{place || '选择县（市、区）和镇街'}</Text>
            <Text className='ln-field__arrow'>›</Text>
          </View>
        </Field>
        {outside && <TextRow draft={draft} name='outsidePlace' field='project.outsidePlace' label='所在省市县' required className='apply__outside-place' placeholder='例如 广东省广州市从化区' maxLength={40} />}
        <TextRow draft={draft} name='address' field='project.address' label='详细地址' required className='apply__address' placeholder='村、组或门牌' maxLength={80} />
        <Field field='project.description' label='项目简介' required aside={`${fields.description.trim().length}/1000`} error={errorOf('project.description')} hint='至少 20 个字：做什么、投入多少、怎么经营、怎么带动村民'>
          <Textarea
            className='ln-field__textarea apply__description'
            value={fields.description}
            placeholder='例如：建设产地直播间与冷链分拣点，带动周边果农通过电商销售砂糖橘……'
            placeholderClass='ln-placeholder'
            maxlength={1000}
            onInput={(e) => set('description', e.detail.value, 'project.description')}
            onBlur={() => touch('project.description')}
          />
        </Field>
        <Field field='project.jobsCreated' label='带动就业' required aside='人' error={errorOf('project.jobsCreated')}>
          <Stepper
            className='apply__jobs'
            value={fields.jobs}
            onChange={(n) => {
              set('jobs', n, 'project.jobsCreated')
              touch('project.jobsCreated')
            }}
          />
        </Field>
        <Field field='project.householdsHelped' label='帮扶困难户' required aside='户' error={errorOf('project.householdsHelped')} hint='项目带动增收的低收入、困难家庭户数'>
          <Stepper
            className='apply__households'
            value={fields.households}
            onChange={(n) => {
              set('households', n, 'project.householdsHelped')
              touch('project.householdsHelped')
            }}
          />
        </Field>
      </View>
      <PlaceSheet
        visible={picking !== ''}
        title={picking === 'household' ? '户籍所在地' : '项目所在镇街'}
        counties={counties}
        townshipCode={picking === 'household' ? fields.household : fields.townshipCode}
        onClose={() => setPicking('')}
        onChoose={(code) => {
          if (picking === 'household') {
            set('household', code, 'householdTownshipCode')
            touch('householdTownshipCode')
          } else {
            set('townshipCode', code, 'project.townshipCode')
            touch('project.townshipCode')
          }
          setPicking('')
        }}
      />
    </>
  )
}

/** 清远市外 on top, then county on the left and its townships on the right; choosing closes it. */
function PlaceSheet({ visible, title, counties, townshipCode, onClose, onChoose }: { visible: boolean; title: string; counties: Counties; townshipCode: string; onClose: () => void; onChoose: (code: string) => void }) {
  const countyCode = counties.find((c) => c.townships.some((t) => t.code === townshipCode))?.code ?? ''
  const outside = townshipCode === OUTSIDE_CITY
  return (
    <Sheet visible={visible} title={title} note='不在清远市的，选「清远市外」' onClose={onClose}>
      <View className={`apply__outside${outside ? ' apply__outside--on' : ''}`} hoverClass='ln-pressed' onClick={() => onChoose(OUTSIDE_CITY)}>
        <Text>清远市外</Text>
        <Text className='apply__outside-note'>{outside ? '✓' : PLACE_RULE}</Text>
      </View>
      <PlacePanes visible={visible} counties={counties} countyCode={countyCode} townshipCode={townshipCode} onChoose={(_county, township) => onChoose(township)} />
    </Sheet>
  )
}
