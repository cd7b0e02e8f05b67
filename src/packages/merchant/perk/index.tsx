// 发布 / 编辑优惠 (?merchantId=&id=): title, what it gives, terms, a picture, who may use it
// (minimum star level, counties), limits (per volunteer per day and month, total quota) and the
// validity dates. Checked on the phone as the contract checks it (rules.ts); the save goes through
// the kit's useSubmit, so the function's field errors show next to their fields.
import { useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { call, CallError } from '@/services/cloud'
import { goBackOr } from '@/services/navigation'
import { decodeParam, useDivisions } from '@/components/admin/shared'
import { useDraft } from '@/components/perk/draft'
import { findPaged } from '@/components/perk/form-rules'
import { staffState } from '@/components/perk/gates'
import { takeOver, useWho, type PerkView } from '@/components/perk/shared'
import { ROUTES } from '@/constants/routes'
import { Button } from '@/components/ui/Button'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { useSubmit } from '@/components/ui/submit'
import { today } from '@/components/ui/format'
import { markChanged } from '@/services/changes'
import { check, fieldsOf, rowOf, rowOfField, ROWS, saveInput } from './rules'
import { ContentCard, LimitsCard, ValidityCard, WhoCard } from './sections'
import { usePicture } from './use-picture'

import '@/components/ui/form.scss'
import '@/components/perk/page.scss'
import './index.scss'

/** Finds a perk to edit among its merchant's perks (when the list did not hand it over). */
const findPerk = (merchantId: string, id: string) => findPaged<PerkView>((page, pageSize) => call('perk.managePerks', { merchantId, page, pageSize }), id)

const perksOf = (merchantId: string) => (merchantId ? `${ROUTES.merchantPerks}?merchantId=${encodeURIComponent(merchantId)}` : ROUTES.merchantPerks)

export default function PerkForm() {
  const { params } = useRouter()
  const merchantId = decodeParam(params.merchantId)
  const id = decodeParam(params.id)
  const { state: whoState, reload } = useWho()
  // Staff edit their shops' perks; admins those of the merchants they administer.
  const staff = staffState(whoState, true)
  const allowed = staff.state.kind === 'ready'
  const divisions = useDivisions()
  const todayYmd = today()

  const form = useSubmit(ROWS, rowOfField)
  const draft = useDraft(() => fieldsOf(null, todayYmd), form, check, rowOf)
  const picture = usePicture(form.markError, form.clearError)

  // The perk to edit (null: a new one), once the caller is known to be allowed.
  const { state, retry } = usePageState(async (): Promise<PerkView | null> => {
    if (!merchantId) throw new CallError({ code: 'NOT_FOUND', message: '请从「本店优惠」进入发布或编辑优惠' })
    if (!id) return null
    const perk = takeOver<PerkView>(`perk:${id}`) ?? (await findPerk(merchantId, id))
    if (!perk) throw new CallError({ code: 'NOT_FOUND', message: '没有找到这项优惠，可能已被删除' })
    draft.setFields(fieldsOf(perk, todayYmd))
    return perk
  }, [], allowed)
  const back = { text: '返回', onClick: () => goBackOr(perksOf(merchantId)) }

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '编辑优惠' : '发布优惠' })
  }, [id])

  const existing = state.kind === 'ready' ? state.data : null

  const save = () =>
    form.submit({
      check: () => check(draft.fields),
      send: async () => {
        const pictureFileId = await picture.upload()
        await call('perk.savePerk', saveInput(draft.fields, merchantId, existing, pictureFileId))
        markChanged('merchantPerks')
        void Taro.showToast({ title: existing ? '已保存' : '已发布', icon: 'success' })
        setTimeout(() => goBackOr(perksOf(merchantId)), 700)
      },
    })

  return (
    <View className={state.kind === 'ready' && allowed ? 'form-page form-page--with-bar perk-form' : 'pk-page'}>
      <PageStates gate={staff.state} state={state} retry={() => void (allowed ? retry() : reload(true))} denied={staff.denied} notFound={{ title: merchantId ? '没有找到这项优惠' : '缺少商家', action: back }}>
        {() => (
          <>
            <ContentCard draft={draft} picture={picture} pictureSrc={picture.path || existing?.pictureUrl || ''} />
            <WhoCard draft={draft} counties={divisions?.counties ?? []} />
            <LimitsCard draft={draft} existing={existing} />
            <ValidityCard draft={draft} todayYmd={todayYmd} />

            <Text className='form-note'>优惠内容会经过内容安全检查。暂停、恢复可在「本店优惠」中操作。</Text>

            <View className='form-bar'>
              <Button className='perk-form__save' busy={form.busy} onClick={() => void save()}>
                {form.busy ? '正在保存…' : existing ? '保存修改' : '发布优惠'}
              </Button>
            </View>
          </>
        )}
      </PageStates>
    </View>
  )
}
