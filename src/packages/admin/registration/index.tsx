// 注册详情: one registration with every field. The ID number is shown in clear here only
// (the function logs the read); pending ones can be approved or rejected with a reason.
import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { ROUTES } from '@/constants/routes'
import { call, CallError, errorMessage } from '@/services/cloud'
import { goBackOr } from '@/services/navigation'
import { decodeParam, KIND_LABELS, useAdminScope } from '@/components/admin/shared'
import { adminDenied } from '@/components/admin/ui'
import { NoteDialog } from '@/components/ui/Dialog'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { Button } from '@/components/ui/Button'
import { markChanged } from '@/services/changes'
import { Education, Hero, Identity, Review, Service, type Detail } from './sections'

import '@/styles/nutui-theme.scss'
import './index.scss'


export default function RegistrationDetail() {
  const { params } = useRouter()
  const id = decodeParam(params.id)
  const { state, reload: reloadScope } = useAdminScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const [busy, setBusy] = useState<'' | 'approve' | 'reject'>('')
  const [rejecting, setRejecting] = useState(false)

  const detail = usePageState<Detail>(
    () => (id ? call('registration.detail', { id }) : Promise.reject(new CallError({ code: 'NOT_FOUND', message: '缺少申请编号，请从审核列表进入' }))),
    [id],
    !!scope,
  )

  usePullDownRefresh(() => {
    void (scope ? detail.reload(true) : reloadScope(true)).finally(() => Taro.stopPullDownRefresh())
  })

  const decide = async (d: Detail, decision: 'approve' | 'reject', reason?: string) => {
    if (!scope) return
    setBusy(decision)
    try {
      const { results } = await call('registration.review', { ids: [d.id], decision, ...(reason ? { reason } : {}) })
      const result = results[0]
      markChanged('registrations', 'home')
      if (!result?.ok) {
        void Taro.showToast({ title: result?.message ?? '操作失败，请稍后再试', icon: 'none' })
        setRejecting(false)
        await detail.reload(true)
        return
      }
      // Shown as decided without reading the ID again (every read is logged).
      detail.setData((x) => ({ ...x, status: decision === 'approve' ? 'approved' : 'rejected', rejectReason: reason ?? '', reviewedAt: new Date().toISOString(), reviewerName: scope.account.nickname || '我' }))
      setRejecting(false)
      void Taro.showToast({ title: decision === 'approve' ? '已通过' : '已驳回', icon: 'success' })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
      if (decision === 'reject') throw err
    } finally {
      setBusy('')
    }
  }

  const approve = async (d: Detail) => {
    const { confirm } = await Taro.showModal({
      title: '通过注册申请',
      content: `确认通过 ${d.name} 的${KIND_LABELS[d.kind]}注册？通过后对方将获得该身份，并收到审核结果通知。`,
      confirmText: '通过',
      confirmColor: '#d93a2b',
    })
    if (confirm) await decide(d, 'approve')
  }

  /** The registration, and what the reviewer may do with it. */
  const page = (d: Detail) => {
    const pending = d.status === 'pending'
    return (
      <>
        <Hero d={d} />
        <Identity d={d} />
        <Service d={d} />
        {d.kind === 'volunteer' && <Education d={d} />}
        <Review d={d} />

        {pending && (
          <View className='panel-bar'>
            <Button className='panel-bar__btn-wide reg-detail__reject' kind='outline' disabled={!!busy} busy={busy === 'reject'} onClick={() => setRejecting(true)}>
              驳回
            </Button>
            <Button className='panel-bar__btn-wide reg-detail__approve' disabled={!!busy} busy={busy === 'approve'} onClick={() => void approve(d)}>
              通过
            </Button>
          </View>
        )}

        <NoteDialog confirmText='确认驳回' required maxLength={200}
          visible={rejecting}
          title='驳回注册申请'
          message={`驳回 ${d.name} 的申请后，对方会收到通知和你填写的理由，可修改信息后重新提交。`}
          placeholder='例如：身份证号与本人信息不一致，请核对后重新提交'
          onConfirm={(reason) => decide(d, 'reject', reason)}
          onClose={() => setRejecting(false)}
        />
      </>
    )
  }

  const toList = { text: '返回列表', onClick: () => goBackOr(ROUTES.adminRegistrations) }
  const shown = scope && detail.state.kind === 'ready' ? detail.state.data : null

  return (
    <View className={shown ? `panel-page reg-detail ${shown.status === 'pending' ? 'panel-page--with-bar' : ''}` : 'panel-page'}>
      <PageStates
        gate={state}
        state={detail.state}
        retry={() => void (scope ? detail.reload() : reloadScope(true))}
        denied={adminDenied(state, { title: '无权限查看', action: toList })}
        notFound={{ title: '申请不存在', action: toList }}
      >
        {(d) => page(d)}
      </PageStates>
    </View>
  )
}
