// Appealing a rejected or adjusted record: the record and the decision, the reason (4 characters
// at least), a confirmation that names the allowance; the record returns to review.
import { useEffect, useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@/components/ui/Button'
import { Sheet } from '@/components/ui/Sheet'
import { clock, dayLabel, duration, ymd } from '@/components/ui/format'
import { call, errorMessage } from '@/services/cloud'
import { markChanged } from '@/services/changes'
import { askForNotices } from '@/services/notices'
import { allowanceText, type Allowance, type SessionView } from '../shared/volunteer'

import './appeal.scss'

export function AppealSheet({ target, allowance, onClose, onDone }: { target: SessionView | null; allowance: Allowance | null; onClose: () => void; onDone: (s: SessionView) => void }) {
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState('')
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (target) {
      setReason('')
      setProblem('')
      setBusy(false)
    }
  }, [target])

  const submit = async () => {
    if (!target || busy) return
    const text = reason.trim()
    if (text.length < 4) {
      setProblem('申诉理由至少 4 个字')
      return
    }
    const { confirm } = await Taro.showModal({
      title: '提交申诉',
      content: `这条记录将回到待审核，由${target.townshipName}团委重新审核。${allowance ? `本次会占用本月补签和申诉次数 1 次（还剩 ${allowance.left} 次）。` : ''}`,
      confirmText: '提交',
      confirmColor: '#d93a2b',
    })
    if (!confirm) return
    setBusy(true)
    await askForNotices(['review'])
    try {
      const updated = await call('service.appeal', { sessionId: target.id, reason: text })
      markChanged('volunteer-home')
      void Taro.showToast({ title: '申诉已提交', icon: 'success' })
      onDone(updated)
    } catch (err) {
      setProblem(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Sheet
      visible={!!target}
      title='申诉'
      note={allowance ? allowanceText(allowance) : undefined}
      closable={!busy}
      className='hrs-appeal'
      onClose={onClose}
    >
      {target && (
        <View className='hrs-appeal__body'>
          <View className='hrs-appeal__record'>
            <Text className='hrs-appeal__station'>{target.stationName}</Text>
            <Text className='hrs-appeal__when'>
              {dayLabel(ymd(target.checkInAt))} · {clock(target.checkInAt)}–{clock(target.checkOutAt)} · {duration(target.adjustedMinutes ?? target.minutes)}
            </Text>
            {target.decisionReason ? <Text className='hrs-appeal__decision'>审核意见：{target.decisionReason}</Text> : null}
          </View>
          <View className={`hrs-appeal__box${problem ? ' hrs-appeal__box--error' : ''}`}>
            <Textarea
              className='hrs-appeal__input'
              value={reason}
              placeholder='请说明申诉理由，例如当天的服务内容、可以证明的人或材料'
              placeholderClass='hrs-appeal__placeholder'
              maxlength={200}
              fixed
              onInput={(e) => {
                setReason(e.detail.value)
                if (problem && e.detail.value.trim().length >= 4) setProblem('')
              }}
            />
            <Text className='hrs-appeal__count'>{reason.length}/200</Text>
          </View>
          {problem ? (
            <Text className='hrs-appeal__error' data-error-for='reason'>
              {problem}
            </Text>
          ) : null}
          <Button className='hrs-appeal__submit' busy={busy} disabled={allowance?.left === 0} onClick={() => void submit()}>
            {busy ? '正在提交…' : allowance?.left === 0 ? '本月申诉次数已用完' : '提交申诉'}
          </Button>
        </View>
      )}
    </Sheet>
  )
}
