// 用人单位 (city admin): the employers fairs can invite (国有企业, 民营企业, 社会组织), a page at a
// time in name order with the true total, found by name and narrowed by type; add or edit one
// (name, type, county), and invite its staff with the existing invitation page (role 用人单位 and
// the employer's 编号 shown here).
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { EmployerView } from '@contract/fair'
import { EMPLOYER_TYPE_LABELS, EMPLOYER_TYPES, type EmployerType } from '@contract/vocabulary'
import { ROUTES } from '@/constants/routes'
import { call, CallError, errorMessage } from '@/services/cloud'
import { loadDivisions, useAdminScope, type Divisions } from '@/components/admin/shared'
import { cityGate } from '@/components/admin/ui'
import { FormRow, PickedValue } from '@/components/ui/FormRow'
import { TextInput } from '@/components/ui/TextInput'
import { Sheet } from '@/components/ui/Sheet'
import { EmployerTypeTag } from '@/components/fair/ui'
import { Button } from '@/components/ui/Button'
import { OptionSheet } from '@/components/ui/OptionSheet'
import { SearchField } from '@/components/ui/Field'
import { PagedStates } from '@/components/ui/PagedStates'
import { usePageState } from '@/components/ui/page-state'
import { usePaged, useSearchKeyword } from '@/components/ui/paged'
import { markChanged } from '@/services/changes'

import '@/components/fair/pieces.scss'
import './index.scss'

/** The type chips: all, or one type. */
const TYPE_CHIPS: { value: EmployerType | ''; label: string }[] = [{ value: '', label: '全部' }, ...EMPLOYER_TYPES.map((t) => ({ value: t, label: EMPLOYER_TYPE_LABELS[t] }))]
interface Draft {
  id: string
  name: string
  type: EmployerType | ''
  countyCode: string
}
const TYPE_HINTS: Record<EmployerType, string> = { state_owned: '国有及国有控股企业', private: '民营企业、外资企业', social: '社会组织、事业单位' }

async function copy(text: string) {
  try {
    await Taro.setClipboardData({ data: text })
    if (process.env.TARO_ENV !== 'weapp') void Taro.showToast({ title: '编号已复制', icon: 'success' })
  } catch {
    void Taro.showToast({ title: '复制失败，请长按编号手动复制', icon: 'none' })
  }
}

