import { useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { ROUTES } from '@/constants/routes'
import { call, CallError, errorMessage } from '@/services/cloud'
import { showUnread } from '@/services/unread'
import { accountView, type Account } from './account-view'
import { JoinTiles, LinksGroup, RegistrationsGroup, RolesGroup, WorkspacesGroup } from './sections'

import './index.scss'

type State = { kind: 'loading' } | { kind: 'ready'; account: Account } | { kind: 'no-identity' } | { kind: 'error'; message: string }

const go = (url: string) => void Taro.navigateTo({ url })

export default function Mine() {
  const [state, setState] = useState<State>({ kind: 'loading' })

  const load = async () => {
    try {
      const account = await call('account.me', {})
      setState({ kind: 'ready', account })
      showUnread(account.unreadMessages)
    } catch (err) {
      // Only the local cloud's gateway answers UNAUTHENTICATED (no persona chosen); in WeChat the caller is always known.
      if (process.env.TARO_APP_DEV_TOOLS === 'true' && err instanceof CallError && err.code === 'UNAUTHENTICATED') setState({ kind: 'no-identity' })
      else setState({ kind: 'error', message: errorMessage(err) })
    } finally {
      Taro.stopPullDownRefresh()
    }
  }

  useDidShow(() => void load())
  usePullDownRefresh(() => void load())

  const account = state.kind === 'ready' ? state.account : null
  const { registrations, offerRegistration, workspaces } = accountView(account)

  return (
    <View className='mine'>
      <View className='mine__profile' onClick={() => account && go(ROUTES.profile)}>
        <View className='mine__avatar'>
          {account?.avatarUrl ? <Image className='mine__avatar-img' src={account.avatarUrl} mode='aspectFill' /> : <Text className='mine__avatar-text'>青</Text>}
        </View>
        <View className='mine__who'>
          <Text className='mine__nickname'>{state.kind === 'loading' ? '加载中…' : account?.nickname || account?.realName || '微信用户'}</Text>
          <Text className='mine__hint'>
            {account ? (account.mobileMasked ? `手机 ${account.mobileMasked}` : '尚未绑定手机号') : state.kind === 'no-identity' ? '尚未选择演示身份' : ' '}
          </Text>
        </View>
        {account && <Text className='mine__edit'>编辑资料 ›</Text>}
      </View>

      {state.kind === 'error' && (
        <View className='mine__group mine__notice'>
          <Text className='mine__notice-text'>{state.message}</Text>
          <View className='mine__notice-action' onClick={() => void load()}>
            <Text>重试</Text>
          </View>
        </View>
      )}

      {state.kind === 'no-identity' && (
        <View className='mine__group mine__notice'>
          <Text className='mine__notice-text'>本地开发环境需要先选择一个演示身份</Text>
          <View className='mine__notice-action' onClick={() => Taro.navigateTo({ url: ROUTES.personas })}>
            <Text>去选择</Text>
          </View>
        </View>
      )}

      {account && <RolesGroup account={account} registrations={registrations} />}

      {registrations.length > 0 && <RegistrationsGroup registrations={registrations} />}

      {offerRegistration && <JoinTiles />}

      {workspaces.length > 0 && <WorkspacesGroup workspaces={workspaces} />}

      {account && <LinksGroup account={account} />}

      {/* Inline comparison (not via a variable) so production builds drop this block entirely. */}
      {process.env.TARO_APP_DEV_TOOLS === 'true' && (
        <View className='mine__group mine__group--dev'>
          <View className='mine__row' hoverClass='mine__row--pressed' onClick={() => Taro.navigateTo({ url: ROUTES.personas })}>
            <View className='mine__mark mine__mark--dev'>
              <Text>测</Text>
            </View>
            <View className='mine__row-main'>
              <Text className='mine__row-title'>切换演示身份</Text>
              <Text className='mine__row-desc'>仅本地开发构建可见</Text>
            </View>
            <Text className='mine__arrow'>›</Text>
          </View>
        </View>
      )}
    </View>
  )
}
