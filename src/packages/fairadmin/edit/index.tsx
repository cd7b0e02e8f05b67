// 对接会信息 (?id= to edit, none to create; city admin): title, date and times, venue, address
// and map location, the sign-up window ('YYYY-MM-DD HH:mm' Shanghai), capacity (never below the
// seats taken), who may sign up, positions per person, the invited employers and a description.
// The function's errors land next to the field they name. A new fair is saved as a draft.
import { useEffect, useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { EmployerView, FairView } from '@contract/fair'
import { checkFair, rowOfField, ROWS } from './check'
import { FAIR_DESCRIPTION } from '@contract/fair-rules'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { useAdminScope } from '@/components/admin/shared'
import { cityGate } from '@/components/admin/ui'
import { param } from '@/components/fair/format'
import { useCheckedForm } from '@/components/fair/use-checked-form'
import { goBackOr, scrollToField } from '@/services/navigation'
import { Button } from '@/components/ui/Button'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { StateView } from '@/components/ui/StateView'
import { markChanged, takeChanged } from '@/services/changes'
import { blankFields, fieldsOf, movesPublished, type FairForm } from './fields'
import { BasicsCard, VenueCard } from './parts/basics'
import { SignupCard } from './parts/signup-card'
import { EmployersCard } from './parts/employers-card'

import '@/components/fair/pieces.scss'
import './index.scss'

/** The fair as saved (none for a new one). */
type Loaded = { original: FairView | null }

function DescriptionCard({ form }: { form: FairForm }) {
  const error = form.errorOf('description')
  return (
    <View className='form-card'>
      <Text className='form-card__title'>
        说明
        <Text className='form-card__title-note'>选填，报名者可见</Text>
      </Text>
      <View className='fair-edit__desc'>
        <Textarea
          className='fair-textarea fair-edit__description'
          value={form.fields.description}
          placeholder='如：请携带简历和毕业证书复印件；现场设政策咨询台'
          placeholderClass='fair-placeholder'
          maxlength={FAIR_DESCRIPTION.max}
          onInput={(e) => form.set('description', e.detail.value, 'description')}
        />
        {error && <Text className='fair-edit__desc-error'>{error}</Text>}
      </View>
    </View>
  )
}

export default function FairEdit() {
  const { params } = useRouter()
  const id = param(params.id)
  const { state, reload: reloadScope } = useAdminScope()
  const city = !!(state.kind === 'ready' && state.scope.city)
  const { gate, denied } = cityGate(state, '岗位对接会由团市委创建和修改。', ROUTES.fairAdmin)

  // The employers whose names the form knows (the invited ones, then any tapped in the list), and
  // the employers list's version (a new one when they changed on 用人单位).
  const [known, setKnown] = useState<Record<string, EmployerView>>({})
  const [employersVersion, setEmployersVersion] = useState(0)
  const know = (e: EmployerView) => setKnown((k) => (k[e.id] === e ? k : { ...k, [e.id]: e }))

  // The fair (its fields filled in from it), once, when the city admin is known; the card reads the employers a page at a time.
  const page = usePageState<Loaded>(
    async () => {
      const fair = id ? await call('fair.get', { id }) : null
      if (fair) {
        form.setFields(fieldsOf(fair.fair))
        setKnown((k) => ({ ...k, ...Object.fromEntries(fair.fair.employers.map((e) => [e.id, e])) }))
      }
      return { original: fair?.fair ?? null }
    },
    [],
    city,
  )
  const loaded = page.state.kind === 'ready' ? page.state.data : null
  const original = loaded?.original ?? null
  const confirmed = original?.confirmed ?? 0
  const form: FairForm = useCheckedForm(blankFields, ROWS, rowOfField, (f) => checkFair(f, confirmed))

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '编辑对接会' : '新建对接会' })
  }, [])

  // Back from 用人单位 after adding or changing one: the list reads its first page again.
  useDidShow(() => {
    if (takeChanged('fair-employers') && loaded) setEmployersVersion((v) => v + 1)
  })

  usePullDownRefresh(() => {
    // A form being filled in is not thrown away by a pull: only a failed load is retried.
    const retry = !city ? reloadScope(true) : page.state.kind !== 'ready' && page.state.kind !== 'loading' ? page.reload() : Promise.resolve()
    void retry.finally(() => Taro.stopPullDownRefresh())
  })

  /** Asks before moving a published fair, and before saving one with nobody invited. */
  const confirmSave = async (input: { date: string; startTime: string; venue: string; employerIds?: string[] }) => {
    if (original && movesPublished(original, input)) {
      const { confirm } = await Taro.showModal({
        title: '修改已发布的对接会',
        content: `时间或会场有变化，已报名的 ${original.confirmed + original.waiting} 人不会自动收到通知，请另行告知。确定保存？`,
        confirmText: '保存',
        confirmColor: '#d93a2b',
      })
      if (!confirm) return false
    }
    if (!input.employerIds?.length) {
      const { confirm } = await Taro.showModal({ title: '还没有邀请用人单位', content: '没有受邀单位就没有岗位可选。可以先保存，稍后再邀请。', confirmText: '先保存', cancelText: '去选择', confirmColor: '#d93a2b' })
      if (!confirm) {
        scrollToField('employers')
        return false
      }
    }
    return true
  }

  const save = () =>
    form.save(async (input) => {
      const saved = await call('fair.save', { ...(id ? { id } : {}), ...input })
      markChanged('fair-admin')
      page.setData((d) => ({ ...d, original: saved }))
      void Taro.showToast({ title: id ? '已保存' : '已保存为未发布', icon: 'success' })
      setTimeout(() => goBackOr(ROUTES.fairAdmin), 800)
    }, confirmSave)

  const back = { text: '返回', onClick: () => goBackOr(ROUTES.fairAdmin) }
  const editing = city && loaded && original?.status !== 'cancelled'

  return (
    <View className={editing ? 'form-page form-page--with-bar fair-edit' : 'panel-page'}>
      <PageStates gate={gate} state={page.state} retry={() => void (city ? page.reload() : reloadScope(true))} denied={denied} notFound={{ title: '对接会不存在', action: back }}>
        {() =>
          original?.status === 'cancelled' ? (
            <StateView tone='muted' title='对接会已取消' desc='已取消的对接会不能再修改。' action={back} />
          ) : (
            <>
              {original && (
                <View className='fair-edit__hero'>
                  <Text className='fair-edit__hero-title'>{original.title}</Text>
                  <Text className='fair-edit__hero-sub'>
                    {original.status === 'draft' ? '未发布' : '已发布'} · 已报名 {original.confirmed} 人 · 候补 {original.waiting} 人
                  </Text>
                </View>
              )}
              <BasicsCard form={form} />
              <VenueCard form={form} />
              <SignupCard form={form} confirmed={confirmed} />
              <EmployersCard form={form} known={known} onKnow={know} version={employersVersion} />
              <DescriptionCard form={form} />
              <View className='form-bar'>
                <Button busy={form.busy} className='fair-edit__save' onClick={() => void save()}>
                  {form.busy ? '正在保存…' : id ? '保存修改' : '保存（暂不发布）'}
                </Button>
              </View>
            </>
          )
        }
      </PageStates>
    </View>
  )
}
