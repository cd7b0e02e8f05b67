import { useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { ROLE_LABELS, type Role } from '@contract/roles'
import { ROUTES, type RoutePath } from '@/constants/routes'
import { call, CallError, errorMessage } from '@/services/cloud'

import './index.scss'

type Account = OutputOf<'account.me'>

interface Workspace {
  mark: string
  title: string
  desc: string
  url: RoutePath
  tone: string
}

/** Where each role works, and what it does there. */
const WORKSPACES: Partial<Record<Role, Workspace>> = {
  volunteer: { mark: '志', title: '志愿服务', desc: '驿站签到、服务时长与星级', url: ROUTES.volunteer, tone: 'brand' },
  township_staff: { mark: '镇', title: '镇街工作台', desc: '审核签到、管理驿站', url: ROUTES.township, tone: 'brand' },
  county_admin: { mark: '县', title: '县级管理', desc: '注册审核、贷款初审、县域报表', url: ROUTES.admin, tone: 'brand' },
  city_admin: { mark: '市', title: '团市委管理', desc: '商家、岗位对接会、授权与报表', url: ROUTES.admin, tone: 'brand' },
  merchant: { mark: '商', title: '商家核销', desc: '扫码核销志愿者优惠', url: ROUTES.merchant, tone: 'merchant' },
  bank_officer: { mark: '银', title: '贷款受理', desc: '审批、放款与还款登记', url: ROUTES.bank, tone: 'bank' },
  employer: { mark: '企', title: '招聘对接', desc: '发布岗位、查看报名、登记结果', url: ROUTES.employer, tone: 'employer' },
}

type State = { kind: 'loading' } | { kind: 'ready'; account: Account } | { kind: 'no-identity' } | { kind: 'error'; message: string }

export default function Mine() {
  const [state, setState] = useState<State>({ kind: 'loading' })

  const load = async () => {
    try {
      setState({ kind: 'ready', account: await call('account.me', {}) })
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
  const workspaces = account
    ? account.roles.flatMap((g) => {
        const w = WORKSPACES[g.role]
        return w ? [{ ...w, key: `${g.role}-${g.scopeId}`, scope: g.scopeName }] : []
      })
    : []

  return (
    <View className='mine'>
      <View className='mine__profile'>
        <View className='mine__avatar'>
          {account?.avatarUrl ? <Image className='mine__avatar-img' src={account.avatarUrl} mode='aspectFill' /> : <Text className='mine__avatar-text'>青</Text>}
        </View>
        <View className='mine__who'>
          <Text className='mine__nickname'>{state.kind === 'loading' ? '加载中…' : account?.nickname || '微信用户'}</Text>
          <Text className='mine__hint'>
            {account ? (account.mobileMasked ? `手机 ${account.mobileMasked}` : '尚未绑定手机号') : state.kind === 'no-identity' ? '尚未选择演示身份' : ' '}
          </Text>
        </View>
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

      {account && (
        <View className='mine__group'>
          <Text className='mine__group-title'>我的身份</Text>
          {account.roles.length === 0 ? (
            <View className='mine__empty'>
              <Text className='mine__empty-title'>还没有任何身份</Text>
              <Text className='mine__empty-desc'>乡村振兴志愿者或农村青年可在“志愿服务”中完成注册；工作人员请使用邀请码加入。</Text>
            </View>
          ) : (
            <View className='mine__chips'>
              {account.roles.map((g) => (
                <View key={`${g.role}-${g.scopeId}`} className='mine__chip'>
                  <Text>{ROLE_LABELS[g.role]}</Text>
                  {g.scopeName && <Text className='mine__chip-scope'>{g.scopeName}</Text>}
                </View>
              ))}
            </View>
          )}
        </View>
      )}

      {workspaces.length > 0 && (
        <View className='mine__group mine__group--spaced'>
          <Text className='mine__group-title'>我的工作台</Text>
          {workspaces.map((w) => (
            <View key={w.key} className='mine__row' hoverClass='mine__row--pressed' onClick={() => Taro.navigateTo({ url: w.url })}>
              <View className={`mine__mark mine__mark--${w.tone}`}>
                <Text>{w.mark}</Text>
              </View>
              <View className='mine__row-main'>
                <Text className='mine__row-title'>{w.title}</Text>
                <Text className='mine__row-desc'>
                  {w.scope ? `${w.scope} · ` : ''}
                  {w.desc}
                </Text>
              </View>
              <Text className='mine__arrow'>›</Text>
            </View>
          ))}
        </View>
      )}

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
