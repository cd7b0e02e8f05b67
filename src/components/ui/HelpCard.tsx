// 帮助与咨询 at the foot of each programme's home: the questions people ask most, answered with
// the rules' current figures, and whom to call. Folded until opened, so a home costs no extra call.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { call, errorMessage } from '@/services/cloud'
import { questionsFor, type Programme } from './help-questions'

import './ui.scss'

type Settings = OutputOf<'settings.get'>

export function HelpCard({ programme }: { programme: Programme }) {
  const [open, setOpen] = useState(false)
  const [state, setState] = useState<{ kind: 'idle' | 'loading' } | { kind: 'ready'; settings: Settings } | { kind: 'error'; message: string }>({ kind: 'idle' })

  const toggle = async () => {
    const next = !open
    setOpen(next)
    if (!next || state.kind === 'ready' || state.kind === 'loading') return
    setState({ kind: 'loading' })
    try {
      setState({ kind: 'ready', settings: await call('settings.get', {}) })
    } catch (err) {
      setState({ kind: 'error', message: errorMessage(err) })
    }
  }

  const line = state.kind === 'ready' ? state.settings.helpLine : null
  return (
    <View className={`ui-help${open ? ' ui-help--open' : ''}`} data-programme={programme}>
      <View className='ui-help__head' hoverClass='ui-help__head--pressed' onClick={() => void toggle()}>
        <Text className='ui-help__mark'>?</Text>
        <Text className='ui-help__title'>帮助与咨询</Text>
        <Text className='ui-help__arrow'>{open ? '收起' : '常见问题 · 咨询电话'}</Text>
      </View>
      {open && (
        <View className='ui-help__body'>
          {state.kind === 'loading' && <Text className='ui-help__note'>加载中…</Text>}
          {state.kind === 'error' && (
            <Text className='ui-help__note' onClick={() => setState({ kind: 'idle' })}>
              {state.message}
            </Text>
          )}
          {state.kind === 'ready' &&
            questionsFor(programme, state.settings).map((x) => (
              <View key={x.q} className='ui-help__qa'>
                <Text className='ui-help__q'>{x.q}</Text>
                <Text className='ui-help__a'>{x.a}</Text>
              </View>
            ))}
          {line && (
            <View className='ui-help__contact'>
              <View className='ui-help__who'>
                <Text className='ui-help__name'>{line.name}</Text>
                <Text className='ui-help__hours'>{line.phone ? `${line.phone} · ${line.hours}` : '咨询电话尚未公布，可先联系所在镇街团委'}</Text>
              </View>
              {line.phone && (
                <Text className='ui-help__call' onClick={() => void Taro.makePhoneCall({ phoneNumber: line.phone }).catch(() => undefined)}>
                  拨打
                </Text>
              )}
            </View>
          )}
        </View>
      )}
    </View>
  )
}
