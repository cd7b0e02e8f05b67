// 商家信息 (?id=, or none for a new merchant): the merchant's form (name, category, 部门, county,
// address and coordinate, contact), and for an existing one its state (suspend / resume with a
// reason), its perks and inviting its staff. The rules are in rules.ts, the sections in
// sections.tsx; the save goes through the kit's useSubmit.
import { useCallback, useEffect, useState } from 'react'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ROUTES } from '@/constants/routes'
import { call, CallError, errorMessage } from '@/services/cloud'
import { goBackOr } from '@/services/navigation'
import { decodeParam } from '@/components/admin/shared'
import { adminDenied } from '@/components/admin/ui'
import { useDraft } from '@/components/perk/draft'
import { findPaged } from '@/components/perk/form-rules'
import { takeOver, type Merchant } from '@/components/perk/shared'
import { Button } from '@/components/ui/Button'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { useSubmit } from '@/components/ui/submit'
import { markChanged } from '@/services/changes'
import { CountySheet } from '../shared/CountySheet'
import { useAllianceScope } from '../shared/county'
import { check, fieldsOf, rowOf, rowOfField, ROWS, saveInput, type Fields } from './rules'
import { ContactCard, MerchantCard, MerchantHead, StatusDialog } from './sections'

import '@/components/ui/form.scss'
import '@/components/perk/page.scss'
import './index.scss'

const findMerchant = (id: string) => findPaged((page, pageSize) => call('perk.merchants', { page, pageSize }), id)

async function inviteStaff(merchant: Merchant) {
  const { confirm } = await Taro.showModal({
    title: '邀请店员',
    content: `在邀请页选择「爱心商家」，商家编号填写 ${merchant.id}（点「去邀请」会先复制编号）。店员用邀请码加入后即可扫码核销。`,
    confirmText: '去邀请',
    confirmColor: '#d93a2b',
  })
  if (!confirm) return
  await Taro.setClipboardData({ data: merchant.id }).catch(() => undefined)
  void Taro.navigateTo({ url: ROUTES.adminInvite })
}

export default function MerchantEditor() {
  const { params } = useRouter()
  const id = decodeParam(params.id)
  const { state, reload, scope, counties, fixedCounty } = useAllianceScope()
  const form = useSubmit(ROWS, rowOfField)
  const [sheet, setSheet] = useState(false)
  const [statusDialog, setStatusDialog] = useState(false)
  const [created, setCreated] = useState(false)

  // The merchant to edit (null: a new one), once the admin's scope is known. (The loader runs in an
  // effect, after `draft` below exists; the draft's check needs to know whether it edits one.)
  const { state: load, retry, setData } = usePageState(async (): Promise<Merchant | null> => {
    if (!id) {
      draft.setFields(fieldsOf(null, fixedCounty?.code ?? ''))
      return null
    }
    const found = takeOver<Merchant>(`merchant:${id}`) ?? (await findMerchant(id))
    if (!found) throw new CallError({ code: 'NOT_FOUND', message: '它可能不在你的管辖范围内' })
    draft.setFields(fieldsOf(found, ''))
    return found
  }, [], !!scope)

  const merchant = load.kind === 'ready' ? load.data : null
  const checkFields = useCallback((f: Fields) => check(f, !!merchant), [merchant])
  const draft = useDraft(() => fieldsOf(null, ''), form, checkFields, rowOf)
  const { fields, setFields } = draft
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: merchant ? '商家信息' : '新增商家' })
  }, [merchant])

  const countyName = (fixedCounty && fixedCounty.code === fields.countyCode ? fixedCounty.name : '') || counties.find((c) => c.code === fields.countyCode)?.name || merchant?.countyName || ''

  const chooseOnMap = async () => {
    try {
      const res = await Taro.chooseLocation(fields.lat && fields.lng ? { latitude: Number(fields.lat), longitude: Number(fields.lng) } : {})
      setFields((f) => ({
        ...f,
        lat: res.latitude.toFixed(6),
        lng: res.longitude.toFixed(6),
        address: f.address.trim() ? f.address : (res.address || res.name || '').slice(0, 80),
      }))
      form.clearError('location')
    } catch (err) {
      if (!/cancel/i.test(String((err as { errMsg?: string })?.errMsg ?? ''))) void Taro.showToast({ title: '无法打开地图，请检查位置权限', icon: 'none' })
    }
  }

  const save = () =>
    form.submit({
      check: () => check(fields, !!merchant),
      send: async () => {
        const saved = await call('perk.saveMerchant', saveInput(fields, merchant))
        markChanged('merchants', 'home')
        const view = { ...saved, perkCount: merchant?.perkCount ?? 0 }
        setData(() => view)
        setFields(fieldsOf(view, ''))
        if (!merchant) setCreated(true)
        void Taro.showToast({ title: merchant ? '已保存' : '已添加', icon: 'success' })
        void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined)
      },
    })

  const setStatus = async (reason: string) => {
    if (!merchant) return
    const next = merchant.status === 'active' ? 'suspended' : 'active'
    try {
      const saved = await call('perk.setMerchantStatus', { id: merchant.id, status: next, reason })
      setData(() => ({ ...merchant, status: saved.status }))
      markChanged('merchants')
      setStatusDialog(false)
      void Taro.showToast({ title: next === 'suspended' ? '已暂停' : '已恢复', icon: 'success' })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
      throw err
    }
  }

  return (
    <View className={scope && load.kind === 'ready' ? 'form-page form-page--with-bar amerchant' : 'pk-page'}>
      <PageStates
        gate={state}
        state={load}
        retry={() => void (scope ? retry() : reload(true))}
        denied={adminDenied(state)}
        notFound={{ title: '没有找到这家商家', action: { text: '返回', onClick: () => goBackOr(ROUTES.alliance) } }}
      >
        {() => (
          <>
            {merchant && <MerchantHead merchant={merchant} created={created} onInvite={() => void inviteStaff(merchant)} onStatus={() => setStatusDialog(true)} />}
            <MerchantCard draft={draft} editing={!!merchant} countyName={countyName} onPickCounty={fixedCounty ? undefined : () => setSheet(true)} onChooseMap={() => void chooseOnMap()} />
            <ContactCard draft={draft} merchant={merchant} />

            <View className='form-bar'>
              <Button className='amerchant__save' busy={form.busy} onClick={() => void save()}>
                {form.busy ? '正在保存…' : merchant ? '保存修改' : '添加商家'}
              </Button>
            </View>

            <CountySheet visible={sheet} counties={counties} value={fields.countyCode} onSelect={(v) => draft.set('countyCode', v)} onClose={() => setSheet(false)} />
            {merchant && <StatusDialog merchant={merchant} visible={statusDialog} onConfirm={setStatus} onClose={() => setStatusDialog(false)} />}
          </>
        )}
      </PageStates>
    </View>
  )
}
