// 补签: for service that could not be checked in or out (no signal indoors, a flat battery…): the
// station, the day (within 31 days), the start and end, the reason and, in WeChat, a photo. The
// township reviews it like any record; each month allows a few make-ups and appeals together.
// The form's state and send are useMakeup's; the sections draw it.
import { useState } from 'react'
import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Button } from '@/components/ui/Button'
import { PageStates } from '@/components/ui/PageStates'
import { NOT_VOLUNTEER } from '../shared/ui'
import { Intro, MakeupDone, PhotoCard, ReasonCard, ServiceCard, Summary } from './sections'
import { StationSheet } from './StationSheet'
import { useMakeup } from './use-makeup'

import './index.scss'

export default function Makeup() {
  const { params } = useRouter()
  const form = useMakeup(params)
  const [sheet, setSheet] = useState(false)
  const { state, allowance, busy } = form

  if (form.done) return <MakeupDone done={form.done} date={form.fields.date} />

  return (
    <View className={`vol-page makeup${state.kind === 'ready' ? ' vol-page--with-bar' : ''}`}>
      <PageStates state={state} retry={form.retry} denied={NOT_VOLUNTEER}>
        {(recent) => (
          <>
            <Intro form={form} />
            <ServiceCard form={form} onPickStation={() => setSheet(true)} />
            <ReasonCard form={form} />
            <PhotoCard form={form} />
            <Summary form={form} />

            <View className='form-bar'>
              <Button busy={busy} disabled={allowance?.left === 0} className='makeup__submit' onClick={() => void form.submit()}>
                {busy ? '正在提交…' : allowance?.left === 0 ? '本月补签次数已用完' : '提交补签'}
              </Button>
            </View>

            <StationSheet
              visible={sheet}
              recent={recent}
              current={form.fields.station?.id ?? ''}
              onClose={() => setSheet(false)}
              onChoose={(c) => {
                form.set('station', c)
                setSheet(false)
              }}
            />
          </>
        )}
      </PageStates>
    </View>
  )
}
