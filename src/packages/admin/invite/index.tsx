// 邀请: create a one-time invitation (role, scope, expiry, note), hand over its code or
// 小程序码, and manage the invitations I created (status, revoke).
import { useEffect, useMemo, useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Input, InputNumber } from '@nutui/nutui-react-taro'
import { Checked, Copy, QrCode } from '@/components/icons'
import type { OutputOf } from '@contract/index'
import type { GrantableRole, OrganisationOption } from '@contract/grants'
import { ORGANISATION_ROLES, ROLE_LABELS, type OrganisationRole } from '@contract/roles'
import { call, CallError, errorMessage } from '@/services/cloud'
import { countiesInReach, useAdminScope, useDivisions, type AdminScope } from '@/components/admin/shared'
import { adminDenied } from '@/components/admin/ui'
import { ListFooter } from '@/components/ui/ListFooter'
import { OptionSheet } from '@/components/ui/OptionSheet'
import { PageStates } from '@/components/ui/PageStates'
import { SkeletonBar, StateView } from '@/components/ui/StateView'
import { Tag } from '@/components/ui/Tag'
import { ORGANISATION_NOUN, OrganisationSheet } from './OrganisationSheet'
import { dateTime } from '@/components/ui/format'
import { Button } from '@/components/ui/Button'
import { markChanged } from '@/services/changes'
import { listState, usePaged } from '@/components/ui/paged'

import '@/styles/nutui-theme.scss'
import './index.scss'

type Invitation = OutputOf<'grants.listInvitations'>['items'][number]
type InvStatus = Invitation['status']
type Qr = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready'; url: string } | { kind: 'error'; message: string }

const ROLE_DESC: Record<GrantableRole, string> = {
  township_staff: '审核签到、管理驿站',
  county_admin: '注册审核、县域管理',
  city_admin: '全市管理与授权',
  merchant: '扫码核销志愿者优惠',
  bank_officer: '受理创业贴息贷款',
  employer: '岗位对接会招聘',
}
/** What a county admin may invite (the function refuses the rest). */
const COUNTY_ROLES: GrantableRole[] = ['township_staff', 'county_admin', 'merchant']
const isOrganisationRole = (r: GrantableRole): r is OrganisationRole => (ORGANISATION_ROLES as readonly GrantableRole[]).includes(r)

const STATUS_TEXT: Record<InvStatus, string> = { open: '有效', used: '已使用', revoked: '已作废', expired: '已过期' }
const STATUS_TONE = { open: 'green', used: 'blue', revoked: 'grey', expired: 'amber' } as const
const FILTERS: { value: '' | InvStatus; label: string }[] = [
  { value: '', label: '全部' },
  { value: 'open', label: '有效' },
  { value: 'used', label: '已使用' },
  { value: 'revoked', label: '已作废' },
  { value: 'expired', label: '已过期' },
]

function rolesFor(scope: AdminScope): GrantableRole[] {
  // Every grantable role: the keys of ROLE_DESC, which its type keeps complete.
  return scope.city ? (Object.keys(ROLE_DESC) as GrantableRole[]) : COUNTY_ROLES
}

async function copy(code: string) {
  try {
    await Taro.setClipboardData({ data: code })
    // WeChat shows its own 「内容已复制」; the browser build does not.
    if (process.env.TARO_ENV !== 'weapp') void Taro.showToast({ title: '邀请码已复制', icon: 'success' })
  } catch {
    void Taro.showToast({ title: '复制失败，请长按邀请码手动复制', icon: 'none' })
  }
}

