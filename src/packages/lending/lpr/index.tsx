// LPR 表（团市委）: the loan prime rates by effective date that the subsidy is computed from (the
// one in force on a loan's disbursement date applies for its whole life). Add or correct a row
// (percentages typed like 3.10 → 310 bp, exactly), delete one no loan uses, or import the rates
// published since the 2019 reform.
import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { LprRow } from '@contract/loan'
import { call, CallError, errorMessage } from '@/services/cloud'
import { spreadText, useLoanTerms, useReviewerScope } from '@/components/loan/data'
import { bpToInput, parsePercent, percent } from '@/components/loan/format'
import { reviewerDenied } from '@/components/loan/gate'
import { DatePick, Field, UnitInput } from '@/components/loan/ui'
import { Button } from '@/components/ui/Button'
import { Sheet } from '@/components/ui/Sheet'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { StateView } from '@/components/ui/StateView'
import { chineseDate, today } from '@/components/ui/format'

import { LprIntro, LprTable } from './sections'

import './index.scss'

interface Form {
  /** Editing an existing row (its date is fixed), or adding one. */
  existing: boolean
  effectiveDate: string
  oneYear: string
  fiveYear: string
}

export default function Lpr() {
  const terms = useLoanTerms()
  const { state: gate, scope, reload: reloadScope, retry: retryScope } = useReviewerScope((s) => s.city)
  const { state, reload, retry, setData } = usePageState(async () => (await call('loan.lprList', {})).items, [], !!scope)
  const [form, setForm] = useState<Form | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState<'' | 'save' | 'remove' | 'import'>('')

  usePullDownRefresh(() => {
    void (scope ? reload(true) : reloadScope(true)).finally(() => Taro.stopPullDownRefresh())
  })

  const todayYmd = today()
  const items = state.kind === 'ready' ? state.data : null
  const rows = useMemo(() => (items ? [...items].sort((a, b) => (a.effectiveDate < b.effectiveDate ? 1 : -1)) : []), [items])
  const current = rows.find((r) => r.effectiveDate <= todayYmd)
  const show = (items: LprRow[]) => setData(() => items)

  const open = (row?: LprRow) => {
    setErrors({})
    setForm(row ? { existing: true, effectiveDate: row.effectiveDate, oneYear: bpToInput(row.oneYearBp), fiveYear: bpToInput(row.fiveYearBp) } : { existing: false, effectiveDate: todayYmd, oneYear: current ? bpToInput(current.oneYearBp) : '', fiveYear: current ? bpToInput(current.fiveYearBp) : '' })
  }

  const save = async () => {
    if (!form || busy) return
    const one = parsePercent(form.oneYear, '1 年期 LPR')
    const five = parsePercent(form.fiveYear, '5 年期以上 LPR')
    const next: Record<string, string> = {}
    if (!one.ok) next.oneYearBp = one.error
    else if (one.value <= 0) next.oneYearBp = '1 年期 LPR 应大于 0'
    if (!five.ok) next.fiveYearBp = five.error
    else if (five.value <= 0) next.fiveYearBp = '5 年期以上 LPR 应大于 0'
    if (!form.effectiveDate) next.effectiveDate = '请选择生效日期'
    if (!form.existing && rows.some((r) => r.effectiveDate === form.effectiveDate)) next.effectiveDate = '这一天已有一期 LPR，请点它修改'
    setErrors(next)
    if (Object.keys(next).length > 0 || !one.ok || !five.ok) return
    const { confirm } = await Taro.showModal({
      title: form.existing ? '修改这一期 LPR' : '新增一期 LPR',
      content: `${chineseDate(form.effectiveDate)}起：1 年期 ${percent(one.value)}，5 年期以上 ${percent(five.value)}。此后放款的贷款按它计算贴息上限。`,
      confirmText: '保存',
      confirmColor: '#d93a2b',
    })
    if (!confirm) return
    setBusy('save')
    try {
      const { items } = await call('loan.lprSave', { effectiveDate: form.effectiveDate, oneYearBp: one.value, fiveYearBp: five.value })
      show(items)
      setForm(null)
      void Taro.showToast({ title: '已保存', icon: 'success' })
    } catch (err) {
      if (err instanceof CallError && err.field) setErrors({ [err.field]: err.message })
      else void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      setBusy('')
    }
  }

  const remove = async () => {
    if (!form?.existing || busy) return
    const { confirm } = await Taro.showModal({
      title: '删除这一期 LPR',
      content: `删除 ${chineseDate(form.effectiveDate)} 起执行的 LPR？已按它计算贴息的贷款不允许删除。`,
      confirmText: '删除',
      confirmColor: '#d93a2b',
    })
    if (!confirm) return
    setBusy('remove')
    try {
      const { items } = await call('loan.lprRemove', { effectiveDate: form.effectiveDate })
      show(items)
      setForm(null)
      void Taro.showToast({ title: '已删除', icon: 'success' })
    } catch (err) {
      void Taro.showModal({ title: '不能删除', content: errorMessage(err), showCancel: false, confirmText: '知道了' })
    } finally {
      setBusy('')
    }
  }

  const importPublished = async () => {
    if (busy) return
    const { confirm } = await Taro.showModal({
      title: '导入公布的 LPR',
      content: '导入 2019 年 8 月 LPR 改革以来全国银行间同业拆借中心公布的报价。表中已有的日期不会被覆盖。',
      confirmText: '导入',
      confirmColor: '#d93a2b',
    })
    if (!confirm) return
    setBusy('import')
    try {
      const { items, added } = await call('loan.lprImportPublished', {})
      show(items)
      void Taro.showToast({ title: added > 0 ? `已导入 ${added} 期` : '已是最新，无需导入', icon: added > 0 ? 'success' : 'none' })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      setBusy('')
    }
  }

  return (
    <View className={`ln-page lpr${scope ? ' ln-page--with-bar' : ''}`}>
      {scope && <LprIntro current={current} spread={spreadText(terms)} />}

      <PageStates gate={gate} state={state} retry={scope ? retry : retryScope} skeleton={2} denied={reviewerDenied('city')}>
        {() =>
          rows.length === 0 ? (
            <StateView tone='muted' title='LPR 表是空的' desc='放款前必须有放款日适用的 LPR。可一键导入公布的报价。' action={{ text: '导入公布的 LPR', onClick: () => void importPublished() }} />
          ) : (
            <LprTable rows={rows} current={current} todayYmd={todayYmd} onOpen={open} />
          )
        }
      </PageStates>

      {scope && (
        <View className='ln-bar'>
          <Button kind='outline' busy={busy === 'import'} className='lpr__import' onClick={() => void importPublished()}>
            导入公布的 LPR
          </Button>
          <Button className='lpr__add' onClick={() => open()}>
            新增一期
          </Button>
        </View>
      )}

      <Sheet visible={!!form} title={form?.existing ? '修改 LPR' : '新增一期 LPR'} note='以百分数填写，精确到 0.01%（1 个基点）' onClose={() => setForm(null)} closable={!busy} className='lpr-form'>
        {form && (
          <View className='lpr-form__body'>
            <Field field='effectiveDate' label='生效日期' required error={errors.effectiveDate} hint={form.existing ? '生效日期不能修改；如填错，请删除后重新新增' : '通常为每月 20 日（遇节假日顺延）'}>
              {form.existing ? (
                <View className='ln-field__box'>
                  <Text className='ln-field__pick'>{form.effectiveDate}</Text>
                </View>
              ) : (
                <DatePick className='lpr-form__date' value={form.effectiveDate} start='2019-08-20' end='2099-12-31'
                  onChange={(v) => {
                    setForm({ ...form, effectiveDate: v })
                    setErrors(({ effectiveDate: _, ...rest }) => rest)
                  }}
                />
              )}
            </Field>
            <Field field='oneYearBp' label='1 年期 LPR' required error={errors.oneYearBp}>
              <UnitInput className='lpr-form__one' value={form.oneYear} placeholder='例如 3.10' maxLength={6} unit='%'
                onInput={(v) => {
                  setForm({ ...form, oneYear: v })
                  setErrors(({ oneYearBp: _, ...rest }) => rest)
                }}
              />
            </Field>
            <Field field='fiveYearBp' label='5 年期以上 LPR' required error={errors.fiveYearBp}>
              <UnitInput className='lpr-form__five' value={form.fiveYear} placeholder='例如 3.60' maxLength={6} unit='%'
                onInput={(v) => {
                  setForm({ ...form, fiveYear: v })
                  setErrors(({ fiveYearBp: _, ...rest }) => rest)
                }}
              />
            </Field>
            <View className='lpr-form__actions'>
              {form.existing && (
                <Button kind='danger' busy={busy === 'remove'} className='lpr-form__remove' onClick={() => void remove()}>
                  删除这一期
                </Button>
              )}
              <Button busy={busy === 'save'} className='lpr-form__save' onClick={() => void save()}>
                保存
              </Button>
            </View>
          </View>
        )}
      </Sheet>
    </View>
  )
}
