// 接受邀请：工作人员（镇街干事、县团委、商家、银行、用人单位）的身份只来自一次性邀请。
// The code comes from ?code=, from a 小程序码 (?scene=inv%3DCODE), from a scan, or typed in.
import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { INVITATION_CODE } from '@contract/vocabulary'
import { PERSON_NAME_PATTERN } from '@contract/personal'
import { ROLE_LABELS } from '@contract/roles'
import { TextInput } from '@/components/ui/TextInput'
import { FormRow } from '@/components/ui/FormRow'
import { cleanCode, invitationCodeFrom } from '@/components/account/format'
import { ROUTES } from '@/constants/routes'
import { call, CallError, errorMessage } from '@/services/cloud'
import { Button } from '@/components/ui/Button'
import { StateView } from '@/components/ui/StateView'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { dateTime } from '@/components/ui/format'

import './index.scss'

type Preview = OutputOf<'grants.previewInvitation'>
type Grant = OutputOf<'grants.redeemInvitation'>['grant']

/** One character that stands for each granted role. */
const ROLE_MARKS: Record<Preview['role'], string> = {
  township_staff: '镇',
  county_admin: '县',
  city_admin: '市',
  merchant: '商',
  bank_officer: '银',
  employer: '企',
}

/** What each role will do, so the invitee knows what they accept. */
const ROLE_DUTIES: Record<Preview['role'], string> = {
  township_staff: '审核本镇街志愿者的签到，管理驿站和签到码',
  county_admin: '审核本县（市、区）的注册和贷款申请，管理镇街与驿站',
  city_admin: '管理全市的商家、岗位对接会、授权和报表',
  merchant: '扫码核销志愿者的爱心优惠',
  bank_officer: '受理创业贴息贷款的审批、放款与还款登记',
  employer: '发布岗位、查看报名并登记招聘结果',
}

/** The invitation, or why it cannot be looked up: a code that is not one reads as 找不到, not as a failure to retry. */
async function lookUpInvitation(code: string): Promise<Preview> {
  try {
    return await call('grants.previewInvitation', { code })
  } catch (err) {
    if (err instanceof CallError && err.code === 'INVALID_INPUT') throw new CallError({ code: 'NOT_FOUND', message: err.message })
    throw err
  }
}

