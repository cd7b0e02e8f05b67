// 编辑资料：头像（微信头像选择）、昵称（微信昵称键盘）、手机号（微信手机号快速验证），
// 以及撤回同意并注销账号。
import { useState } from 'react'
import { Button as TaroButton, Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { TextInput } from '@/components/ui/TextInput'
import { FormRow } from '@/components/ui/FormRow'
import { ROUTES } from '@/constants/routes'
import { call, errorMessage } from '@/services/cloud'
import { uploadFile, uploadPath } from '@/services/files'
import { Button } from '@/components/ui/Button'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { PhoneRow } from './phone'
import { CloseAccount } from './close'

import './index.scss'

type Account = OutputOf<'account.updateProfile'>

export default function Profile() {
  const [nickname, setNickname] = useState('')
  const [nicknameError, setNicknameError] = useState('')
  const [savingName, setSavingName] = useState(false)
  const [avatarBusy, setAvatarBusy] = useState(false)
  const [localAvatar, setLocalAvatar] = useState('')

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
              <PhoneRow account={account} onBound={ready} />
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

            <CloseAccount />
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
