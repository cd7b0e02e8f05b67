// A matter's parts: what was reported (tags, text, when, due), the photos, the place, how the
// township handled it, the timeline, and the township's buttons.
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { GRID_CATEGORY_LABELS } from '@contract/grid-rules'
import { GridStatusTag, Timeline, UrgencyTag, type GridMatter } from '@/components/grid/parts'
import { Button } from '@/components/ui/Button'
import { dateTime, duration } from '@/components/ui/format'
import type { GridDetail } from './use-grid-detail'

export function Hero({ m }: { m: GridMatter }) {
  return (
    <View className={`gd-hero${m.overdue ? ' gd-hero--overdue' : ''}`}>
      <View className='gd-hero__tags'>
        <Text className='gd-hero__category'>{GRID_CATEGORY_LABELS[m.category]}</Text>
        <UrgencyTag urgency={m.urgency} />
        <View className='gd-hero__status'>
          <GridStatusTag status={m.status} overdue={m.overdue} />
        </View>
      </View>
      <Text className='gd-hero__text'>{m.text}</Text>
      <View className='gd-facts'>
        {m.reporter ? <Fact label='上报人' value={`${m.reporter}（志愿网格员）`} /> : null}
        <Fact label='上报时间' value={dateTime(m.createdAt)} />
        <Fact label={m.status === 'closed' || m.status === 'declined' ? '办理时限' : '须在此前办理'} value={dateTime(m.dueAt)} warn={m.overdue} />
        {m.status === 'closed' ? <Fact label='办结用时' value={`${duration(m.closeMinutes)}${m.late ? '（超时办结）' : ''}`} warn={m.late} /> : null}
      </View>
    </View>
  )
}

function Fact({ label, value, warn }: { label: string; value: string; warn?: boolean }) {
  return (
    <View className='gd-facts__row'>
      <Text className='gd-facts__label'>{label}</Text>
      <Text className={`gd-facts__value${warn ? ' gd-facts__value--warn' : ''}`}>{value}</Text>
    </View>
  )
}

export function Photos({ title, urls }: { title: string; urls: string[] }) {
  if (urls.length === 0) return null
  return (
    <View className='gd-card'>
      <Text className='gd-card__title'>{title}</Text>
      <View className='gd-photos'>
        {urls.map((u) => (
          <Image key={u} className='gd-photos__img' src={u} mode='aspectFill' onClick={() => void Taro.previewImage({ urls, current: u })} />
        ))}
      </View>
    </View>
  )
}

export function Place({ m }: { m: GridMatter }) {
  const open = () => {
    if (process.env.TARO_ENV === 'weapp') void Taro.openLocation({ latitude: m.location.lat, longitude: m.location.lng, name: m.address, address: `${m.countyName}${m.townshipName}` })
  }
  return (
    <View className='gd-card gd-place' hoverClass={process.env.TARO_ENV === 'weapp' ? 'gd-card--pressed' : 'none'} onClick={open}>
      <Text className='gd-card__title'>问题位置</Text>
      <View className='gd-place__row'>
        <View className='gd-place__pin' />
        <View className='gd-place__main'>
          <Text className='gd-place__address'>{m.address}</Text>
          <Text className='gd-place__township'>
            {m.countyName}
            {m.townshipName} · {m.location.lat.toFixed(5)}, {m.location.lng.toFixed(5)}
          </Text>
        </View>
      </View>
    </View>
  )
}

/** Who handles it and how it ended, once there is something to say. */
export function Handling({ m }: { m: GridMatter }) {
  if (!m.assignee && !m.resolution && !m.declineReason) return null
  return (
    <View className='gd-card gd-handling'>
      <Text className='gd-card__title'>办理情况</Text>
      <View className='gd-facts'>
        {m.assignee ? <Fact label={m.assignee.kind === 'department' ? '承办部门' : '承办人'} value={`${m.assignee.name}${m.assignee.phoneMasked ? ` · ${m.assignee.phoneMasked}` : ''}`} /> : null}
        {m.assignNote ? <Fact label='交办说明' value={m.assignNote} /> : null}
        {m.resolution ? <Fact label='办理结果' value={m.resolution} /> : null}
        {m.declineReason ? <Fact label='不予受理原因' value={m.declineReason} warn /> : null}
      </View>
    </View>
  )
}

export function Progress({ m }: { m: GridMatter }) {
  return (
    <View className='gd-card'>
      <Text className='gd-card__title'>办理进度</Text>
      <Timeline history={m.history} />
    </View>
  )
}

/** The township's buttons: what the machine lets the caller do now. */
export function StaffBar({ m, detail }: { m: GridMatter; detail: GridDetail }) {
  const { can } = m
  if (!can.accept && !can.assign && !can.close && !can.decline) return null
  return (
    <View className='form-bar gd-bar'>
      {can.decline && (
        <Button kind='outline' className='gd-bar__btn gd-bar__decline' onClick={() => detail.setOpen('decline')}>
          不予受理
        </Button>
      )}
      {can.assign && (
        <Button kind='outline' className='gd-bar__btn gd-bar__assign' onClick={() => detail.setOpen('assign')}>
          交办
        </Button>
      )}
      {can.close && (
        <Button kind={can.assign ? 'outline' : 'primary'} className='gd-bar__btn gd-bar__close' onClick={() => detail.setOpen('close')}>
          办结
        </Button>
      )}
      {can.accept && (
        <Button busy={detail.busy} className='gd-bar__btn gd-bar__accept' onClick={() => void detail.accept()}>
          受理
        </Button>
      )}
    </View>
  )
}
