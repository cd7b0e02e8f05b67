// 志愿服务证明: generates a certificate of the approved hours (service.certificate) with a
// 12-character verification code and a QR code of the verify page; keeps the last one on the
// phone, so it shows again next time (read back through service.verify, as anyone would see it).
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { call, errorMessage } from '@/services/cloud'
import { hours as hoursText } from '@/components/ui/format'
import { CertificatePaper, spacedCode, verifyPath } from '../shared/CertificatePaper'
import { NOT_VOLUNTEER, starName } from '../shared/ui'
import type { CertificateView } from '../shared/volunteer'
import { Button } from '@/components/ui/Button'
import { dateTime } from '@/components/ui/format'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'

import './index.scss'

const keyOf = (userId: string) => `xq.volunteer.certificate.${userId}`

function remembered(userId: string): string {
  try {
    const v = Taro.getStorageSync(keyOf(userId))
    return typeof v === 'string' ? v : ''
  } catch {
    return ''
  }
}

function remember(userId: string, code: string) {
  try {
    Taro.setStorageSync(keyOf(userId), code)
  } catch {
    // storage unavailable: the certificate can be generated again
  }
}

/** The verify page as a link people can open (web build); the path alone in WeChat. */
function verifyLink(code: string): string {
  if (process.env.TARO_ENV === 'h5' && typeof location !== 'undefined') return `${location.origin}${location.pathname}#/${verifyPath(code)}`
  return `/${verifyPath(code)}`
}

export default function Certificate() {
  const [busy, setBusy] = useState(false)

  // The approved hours, and the certificate last generated on this phone (if it still reads).
  const { state, retry, setData } = usePageState(async () => {
    const [hours, me] = await Promise.all([call('service.hours', {}), call('account.me', {})])
    const code = remembered(me.userId)
    // Gone or unreadable: offer to generate a new one.
    const cert: CertificateView | null = code ? await call('service.verify', { code }).catch(() => null) : null
    return { hours, userId: me.userId, cert }
  }, [])
  const cert = state.kind === 'ready' ? state.data.cert : null
  const userId = state.kind === 'ready' ? state.data.userId : ''

  useShareAppMessage(() => ({
    title: cert ? `${cert.volunteerName}的志愿服务证明（核验码 ${cert.code}）` : '志愿服务证明',
    path: cert ? `/${verifyPath(cert.code)}` : '/packages/volunteer/verify/index',
  }))

  const generate = async () => {
    if (busy) return
    if (cert) {
      const { confirm } = await Taro.showModal({
        title: '重新生成证明',
        content: '将按最新审核通过的服务时长生成一份新证明和新的核验码；已发出的证明仍可核验。',
        confirmText: '生成',
        confirmColor: '#d93a2b',
      })
      if (!confirm) return
    }
    setBusy(true)
    try {
      const next = await call('service.certificate', {})
      setData((d) => ({ ...d, cert: next }))
      if (userId) remember(userId, next.code)
      void Taro.showToast({ title: '证明已生成', icon: 'success' })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
    } finally {
      setBusy(false)
    }
  }

  const copy = (data: string, title: string) => {
    Taro.setClipboardData({ data })
      .then(() => Taro.showToast({ title, icon: 'none' }))
      .catch(() => Taro.showToast({ title: '复制失败，请长按核验码手动复制', icon: 'none' }))
  }

  return (
    <View className='vol-page certificate'>
      <PageStates state={state} retry={retry} skeleton={2} denied={NOT_VOLUNTEER}>
        {({ hours, cert }) =>
          cert ? (
            <Issued cert={cert} busy={busy} onCopy={copy} onGenerate={() => void generate()} />
          ) : (
            <>
              <View className='certificate__intro'>
                <View className='certificate__badge'>
                  <Text>证</Text>
                </View>
                <Text className='certificate__intro-title'>志愿服务证明</Text>
                <Text className='certificate__intro-text'>
                  按审核通过的服务时长生成，可出示给学校、用人单位等。证明上的姓名已部分隐藏，每份证明都有核验码，对方扫码或输入核验码即可核验真伪。
                </Text>
                <View className='certificate__preview'>
                  <View className='certificate__preview-item'>
                    <Text className='certificate__preview-num'>{hoursText(hours.approvedMinutes)}</Text>
                    <Text className='certificate__preview-label'>累计通过（小时）</Text>
                  </View>
                  <View className='certificate__preview-item'>
                    <Text className='certificate__preview-num'>{hours.star > 0 ? hours.star : '—'}</Text>
                    <Text className='certificate__preview-label'>{hours.star > 0 ? starName(hours.star) : '星级（未评定）'}</Text>
                  </View>
                  <View className='certificate__preview-item'>
                    <Text className='certificate__preview-num'>{hours.byStation.length}</Text>
                    <Text className='certificate__preview-label'>服务驿站</Text>
                  </View>
                </View>
                {hours.approvedMinutes === 0 && <Text className='certificate__zero'>还没有审核通过的服务时长：服务记录审核通过后，就可以在这里生成证明。</Text>}
                {hours.pendingMinutes > 0 && <Text className='certificate__pending'>另有 {hoursText(hours.pendingMinutes)} 小时待审核，审核通过后再生成可计入证明。</Text>}
              </View>
              <Button className='certificate__generate' busy={busy} disabled={hours.approvedMinutes === 0} onClick={() => void generate()}>
                {busy ? '正在生成…' : hours.approvedMinutes === 0 ? '暂无可证明的服务时长' : '生成服务证明'}
              </Button>
            </>
          )
        }
      </PageStates>
    </View>
  )
}

/** The certificate generated last, with the ways to pass it on. */
function Issued({ cert, busy, onCopy: copy, onGenerate }: { cert: CertificateView; busy: boolean; onCopy: (data: string, title: string) => void; onGenerate: () => void }) {
  return (
    <>
      <CertificatePaper cert={cert} />
      <Text className='certificate__issued'>生成于 {dateTime(cert.issuedAt, '—')} · 核验码 {spacedCode(cert.code)}</Text>
      <View className='certificate__actions'>
        <Button kind='outline' className='certificate__copy' onClick={() => copy(cert.code, '核验码已复制')}>
          复制核验码
        </Button>
        {process.env.TARO_ENV === 'weapp' ? (
          <Button className='certificate__share' openType='share'>
            发给核验人
          </Button>
        ) : (
          <Button className='certificate__share' onClick={() => copy(verifyLink(cert.code), '核验链接已复制')}>
            复制核验链接
          </Button>
        )}
      </View>
      <Text className='certificate__regenerate' onClick={onGenerate}>
        {busy ? '正在生成…' : '时长有更新？重新生成证明'}
      </Text>
    </>
  )
}
