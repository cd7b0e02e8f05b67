// 账号接管: people who changed WeChat accounts ask to take over their registration. The admin
// compares the two accounts side by side and confirms (strongly) or rejects with a reason.
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ArrowRight } from '@/components/icons'
import type { OutputOf } from '@contract/index'
import { ROLE_LABELS, type Role } from '@contract/roles'
import { call, errorMessage } from '@/services/cloud'
import { useAdminScope } from '@/components/admin/shared'
import { adminDenied } from '@/components/admin/ui'
import { Dialog, NoteDialog } from '@/components/ui/Dialog'
import { PagedStates } from '@/components/ui/PagedStates'
import { Tag } from '@/components/ui/Tag'
import { ago, dateTime, ymd } from '@/components/ui/format'
import { Button } from '@/components/ui/Button'
import { Tick } from '@/components/ui/Tick'
import { markChanged } from '@/services/changes'
import { usePaged } from '@/components/ui/paged'

import '@/styles/nutui-theme.scss'
import './index.scss'

type Case = OutputOf<'registration.listTakeovers'>['items'][number]
type Status = Case['status']

const TABS: { value: Status; label: string }[] = [
  { value: 'pending', label: '待确认' },
  { value: 'approved', label: '已接管' },
  { value: 'rejected', label: '已驳回' },
]
const STATUS_TONE = { pending: 'amber', approved: 'green', rejected: 'grey' } as const
const STATUS_TEXT = { pending: '待确认', approved: '已接管', rejected: '已驳回' } as const

const roleLabel = (r: string) => ROLE_LABELS[r as Role] ?? r