export default function Invite() {
  const router = useRouter()
  /** The code being looked at ('' while one is typed in): from the link, a scan or the field. */
  const [code, setCode] = useState(() => invitationCodeFrom(router.params))
  const { state, retry, reload } = usePageState(() => lookUpInvitation(code), [code], !!code)
  const [done, setDone] = useState<{ grant: Grant; phoneBound: boolean } | null>(null)
  const [typed, setTyped] = useState('')
  const [typedError, setTypedError] = useState('')
  const [accepting, setAccepting] = useState(false)
  const [name, setName] = useState('')
  const [nameError, setNameError] = useState('')

  // Someone who already gave their name (registering, or an earlier invitation) need not type it again.
  useEffect(() => {
    call('account.me', {})
      .then((me) => setName((typedName) => typedName || me.realName))
      .catch(() => undefined)
  }, [])

  const lookUp = () => {
    const next = cleanCode(typed)
    if (!next) return setTypedError('请输入邀请码')
    if (!INVITATION_CODE.test(next)) return setTypedError('邀请码应为 10 位字母或数字')
    setTypedError('')
    setCode(next)
  }

  const scan = async () => {
    try {
      // 'wxCode' (小程序码) is a WeChat scan type Taro's typings do not list.
      const res = await Taro.scanCode({ scanType: ['wxCode', 'qrCode'] as unknown as (keyof Taro.scanCode.ScanType)[] })
      // A 小程序码 gives the page path with its scene; a plain code gives the text.
      const query = (res.path ?? '').split('?')[1] ?? ''
      const params = Object.fromEntries(query.split('&').filter(Boolean).map((kv) => kv.split('=') as [string, string]))
      const scanned = invitationCodeFrom(params) || cleanCode(res.result ?? '')
      if (INVITATION_CODE.test(scanned)) setCode(scanned)
      else void Taro.showToast({ title: '没有识别到邀请码', icon: 'none' })
    } catch {
      // Cancelled.
    }
  }

  const accept = async (p: Preview) => {
    const realName = name.trim()
    // The contract's rule for a name, checked before the confirmation.
    const problem = !realName ? '请填写你的真实姓名，方便管理员确认身份' : !PERSON_NAME_PATTERN.test(realName) ? '姓名只能包含汉字（或英文字母），2–20 个字' : ''
    if (problem) return setNameError(problem)
    const label = ROLE_LABELS[p.role]
    const { confirm } = await Taro.showModal({
      title: '接受邀请',
      content: `接受后，你的微信账号将获得「${label}${p.scopeName ? ` · ${p.scopeName}` : ''}」身份，可以${ROLE_DUTIES[p.role]}。此邀请码随即失效。`,
      confirmText: '接受',
      confirmColor: '#d93a2b',
    })
    if (!confirm) return
    setAccepting(true)
    try {
      const { grant } = await call('grants.redeemInvitation', { code, name: realName })
      const me = await call('account.me', {}).catch(() => null)
      setDone({ grant, phoneBound: !!me?.mobileMasked })
      void Taro.showToast({ title: '已接受邀请', icon: 'success' })
    } catch (err) {
      if (err instanceof CallError && err.field === 'name') setNameError(err.message)
      else void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
      // Someone else may have used it meanwhile: show where it stands now.
      if (err instanceof CallError && err.code === 'CONFLICT') void reload(true)
    } finally {
      setAccepting(false)
    }
  }

  const again = () => {
    setTyped('')
    setCode('')
  }

  if (done) {
    const g = done.grant
    return (
      <View className='form-page invite invite--done'>
        <StateView tone='ok' title={`你已成为${ROLE_LABELS[g.role]}`} desc={`${g.scopeName ? `范围：${g.scopeName}。` : ''}在「我的 → 我的工作台」进入工作页面。`}>
          {!done.phoneBound && (
            <View className='form-banner form-banner--info invite__phone'>
              <View className='form-banner__main'>
                <Text className='form-banner__title'>请绑定手机号</Text>
                <Text className='form-banner__text'>管理员和同事需要时能联系到你，审核提醒也会发到这个号码。</Text>
              </View>
              <Button small kind='outline' className='invite__bind-phone' onClick={() => void Taro.navigateTo({ url: ROUTES.profile })}>
                去绑定
              </Button>
            </View>
          )}
          <Button className='invite__mine' onClick={() => void Taro.switchTab({ url: ROUTES.mine })}>
            去我的
          </Button>
        </StateView>
      </View>
    )
  }

  if (code) {
    return (
      <View className='form-page invite invite--preview'>
        <PageStates state={state} retry={retry} skeleton={1} notFound={{ title: '无法使用这个邀请', action: { text: '输入其他邀请码', onClick: again } }}>
          {(p) => (
            <>
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
                  <View className='form-kv'>
                    <Text className='form-kv__key'>范围</Text>
                    <Text className='form-kv__value invite__scope'>{p.scopeName || '—'}</Text>
                  </View>
                  {p.note && (
                    <View className='form-kv'>
                      <Text className='form-kv__key'>备注</Text>
                      <Text className='form-kv__value'>{p.note}</Text>
                    </View>
                  )}
                  <View className='form-kv'>
                    <Text className='form-kv__key'>邀请人</Text>
                    <Text className='form-kv__value'>{p.invitedBy || '管理员'}</Text>
                  </View>
                  <View className='form-kv'>
                    <Text className='form-kv__key'>有效期至</Text>
                    <Text className='form-kv__value'>{dateTime(p.expiresAt)}</Text>
                  </View>
                  <View className='form-kv'>
                    <Text className='form-kv__key'>邀请码</Text>
                    <Text className='form-kv__value invite__code'>{code}</Text>
                  </View>
                </View>
              </View>

              {p.usable ? (
                <>
                  <View className='form-card invite__who'>
                    <FormRow field='name' label='你的姓名' error={nameError} hint='管理员据此确认是你本人，授权名单中也显示这个姓名'>
                      <TextInput
                        className='invite__name'
                        value={name}
                        placeholder='真实姓名'
                        maxLength={20}
                        onChange={(v) => {
                          setName(v)
                          setNameError('')
                        }}
                      />
                    </FormRow>
                  </View>
                  <Text className='form-note'>邀请只能使用一次。接受后，该身份与你当前的微信账号绑定，管理员可以随时撤销。</Text>
                  <Button busy={accepting} className='invite__accept' onClick={() => void accept(p)}>
                    接受邀请
                  </Button>
                </>
              ) : (
                <>
                  <View className='form-banner form-banner--rejected invite__problem'>
                    <View className='form-banner__icon'>
                      <Text className='form-banner__icon-text'>!</Text>
                    </View>
                    <View className='form-banner__main'>
                      <Text className='form-banner__title'>{p.problem}</Text>
                      <Text className='form-banner__text'>请联系邀请人重新发送一个邀请。</Text>
                    </View>
                  </View>
                  <Button kind='outline' className='invite__again' onClick={again}>
                    输入其他邀请码
                  </Button>
                </>
              )}
            </>
          )}
        </PageStates>
      </View>
    )
  }

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
        <FormRow field='code' label='邀请码' error={typedError}>
          <TextInput
            className='invite__input'
            value={typed}
            placeholder='10 位字母或数字'
            maxLength={14}
            onChange={(v) => {
              setTyped(v.toUpperCase())
              setTypedError('')
            }}
            onConfirm={lookUp}
          />
        </FormRow>
      </View>
      <Button className='invite__lookup' onClick={lookUp}>
        查看邀请
      </Button>
      {process.env.TARO_ENV === 'weapp' && (
        <Button kind='plain' className='invite__scan' onClick={() => void scan()}>
          扫描邀请小程序码
        </Button>
      )}
    </View>
  )
}
