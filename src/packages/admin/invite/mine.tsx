// 我的邀请: the invitations this admin created, by status, each with its code, its dates, who
// used it, and (while open) 作废 and 出示邀请码.
import { Text, View } from '@tarojs/components'
import { ROLE_LABELS } from '@contract/roles'
import { Tag } from '@/components/ui/Tag'
import { Button } from '@/components/ui/Button'
import { dateTime } from '@/components/ui/format'
import type { Invitation } from './use-invite-form'
import { copyCode, STATUS_TEXT, STATUS_TONE, type InvStatus } from './result'

import './mine.scss'

export const FILTERS: { value: '' | InvStatus; label: string }[] = [
  { value: '', label: '全部' },
  { value: 'open', label: '有效' },
  { value: 'used', label: '已使用' },
  { value: 'revoked', label: '已作废' },
  { value: 'expired', label: '已过期' },
]

export function MineHead({ total, filter, onFilter }: { total: number | null; filter: '' | InvStatus; onFilter: (f: '' | InvStatus) => void }) {
  return (
    <>
      <View className='invite-mine__head'>
        <Text className='invite-mine__title'>我的邀请</Text>
        {total !== null && <Text className='invite-mine__total'>共 {total} 个</Text>}
      </View>
      <View className='panel-filters invite-mine__filters'>
        {FILTERS.map((f) => (
          <View key={f.value || 'all'} className={`panel-chip ${filter === f.value ? 'panel-chip--on' : ''}`} onClick={() => onFilter(f.value)}>
            <Text className='panel-chip__text'>{f.label}</Text>
          </View>
        ))}
      </View>
    </>
  )
}

interface ItemProps {
  inv: Invitation
  /** The code being revoked now ('' for none): one at a time. */
  revoking: string
  onRevoke: (inv: Invitation) => void
  onShow: (inv: Invitation) => void
}

export function InvitationItem({ inv, revoking, onRevoke, onShow }: ItemProps) {
  const expired = inv.status === 'expired'
  return (
    <View className={`panel-card invite-item invite-item--${inv.status}`}>
      <View className='invite-item__head'>
        <Text className='invite-item__role'>{ROLE_LABELS[inv.role]}</Text>
        <Text className='invite-item__scope'>{inv.scopeName}</Text>
        <Tag tone={STATUS_TONE[inv.status]} className='invite-item__status'>
          {STATUS_TEXT[inv.status]}
        </Tag>
      </View>
      <View className='invite-item__code-row'>
        <Text className='invite-item__code panel-mono'>{inv.code}</Text>
        {inv.status === 'open' && (
          <Text className='invite-item__copy' onClick={() => void copyCode(inv.code)}>
            复制
          </Text>
        )}
      </View>
      <Text className='invite-item__line'>
        {dateTime(inv.createdAt, '—')} 创建 · {expired ? '已于' : '有效期至'} {dateTime(inv.expiresAt, '—')}
        {expired ? '过期' : ''}
      </Text>
      {inv.usedByName && (
        <Text className='invite-item__line'>
          {inv.usedByName} 于 {dateTime(inv.usedAt, '—')} 接受
        </Text>
      )}
      {inv.note && <Text className='invite-item__line invite-item__note'>备注：{inv.note}</Text>}
      {inv.status === 'open' && (
        <View className='invite-item__actions'>
          <Button small kind='outline' className='invite-item__revoke' busy={revoking === inv.code} disabled={!!revoking} onClick={() => onRevoke(inv)}>
            作废
          </Button>
          <Button small kind='outline' className='invite-item__show' onClick={() => onShow(inv)}>
            出示邀请码
          </Button>
        </View>
      )}
    </View>
  )
}
