// 编辑资料：头像（微信头像选择）、昵称（微信昵称键盘）、手机号（微信手机号快速验证），
// 以及撤回同意并注销账号。
import { useState } from 'react'
import { Button as TaroButton, Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { MOBILE_PATTERN } from '@contract/personal'
import { TextInput } from '@/components/ui/TextInput'
import { FormRow } from '@/components/ui/FormRow'
import { Tick } from '@/components/ui/Tick'
import { clearAllDrafts } from '@/components/account/drafts'
import { ROUTES } from '@/constants/routes'
import { call, errorMessage } from '@/services/cloud'
import { uploadFile, uploadPath } from '@/services/files'
import { Button } from '@/components/ui/Button'
import { Sheet } from '@/components/ui/Sheet'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'

import './index.scss'

type Account = OutputOf<'account.updateProfile'>

const CLOSE_REASONS = ['不再参加相关项目', '更换了微信账号', '担心个人信息安全', '其他原因']

export default function Profile() {
  const [nickname, setNickname] = useState('')
  const [nicknameError, setNicknameError] = useState('')
  const [savingName, setSavingName] = useState(false)
  const [avatarBusy, setAvatarBusy] = useState(false)
  const [localAvatar, setLocalAvatar] = useState('')
  const [phoneBusy, setPhoneBusy] = useState(false)
  const [phoneError, setPhoneError] = useState('')
  const [devPhone, setDevPhone] = useState('')
  const [closing, setClosing] = useState(false)
  const [closeOpen, setCloseOpen] = useState(false)
  const [closeReason, setCloseReason] = useState('')
  const [understood, setUnderstood] = useState(false)

  const { state, retry, setData } = usePageState<Account>(async () => {
    const account = await call('account.me', {})
    setNickname(account.nickname)
    return account
  }, [])

  const ready = (account: Account) => {
    setData(() => account)
    setNickname(account.nickname)
  }

  const account = state.kind === 'ready' ? state.data : null

  const saveNickname = async (value = nickname) => {
    const name = value.trim()
    if (!account || savingName || name === account.nickname) return
    if (!name) return setNicknameError('请填写昵称')
    if (name.length > 20) return setNicknameError('昵称不能超过 20 个字')
    setSavingName(true)
    setNicknameError('')
    try {
      ready(await call('account.updateProfile', { nickname: name }))
      void Taro.showToast({ title: '昵称已保存', icon: 'success' })
    } catch (err) {
      setNicknameError(errorMessage(err))
    } finally {
      setSavingName(false)
    }
  }

  // WeChat: the avatar the user chose (a temporary file) goes to cloud storage, then to the profile.
  const onChooseAvatar = async (e: { detail: { avatarUrl?: string } }) => {
    const filePath = e.detail.avatarUrl
    if (!filePath || avatarBusy) return
    setLocalAvatar(filePath)
    setAvatarBusy(true)
    try {
      const fileId = await uploadFile(uploadPath(account?.userId ?? '', 'avatar.png'), filePath)
      ready(await call('account.updateProfile', { avatarFileId: fileId }))
      void Taro.showToast({ title: '头像已更新', icon: 'success' })
    } catch (err) {
      setLocalAvatar('')
      void Taro.showToast({ title: errorMessage(err) === '操作失败，请稍后再试' ? '头像上传失败，请重试' : errorMessage(err), icon: 'none' })
    } finally {
      setAvatarBusy(false)
    }
  }

  const bindPhone = async (code: string) => {
    setPhoneBusy(true)
    setPhoneError('')
    try {
      ready(await call('account.bindPhone', { code }))
      setDevPhone('')
      void Taro.showToast({ title: '手机号已绑定', icon: 'success' })
    } catch (err) {
      setPhoneError(errorMessage(err))
    } finally {
      setPhoneBusy(false)
    }
  }

  const onGetPhoneNumber = (e: { detail: { code?: string; errMsg?: string } }) => {
    if (e.detail.code) void bindPhone(e.detail.code)
    else if (!/deny|cancel/.test(e.detail.errMsg ?? '')) setPhoneError('未获得手机号授权，请重试')
  }

  const bindDevPhone = () => {
    const number = devPhone.trim()
    if (!MOBILE_PATTERN.test(number)) return setPhoneError('请输入 11 位大陆手机号')
    void bindPhone(`dev-phone:${number}`)
  }

  const openClose = () => {
    setCloseReason('')
    setUnderstood(false)
    setCloseOpen(true)
  }

  const closeAccount = async () => {
    if (!understood || closing) return
    setClosing(true)
    try {
      await call('account.close', { confirm: true, reason: closeReason })
      clearAllDrafts()
      setCloseOpen(false)
      await Taro.showToast({ title: '账号已注销', icon: 'success', duration: 1200 })
      setTimeout(() => void Taro.switchTab({ url: ROUTES.mine }), 1200)
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      setClosing(false)
    }
  }

  const weapp = process.env.TARO_ENV === 'weapp'

  return (
    <View className='form-page profile'>
      <PageStates state={state} retry={retry}>
        {(account) => (
          <>
            <View className='profile__avatar-block'>
              {weapp ? (
                <TaroButton className='profile__avatar-btn' openType='chooseAvatar' onChooseAvatar={(e) => void onChooseAvatar(e as { detail: { avatarUrl?: string } })}>
                  <AvatarView src={localAvatar || account.avatarUrl} nickname={account.nickname} busy={avatarBusy} />
                </TaroButton>
              ) : (
                <AvatarView src={localAvatar || account.avatarUrl} nickname={account.nickname} busy={false} />
              )}
              <Text className='profile__avatar-tip'>{weapp ? (avatarBusy ? '正在上传…' : '点击更换头像') : '在微信小程序中可以选择微信头像'}</Text>
            </View>

            <View className='form-card'>
              <Text className='form-card__title'>基本资料</Text>
              <FormRow field='nickname' label='昵称' error={nicknameError}>
                <TextInput
                  className='profile__nickname'
                  type={weapp ? 'nickname' : 'text'}
                  value={nickname}
                  placeholder='填写或使用微信昵称'
                  maxLength={20}
                  onChange={(v) => {
                    setNickname(v)
                    setNicknameError('')
                  }}
                  // WeChat's nickname keyboard fills the field without an input event: read it on blur.
                  onBlur={(v) => {
                    if (typeof v === 'string' && v !== nickname) setNickname(v)
                  }}
                />
                {nickname.trim() !== account.nickname && (
                  <Button small className='profile__save' busy={savingName} onClick={() => void saveNickname()}>
                    保存
                  </Button>
                )}
              </FormRow>
              <FormRow field='mobile' label='手机号' error={phoneError} hint={!account.mobileMasked ? '绑定后用于接收审核和活动通知' : undefined}>
                <Text className={account.mobileMasked ? 'form-row__value profile__mobile' : 'form-row__placeholder profile__mobile'}>{account.mobileMasked || '未绑定'}</Text>
                {weapp && (
                  <Button small kind='outline' className='profile__phone-btn' openType='getPhoneNumber' busy={phoneBusy} onGetPhoneNumber={(e) => onGetPhoneNumber(e as { detail: { code?: string; errMsg?: string } })}>
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
                        setPhoneError('')
                      }}
                    />
                    <Button small className='profile__dev-bind' busy={phoneBusy} onClick={bindDevPhone}>
                      绑定
                    </Button>
                  </View>
                </View>
              )}
              {!weapp && process.env.TARO_APP_DEV_TOOLS !== 'true' && <Text className='form-note profile__h5-note'>手机号请在微信小程序中绑定。</Text>}
            </View>

            <View className='form-card profile__links'>
              <View className='profile__link' hoverClass='profile__link--pressed' onClick={() => void Taro.navigateTo({ url: ROUTES.privacy })}>
                <Text className='profile__link-text'>隐私政策</Text>
                <Text className='form-row__arrow'>›</Text>
              </View>
              <View className='profile__link' hoverClass='profile__link--pressed' onClick={() => void Taro.navigateTo({ url: ROUTES.takeover })}>
                <Text className='profile__link-text'>更换微信账号</Text>
                <Text className='form-row__arrow'>›</Text>
              </View>
            </View>

            <View className='form-card profile__danger'>
              <Text className='form-card__title profile__danger-title'>撤回同意并注销账号</Text>
              <Text className='form-card__body profile__danger-text'>
                撤回对隐私政策的同意，删除你在乡青汇的个人信息和全部身份。注销后无法恢复；以后再使用需要重新注册。
              </Text>
              <View className='profile__danger-action'>
                <Button kind='danger' className='profile__close' onClick={openClose}>
                  撤回同意并注销账号
                </Button>
              </View>
            </View>

            <Sheet visible={closeOpen} title='确定注销账号？' className='profile__sheet' closable={!closing} onClose={() => setCloseOpen(false)}>
              <View className='profile__sheet-body'>
                <Text className='profile__sheet-lead'>注销后将立即删除：</Text>
                <Text className='profile__sheet-item'>姓名、身份证号、手机号、学校专业、特长等注册信息，头像、昵称，以及你的全部身份和工作台权限。</Text>
                <Text className='profile__sheet-item'>只保留不能识别你的匿名记录（如驿站服务时长统计），以保证他人记录完整。注销后无法恢复。</Text>
                <Text className='profile__sheet-lead'>注销原因（选填）</Text>
                <View className='profile__reasons'>
                  {CLOSE_REASONS.map((r) => (
                    <View key={r} className={`profile__reason${closeReason === r ? ' profile__reason--on' : ''}`} onClick={() => setCloseReason(closeReason === r ? '' : r)}>
                      <Text>{r}</Text>
                    </View>
                  ))}
                </View>
                <View className={`profile__understood${understood ? ' profile__understood--on' : ''}`} onClick={() => setUnderstood(!understood)}>
                  <Tick on={understood} className='profile__tick' />
                  <Text>我已了解，注销后无法恢复</Text>
                </View>
                <View className='profile__sheet-actions'>
                  <Button kind='plain' className='profile__sheet-cancel' disabled={closing} onClick={() => setCloseOpen(false)}>
                    再想想
                  </Button>
                  <Button kind='primary' className='profile__sheet-confirm' disabled={!understood} busy={closing} onClick={() => void closeAccount()}>
                    {closing ? '正在注销…' : '确认注销'}
                  </Button>
                </View>
              </View>
            </Sheet>
          </>
        )}
      </PageStates>
    </View>
  )
}

function AvatarView({ src, nickname, busy }: { src: string; nickname: string; busy: boolean }) {
  return (
    <View className={`profile__avatar${busy ? ' profile__avatar--busy' : ''}`}>
      {src ? <Image className='profile__avatar-img' src={src} mode='aspectFill' /> : <Text className='profile__avatar-text'>{(nickname || '青').slice(0, 1)}</Text>}
    </View>
  )
}