export default function Employers() {
  const { state, reload: reloadScope } = useAdminScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const [draft, setDraft] = useState<Draft | null>(null)
  const [errors, setErrors] = useState<Partial<Record<'name' | 'type' | 'countyCode', string>>>({})
  const [saving, setSaving] = useState(false)
  const [countySheet, setCountySheet] = useState(false)
  const [type, setType] = useState<EmployerType | ''>('')
  const search = useSearchKeyword()

  const city = !!scope?.city
  const { gate, denied } = cityGate(state, '用人单位由团市委管理。', ROUTES.fairAdmin)
  const filters = { ...(type ? { type } : {}), ...(search.keyword ? { keyword: search.keyword } : {}) }
  const list = usePaged<EmployerView>((page, pageSize) => call('fair.employers', { ...filters, page, pageSize }), JSON.stringify(filters), city)
  // The counties an employer may be in (none when they could not be had: the sheet offers 不填 only).
  const divisions = usePageState<Divisions | null>(() => loadDivisions().catch(() => null), [], city)

  const edit = (e: EmployerView | null) => {
    setErrors({})
    setDraft(e ? { id: e.id, name: e.name, type: e.type, countyCode: e.countyCode } : { id: '', name: '', type: '', countyCode: '' })
  }

  const save = async () => {
    if (!draft || saving) return
    const problems: typeof errors = {}
    const name = draft.name.trim()
    if (name.length < 2) problems.name = name ? '单位名称至少 2 个字' : '请填写单位名称'
    if (!draft.type) problems.type = '请选择单位类型'
    setErrors(problems)
    if (Object.keys(problems).length > 0 || !draft.type) return
    setSaving(true)
    try {
      const saved = await call('fair.saveEmployer', { ...(draft.id ? { id: draft.id } : {}), name, type: draft.type, countyCode: draft.countyCode })
      markChanged('fair-employers')
      setDraft(null)
      void Taro.showToast({ title: draft.id ? '已保存' : '已添加', icon: 'success' })
      // A changed one in place; a new one takes its place in the order, so the first page is read again.
      if (draft.id) list.setItems((items) => items.map((x) => (x.id === saved.id ? saved : x)))
      else void list.reload(true)
    } catch (err) {
      const field = err instanceof CallError ? err.field : undefined
      if (field === 'name' || field === 'type' || field === 'countyCode') setErrors({ [field]: (err as CallError).message })
      else void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
    } finally {
      setSaving(false)
    }
  }

  const counties = (divisions.state.kind === 'ready' && divisions.state.data?.counties) || []
  const countyName = (code: string) => counties.find((c) => c.code === code)?.name ?? ''
  const filtered = !!(type || search.keyword)

  return (
    <View className='panel-page emps'>
      {city && (
        <>
          <View className='emps__top'>
            <Button className='emps__add' onClick={() => edit(null)}>
              + 添加用人单位
            </Button>
            <View className='emps__invite' onClick={() => void Taro.navigateTo({ url: ROUTES.adminInvite })}>
              <View className='emps__invite-main'>
                <Text className='emps__invite-title'>邀请单位工作人员</Text>
                <Text className='emps__invite-desc'>在「邀请」中选择角色「用人单位」，填写下方单位编号；对方用邀请码登录后即可发布岗位、查看报名。</Text>
              </View>
              <Text className='form-row__arrow'>›</Text>
            </View>
          </View>
          <View className='panel-top emps__tools'>
            <View className='emps__search'>
              <SearchField value={search.draft} placeholder='搜索单位名称' onChange={search.setDraft} onSearch={search.search} />
            </View>
            <View className='panel-filters emps__types'>
              {TYPE_CHIPS.map((c) => (
                <View key={c.value || 'all'} className={`panel-chip emps__type ${type === c.value ? 'panel-chip--on' : ''}`} hoverClass='panel-chip--pressed' onClick={() => setType(c.value)}>
                  <Text className='panel-chip__text'>{c.label}</Text>
                </View>
              ))}
              {list.status === 'ready' && <Text className='emps__total'>共 {list.total} 家</Text>}
            </View>
          </View>
        </>
      )}

      <PagedStates
        list={list}
        gate={gate}
        retryGate={() => void reloadScope(true)}
        denied={denied}
        listClassName='panel-section fair-section emps__list'
        empty={
          filtered
            ? { title: search.keyword ? `没有找到「${search.keyword}」` : '没有这一类的用人单位', desc: '换个名称或类型试试' }
            : { title: '还没有用人单位', desc: '添加国有企业、民营企业或社会组织后，就可以邀请它们参加对接会' }
        }
      >
        {(e) => (
          <View key={e.id} className='emps-row' hoverClass='emps-row--pressed' onClick={() => edit(e)}>
            <View className='emps-row__main'>
              <View className='emps-row__head'>
                <Text className='emps-row__name'>{e.name}</Text>
                <EmployerTypeTag type={e.type} className='emps-row__type' />
              </View>
              <View className='emps-row__sub'>
                <Text>{e.countyName || '未填所在县区'}</Text>
                <Text
                  className='emps-row__id'
                  onClick={(ev) => {
                    ev.stopPropagation()
                    void copy(e.id)
                  }}
                >
                  编号 {e.id}
                </Text>
              </View>
            </View>
            <Text className='emps-row__edit'>修改</Text>
          </View>
        )}
      </PagedStates>

      <Sheet visible={!!draft} title={draft?.id ? '修改用人单位' : '添加用人单位'} closable={!saving} onClose={() => setDraft(null)} className='emp-sheet'>
        {draft && (
          <View className='emp-sheet__body'>
            <View className='form-card emp-sheet__card'>
              <FormRow field='name' label='单位名称' required error={errors.name}>
                <TextInput className='emp-sheet__name' value={draft.name} placeholder='如：清远市城市投资控股集团' maxLength={40} onChange={(v) => setDraft({ ...draft, name: v })} />
              </FormRow>
              <FormRow field='type' label='单位类型' required stacked error={errors.type}>
                <View className='emp-sheet__types'>
                  {EMPLOYER_TYPES.map((t) => (
                    <View key={t} className={`emp-type ${draft.type === t ? 'emp-type--on' : ''}`} onClick={() => setDraft({ ...draft, type: t })}>
                      <EmployerTypeTag type={t} />
                      <Text className='emp-type__hint'>{TYPE_HINTS[t]}</Text>
                    </View>
                  ))}
                </View>
              </FormRow>
              <FormRow field='countyCode' label='所在县区' error={errors.countyCode} onClick={() => setCountySheet(true)}>
                <PickedValue value={draft.countyCode ? countyName(draft.countyCode) : ''} placeholder='选填' />
              </FormRow>
            </View>
            {draft.id && <Text className='form-note'>单位编号 {draft.id}（邀请工作人员时填写）</Text>}
            <Button className='emp-sheet__save' busy={saving} onClick={() => void save()}>
              {saving ? '正在保存…' : '保存'}
            </Button>
          </View>
        )}
      </Sheet>

      <OptionSheet
        visible={countySheet}
        title='所在县（市、区）'
        options={[{ value: '', label: '不填' }, ...counties.map((c) => ({ value: c.code, label: c.name }))]}
        value={draft?.countyCode ?? ''}
        onSelect={(v) => setDraft((d) => (d ? { ...d, countyCode: v } : d))}
        onClose={() => setCountySheet(false)}
      />
    </View>
  )
}
