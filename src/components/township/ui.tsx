// Small building blocks of the township pages: the gate shown to someone who is not township
// staff (or has no persona yet), the kiosk QR image, and the page's toggle switch.
import { useMemo } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import qrcode from 'qrcode-generator'
import { ROUTES } from '@/constants/routes'
import { CardSkeleton, StatePanel } from '@/components/admin/ui'
import type { StaffState } from './shared'

import './township.scss'

/** What a page shows while it cannot show itself: loading, not staff, no persona, an error. */
export function StaffGate({ state, retry }: { state: StaffState; retry: () => void }) {
  if (state.kind === 'loading') return <CardSkeleton count={3} />
  if (state.kind === 'denied') {
    return (
      <StatePanel
        kind='denied'
        className='tw-denied'
        title='无权限'
        description='镇街工作台仅向镇街团委干事、驿站管理员和上级团委开放。如需开通，请联系所在县（市、区）团委发送邀请。'
        action={{ text: '返回我的', onClick: () => void Taro.switchTab({ url: ROUTES.mine }) }}
      />
    )
  }
  if (state.kind === 'no-identity') {
    return (
      <StatePanel
        kind='no-identity'
        title='请先选择演示身份'
        description='本地开发环境需要先选择一个演示身份'
        action={process.env.TARO_APP_DEV_TOOLS === 'true' ? { text: '去选择', onClick: () => void Taro.navigateTo({ url: ROUTES.personas }) } : undefined}
      />
    )
  }
  if (state.kind === 'error') return <StatePanel kind='error' title='加载失败' description={state.message} action={{ text: '重试', onClick: retry }} />
  return null
}

/**
 * A QR code of `text` as an image (a GIF data URL drawn by qrcode-generator: no canvas, no
 * network, the same on WeChat and the web). Medium error correction, a 4-module quiet zone.
 */
export function QrImage({ text, className }: { text: string; className?: string }) {
  const src = useMemo(() => {
    if (!text) return ''
    const qr = qrcode(0, 'M')
    qr.addData(text)
    qr.make()
    const cell = Math.max(6, Math.floor(480 / qr.getModuleCount()))
    return qr.createDataURL(cell, cell * 4)
  }, [text])
  if (!src) return <View className={className} />
  return <Image className={`tw-qr ${className ?? ''}`} src={src} mode='aspectFit' />
}

/** An on/off switch drawn in the page's style (the same on WeChat and the web). */
export function Toggle({ on, disabled, onChange, className }: { on: boolean; disabled?: boolean; onChange: (on: boolean) => void; className?: string }) {
  return (
    <View
      className={`tw-toggle ${on ? 'tw-toggle--on' : ''} ${disabled ? 'tw-toggle--disabled' : ''} ${className ?? ''}`}
      onClick={() => !disabled && onChange(!on)}
    >
      <View className='tw-toggle__knob' />
    </View>
  )
}

/** A warning-toned tag for a session's flags and other short facts. */
export function Tag({ tone, children, className }: { tone: 'red' | 'amber' | 'blue' | 'grey' | 'green'; children: string; className?: string }) {
  return (
    <View className={`tw-tag tw-tag--${tone} ${className ?? ''}`}>
      <Text>{children}</Text>
    </View>
  )
}
