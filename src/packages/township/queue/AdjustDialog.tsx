// 调整时长: the credited minutes and why; the record then counts as approved with them.
import { Input, Text, Textarea, View } from '@tarojs/components'
import { Dialog } from '@/components/ui/Dialog'
import { clock, duration, monthDay, ymd } from '@/components/ui/format'
import { adjustPresets, cappedAtRecord, maxCredit } from './adjust-rules'
import type { Item } from './rules'
import { useAdjust } from './use-adjust'

import './adjust.scss'

export function AdjustDialog({ item, dailyCap, onDone, onClose }: { item: Item | null; dailyCap: number | null; onDone: (item: Item) => Promise<void>; onClose: () => void }) {
  const form = useAdjust(item, onDone)
  const { minutes, reason, value, valid, shown } = form
  const presets = adjustPresets(item, dailyCap)

  return (
    <Dialog className='adjust' visible={!!item} title='调整计入时长' confirmText='确认调整' busy={form.busy} onConfirm={() => void form.confirm()} onCancel={onClose}>
      {item && (
        <View className='adjust__body'>
          <View className='adjust__facts'>
            <Text className='adjust__who'>
              {item.volunteerName} · {monthDay(ymd(item.checkInAt))}
            </Text>
            <Text className='adjust__where'>{item.stationName}</Text>
            <Text className='adjust__recorded'>
              记录时长 {duration(item.minutes)}
              {item.checkOutAt ? `（${clock(item.checkInAt, '—')}–${clock(item.checkOutAt, '—')}）` : ''}
              {item.adjustedMinutes !== null ? `，当前计入 ${duration(item.adjustedMinutes)}` : ''}
            </Text>
            <Text className='adjust__limit'>
              {cappedAtRecord(item) ? `最多计入 ${duration(maxCredit(item))}（记录时长）；确需多计的由县级团委调整。不予认定请用「驳回」。` : '县级及以上可按核实情况多计，最多 24 小时；不予认定请用「驳回」。'}
            </Text>
          </View>
          <Text className='adjust__label'>计入时长（分钟）</Text>
          <View className={`adjust__input ${shown?.field === 'minutes' ? 'adjust__input--error' : ''}`}>
            <Input className='adjust__minutes' type='number' value={minutes} maxlength={4} placeholder='例如 90' onInput={(e) => form.setMinutes(e.detail.value)} />
            <Text className='adjust__equals'>{valid ? `= ${duration(value)}` : '分钟'}</Text>
          </View>
          <View className='adjust__presets'>
            {presets.map((m) => (
              <View key={m} className={`tw-preset adjust__preset ${String(m) === minutes ? 'tw-preset--on adjust__preset--on' : ''}`} onClick={() => form.setMinutes(String(m))}>
                <Text>{m === item.minutes ? `按记录 ${duration(m)}` : m === dailyCap ? `每日上限 ${duration(m)}` : duration(m)}</Text>
              </View>
            ))}
          </View>
          <Text className='adjust__label'>调整理由</Text>
          <Textarea
            className={`ui-dialog__input adjust__reason ${shown?.field === 'reason' ? 'ui-dialog__input--error' : ''}`}
            value={reason}
            placeholder='例如：签退定位偏差，按驿站登记的实际服务时间计入'
            placeholderClass='ui-dialog__placeholder'
            maxlength={200}
            fixed
            onInput={(e) => form.setReason(e.detail.value)}
          />
          <Text className='ui-dialog__count adjust__count'>{reason.length}/200</Text>
          {shown && <Text className='adjust__error'>{shown.message}</Text>}
          <Text className='adjust__note'>
            调整后该记录记为「已通过」，按{valid ? ` ${duration(value)} ` : '填写的时长'}计入{dailyCap !== null ? `（每日最多计入 ${duration(dailyCap)}）` : ''}；志愿者会收到通知，调整会记录操作人和理由。
          </Text>
        </View>
      )}
    </Dialog>
  )
}
