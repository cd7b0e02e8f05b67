// 核验服务证明: anyone (a school, an employer) enters the 12-character code printed on a
// certificate, or opens `?code=` from its QR code, and sees the certificate as it was issued.
import { useCallback, useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { TextInput } from '@/components/ui/TextInput'
import { CallError, call, errorMessage } from '@/services/cloud'
import { CERTIFICATE_CODE, cleanCertificateCode, parseScanned, scan } from '../shared/scan'
import { CertificatePaper } from '../shared/CertificatePaper'
import type { CertificateView } from '../shared/volunteer'
import { Button } from '@/components/ui/Button'
import { StateView } from '@/components/ui/StateView'
import { dateTime } from '@/components/ui/format'

import './index.scss'

type Result = { kind: 'idle' } | { kind: 'loading' } | { kind: 'found'; cert: CertificateView } | { kind: 'not-found'; code: string } | { kind: 'error'; message: string }

export default function Verify() {
  const { params } = useRouter()
  // The code the page was opened with is the input's first value: changing an input's value while
  // the web build's <input> is still being created trips Taro's component (watchValue).
  const [code, setCode] = useState(() => (params.code ? cleanCertificateCode(params.code) : ''))
  const [problem, setProblem] = useState('')
  const [result, setResult] = useState<Result>({ kind: 'idle' })
  const seq = useRef(0)

  const verify = useCallback(async (raw: string) => {
    const clean = cleanCertificateCode(raw)
    setCode(clean)
    if (!clean) {
      setProblem('请输入核验码')
      return
    }
    if (!CERTIFICATE_CODE.test(clean)) {
      setProblem('核验码应为 12 位字母或数字（不含 I、O、0、1），请核对')
      return
    }
    setProblem('')
    const mine = ++seq.current
    setResult({ kind: 'loading' })
    try {
      const cert = await call('service.verify', { code: clean })
      if (mine === seq.current) setResult({ kind: 'found', cert })
    } catch (err) {
      if (mine !== seq.current) return
      if (err instanceof CallError && err.code === 'NOT_FOUND') setResult({ kind: 'not-found', code: clean })
      else if (err instanceof CallError && err.code === 'INVALID_INPUT') {
        setProblem(err.message)
        setResult({ kind: 'idle' })
      } else setResult({ kind: 'error', message: errorMessage(err) })
    }
  }, [])

  useEffect(() => {
    if (params.code) void verify(params.code)
    // Only the code the page was opened with.
  }, [])

  const scanCode = async () => {
    try {
      const text = await scan(false)
      if (text === null) return
      const s = parseScanned(text)
      if (s.kind === 'certificate') void verify(s.code)
      else void Taro.showToast({ title: '这不是志愿服务证明的二维码', icon: 'none' })
    } catch {
      void Taro.showToast({ title: '扫码失败，请重试', icon: 'none' })
    }
  }

  return (
    <View className='vol-page verify'>
      <View className='verify__panel'>
        <Text className='verify__title'>核验志愿服务证明</Text>
        <Text className='verify__lead'>输入证明底部的 12 位核验码，查看乡青汇签发的原始证明。</Text>
        <View className={`verify__field${problem ? ' verify__field--error' : ''}`} data-field='code'>
          <TextInput className='verify__input' value={code} placeholder='例如 ABCD EFGH JKLM' maxLength={16} onChange={(v) => setCode(v.toUpperCase())} onConfirm={(v) => void verify(v)} />
          {process.env.TARO_ENV === 'weapp' && (
            <Text className='verify__scan' onClick={() => void scanCode()}>
              扫码
            </Text>
          )}
        </View>
        {problem ? (
          <Text className='verify__problem' data-error-for='code'>
            {problem}
          </Text>
        ) : null}
        <Button className='verify__submit' busy={result.kind === 'loading'} onClick={() => void verify(code)}>
          {result.kind === 'loading' ? '正在核验…' : '核验'}
        </Button>
      </View>

      {result.kind === 'found' && (
        <View className='verify__result'>
          <View className='form-banner form-banner--approved verify__ok'>
            <View className='form-banner__icon'>
              <Text className='form-banner__icon-text'>✓</Text>
            </View>
            <View className='form-banner__main'>
              <Text className='form-banner__title'>证明真实有效</Text>
              <Text className='form-banner__text'>由乡青汇于 {dateTime(result.cert.issuedAt, '—')} 签发，内容以下方为准。时长为签发时审核通过的服务时长。</Text>
            </View>
          </View>
          <CertificatePaper cert={result.cert} />
        </View>
      )}

      {result.kind === 'not-found' && (
        <StateView tone='error' className='verify__missing' title='没有找到这份证明' desc={`核验码 ${result.code} 没有对应的证明。请核对证明上的核验码是否输入正确；如仍无法核验，这份证明可能不是乡青汇签发的。`} />
      )}

      {result.kind === 'error' && (
        <StateView tone='warn' className='verify__failed' title='暂时无法核验' desc={result.message}>
          <Button kind='outline' onClick={() => void verify(code)}>
            重试
          </Button>
        </StateView>
      )}

      {result.kind === 'idle' && (
        <View className='verify__how'>
          <Text className='verify__how-title'>如何核验</Text>
          <Text className='verify__how-text'>1. 在证明底部找到「核验码」，或扫描证明上的二维码。</Text>
          <Text className='verify__how-text'>2. 核对本页显示的姓名（部分隐藏）、服务镇街和服务时长是否与证明一致。</Text>
          <Text className='verify__how-text'>3. 内容不一致或查不到的证明，请勿采信。</Text>
        </View>
      )}
    </View>
  )
}
