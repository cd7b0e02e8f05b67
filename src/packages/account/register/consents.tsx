// The two separate consents a registration needs: the privacy policy, and the ID number as
// sensitive personal information. Each is its own row (errors and scrolling find it by field).
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Tick } from '@/components/ui/Tick'
import { ROUTES } from '@/constants/routes'
import type { Consents, Row } from './form'

function Consent({ field, checked, error, onChange, children }: { field: Row; checked: boolean; error?: string; onChange: (v: boolean) => void; children: ReactNode }) {
  return (
    <View id={`field-${field}`} data-field={field} className={`register__consent${error ? ' register__consent--invalid' : ''}`}>
      <View className='register__consent-line' onClick={() => onChange(!checked)}>
        <Tick on={checked} className='register__tick' />
        <Text className='register__consent-text'>{children}</Text>
      </View>
      {error && (
        <View className='form-row__error register__consent-error' data-error-for={field}>
          <Text className='form-row__error-dot'>!</Text>
          <Text className='form-row__error-text'>{error}</Text>
        </View>
      )}
    </View>
  )
}

export function ConsentsCard({ consents, errorOf, onChange }: { consents: Consents; errorOf: (row: Row) => string | undefined; onChange: (which: keyof Consents, on: boolean) => void }) {
  return (
    <View className='form-card register__consents'>
      <Text className='form-card__title'>授权与同意</Text>
      <Consent field='privacyVersion' checked={consents.privacy} error={errorOf('privacyVersion')} onChange={(v) => onChange('privacy', v)}>
        我已阅读并同意
        <Text
          className='register__link'
          onClick={(e) => {
            e.stopPropagation()
            void Taro.navigateTo({ url: ROUTES.privacy })
          }}
        >
          《乡青汇隐私政策》
        </Text>
      </Consent>
      <Consent field='sensitiveVersion' checked={consents.sensitive} error={errorOf('sensitiveVersion')} onChange={(v) => onChange('sensitive', v)}>
        我单独同意乡青汇处理我的
        <Text className='register__strong'>身份证号（敏感个人信息）</Text>
        ，仅用于核验身份和防止重复注册；加密保存，除我本人和负责审核的县（市、区）团委外，其他人只能看到脱敏号码。
      </Consent>
    </View>
  )
}
