// 登记延期: a new last day (half a year, a year or two on, or any day from the picker) and the
// reason, checked under each field before sending; a confirmation says what happens (the term
// serves again, the volunteer is told); the server's refusal of a field shows under it.
import { useEffect, useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { call, CallError, errorMessage } from '@/services/cloud'
import { Button } from '@/components/ui/Button'
import { CountedTextarea } from '@/components/ui/CountedTextarea'
import { Dialog } from '@/components/ui/Dialog'
import { FormRow, PickedValue } from '@/components/ui/FormRow'
import { Sheet } from '@/components/ui/Sheet'
import { addDays, today } from '@/components/ui/format'

export type Term = OutputOf<'registration.terms'>['items'][number]

const QUICK = [
  { label: '延长半年', days: 182 },
  { label: '延长一年', days: 365 },
  { label: '延长两年', days: 730 },
] as const
const REASON_MAX = 200

type Errors = Partial<Record<'termEnd' | 'reason', string>>

/** The new end's problem as the function would say it ('' if none). */
function endProblem(termEnd: string, current: string, now: string): string {
  if (!termEnd) return '请选择新的服务结束日期'
  if (termEnd <= current) return `新的服务结束日期应晚于现在的 ${current}`
  if (termEnd < now) return `新的服务结束日期不能早于今天（${now}）`
  return ''
}

export function ExtendSheet({ term, onClose, onDone }: { term: Term | null; onClose: () => void; onDone: (updated: Term) => void }) {
  const [termEnd, setTermEnd] = useState('')
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    setTermEnd('')
    setReason('')
    setErrors({})
    setConfirming(false)
  }, [term?.registrationId])

  if (!term) return null
  const now = today()
  // Extensions count on from the later of the current end and today.
  const base = term.termEnd > now ? term.termEnd : now

  const check = (): boolean => {
    const next: Errors = {}
    const e = endProblem(termEnd, term.termEnd, now)
    if (e) next.termEnd = e
    if (reason.trim().length < 4) next.reason = '请填写延期理由（至少 4 个字），例如县团委同意续期的文件或会议'
    setErrors(next)
    return Object.keys(next).length === 0
  }

  const send = async () => {
    setBusy(true)
    try {
      const updated = await call('registration.extendTerm', { id: term.registrationId, termEnd, reason: reason.trim() })
      void Taro.showToast({ title: '已登记延期', icon: 'success' })
      setConfirming(false)
      onDone(updated)
    } catch (err) {
      setConfirming(false)
      const field = err instanceof CallError ? err.field : undefined
      if (field === 'termEnd' || field === 'reason') setErrors({ [field]: errorMessage(err) })
      else void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Sheet visible={!confirming} title={`登记延期：${term.name}`} note={`${term.townshipName} · 服务期 ${term.termStart} 至 ${term.termEnd}`} onClose={onClose} className='term-extend'>
        <View className='term-extend__quick'>
          {QUICK.map((q) => {
            const day = addDays(base, q.days)
            return (
              <View
                key={q.label}
                className={`term-extend__chip ${termEnd === day ? 'term-extend__chip--on' : ''}`}
                onClick={() => {
                  setTermEnd(day)
                  setErrors((e) => ({ ...e, termEnd: undefined }))
                }}
              >
                <Text className='term-extend__chip-label'>{q.label}</Text>
                <Text className='term-extend__chip-day'>至 {day}</Text>
              </View>
            )
          })}
        </View>
        <Picker mode='date' value={termEnd || addDays(base, 365)} start={addDays(base, 1)} end={addDays(now, 3 * 365)} onChange={(e) => {
          setTermEnd(String(e.detail.value))
          setErrors((x) => ({ ...x, termEnd: undefined }))
        }}>
          <FormRow field='termEnd' label='结束日期' required arrow error={errors.termEnd}>
            <PickedValue value={termEnd} placeholder='或选择其他日期' />
          </FormRow>
        </Picker>
        <FormRow field='reason' label='延期理由' required stacked error={errors.reason}>
          <CountedTextarea
            className='term-extend__textarea'
            inputClassName='term-extend__textarea-input'
            placeholderClass='term-extend__placeholder'
            countClassName='term-extend__count'
            value={reason}
            placeholder='例如：经县团委研究同意，服务期延长一年'
            maxLength={REASON_MAX}
            autoHeight
            onChange={(v) => {
              setReason(v)
              if (errors.reason) setErrors((x) => ({ ...x, reason: undefined }))
            }}
          />
        </FormRow>
        <Text className='term-extend__note'>登记后{term.standing === 'serving' ? '' : '服务期恢复为“服务中”，'}驿站签到和商家优惠按新的结束日期计算；志愿者会收到通知；操作人、时间和理由留痕。</Text>
        <Button className='term-extend__submit' onClick={() => check() && setConfirming(true)}>
          登记延期
        </Button>
      </Sheet>
      <Dialog
        visible={confirming}
        title='确认登记延期'
        confirmText={busy ? '登记中…' : '确认登记'}
        cancelText='再看看'
        busy={busy}
        onConfirm={() => void send()}
        onCancel={() => setConfirming(false)}
      >
        <Text className='term-extend__confirm'>
          {term.name} 的服务期将从 {term.termEnd} 延至 {termEnd}。登记后不能撤回，如需更正请再登记一次。
        </Text>
      </Dialog>
    </>
  )
}
