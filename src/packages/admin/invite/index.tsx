// 邀请: create a one-time invitation (role, scope, expiry, note), hand over its code or
// 小程序码, and manage the invitations I created (status, revoke).
import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
// NutUI's theme before the sections' own styles, which adjust its parts.
import '@/styles/nutui-theme.scss'
import { ROLE_LABELS } from '@contract/roles'
import { call, errorMessage } from '@/services/cloud'
import { useAdminScope, useDivisions } from '@/components/admin/shared'
import { adminDenied } from '@/components/admin/ui'
import { ListFooter } from '@/components/ui/ListFooter'
import { PageStates } from '@/components/ui/PageStates'
import { StateView } from '@/components/ui/StateView'
import { markChanged } from '@/services/changes'
import { listState, usePaged } from '@/components/ui/paged'
import { useInviteForm, type Invitation } from './use-invite-form'
import { InviteFormSection } from './form'
import { InviteResult, STATUS_TEXT, type InvStatus, type Qr } from './result'
import { InvitationItem, MineHead } from './mine'

export default function Invite() {
  const { state, reload: reloadScope } = useAdminScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const divisions = useDivisions()

  const [result, setResult] = useState<Invitation | null>(null)
  const [qr, setQr] = useState<Qr>({ kind: 'idle' })
  const [filter, setFilter] = useState<'' | InvStatus>('')
  const [revoking, setRevoking] = useState('')

  const list = usePaged<Invitation>((page, pageSize) => call('grants.listInvitations', { page, pageSize, ...(filter ? { status: filter } : {}) }), filter, !!scope)

  const loadQr = async (code: string) => {
    setQr({ kind: 'loading' })
    try {
      const { imageUrl } = await call('grants.invitationCode', { code })
      setQr({ kind: 'ready', url: imageUrl })
    } catch (err) {
      setQr({ kind: 'error', message: errorMessage(err) })
    }
  }

  const show = (inv: Invitation) => {
    setResult(inv)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 200 })
    if (inv.status === 'open') void loadQr(inv.code)
    else setQr({ kind: 'idle' })
  }

  const form = useInviteForm(scope, divisions, (inv) => {
    show(inv)
    void list.reload(true)
  })

  const revoke = async (inv: Invitation) => {
    const { confirm } = await Taro.showModal({
      title: '作废邀请',
      content: `作废后，邀请码 ${inv.code}（${ROLE_LABELS[inv.role]} · ${inv.scopeName}）及其小程序码将立即失效，且无法恢复。`,
      confirmText: '作废',
      confirmColor: '#d93a2b',
    })
    if (!confirm) return
    setRevoking(inv.code)
    try {
      const updated = await call('grants.revokeInvitation', { code: inv.code })
      list.setItems((items) => items.map((x) => (x.code === updated.code ? updated : x)))
      if (result?.code === updated.code) {
        setResult(updated)
        setQr({ kind: 'idle' })
      }
      markChanged('home')
      void Taro.showToast({ title: '已作废', icon: 'success' })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
      void list.reload(true)
    } finally {
      setRevoking('')
    }
  }

  const again = () => {
    setResult(null)
    setQr({ kind: 'idle' })
  }

  return (
    <View className='panel-page invite'>
      {!scope ? null : result ? (
        <InviteResult result={result} qr={qr} onRetryQr={() => void loadQr(result.code)} onAgain={again} />
      ) : (
        <InviteFormSection form={form} scope={scope} />
      )}

      <View className='invite-mine'>
        {scope && <MineHead total={list.status === 'ready' ? list.total : null} filter={filter} onFilter={setFilter} />}
        <PageStates gate={state} state={listState(list)} retry={() => void (scope ? list.reload() : reloadScope(true))} skeleton={2} denied={adminDenied(state)}>
          {(items) =>
            items.length === 0 ? (
              <StateView tone='muted' title={filter ? `没有${STATUS_TEXT[filter]}的邀请` : '还没有发出邀请'} desc={filter ? '' : '创建的邀请会列在这里，可随时作废未使用的邀请'} />
            ) : (
              <View className='panel-list invite-mine__list'>
                {items.map((inv) => (
                  <InvitationItem key={inv.code} inv={inv} revoking={revoking} onRevoke={(i) => void revoke(i)} onShow={show} />
                ))}
                <ListFooter count={items.length} total={list.total} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={() => void list.loadMore()} />
              </View>
            )
          }
        </PageStates>
      </View>
    </View>
  )
}
