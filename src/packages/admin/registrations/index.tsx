// 注册审核: the county's review queue. Status tabs, filters (type, county for city admins,
// township, name), cards with masked personal data, multi-select and batch approve / reject.
import { useEffect, useMemo, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import type { InputOf, OutputOf } from '@contract/index'
import { ROUTES } from '@/constants/routes'
import { call, errorMessage } from '@/services/cloud'
import { countiesInReach, GENDER_LABELS, KIND_SHORT, useAdminScope, useDivisions } from '@/components/admin/shared'
import { adminDenied } from '@/components/admin/ui'
import { SearchField } from '@/components/ui/Field'
import { Dialog, NoteDialog } from '@/components/ui/Dialog'
import { ListFooter } from '@/components/ui/ListFooter'
import { OptionSheet, type SheetOption } from '@/components/ui/OptionSheet'
import { PageStates } from '@/components/ui/PageStates'
import { StateView } from '@/components/ui/StateView'
import { Tag } from '@/components/ui/Tag'
import { ago, dateTime } from '@/components/ui/format'
import { Button } from '@/components/ui/Button'
import { Tick } from '@/components/ui/Tick'
import { markChanged, takeChanged } from '@/services/changes'
import { listState, usePaged, useSearchKeyword } from '@/components/ui/paged'

import '@/styles/nutui-theme.scss'
import './index.scss'

type Summary = OutputOf<'registration.list'>['items'][number]
type Status = 'pending' | 'approved' | 'rejected'
type Kind = '' | 'volunteer' | 'rural_youth'
type Result = OutputOf<'registration.review'>['results'][number]

const TABS: { value: Status; label: string }[] = [
  { value: 'pending', label: '待审核' },
  { value: 'approved', label: '已通过' },
  { value: 'rejected', label: '未通过' },
]
const KIND_OPTIONS: SheetOption[] = [
  { value: '', label: '全部类型' },
  { value: 'volunteer', label: '乡村振兴志愿者', hint: '高校毕业生志愿服务乡村振兴行动' },
  { value: 'rural_youth', label: '农村青年', hint: '返乡创业、创业贴息贷款申请人' },
]
/** The contract's batch limit. */
const BATCH_MAX = 50

interface Outcome {
  title: string
  ok: number
  failures: { name: string; message: string }[]
}

export default function Registrations() {
  const { state, reload: reloadScope } = useAdminScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const divisions = useDivisions()

  const [status, setStatus] = useState<Status>('pending')
  const [kind, setKind] = useState<Kind>('')
  const [countyCode, setCountyCode] = useState('')
  const [townshipCode, setTownshipCode] = useState('')
  const { draft, setDraft, keyword, search, clear: clearSearch } = useSearchKeyword()
  const [sheet, setSheet] = useState<'kind' | 'county' | 'township' | null>(null)
  const [selected, setSelected] = useState<string[]>([])
  const [busy, setBusy] = useState<'' | 'approve' | 'reject'>('')
  const [rejecting, setRejecting] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)

  const counties = useMemo(() => (scope ? countiesInReach(scope, divisions) : []), [scope, divisions])
  /** A county admin of one county has it chosen for them; others choose (or see all). */
  const fixedCounty = scope && !scope.city && scope.counties.length === 1 ? scope.counties[0].code : ''
  const county = fixedCounty || countyCode
  const townships = useMemo(() => counties.find((c) => c.code === county)?.townships ?? [], [counties, county])


  const filters: InputOf<'registration.list'> = {
    status,
    ...(kind ? { kind } : {}),
    ...(countyCode && !fixedCounty ? { countyCode } : {}),
    ...(townshipCode ? { townshipCode } : {}),
    ...(keyword ? { keyword } : {}),
  }
  const key = JSON.stringify(filters)
  const list = usePaged<Summary>((page, pageSize) => call('registration.list', { ...filters, page, pageSize }), key, !!scope)

  // A new filter or tab starts a new selection.
  useEffect(() => setSelected([]), [key])

  // Back from the detail page after a decision there: the queue changed.
  useDidShow(() => {
    if (takeChanged('registrations')) {
      setSelected([])
      void list.reload(true)
    }
  })

  const filtered = !!(kind || (countyCode && !fixedCounty) || townshipCode || keyword)
  const clearFilters = () => {
    setKind('')
    setCountyCode('')
    setTownshipCode('')
    clearSearch()
  }

  const names = useMemo(() => new Map(list.items.map((r) => [r.id, r.name])), [list.items])
  const selecting = status === 'pending'
  const allSelected = list.items.length > 0 && list.items.slice(0, BATCH_MAX).every((r) => selected.includes(r.id))

  const toggle = (id: string) => {
    setSelected((s) => {
      if (s.includes(id)) return s.filter((x) => x !== id)
      if (s.length >= BATCH_MAX) {
        void Taro.showToast({ title: `一次最多审核 ${BATCH_MAX} 份`, icon: 'none' })
        return s
      }
      return [...s, id]
    })
  }
  const toggleAll = () => {
    if (allSelected) {
      setSelected([])
      return
    }
    const ids = list.items.slice(0, BATCH_MAX).map((r) => r.id)
    setSelected(ids)
    if (list.items.length > BATCH_MAX) void Taro.showToast({ title: `已选前 ${BATCH_MAX} 份（一次最多 ${BATCH_MAX} 份）`, icon: 'none' })
  }

  const finish = async (decision: 'approve' | 'reject', results: Result[]) => {
    const ok = results.filter((r) => r.ok).length
    const failures = results.filter((r) => !r.ok).map((r) => ({ name: names.get(r.id) ?? '申请', message: r.message }))
    const verb = decision === 'approve' ? '通过' : '驳回'
    if (failures.length === 0) void Taro.showToast({ title: `已${verb} ${ok} 份`, icon: 'success' })
    else setOutcome({ title: ok > 0 ? `已${verb} ${ok} 份，${failures.length} 份未处理` : `${failures.length} 份未能${verb}`, ok, failures })
    setSelected([])
    markChanged('home')
    await list.reload(true)
  }

  const approve = async () => {
    if (selected.length === 0 || busy) return
    const { confirm } = await Taro.showModal({
      title: '批量通过',
      content: `确认通过所选 ${selected.length} 份申请？通过后申请人将获得相应身份，并收到审核结果通知。`,
      confirmText: '通过',
      confirmColor: '#d93a2b',
    })
    if (!confirm) return
    setBusy('approve')
    try {
      const { results } = await call('registration.review', { ids: selected, decision: 'approve' })
      await finish('approve', results)
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      setBusy('')
    }
  }

  const reject = async (reason: string) => {
    setBusy('reject')
    try {
      const { results } = await call('registration.review', { ids: selected, decision: 'reject', reason })
      setRejecting(false)
      await finish('reject', results)
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
      throw err
    } finally {
      setBusy('')
    }
  }

  const open = (id: string) => void Taro.navigateTo({ url: `${ROUTES.adminRegistration}?id=${encodeURIComponent(id)}` })

  const countyName = counties.find((c) => c.code === countyCode)?.name
  const townshipName = townships.find((t) => t.code === townshipCode)?.name
  const showBar = selecting && list.status === 'ready' && list.items.length > 0

  return (
    <View className={`panel-page regs ${showBar ? 'panel-page--with-bar' : ''}`}>
      {scope && (
        <>
          <View className='panel-top'>
            <View className='panel-tabs'>
              {TABS.map((t) => (
                <View key={t.value} className={`panel-tabs__item regs__tab ${status === t.value ? 'panel-tabs__item--on' : ''}`} onClick={() => setStatus(t.value)}>
                  <Text>{t.label}</Text>
                </View>
              ))}
            </View>
            <View className='panel-search'>
              <SearchField className='regs__search' value={draft} placeholder='搜索申请人姓名' onChange={setDraft} onSearch={search} />
            </View>
            <View className='panel-filters'>
              <View className={`panel-chip ${kind ? 'panel-chip--on' : ''}`} hoverClass='panel-chip--pressed' onClick={() => setSheet('kind')}>
                <Text className='panel-chip__text'>{kind ? KIND_SHORT[kind] : '全部类型'}</Text>
                <Text className='panel-chip__arrow'>▼</Text>
              </View>
              {!fixedCounty && (
                <View className={`panel-chip ${countyCode ? 'panel-chip--on' : ''}`} hoverClass='panel-chip--pressed' onClick={() => setSheet('county')}>
                  <Text className='panel-chip__text'>{countyName ?? (scope.city ? '全市' : '全部县区')}</Text>
                  <Text className='panel-chip__arrow'>▼</Text>
                </View>
              )}
              <View
                className={`panel-chip ${townshipCode ? 'panel-chip--on' : ''}`}
                hoverClass='panel-chip--pressed'
                onClick={() => (county ? setSheet('township') : void Taro.showToast({ title: '请先选择县（市、区）', icon: 'none' }))}
              >
                <Text className='panel-chip__text'>{townshipName ?? '全部镇街'}</Text>
                <Text className='panel-chip__arrow'>▼</Text>
              </View>
            </View>
          </View>

          {list.status === 'ready' && (
            <View className='panel-summary'>
              <Text>
                共 {list.total} 份{TABS.find((t) => t.value === status)?.label}
                {selecting && list.total > 0 ? '，按提交先后排列' : ''}
              </Text>
              {filtered && (
                <Text className='panel-summary__reset' onClick={clearFilters}>
                  清除筛选
                </Text>
              )}
            </View>
          )}
        </>
      )}

      <PageStates gate={state} state={listState(list)} retry={() => void (scope ? list.reload() : reloadScope(true))} denied={adminDenied(state)}>
        {(items) =>
          items.length === 0 ? (
            <StateView
              tone='muted'
              className='regs__empty'
              title={filtered ? '没有符合条件的申请' : status === 'pending' ? '暂无待审核的申请' : status === 'approved' ? '还没有通过的申请' : '还没有未通过的申请'}
              desc={filtered ? '换个筛选条件试试' : status === 'pending' ? '新的注册申请提交后会出现在这里' : ''}
              action={filtered ? { text: '清除筛选', onClick: clearFilters } : undefined}
            />
          ) : (
            <View className='panel-list'>
              {items.map((r) => {
                const on = selected.includes(r.id)
                return (
                  <View key={r.id} className={`panel-card reg-card ${on ? 'panel-card--selected' : ''}`} hoverClass='panel-card--pressed' onClick={() => open(r.id)}>
                    <View className='reg-card__head'>
                      {selecting && (
                        <View
                          className='reg-card__check'
                          onClick={(e) => {
                            e.stopPropagation()
                            toggle(r.id)
                          }}
                        >
                          <Tick className='reg-card__checkbox' on={on} />
                        </View>
                      )}
                      <Text className='reg-card__name'>{r.name}</Text>
                      <Tag tone={r.kind === 'volunteer' ? 'brand' : 'blue'}>{KIND_SHORT[r.kind]}</Tag>
                      <Text className='reg-card__meta'>
                        {GENDER_LABELS[r.gender]} · {r.age} 岁
                      </Text>
                      <Text className='reg-card__ago'>{ago(r.submittedAt)}</Text>
                    </View>
                    <View className='reg-card__rows'>
                      <View className='reg-card__row'>
                        <Text className='reg-card__label'>身份证</Text>
                        <Text className='reg-card__value panel-num'>{r.idMasked}</Text>
                      </View>
                      <View className='reg-card__row'>
                        <Text className='reg-card__label'>手机号</Text>
                        <Text className='reg-card__value panel-num'>{r.mobileMasked || '—'}</Text>
                      </View>
                      <View className='reg-card__row'>
                        <Text className='reg-card__label'>服务镇街</Text>
                        <Text className='reg-card__value'>
                          {r.countyName} · {r.townshipName}
                        </Text>
                      </View>
                      {r.school && (
                        <View className='reg-card__row'>
                          <Text className='reg-card__label'>毕业院校</Text>
                          <Text className='reg-card__value'>{r.school}</Text>
                        </View>
                      )}
                      {r.skills.length > 0 && (
                        <View className='reg-card__row'>
                          <Text className='reg-card__label'>特长</Text>
                          <View className='reg-card__skills'>
                            {r.skills.map((s) => (
                              <Text key={s} className='reg-card__skill'>
                                {s}
                              </Text>
                            ))}
                          </View>
                        </View>
                      )}
                    </View>
                    {r.idConflict && (
                      <View className='reg-card__reason reg-card__reason--conflict'>
                        <Text>身份证号已由另一微信账号注册，请打开详情核实后再审核</Text>
                      </View>
                    )}
                    {r.status === 'rejected' && r.rejectReason && (
                      <View className='reg-card__reason'>
                        <Text>驳回理由：{r.rejectReason}</Text>
                      </View>
                    )}
                    <View className='reg-card__foot'>
                      <Text className='reg-card__time'>提交于 {dateTime(r.submittedAt, '—')}</Text>
                      <Text className='reg-card__more'>查看详情 ›</Text>
                    </View>
                  </View>
                )
              })}
              <ListFooter count={items.length} total={list.total} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={() => void list.loadMore()} />
            </View>
          )
        }
      </PageStates>

      {showBar && (
        <View className='panel-bar regs__bar'>
          <View className='regs__all' onClick={toggleAll}>
            <Tick className='reg-card__checkbox' on={allSelected} />
            <Text className='regs__all-text'>全选</Text>
          </View>
          <View className='panel-bar__info'>
            <Text className='regs__count'>
              已选 <Text className='regs__count-num'>{selected.length}</Text> 份
            </Text>
            <Text className='panel-bar__hint'>一次最多 {BATCH_MAX} 份</Text>
          </View>
          <View className='panel-bar__buttons'>
            <Button className='panel-bar__btn regs__reject' kind='outline' disabled={selected.length === 0 || !!busy} busy={busy === 'reject'} onClick={() => setRejecting(true)}>
              驳回
            </Button>
            <Button className='panel-bar__btn regs__approve' disabled={selected.length === 0 || !!busy} busy={busy === 'approve'} onClick={() => void approve()}>
              通过
            </Button>
          </View>
        </View>
      )}

      <OptionSheet visible={sheet === 'kind'} title='申请类型' options={KIND_OPTIONS} value={kind} onSelect={(v) => setKind(v as Kind)} onClose={() => setSheet(null)} />
      <OptionSheet
        visible={sheet === 'county'}
        title='县（市、区）'
        options={[{ value: '', label: scope?.city ? '全市' : '全部县区' }, ...counties.map((c) => ({ value: c.code, label: c.name, hint: `${c.townships.length} 个镇街` }))]}
        value={countyCode}
        onSelect={(v) => {
          setCountyCode(v)
          setTownshipCode('')
        }}
        onClose={() => setSheet(null)}
      />
      <OptionSheet
        visible={sheet === 'township'}
        title='服务镇街'
        options={[{ value: '', label: '全部镇街' }, ...townships.map((t) => ({ value: t.code, label: t.name }))]}
        value={townshipCode}
        onSelect={setTownshipCode}
        onClose={() => setSheet(null)}
      />

      <NoteDialog confirmText='确认驳回' required maxLength={200}
        visible={rejecting}
        title={`驳回 ${selected.length} 份申请`}
        message={`驳回后申请人会收到通知和你填写的理由，可修改信息后重新提交。`}
        placeholder='例如：服务期与派遣文件不一致，请核对后重新提交'
        onConfirm={reject}
        onClose={() => setRejecting(false)}
      />

      <Dialog
        className='regs__outcome'
        visible={!!outcome}
        title={outcome?.title ?? ''}
        confirmText='知道了'
        cancelText=''
        onConfirm={() => setOutcome(null)}
        onCancel={() => setOutcome(null)}
      >
        <View className='regs__outcome-list'>
          {outcome?.failures.map((f, i) => (
            <View key={i} className='regs__outcome-row'>
              <Text className='regs__outcome-name'>{f.name}</Text>
              <Text className='regs__outcome-msg'>{f.message}</Text>
            </View>
          ))}
        </View>
      </Dialog>
    </View>
  )
}