export default function Takeovers() {
  const { state, reload: reloadScope } = useAdminScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const [status, setStatus] = useState<Status>('pending')
  const [confirming, setConfirming] = useState<Case | null>(null)
  const [verified, setVerified] = useState(false)
  const [rejecting, setRejecting] = useState<Case | null>(null)
  const [busyId, setBusyId] = useState('')

  const list = usePaged<Case>((page, pageSize) => call('registration.listTakeovers', { status, page, pageSize }), status, !!scope)

  const decide = async (c: Case, decision: 'approve' | 'reject', reason?: string) => {
    setBusyId(c.id)
    try {
      await call('registration.decideTakeover', { id: c.id, decision, ...(reason ? { reason } : {}) })
      void Taro.showToast({ title: decision === 'approve' ? '已确认接管' : '已驳回', icon: 'success' })
      markChanged('home')
      list.setItems((items) => items.filter((x) => x.id !== c.id))
      void list.reload(true)
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
      throw err
    } finally {
      setBusyId('')
    }
  }

  return (
    <View className='panel-page takeovers'>
      {scope && (
        <>
          <View className='panel-top'>
            <View className='panel-tabs'>
              {TABS.map((t) => (
                <View key={t.value} className={`panel-tabs__item ${status === t.value ? 'panel-tabs__item--on' : ''}`} onClick={() => setStatus(t.value)}>
                  <Text>{t.label}</Text>
                </View>
              ))}
            </View>
          </View>

          {status === 'pending' && (
            <View className='takeovers__intro'>
              <Text>申请人更换了微信账号，希望找回原来的注册记录。请先通过电话或当面核实是本人，再确认接管。</Text>
            </View>
          )}
        </>
      )}

      <PagedStates
        gate={state}
        list={list}
        retryGate={() => void reloadScope(true)}
        skeleton={2}
        denied={adminDenied(state)}
        empty={{ title: status === 'pending' ? '暂无待确认的接管申请' : status === 'approved' ? '还没有已接管的记录' : '还没有驳回的申请', desc: status === 'pending' ? '有人申请找回原注册记录时会出现在这里' : '' }}
      >
        {(c) => (
          <View key={c.id} className='panel-card takeover-card'>
            <View className='takeover-card__head'>
              <Text className='takeover-card__name'>{c.name}</Text>
              <Tag tone={STATUS_TONE[c.status]}>{STATUS_TEXT[c.status]}</Tag>
              <Text className='takeover-card__ago'>{ago(c.createdAt)}申请</Text>
            </View>
            <View className='takeover-card__facts'>
              <Text className='panel-num'>{c.idMasked}</Text>
              <Text className='takeover-card__dot'>·</Text>
              <Text>{c.townshipName}</Text>
            </View>

            <View className='takeover-card__pair'>
              <View className='takeover-acct takeover-acct--old'>
                <Text className='takeover-acct__label'>原账号</Text>
                <Text className='takeover-acct__nick'>{c.oldAccount.nickname}</Text>
                <Text className='takeover-acct__line panel-num'>{c.oldAccount.mobileMasked || '未绑定手机'}</Text>
                <Text className='takeover-acct__line'>{c.oldAccount.createdAt ? `${ymd(c.oldAccount.createdAt)} 注册` : '—'}</Text>
                <View className='takeover-acct__roles'>
                  {c.oldAccount.roles.length === 0 ? (
                    <Text className='takeover-acct__line'>无身份</Text>
                  ) : (
                    c.oldAccount.roles.map((r, i) => (
                      <Text key={`${r}-${i}`} className='takeover-acct__role'>
                        {roleLabel(r)}
                      </Text>
                    ))
                  )}
                </View>
              </View>
              <View className='takeover-card__arrow'>
                <ArrowRight size={14} color='#d93a2b' />
              </View>
              <View className='takeover-acct takeover-acct--new'>
                <Text className='takeover-acct__label'>新账号</Text>
                <Text className='takeover-acct__nick'>{c.newAccount.nickname}</Text>
                <Text className='takeover-acct__line panel-num'>{c.newAccount.mobileMasked || '未绑定手机'}</Text>
                <Text className='takeover-acct__line'>{c.newAccount.createdAt ? `${ymd(c.newAccount.createdAt)} 注册` : '—'}</Text>
                <Text className='takeover-acct__line takeover-acct__line--note'>接管后获得原账号的记录与身份</Text>
              </View>
            </View>

            <View className='takeover-card__foot'>
              <Text className='takeover-card__time'>申请于 {dateTime(c.createdAt, '—')}</Text>
              {c.status === 'pending' && (
                <View className='takeover-card__actions'>
                  <Button small kind='outline' className='takeover-card__reject' disabled={busyId === c.id} onClick={() => setRejecting(c)}>
                    驳回
                  </Button>
                  <Button
                    small
               
                    className='takeover-card__approve'
                    busy={busyId === c.id}
                    disabled={!!busyId}
                    onClick={() => {
                      setVerified(false)
                      setConfirming(c)
                    }}
                  >
                    确认接管
                  </Button>
                </View>
              )}
            </View>
          </View>
        )}
      </PagedStates>

      <Dialog
        className='takeover-confirm'
        visible={!!confirming}
        title='确认账号接管'
        confirmText={busyId ? '处理中…' : '确认接管'}
        cancelText='再想想'
        disabled={!verified || !!busyId}
        onConfirm={async () => {
          if (confirming) await decide(confirming, 'approve')
        }}
        onCancel={() => setConfirming(null)}
      >
        {confirming && (
          <View className='takeover-confirm__body'>
            <Text className='takeover-confirm__lead'>确认后将立即生效，且无法撤回：</Text>
            <View className='takeover-confirm__item'>
              <Text className='takeover-confirm__num'>1</Text>
              <Text className='takeover-confirm__text'>
                {confirming.name} 的注册记录、身份（{confirming.oldAccount.roles.length ? confirming.oldAccount.roles.map(roleLabel).join('、') : '无'}）和服务历史将转到新微信账号「
                {confirming.newAccount.nickname}」。
              </Text>
            </View>
            <View className='takeover-confirm__item'>
              <Text className='takeover-confirm__num'>2</Text>
              <Text className='takeover-confirm__text'>原微信账号「{confirming.oldAccount.nickname}」将被关闭，不能再使用这些记录。</Text>
            </View>
            <View className='takeover-confirm__item'>
              <Text className='takeover-confirm__num'>3</Text>
              <Text className='takeover-confirm__text'>本次操作将记录操作人和时间，申请人会收到结果通知。</Text>
            </View>
            <View className='takeover-confirm__check' onClick={() => setVerified((v) => !v)}>
              <Tick className='takeover-confirm__box' on={verified} />
              <Text className='takeover-confirm__check-text'>我已通过电话或当面核实申请人是本人</Text>
            </View>
          </View>
        )}
      </Dialog>

      <NoteDialog confirmText='确认驳回' required maxLength={200}
        visible={!!rejecting}
        title='驳回接管申请'
        message={rejecting ? `驳回后 ${rejecting.name} 的原注册记录保持不变，申请人会收到通知和理由。` : ''}
        placeholder='例如：电话核实未能确认本人，请携带身份证到团委办理'
        onConfirm={async (reason) => {
          if (rejecting) await decide(rejecting, 'reject', reason)
        }}
        onClose={() => setRejecting(null)}
      />
    </View>
  )
}
