// 注册详情: one registration with every field. The ID number is shown in clear here only
// (the function logs the read); pending ones can be approved or rejected with a reason.
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { ShieldCheck } from '@/components/icons'
import type { OutputOf } from '@contract/index'
import { REGISTRATION_STATUS_LABELS } from '@contract/vocabulary'
import { ROUTES } from '@/constants/routes'
import { call, CallError, errorMessage } from '@/services/cloud'
import { goBackOr } from '@/services/navigation'
import { decodeParam, GENDER_LABELS, KIND_LABELS, useAdminScope } from '@/components/admin/shared'
import { adminDenied } from '@/components/admin/ui'
import { Field } from '@/components/ui/Field'
import { NoteDialog } from '@/components/ui/Dialog'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { Tag } from '@/components/ui/Tag'
import { ago, dateTime } from '@/components/ui/format'
import { Button } from '@/components/ui/Button'
import { markChanged } from '@/services/changes'

import '@/styles/nutui-theme.scss'
import './index.scss'

type Detail = OutputOf<'registration.detail'>

const STATUS_TONE = { pending: 'amber', approved: 'green', rejected: 'brand', closed: 'grey' } as const

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
    const volunteer = d.kind === 'volunteer'

    return (
      <>
        <View className='reg-detail__hero'>
          <View className='reg-detail__title'>
            <Text className='reg-detail__name'>{d.name}</Text>
            <Tag tone={STATUS_TONE[d.status]} className='reg-detail__status'>
              {REGISTRATION_STATUS_LABELS[d.status]}
            </Tag>
          </View>
          <Text className='reg-detail__sub'>
            {KIND_LABELS[d.kind]} · {d.countyName} {d.townshipName}
          </Text>
          <Text className='reg-detail__sub reg-detail__sub--light'>
            提交于 {dateTime(d.submittedAt, '—')}（{ago(d.submittedAt)}）
          </Text>
        </View>

        <View className='reg-detail__logged'>
          <ShieldCheck size={16} color='#c77411' />
          <Text className='reg-detail__logged-text'>查看已留痕：完整身份证号仅用于审核核对，本次查看已记录查看人和时间，请勿截图或外传。</Text>
        </View>

        {d.conflictWith && (
          <View className='reg-detail__conflict'>
            <Text className='reg-detail__conflict-title'>身份证号冲突：另一微信账号已用此号注册</Text>
            <Text className='reg-detail__conflict-text'>
              {d.conflictWith.name} · {d.conflictWith.countyName} {d.conflictWith.townshipName} · {REGISTRATION_STATUS_LABELS[d.conflictWith.status]} · 提交于 {dateTime(d.conflictWith.submittedAt, '—')}
            </Text>
            <Text className='reg-detail__conflict-text'>请先电话核实：若是本人更换了微信，请其使用「更换微信账号」找回原记录；若另一份是冒用，驳回那份后才能通过这份。</Text>
          </View>
        )}

        <View className='panel-section'>
          <View className='panel-section__title'>
            <Text>身份信息</Text>
          </View>
          <Field label='姓名'>
            <Text>{d.name}</Text>
          </Field>
          <Field label='身份证号'>
            <Text className='reg-detail__id panel-mono'>{d.idNumber}</Text>
          </Field>
          <Field label='性别'>
            <Text>{GENDER_LABELS[d.gender]}</Text>
          </Field>
          <Field label='出生日期'>
            <Text>
              {d.birthDate}（{d.age} 岁）
            </Text>
          </Field>
          <Field label='手机号'>
            <View className='reg-detail__phone'>
              <Text className='panel-num'>{d.mobile || '—'}</Text>
              {d.mobile && (
                <Text className='reg-detail__call' onClick={() => void Taro.makePhoneCall({ phoneNumber: d.mobile })}>
                  拨打
                </Text>
              )}
            </View>
          </Field>
        </View>

        <View className='panel-section'>
          <View className='panel-section__title'>
            <Text>{volunteer ? '服务信息' : '创业信息'}</Text>
          </View>
          <Field label='县（市、区）'>
            <Text>{d.countyName}</Text>
          </Field>
          <Field label={volunteer ? '服务镇街' : '所在镇街'}>
            <Text>{d.townshipName}</Text>
          </Field>
          {volunteer ? (
            <Field label='服务期'>
              <Text>
                {d.termStart} 至 {d.termEnd}
              </Text>
            </Field>
          ) : (
            <Field label='行业或项目'>
              <Text>{d.occupation || '—'}</Text>
            </Field>
          )}
        </View>

        {volunteer && (
          <View className='panel-section'>
            <View className='panel-section__title'>
              <Text>教育与特长</Text>
            </View>
            <Field label='毕业院校'>
              <Text>{d.school || '—'}</Text>
            </Field>
            <Field label='所学专业'>
              <Text>{d.major || '—'}</Text>
            </Field>
            <Field label='毕业年份'>
              <Text>{d.graduationYear ?? '—'}</Text>
            </Field>
            <Field label='政治面貌'>
              <Text>{d.politicalStatus || '—'}</Text>
            </Field>
            <Field label='特长'>
              <View className='reg-detail__skills'>
                {d.skills.length === 0 ? (
                  <Text>—</Text>
                ) : (
                  d.skills.map((s) => (
                    <Text key={s} className='reg-detail__skill'>
                      {s}
                    </Text>
                  ))
                )}
              </View>
            </Field>
          </View>
        )}

        <View className='panel-section reg-detail__review'>
          <View className='panel-section__title'>
            <Text>审核记录</Text>
          </View>
          <Field label='状态'>
            <Text className={`reg-detail__state reg-detail__state--${d.status}`}>{REGISTRATION_STATUS_LABELS[d.status]}</Text>
          </Field>
          {pending ? (
            <Field label='说明'>
              <Text className='panel-muted'>请核对身份证号、服务镇街与服务期后审核；驳回需填写理由，申请人可修改后重新提交。</Text>
            </Field>
          ) : (
            <>
              <Field label='审核人'>
                <Text className='reg-detail__reviewer'>{d.reviewerName || '—'}</Text>
              </Field>
              <Field label='审核时间'>
                <Text>{dateTime(d.reviewedAt, '—')}</Text>
              </Field>
              {d.status === 'rejected' && (
                <Field label='驳回理由'>
                  <Text className='reg-detail__reason'>{d.rejectReason || '—'}</Text>
                </Field>
              )}
            </>
          )}
        </View>

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
