// The invitation page's three faces: a code to type in (or scan), the invitation looked up, and
// the role accepted.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ROLE_LABELS } from '@contract/roles'
import type { OutputOf } from '@contract/index'
import { TextInput } from '@/components/ui/TextInput'
import { FormRow } from '@/components/ui/FormRow'
import { FormBanner } from '@/components/account/FormBanner'
import { ROUTES } from '@/constants/routes'
import { Button } from '@/components/ui/Button'
import { StateView } from '@/components/ui/StateView'
import { dateTime } from '@/components/ui/format'
import { ROLE_DUTIES, ROLE_MARKS, type Preview } from './roles'

type Grant = OutputOf<'grants.redeemInvitation'>['grant']

export function Accepted({ grant: g, phoneBound }: { grant: Grant; phoneBound: boolean }) {
  return (
    <View className='form-page invite invite--done'>
      <StateView tone='ok' title={`你已成为${ROLE_LABELS[g.role]}`} desc={`${g.scopeName ? `范围：${g.scopeName}。` : ''}在「我的 → 我的工作台」进入工作页面。`}>
        {!phoneBound && (
          <FormBanner tone='info' className='invite__phone' title='请绑定手机号' text='管理员和同事需要时能联系到你，审核提醒也会发到这个号码。'>
            <Button small kind='outline' className='invite__bind-phone' onClick={() => void Taro.navigateTo({ url: ROUTES.profile })}>
              去绑定
            </Button>
          </FormBanner>
        )}
        <Button className='invite__mine' onClick={() => void Taro.switchTab({ url: ROUTES.mine })}>
          去我的
        </Button>
      </StateView>
    </View>
  )
}

function Fact({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <View className='form-kv'>
      <Text className='form-kv__key'>{label}</Text>
      <Text className={`form-kv__value${className ? ` ${className}` : ''}`}>{value}</Text>
    </View>
  )
}

/** Who invites whom to what, for how long. */
export function InvitationCard({ p, code }: { p: Preview; code: string }) {
  return (
    <View className='invite__card'>
      <View className='invite__head'>
        <View className={`invite__mark${p.usable ? '' : ' invite__mark--off'}`}>
          <Text>{ROLE_MARKS[p.role]}</Text>
        </View>
        <View className='invite__head-main'>
          <Text className='invite__caption'>{p.invitedBy || '管理员'} 邀请你成为</Text>
          <Text className='invite__role'>{ROLE_LABELS[p.role]}</Text>
        </View>
      </View>
      <Text className='invite__duty'>{ROLE_DUTIES[p.role]}</Text>
      <View className='invite__facts'>
        <Fact label='范围' value={p.scopeName || '—'} className='invite__scope' />
        {p.note && <Fact label='备注' value={p.note} />}
        <Fact label='邀请人' value={p.invitedBy || '管理员'} />
        <Fact label='有效期至' value={dateTime(p.expiresAt)} />
        <Fact label='邀请码' value={code} className='invite__code' />
      </View>
    </View>
  )
}

interface EnterProps {
  typed: string
  error: string
  onType: (v: string) => void
  onLookUp: () => void
  onScan: () => void
}

export function EnterCode({ typed, error, onType, onLookUp, onScan }: EnterProps) {
  return (
    <View className='form-page invite invite--enter'>
      <View className='invite__intro'>
        <View className='invite__badge'>
          <Text>邀</Text>
        </View>
        <Text className='invite__intro-title'>加入乡青汇工作团队</Text>
        <Text className='invite__intro-text'>镇街团委干事、县（市、区）团委、爱心商家、合作银行和用人单位的身份，由管理员发出一次性邀请。请输入收到的邀请码，或扫描邀请小程序码。</Text>
      </View>
      <View className='form-card'>
        <FormRow field='code' label='邀请码' error={error}>
          <TextInput className='invite__input' value={typed} placeholder='10 位字母或数字' maxLength={14} onChange={onType} onConfirm={onLookUp} />
        </FormRow>
      </View>
      <Button className='invite__lookup' onClick={onLookUp}>
        查看邀请
      </Button>
      {process.env.TARO_ENV === 'weapp' && (
        <Button kind='plain' className='invite__scan' onClick={onScan}>
          扫描邀请小程序码
        </Button>
      )}
    </View>
  )
}
