// The phone number row: WeChat's quick verification in the mini program; in the browser with the
// development tools, a stand-in that sends dev-phone:<number> as the code.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { MOBILE_PATTERN } from '@contract/personal'
import { TextInput } from '@/components/ui/TextInput'
import { FormRow } from '@/components/ui/FormRow'
import { call, errorMessage } from '@/services/cloud'
import { Button } from '@/components/ui/Button'

type Account = OutputOf<'account.updateProfile'>

export function PhoneRow({ account, onBound }: { account: Account; onBound: (account: Account) => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [devPhone, setDevPhone] = useState('')
  const weapp = process.env.TARO_ENV === 'weapp'

  const bind = async (code: string) => {
    setBusy(true)
    setError('')
    try {
      onBound(await call('account.bindPhone', { code }))
      setDevPhone('')
      void Taro.showToast({ title: '手机号已绑定', icon: 'success' })
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  const onGetPhoneNumber = (e: { detail: { code?: string; errMsg?: string } }) => {
    if (e.detail.code) void bind(e.detail.code)
    else if (!/deny|cancel/.test(e.detail.errMsg ?? '')) setError('未获得手机号授权，请重试')
  }

  const bindDevPhone = () => {
    const number = devPhone.trim()
    if (!MOBILE_PATTERN.test(number)) return setError('请输入 11 位大陆手机号')
    void bind(`dev-phone:${number}`)
  }

  return (
    <>
      <FormRow field='mobile' label='手机号' error={error} hint={!account.mobileMasked ? '绑定后用于接收审核和活动通知' : undefined}>
        <Text className={account.mobileMasked ? 'form-row__value profile__mobile' : 'form-row__placeholder profile__mobile'}>{account.mobileMasked || '未绑定'}</Text>
        {weapp && (
          <Button small kind='outline' className='profile__phone-btn' openType='getPhoneNumber' busy={busy} onGetPhoneNumber={(e) => onGetPhoneNumber(e as { detail: { code?: string; errMsg?: string } })}>
            {account.mobileMasked ? '更换' : '微信快速绑定'}
          </Button>
        )}
      </FormRow>
      {/* Inline comparison (not via a variable) so production builds drop the stand-in. */}
      {process.env.TARO_APP_DEV_TOOLS === 'true' && !weapp && (
        <View className='profile__dev'>
          <Text className='profile__dev-tag'>开发替身</Text>
          <Text className='profile__dev-text'>浏览器里没有微信手机号授权：输入一个号码，模拟授权码 dev-phone:号码。</Text>
          <View className='profile__dev-line'>
            <TextInput
              className='profile__dev-input'
              type='tel'
              value={devPhone}
              placeholder='11 位手机号'
              maxLength={11}
              onChange={(v) => {
                setDevPhone(v.replace(/\D/g, ''))
                setError('')
              }}
            />
            <Button small className='profile__dev-bind' busy={busy} onClick={bindDevPhone}>
              绑定
            </Button>
          </View>
        </View>
      )}
      {!weapp && process.env.TARO_APP_DEV_TOOLS !== 'true' && <Text className='form-note profile__h5-note'>手机号请在微信小程序中绑定。</Text>}
    </>
  )
}
