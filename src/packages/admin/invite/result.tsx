// An invitation shown to hand over: its code (to copy) and 小程序码, how long it holds, and
// whether it was used or revoked since.
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Checked, Copy, QrCode } from '@/components/icons'
import { ROLE_LABELS } from '@contract/roles'
import { SkeletonBar } from '@/components/ui/StateView'
import { Tag } from '@/components/ui/Tag'
import { Button } from '@/components/ui/Button'
import { dateTime } from '@/components/ui/format'
import type { Invitation } from './use-invite-form'

import './result.scss'

export type InvStatus = Invitation['status']
export type Qr = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready'; url: string } | { kind: 'error'; message: string }

export const STATUS_TEXT: Record<InvStatus, string> = { open: '有效', used: '已使用', revoked: '已作废', expired: '已过期' }
export const STATUS_TONE = { open: 'green', used: 'blue', revoked: 'grey', expired: 'amber' } as const

export async function copyCode(code: string) {
  try {
    await Taro.setClipboardData({ data: code })
    // WeChat shows its own 「内容已复制」; the browser build does not.
    if (process.env.TARO_ENV !== 'weapp') void Taro.showToast({ title: '邀请码已复制', icon: 'success' })
  } catch {
    void Taro.showToast({ title: '复制失败，请长按邀请码手动复制', icon: 'none' })
  }
}

const preview = (url: string) => void Taro.previewImage({ urls: [url], current: url })

function QrFrame({ qr, onRetry }: { qr: Qr; onRetry: () => void }) {
  return (
    <View className='invite-result__qr'>
      <View className='invite-result__qr-frame'>
        {qr.kind === 'ready' ? (
          <Image className='invite-result__qr-img' src={qr.url} mode='aspectFit' showMenuByLongpress onClick={() => preview(qr.url)} />
        ) : qr.kind === 'error' ? (
          <View className='invite-result__qr-error' onClick={onRetry}>
            <Text>小程序码生成失败</Text>
            <Text className='invite-result__qr-retry'>点此重试</Text>
          </View>
        ) : (
          <View className='invite-result__qr-loading'>
            <SkeletonBar className='invite-result__qr-skel' />
            <Text className='invite-result__qr-wait'>正在生成小程序码…</Text>
          </View>
        )}
      </View>
      <Text className='invite-result__qr-tip'>{qr.kind === 'ready' ? '点击小程序码可预览，长按保存或转发给被邀请人' : ' '}</Text>
    </View>
  )
}

export function InviteResult({ result, qr, onRetryQr, onAgain }: { result: Invitation; qr: Qr; onRetryQr: () => void; onAgain: () => void }) {
  const open = result.status === 'open'
  return (
    <View className='panel-section invite-result'>
      <View className='invite-result__head'>
        {open ? <Checked size={22} color='#1d8a4e' /> : <QrCode size={22} color='#8a8f99' />}
        <Text className='invite-result__title'>{open ? '邀请已生成' : `该邀请${STATUS_TEXT[result.status]}`}</Text>
        <Tag tone={STATUS_TONE[result.status]}>{STATUS_TEXT[result.status]}</Tag>
      </View>
      <Text className='invite-result__role'>
        {ROLE_LABELS[result.role]} · {result.scopeName}
      </Text>

      <View className={`invite-result__code-box ${!open ? 'invite-result__code-box--dead' : ''}`}>
        <Text className='invite-result__code-label'>邀请码</Text>
        <Text className='invite-result__code panel-mono' userSelect>
          {result.code}
        </Text>
        {open && (
          <View className='invite-result__copy' hoverClass='invite-result__copy--pressed' onClick={() => void copyCode(result.code)}>
            <Copy size={14} color='#d93a2b' />
            <Text className='invite-result__copy-text'>复制邀请码</Text>
          </View>
        )}
      </View>

      {open && <QrFrame qr={qr} onRetry={onRetryQr} />}

      <View className='invite-result__facts'>
        <Text>有效期至 {dateTime(result.expiresAt, '—')}</Text>
        {result.note && <Text>备注：{result.note}</Text>}
        {result.usedByName && (
          <Text>
            已由 {result.usedByName} 于 {dateTime(result.usedAt, '—')} 使用
          </Text>
        )}
      </View>
      {open && <Text className='invite-result__how'>请把邀请码或小程序码只发给被邀请人本人：对方在乡青汇「我的 → 输入邀请码」中填写，或用微信扫一扫小程序码。每个邀请只能使用一次。</Text>}

      <View className='invite-result__actions'>
        {open && qr.kind === 'ready' && (
          <Button className='invite-result__btn' kind='outline' onClick={() => preview(qr.url)}>
            预览并保存
          </Button>
        )}
        <Button className='invite-result__btn invite-result__again' onClick={onAgain}>
          再邀请一位
        </Button>
      </View>
    </View>
  )
}
