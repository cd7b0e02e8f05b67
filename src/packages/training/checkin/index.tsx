// 扫码签到 (?session=&out=1): the learner scans the code the door's phone shows (it changes every
// half minute, so a photo of it is no good later); on the web build, where there is no camera,
// the code's text is pasted. A long session's check-out is the same scan at the end.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { call, errorMessage } from '@/services/cloud'
import { markChanged } from '@/services/changes'
import { goBackOr } from '@/services/navigation'
import { ROUTES } from '@/constants/routes'
import { Button } from '@/components/ui/Button'
import { FormRow } from '@/components/ui/FormRow'
import { PageStates } from '@/components/ui/PageStates'
import { ScanMark } from '@/components/ui/ScanMark'
import { StateView } from '@/components/ui/StateView'
import { TextInput } from '@/components/ui/TextInput'

import '@/components/ui/form.scss'
import '@/components/ui/panel.scss'
import '@/components/training/training.scss'

type Result = OutputOf<'training.checkIn'>
const READY = { kind: 'ready', data: null } as const

export default function TrainingCheckIn() {
  const { params } = useRouter()
  const direction = params.out === '1' ? 'out' : 'in'
  const verb = direction === 'out' ? '签退' : '签到'
  const [code, setCode] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<Result | null>(null)

  async function send(text: string) {
    if (busy || !text.trim()) return
    setBusy(true)
    setError('')
    try {
      setDone(await call('training.checkIn', { code: text.trim(), direction }))
      markChanged('trainings')
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  async function scan() {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      await send(res.result)
    } catch {
      // Closed the scanner: nothing to say.
    }
  }

  return (
    <View className='panel-page tr-checkin-page'>
      <PageStates state={READY} retry={() => undefined}>
        {() =>
          done ? (
            <StateView
              tone='ok'
              className='tr-checkin__done'
              title={`${done.direction === 'out' ? '签退' : '签到'}成功`}
              desc={`${done.courseTitle} · ${done.sessionTitle}${done.completed ? '。已结业，结业证书已生成' : done.attended ? '，出勤已计入培训学时' : '，结束时请再扫码签退'}`}
              action={done.completed ? { text: '查看学习记录', onClick: () => void Taro.redirectTo({ url: ROUTES.trainingRecords }) } : { text: '返回', onClick: () => goBackOr(ROUTES.training) }}
            />
          ) : (
            <View className='tr-form'>
              <View className='tr-card'>
                <Text className='tr-card__title'>扫描培训现场的{verb}码</Text>
                <Text className='tr-card__line'>工作人员的手机上显示{verb}码，每 30 秒更换一次；请在现场扫描最新的码。</Text>
                {process.env.TARO_ENV === 'weapp' ? (
                  <Button className='tr-checkin__scan' busy={busy} onClick={() => void scan()}>
                    <View className='tr-checkin__mark'>
                      <ScanMark />
                    </View>
                    扫码{verb}
                  </Button>
                ) : (
                  <View className='tr-checkin__paste'>
                    <FormRow field='code' label={`${verb}码`} error={error} stacked hint='网页版不能扫码：请粘贴现场签到码的文字'>
                      <TextInput value={code} placeholder='K1.S…' onChange={setCode} onConfirm={(v) => void send(v)} />
                    </FormRow>
                    <Button className='tr-checkin__send' busy={busy} onClick={() => void send(code)}>
                      {verb}
                    </Button>
                  </View>
                )}
                {error && process.env.TARO_ENV === 'weapp' && <Text className='tr-card__mine'>{error}</Text>}
              </View>
            </View>
          )
        }
      </PageStates>
    </View>
  )
}
