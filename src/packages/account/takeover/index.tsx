// 更换微信账号：换了微信号的人用姓名和身份证号申请找回原注册记录；原注册所在的县（市、区）
// 团委核对后，记录、身份和服务时长转到当前微信账号。
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { TextInput } from '@/components/ui/TextInput'
import { FormRow } from '@/components/ui/FormRow'
import { FormBanner } from '@/components/account/FormBanner'
import { IdNumberInput } from '@/components/account/IdNumberInput'
import { ROUTES } from '@/constants/routes'
import { call, CallError, errorMessage } from '@/services/cloud'
import { Button } from '@/components/ui/Button'
import { StateView } from '@/components/ui/StateView'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { useSubmit } from '@/components/ui/submit'
import { dateTime } from '@/components/ui/format'
import { checkTakeover, ROWS, rowOfField, type Row } from './check'

import './index.scss'

type Takeover = OutputOf<'registration.myTakeover'>

const STEPS: [string, string][] = [
  ['提交申请', '姓名与身份证号'],
  ['县团委确认', '核对两个账号'],
  ['转到当前账号', '旧账号停用'],
]

export default function TakeoverPage() {
  const { state, retry, setData } = usePageState<Takeover>(() => call('registration.myTakeover', {}), [])
  const [fields, setFields] = useState<Record<Row, string>>({ name: '', idNumber: '' })
  const [formError, setFormError] = useState('')
  const form = useSubmit<Row>(ROWS, rowOfField)

  const set = (row: Row, value: string) => {
    setFields((f) => ({ ...f, [row]: value }))
    form.clearError(row)
  }

  const submit = () =>
    form.submit({
      // The check's messages stay at their rows until the field is edited, like the function's.
      check: () => {
        const { errors } = checkTakeover(fields)
        for (const row of ROWS) if (errors[row]) form.markError(row, errors[row])
        return errors
      },
      confirm: async () => {
        setFormError('')
        const { confirm } = await Taro.showModal({
          title: '提交找回申请',
          content: '县（市、区）团委确认后，原注册记录、身份和服务时长会转到当前微信账号，原来的微信账号将不能再使用；当前账号里的其他内容不会保留。',
          confirmText: '提交',
          confirmColor: '#d93a2b',
        })
        return confirm
      },
      send: async () => {
        try {
          const takeover = await call('registration.requestTakeover', checkTakeover(fields).input!)
          setData(() => takeover)
          setFields((f) => ({ ...f, idNumber: '' }))
          void Taro.showToast({ title: '申请已提交', icon: 'success' })
        } catch (err) {
          // A field's refusal goes to its row; anything else stays on the page, above the button.
          if (err instanceof CallError && err.field && rowOfField(err.field)) throw err
          setFormError(errorMessage(err))
        }
      },
    })

  return (
    <View className='form-page takeover'>
      <PageStates state={state} retry={retry} skeleton={2}>
        {(t) =>
          t?.status === 'approved' ? (
            <StateView tone='ok' title='已通过' desc={`${t.decidedAt ? `${dateTime(t.decidedAt)}，` : ''}原注册记录、身份和服务时长已转到当前微信账号。`}>
              <Button onClick={() => void Taro.switchTab({ url: ROUTES.mine })}>去我的</Button>
            </StateView>
          ) : (
            <>
              <Intro step={t?.status === 'pending' ? 2 : 1} />
              {t?.status === 'pending' && (
                <FormBanner tone='pending' className='takeover__status' status='pending' title='待县团委确认' text={`已于 ${dateTime(t.createdAt)} 提交。确认后会通过微信服务通知告诉你，也可以回到这里查看。`} />
              )}
              {t?.status === 'rejected' && (
                <FormBanner tone='rejected' className='takeover__status' status='rejected' title='未通过' reason={t.reason || '县（市、区）团委未填写原因'} text='如有疑问请联系原注册所在的县（市、区）团委，核对后可以重新申请。' />
              )}

              {t?.status !== 'pending' && (
                <>
                  <View className='form-card'>
                    <Text className='form-card__title'>{t?.status === 'rejected' ? '重新申请' : '填写原注册信息'}</Text>
                    <FormRow field='name' label='姓名' required error={form.serverErrors.name}>
                      <TextInput value={fields.name} placeholder='注册时填写的姓名' maxLength={20} onChange={(v) => set('name', v)} />
                    </FormRow>
                    <FormRow field='idNumber' label='身份证号' required error={form.serverErrors.idNumber} hint='只用于查找原注册记录，不另外保存'>
                      <IdNumberInput value={fields.idNumber} onChange={(v) => set('idNumber', v)} />
                    </FormRow>
                  </View>
                  {formError && <FormBanner tone='rejected' icon={false} className='takeover__form-error' text={formError} />}
                  <Button busy={form.busy} className='takeover__submit' onClick={() => void submit()}>
                    {form.busy ? '正在提交…' : '提交申请'}
                  </Button>
                  <Text className='form-note takeover__note'>没有注册过？不需要申请，直接在「我的」页面注册即可。</Text>
                </>
              )}
            </>
          )
        }
      </PageStates>
    </View>
  )
}

/** What the takeover is, and where this one stands among its three steps. */
function Intro({ step }: { step: number }) {
  return (
    <View className='form-card takeover__intro'>
      <Text className='takeover__title'>换了微信号，找回原来的记录</Text>
      <Text className='takeover__text'>
        注册记录、身份和服务时长都跟着注册时的微信账号。如果你换了微信号，请用注册时的姓名和身份证号提交申请，由原注册所在的县（市、区）团委核对确认。
      </Text>
      <View className='takeover__steps'>
        {STEPS.map(([title, desc], i) => {
          const look = i + 1 < step ? 'done' : i + 1 === step ? 'active' : 'todo'
          return (
            <View key={title} className={`takeover__step takeover__step--${look}`}>
              <View className='takeover__step-dot'>
                <Text>{look === 'done' ? '✓' : i + 1}</Text>
              </View>
              <Text className='takeover__step-title'>{title}</Text>
              <Text className='takeover__step-desc'>{desc}</Text>
            </View>
          )
        })}
      </View>
    </View>
  )
}