export default function Invite() {
  const { state, reload: reloadScope } = useAdminScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const divisions = useDivisions()

  const [role, setRole] = useState<GrantableRole>('township_staff')
  const [countyCode, setCountyCode] = useState('')
  const [townshipCode, setTownshipCode] = useState('')
  const [organisation, setOrganisation] = useState<OrganisationOption | null>(null)
  const [days, setDays] = useState(7)
  const [note, setNote] = useState('')
  const [problems, setProblems] = useState<Record<string, string>>({})
  const [sheet, setSheet] = useState<'county' | 'township' | 'organisation' | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const [result, setResult] = useState<Invitation | null>(null)
  const [qr, setQr] = useState<Qr>({ kind: 'idle' })
  const [filter, setFilter] = useState<'' | InvStatus>('')
  const [revoking, setRevoking] = useState('')

  const counties = useMemo(() => (scope ? countiesInReach(scope, divisions) : []), [scope, divisions])
  const roles = scope ? rolesFor(scope) : []
  // A county admin of one county: that county is the only choice.
  useEffect(() => {
    if (scope && !scope.city && scope.counties.length === 1) setCountyCode(scope.counties[0].code)
  }, [scope])
  const countyFixed = !!scope && !scope.city && scope.counties.length === 1
  const county = counties.find((c) => c.code === countyCode)
  const township = county?.townships.find((t) => t.code === townshipCode)

  const list = usePaged<Invitation>((page, pageSize) => call('grants.listInvitations', { page, pageSize, ...(filter ? { status: filter } : {}) }), filter, !!scope)

  const scopeId = role === 'township_staff' ? townshipCode : role === 'county_admin' ? countyCode : role === 'city_admin' ? '' : (organisation?.id ?? '')

  const validate = (): boolean => {
    const found: Record<string, string> = {}
    if (role === 'township_staff' && !townshipCode) found.scopeId = countyCode ? '请选择镇街' : '请先选择县（市、区）和镇街'
    if (role === 'county_admin' && !countyCode) found.scopeId = '请选择县（市、区）'
    if (isOrganisationRole(role) && !organisation) found.scopeId = `请选择${ORGANISATION_NOUN[role]}`
    // The contract's limits (grants.createInvitation), checked here so a slip costs no round trip.
    // (Its zod schema is not imported: it would add zod to the subpackage, over its size budget.)
    if (!Number.isInteger(days) || days < 1) found.expiresInDays = '有效期至少 1 天'
    else if (days > 30) found.expiresInDays = '有效期最长 30 天'
    if (note.trim().length > 60) found.note = '备注不能超过 60 字'
    setProblems(found)
    return Object.keys(found).length === 0
  }

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

  const submit = async () => {
    if (submitting || !validate()) return
    setSubmitting(true)
    try {
      const inv = await call('grants.createInvitation', { role, scopeId, expiresInDays: days, note: note.trim() })
      void Taro.showToast({ title: '邀请已生成', icon: 'success' })
      markChanged('home')
      show(inv)
      setNote('')
      void list.reload(true)
    } catch (err) {
      const field = err instanceof CallError ? err.field : undefined
      // A typed organisation id that names no active organisation: say so in those words.
      const message = field === 'scopeId' && isOrganisationRole(role) ? `「${organisation?.name ?? ''}」已不是有效的${ORGANISATION_NOUN[role]}，请重新选择` : errorMessage(err)
      // A field's problem shows under the field; anything else as a toast.
      if (field) setProblems({ [field]: message })
      else void Taro.showToast({ title: message, icon: 'none' })
    } finally {
      setSubmitting(false)
    }
  }

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

  const pickRole = (r: GrantableRole) => {
    setRole(r)
    setProblems({})
    if (r !== role) setOrganisation(null)
    if (!countyFixed && r !== 'township_staff' && r !== 'county_admin') setCountyCode('')
  }

  const expiresAt = new Date(Date.now() + days * 86400_000).toISOString()
  const orgRole = isOrganisationRole(role) ? role : null

  return (
    <View className='panel-page invite'>
      {!scope ? null : result ? (
        <View className='panel-section invite-result'>
          <View className='invite-result__head'>
            {result.status === 'open' ? <Checked size={22} color='#1d8a4e' /> : <QrCode size={22} color='#8a8f99' />}
            <Text className='invite-result__title'>{result.status === 'open' ? '邀请已生成' : `该邀请${STATUS_TEXT[result.status]}`}</Text>
            <Tag tone={STATUS_TONE[result.status]}>{STATUS_TEXT[result.status]}</Tag>
          </View>
          <Text className='invite-result__role'>
            {ROLE_LABELS[result.role]} · {result.scopeName}
          </Text>

          <View className={`invite-result__code-box ${result.status !== 'open' ? 'invite-result__code-box--dead' : ''}`}>
            <Text className='invite-result__code-label'>邀请码</Text>
            <Text className='invite-result__code panel-mono' userSelect>
              {result.code}
            </Text>
            {result.status === 'open' && (
              <View className='invite-result__copy' hoverClass='invite-result__copy--pressed' onClick={() => void copy(result.code)}>
                <Copy size={14} color='#d93a2b' />
                <Text className='invite-result__copy-text'>复制邀请码</Text>
              </View>
            )}
          </View>

          {result.status === 'open' && (
            <View className='invite-result__qr'>
              <View className='invite-result__qr-frame'>
                {qr.kind === 'ready' ? (
                  <Image className='invite-result__qr-img' src={qr.url} mode='aspectFit' showMenuByLongpress onClick={() => void Taro.previewImage({ urls: [qr.url], current: qr.url })} />
                ) : qr.kind === 'error' ? (
                  <View className='invite-result__qr-error' onClick={() => void loadQr(result.code)}>
                    <Text>小程序码生成失败</Text>
                    <Text className='invite-result__qr-retry'>点此重试</Text>
                  </View>
                ) : (
                  <View className='invite-result__qr-loading'>
                    <SkeletonBar className='invite-result__qr-skel' />
                    <Text className='invite-result__qr-wait'>正在生成小程序码…</Text>
                  </View>
                )}
              </View>
              <Text className='invite-result__qr-tip'>{qr.kind === 'ready' ? '点击小程序码可预览，长按保存或转发给被邀请人' : ' '}</Text>
            </View>
          )}

          <View className='invite-result__facts'>
            <Text>有效期至 {dateTime(result.expiresAt, '—')}</Text>
            {result.note && <Text>备注：{result.note}</Text>}
            {result.usedByName && (
              <Text>
                已由 {result.usedByName} 于 {dateTime(result.usedAt, '—')} 使用
              </Text>
            )}
          </View>
          {result.status === 'open' && <Text className='invite-result__how'>请把邀请码或小程序码只发给被邀请人本人：对方在乡青汇「我的 → 输入邀请码」中填写，或用微信扫一扫小程序码。每个邀请只能使用一次。</Text>}

          <View className='invite-result__actions'>
            {result.status === 'open' && qr.kind === 'ready' && (
              <Button className='invite-result__btn' kind='outline' onClick={() => void Taro.previewImage({ urls: [qr.url], current: qr.url })}>
                预览并保存
              </Button>
            )}
            <Button
              className='invite-result__btn invite-result__again'
             
              onClick={() => {
                setResult(null)
                setQr({ kind: 'idle' })
              }}
            >
              再邀请一位
            </Button>
          </View>
        </View>
      ) : (
        <View className='panel-section invite-form'>
          <View className='panel-section__title'>
            <Text>创建邀请</Text>
            <Text className='panel-section__extra'>一次性 · 可作废</Text>
          </View>

          <Text className='invite-form__label'>邀请角色</Text>
          <View className='invite-form__roles'>
            {roles.map((r) => (
              <View key={r} className={`invite-role ${role === r ? 'invite-role--on' : ''}`} onClick={() => pickRole(r)}>
                <Text className='invite-role__name'>{ROLE_LABELS[r]}</Text>
                <Text className='invite-role__desc'>{ROLE_DESC[r]}</Text>
              </View>
            ))}
          </View>

          <Text className='invite-form__label'>授权范围</Text>
          {role === 'city_admin' ? (
            <View className='invite-form__static'>
              <Text>清远市（全市）</Text>
            </View>
          ) : orgRole ? (
            <View className='invite-form__org'>
              <View className={`panel-chip invite-form__pick invite-form__org-pick ${organisation ? 'panel-chip--on' : ''}`} onClick={() => setSheet('organisation')}>
                <Text className='panel-chip__text'>{organisation ? `${organisation.name} · ${organisation.countyName}` : `选择${ORGANISATION_NOUN[orgRole]}`}</Text>
                <Text className='panel-chip__arrow'>▼</Text>
              </View>
              {problems.scopeId && <Text className='invite-form__error'>{problems.scopeId}</Text>}
              <Text className='invite-form__hint'>按名称查找{ORGANISATION_NOUN[orgRole]}。{scope.city ? '' : '只能邀请本县（市、区）的商家。'}</Text>
            </View>
          ) : (
            <View className='invite-form__scope'>
              {countyFixed ? (
                <View className='invite-form__static invite-form__static--inline'>
                  <Text>{county?.name ?? scope.counties[0].name}</Text>
                </View>
              ) : (
                <View className={`panel-chip invite-form__pick ${countyCode ? 'panel-chip--on' : ''}`} onClick={() => setSheet('county')}>
                  <Text className='panel-chip__text'>{county?.name ?? '选择县（市、区）'}</Text>
                  <Text className='panel-chip__arrow'>▼</Text>
                </View>
              )}
              {role === 'township_staff' && (
                <View
                  className={`panel-chip invite-form__pick invite-form__township ${townshipCode ? 'panel-chip--on' : ''}`}
                  onClick={() => (county ? setSheet('township') : void Taro.showToast({ title: '请先选择县（市、区）', icon: 'none' }))}
                >
                  <Text className='panel-chip__text'>{township?.name ?? '选择镇街'}</Text>
                  <Text className='panel-chip__arrow'>▼</Text>
                </View>
              )}
            </View>
          )}
          {problems.scopeId && !orgRole && <Text className='invite-form__error'>{problems.scopeId}</Text>}

          <Text className='invite-form__label'>有效期</Text>
          <View className='invite-form__days'>
            <InputNumber className='invite-form__stepper' value={days} min={1} max={30} onChange={(v) => setDays(Math.min(30, Math.max(1, Number(v) || 1)))} />
            <Text className='invite-form__days-unit'>天</Text>
            <Text className='invite-form__days-until'>至 {dateTime(expiresAt, '—')}</Text>
          </View>
          {problems.expiresInDays && <Text className='invite-form__error'>{problems.expiresInDays}</Text>}

          <Text className='invite-form__label'>备注（选填）</Text>
          <View className={`invite-form__input ${problems.note ? 'invite-form__input--error' : ''}`}>
            <Input value={note} placeholder='例如：东城街道团委干事 王小明' maxLength={60} clearable onChange={(v) => setNote(v)} />
          </View>
          {problems.note && <Text className='invite-form__error'>{problems.note}</Text>}

          <Button className='invite-form__submit' busy={submitting} disabled={submitting} onClick={() => void submit()}>
            {submitting ? '正在生成…' : '生成邀请码'}
          </Button>
        </View>
      )}

      <View className='invite-mine'>
        {scope && (
          <>
            <View className='invite-mine__head'>
              <Text className='invite-mine__title'>我的邀请</Text>
              {list.status === 'ready' && <Text className='invite-mine__total'>共 {list.total} 个</Text>}
            </View>
            <View className='panel-filters invite-mine__filters'>
              {FILTERS.map((f) => (
                <View key={f.value || 'all'} className={`panel-chip ${filter === f.value ? 'panel-chip--on' : ''}`} onClick={() => setFilter(f.value)}>
                  <Text className='panel-chip__text'>{f.label}</Text>
                </View>
              ))}
            </View>
          </>
        )}

        <PageStates gate={state} state={listState(list)} retry={() => void (scope ? list.reload() : reloadScope(true))} skeleton={2} denied={adminDenied(state)}>
          {(items) =>
            items.length === 0 ? (
              <StateView tone='muted' title={filter ? `没有${STATUS_TEXT[filter]}的邀请` : '还没有发出邀请'} desc={filter ? '' : '创建的邀请会列在这里，可随时作废未使用的邀请'} />
            ) : (
              <View className='panel-list invite-mine__list'>
                {items.map((inv) => (
                  <View key={inv.code} className={`panel-card invite-item invite-item--${inv.status}`}>
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
                        <Text className='invite-item__copy' onClick={() => void copy(inv.code)}>
                          复制
                        </Text>
                      )}
                    </View>
                    <Text className='invite-item__line'>
                      {dateTime(inv.createdAt, '—')} 创建 · {inv.status === 'expired' ? '已于' : '有效期至'} {dateTime(inv.expiresAt, '—')}
                      {inv.status === 'expired' ? '过期' : ''}
                    </Text>
                    {inv.usedByName && (
                      <Text className='invite-item__line'>
                        {inv.usedByName} 于 {dateTime(inv.usedAt, '—')} 接受
                      </Text>
                    )}
                    {inv.note && <Text className='invite-item__line invite-item__note'>备注：{inv.note}</Text>}
                    {inv.status === 'open' && (
                      <View className='invite-item__actions'>
                        <Button small kind='outline' className='invite-item__revoke' busy={revoking === inv.code} disabled={!!revoking} onClick={() => void revoke(inv)}>
                          作废
                        </Button>
                        <Button small kind='outline' className='invite-item__show' onClick={() => show(inv)}>
                          出示邀请码
                        </Button>
                      </View>
                    )}
                  </View>
                ))}
                <ListFooter count={items.length} total={list.total} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={() => void list.loadMore()} />
              </View>
            )
          }
        </PageStates>
      </View>

      {orgRole && (
        <OrganisationSheet
          visible={sheet === 'organisation'}
          role={orgRole}
          value={organisation?.id ?? ''}
          onSelect={(o) => {
            setOrganisation(o)
            setProblems({})
          }}
          onClose={() => setSheet(null)}
        />
      )}
      <OptionSheet
        visible={sheet === 'county'}
        title='县（市、区）'
        options={counties.map((c) => ({ value: c.code, label: c.name, hint: `${c.townships.length} 个镇街` }))}
        value={countyCode}
        onSelect={(v) => {
          setCountyCode(v)
          setTownshipCode('')
          setProblems({})
        }}
        onClose={() => setSheet(null)}
      />
      <OptionSheet
        visible={sheet === 'township'}
        title={`${county?.name ?? ''}镇街`}
        options={(county?.townships ?? []).map((t) => ({ value: t.code, label: t.name }))}
        value={townshipCode}
        onSelect={(v) => {
          setTownshipCode(v)
          setProblems({})
        }}
        onClose={() => setSheet(null)}
      />
    </View>
  )
}
