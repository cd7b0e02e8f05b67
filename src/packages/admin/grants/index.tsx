// 授权管理: the granted roles within the admin's reach, filtered by role; revoking one asks
// for confirmation and a reason (both recorded).
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import type { GrantableRole } from '@contract/grants'
import { ROLE_LABELS } from '@contract/roles'
import { ROUTES } from '@/constants/routes'
import { call, errorMessage } from '@/services/cloud'
import { useAdminScope } from '@/components/admin/shared'
import { adminDenied } from '@/components/admin/ui'
import { NoteDialog } from '@/components/ui/Dialog'
import { PagedStates } from '@/components/ui/PagedStates'
import { Tag } from '@/components/ui/Tag'
import { Button } from '@/components/ui/Button'
import { markChanged } from '@/services/changes'
import { usePaged } from '@/components/ui/paged'

import '@/styles/nutui-theme.scss'
import './index.scss'

type Row = OutputOf<'grants.listGrants'>['items'][number]

const COUNTY_ROLES: GrantableRole[] = ['township_staff', 'county_admin', 'merchant']
const TONE: Record<GrantableRole, 'brand' | 'green' | 'grey' | 'amber' | 'blue'> = {
  township_staff: 'green',
  county_admin: 'brand',
  city_admin: 'brand',
  merchant: 'amber',
  bank_officer: 'blue',
  employer: 'blue',
  judge: 'amber',
}

/** Every grantable role (the keys of TONE, which the type keeps complete). */
const ALL_ROLES = Object.keys(TONE) as GrantableRole[]

const rowKey = (r: Row) => `${r.userId}:${r.grant.role}:${r.grant.scopeId}`

export default function Grants() {
  const { state, reload: reloadScope } = useAdminScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const [role, setRole] = useState<'' | GrantableRole>('')
  const [revoking, setRevoking] = useState<Row | null>(null)

  const roles = scope?.city ? ALL_ROLES : COUNTY_ROLES
  const list = usePaged<Row>((page, pageSize) => call('grants.listGrants', { page, pageSize, ...(role ? { role } : {}) }), role, !!scope)

  const ask = async (row: Row) => {
    const { confirm } = await Taro.showModal({
      title: '撤销授权',
      content: `撤销后，${row.name} 将立即失去「${ROLE_LABELS[row.grant.role]} · ${row.grant.scopeName}」身份，无法再使用相应功能。如需恢复，需要重新邀请。`,
      confirmText: '继续',
      confirmColor: '#d93a2b',
    })
    if (confirm) setRevoking(row)
  }

  const revoke = async (reason: string) => {
    if (!revoking) return
    const row = revoking
    try {
      await call('grants.revokeGrant', { userId: row.userId, role: row.grant.role as GrantableRole, scopeId: row.grant.scopeId, reason })
      list.setItems((items) => items.filter((x) => rowKey(x) !== rowKey(row)))
      // The header counts people, not roles: the function says how many hold one still.
      void list.reload(true)
      markChanged('home')
      void Taro.showToast({ title: '已撤销', icon: 'success' })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
      throw err
    }
  }

  const me = scope?.account.userId

  return (
    <View className='panel-page grants'>
      {scope && (
        <>
          <View className='panel-top'>
            <View className='panel-filters grants__filters'>
              {[{ value: '' as const, label: '全部角色' }, ...roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))].map((f) => (
                <View key={f.value || 'all'} className={`panel-chip ${role === f.value ? 'panel-chip--on' : ''}`} onClick={() => setRole(f.value)}>
                  <Text className='panel-chip__text'>{f.label}</Text>
                </View>
              ))}
            </View>
          </View>

          <View className='panel-summary'>
            <Text>{scope.city ? '全市已授予的角色' : `${scope.counties.map((c) => c.name).join('、')}范围内已授予的角色`}</Text>
            {list.status === 'ready' && <Text>共 {list.total} 人</Text>}
          </View>
        </>
      )}

      <PagedStates
        gate={state}
        list={list}
        retryGate={() => void reloadScope(true)}
        denied={adminDenied(state)}
        empty={{ title: role ? `暂无${ROLE_LABELS[role]}` : '暂无已授予的角色', desc: '角色通过邀请授予：创建邀请后，被邀请人接受即获得相应身份', action: { text: '去邀请', onClick: () => void Taro.redirectTo({ url: ROUTES.adminInvite }) } }}
      >
        {(r) => {
          const mine = r.userId === me
          const g = r.grant.role as GrantableRole
          return (
            <View key={rowKey(r)} className='panel-card grant-row'>
              <View className={`grant-row__avatar grant-row__avatar--${TONE[g] ?? 'grey'}`}>
                <Text>{(r.name || '用').slice(0, 1)}</Text>
              </View>
              <View className='grant-row__main'>
                <View className='grant-row__top'>
                  <Text className='grant-row__name'>{r.name}</Text>
                  {mine && <Text className='grant-row__me'>我</Text>}
                </View>
                <View className='grant-row__roles'>
                  <Tag tone={TONE[g] ?? 'grey'}>{ROLE_LABELS[r.grant.role]}</Tag>
                  <Text className='grant-row__scope'>{r.grant.scopeName || '—'}</Text>
                </View>
                <Text className='grant-row__mobile panel-num'>{r.mobileMasked || '未绑定手机'}</Text>
              </View>
              {!mine && (
                <Button small kind='outline' className='grant-row__revoke' onClick={() => void ask(r)}>
                  撤销
                </Button>
              )}
            </View>
          )
        }}
      </PagedStates>

      <NoteDialog required maxLength={200}
        visible={!!revoking}
        title='填写撤销理由'
        message={revoking ? `撤销 ${revoking.name} 的「${ROLE_LABELS[revoking.grant.role]} · ${revoking.grant.scopeName}」身份。理由将记入操作日志。` : ''}
        placeholder='例如：岗位调整，不再负责驿站管理'
        confirmText='确认撤销'
        onConfirm={revoke}
        onClose={() => setRevoking(null)}
      />
    </View>
  )
}
