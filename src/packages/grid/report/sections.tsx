// The 上报问题 page's parts: what a grid member reports, the category and urgency chips (each
// urgency with its due time), the description, the place (and the township that handles it) and the photos.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { GRID_CATEGORIES, GRID_CATEGORY_LABELS, GRID_MAX_PHOTOS, GRID_TEXT, GRID_URGENCIES, GRID_URGENCY_LABELS, type GridDueHours } from '@contract/grid-rules'
import { Button } from '@/components/ui/Button'
import { TextCard } from '@/components/ui/CountedTextarea'
import { FormRow } from '@/components/ui/FormRow'
import { PhotoTiles } from '@/components/ui/PhotoTiles'
import { PlaceSheet } from '@/components/ui/PlaceSheet'
import { TextInput } from '@/components/ui/TextInput'
import { dueText, type GridReportForm } from './use-grid-report'

export function Intro({ reported }: { reported: number }) {
  return (
    <View className='form-banner form-banner--info grid-report__intro'>
      <View className='form-banner__main'>
        <Text className='form-banner__title'>志愿网格员 · 发现问题及时上报</Text>
        <Text className='form-banner__text'>环境卫生、安全隐患、矛盾纠纷、群众诉求，拍照、定位后上报，由所在镇街团委受理、交办和办结，每一步都会通知你。</Text>
        {reported > 0 && <Text className='grid-report__reported'>你已上报 {reported} 件</Text>}
      </View>
    </View>
  )
}

export function KindCard({ form, dueHours }: { form: GridReportForm; dueHours: GridDueHours }) {
  const { fields, set, errorOf } = form
  return (
    <View className='form-card'>
      <Text className='form-card__title'>问题类别</Text>
      <FormRow field='category' label='' stacked error={errorOf('category')}>
        <View className='grid-chips'>
          {GRID_CATEGORIES.map((c) => (
            <Text key={c} className={`grid-chip${fields.category === c ? ' grid-chip--on' : ''}`} data-category={c} onClick={() => set('category', c)}>
              {GRID_CATEGORY_LABELS[c]}
            </Text>
          ))}
        </View>
      </FormRow>
      <FormRow field='urgency' label='紧急程度' stacked error={errorOf('urgency')} hint={`${GRID_URGENCY_LABELS[fields.urgency]}事项须在 ${dueText(dueHours[fields.urgency])}办理，超时将标为逾期`}>
        <View className='grid-chips'>
          {GRID_URGENCIES.map((u) => (
            <Text key={u} className={`grid-chip grid-chip--${u}${fields.urgency === u ? ' grid-chip--on' : ''}`} data-urgency={u} onClick={() => set('urgency', u)}>
              {GRID_URGENCY_LABELS[u]}
            </Text>
          ))}
        </View>
      </FormRow>
    </View>
  )
}

export function DescriptionCard({ form }: { form: GridReportForm }) {
  const { fields, set, errorOf } = form
  return (
    <TextCard title='问题描述' field='text' error={errorOf('text')} hint='写清楚看到了什么、影响了谁、持续了多久；不要写他人的电话和身份证号' block='grid-report' placeholderName='placeholder' value={fields.text} placeholder='例如：新城村村口垃圾堆放多日无人清理，气味很大，影响村民出行' maxLength={GRID_TEXT.max} autoHeight onChange={(v) => set('text', v)} />
  )
}

export function PlaceCard({ form }: { form: GridReportForm }) {
  const { fields, set, errorOf, locating, township, ownTownship } = form
  const [picking, setPicking] = useState(false)
  const weapp = process.env.TARO_ENV === 'weapp'
  return (
    <View className='form-card'>
      <Text className='form-card__title'>问题位置</Text>
      <FormRow field='place' label='' stacked error={errorOf('place')} hint='问题所在镇街的团委负责办理，默认是你注册的镇街；问题在别的镇街时，请更换为问题所在的镇街'>
        <View className='grid-place'>
          <View className={`grid-place__point${fields.location ? ' grid-place__point--set' : ''}`}>
            <View className='grid-place__pin' />
            <Text className='grid-place__coords'>{fields.location ? `已定位 ${fields.location.lat.toFixed(5)}, ${fields.location.lng.toFixed(5)}` : '尚未定位'}</Text>
          </View>
          <View className='grid-place__buttons'>
            {weapp && (
              <Button kind='plain' className='grid-place__btn' onClick={() => void form.pickOnMap()}>
                在地图上选点
              </Button>
            )}
            <Button kind='plain' className='grid-place__btn grid-place__here' busy={locating} onClick={() => void form.useHere()}>
              {locating ? '正在定位…' : '用我现在的位置'}
            </Button>
          </View>
          <TextInput className='grid-place__address' value={fields.address} maxLength={80} placeholder='地点说明，如：新城村村口公交站旁' onChange={(v) => set('address', v)} />
          <View className='grid-place__township' data-township={fields.townshipCode} hoverClass='grid-place__township--pressed' onClick={() => setPicking(true)}>
            <Text className='grid-place__township-label'>办理镇街</Text>
            <Text className='grid-place__township-name'>{township.townshipName ? `${township.countyName} · ${township.townshipName}` : '请选择问题所在的镇街'}</Text>
            <Text className='grid-place__township-change'>{fields.townshipCode && fields.townshipCode !== ownTownship ? '已更换' : '更换'}</Text>
          </View>
        </View>
      </FormRow>
      <PlaceSheet
        visible={picking}
        title='问题所在的镇街'
        counties={form.counties}
        countyCode={township.countyCode}
        townshipCode={fields.townshipCode}
        onClose={() => setPicking(false)}
        onChoose={(_county, code) => {
          set('townshipCode', code)
          setPicking(false)
        }}
      />
    </View>
  )
}

export function PhotoCard({ form }: { form: GridReportForm }) {
  const { fields } = form
  return (
    <View className='form-card'>
      <Text className='form-card__title'>
        现场照片<Text className='form-card__title-note'>最多 {GRID_MAX_PHOTOS} 张，建议拍一张</Text>
      </Text>
      <FormRow field='photoFileIds' label='' stacked error={form.errorOf('photoFileIds')} hint='照片只给办理的镇街团委查看'>
        <PhotoTiles photos={fields.photos} max={GRID_MAX_PHOTOS} onAdd={() => void form.addPhotos()} onRemove={form.removePhoto} />
      </FormRow>
    </View>
  )
}
