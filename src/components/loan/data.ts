// Loading an application, opening its files, and the reviewers' scopes: what the loan pages of
// the three subpackages share. Types only from the contract (no zod).
import { useCallback, useEffect, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { LoanDetail, LoanDocumentView } from '@contract/loan'
import type { ProjectType } from '@contract/vocabulary'
import { call, CallError } from '@/services/cloud'
import { loadAccount, type Account } from '@/components/admin/shared'
import { usePageState, type BlockedState, type PageLoad } from '@/components/ui/page-state'
import { percent } from './format'

/**
 * One application (loan.get) as a page state, refreshed on pull-down; `set` shows what an
 * action answered. Waits while `enabled` is false (the reviewer's scope is not known yet).
 */
export function useLoan(id: string, enabled = true): PageLoad<LoanDetail> & { set: (d: LoanDetail) => void } {
  const load = usePageState(
    () => (id ? call('loan.get', { id }) : Promise.reject(new CallError({ code: 'NOT_FOUND', message: '缺少申请编号，请从列表进入' }))),
    [id],
    enabled,
  )
  const { reload, setData } = load
  usePullDownRefresh(() => {
    void (enabled ? reload(true) : Promise.resolve()).finally(() => Taro.stopPullDownRefresh())
  })
  const set = useCallback((detail: LoanDetail) => setData(() => detail), [setData])
  return { ...load, set }
}

const isImage = (doc: Pick<LoanDocumentView, 'type'>) => doc.type.startsWith('image/')

/** Opens a document: images in the viewer (with the others of the application), PDFs in WeChat's reader or a new tab. */
export async function openDocument(doc: LoanDocumentView, all: LoanDocumentView[]): Promise<void> {
  if (!doc.url) {
    void Taro.showToast({ title: '文件链接已过期，请下拉刷新', icon: 'none' })
    return
  }
  if (isImage(doc)) {
    await Taro.previewImage({ current: doc.url, urls: all.filter(isImage).map((d) => d.url) })
    return
  }
  if (process.env.TARO_ENV === 'weapp') {
    void Taro.showLoading({ title: '正在打开…' })
    try {
      const res = await Taro.downloadFile({ url: doc.url })
      if (res.statusCode !== 200) throw new Error(`download ${res.statusCode}`)
      await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'pdf', showMenu: true })
    } catch {
      void Taro.showToast({ title: '文件打开失败，请稍后再试', icon: 'none' })
    } finally {
      void Taro.hideLoading()
    }
    return
  }
  window.open(doc.url, '_blank', 'noopener')
}

// ---- who is looking -----------------------------------------------------------------------

export interface ReviewerScope {
  account: Account
  city: boolean
  /** County admin of these counties (empty for the city). */
  counties: { code: string; name: string }[]
  /** Officer of these banks. */
  banks: { id: string; name: string }[]
}

/** The caller's standing as a reviewer, for <PageStates gate=…>. */
export type ScopeState = BlockedState | { kind: 'ready' }

function scopeOf(account: Account): ReviewerScope {
  return {
    account,
    city: account.roles.some((g) => g.role === 'city_admin'),
    counties: account.roles.filter((g) => g.role === 'county_admin').map((g) => ({ code: g.scopeId, name: g.scopeName })),
    banks: account.roles.filter((g) => g.role === 'bank_officer').map((g) => ({ id: g.scopeId, name: g.scopeName })),
  }
}

/**
 * The caller as a reviewer; `allowed` says whether this page is theirs. `state` is the page's
 * gate; `scope` is set once it is ready. Always asked afresh when a page opens: one call, and
 * never a previous identity's roles.
 */
export function useReviewerScope(allowed: (scope: ReviewerScope) => boolean): { state: ScopeState; scope: ReviewerScope | null; reload: (quiet?: boolean) => Promise<void>; retry: () => void } {
  const { state: loaded, reload, retry } = usePageState(async () => scopeOf(await loadAccount(true)), [])
  const scope = loaded.kind === 'ready' && allowed(loaded.data) ? loaded.data : null
  const state: ScopeState = loaded.kind !== 'ready' ? loaded : scope ? { kind: 'ready' } : { kind: 'denied' }
  return { state, scope, reload, retry }
}

export const isLeague = (s: ReviewerScope) => s.city || s.counties.length > 0
export const isBank = (s: ReviewerScope) => s.banks.length > 0

/** A field error of a call (`CallError.field`), keyed by the contract's field path. */
export function fieldErrorOf(err: unknown): { field: string; message: string } | null {
  return err instanceof CallError && err.field ? { field: err.field, message: err.message } : null
}

/** The programme's terms as the city league set them (settings): what pages quote about ceilings and the subsidy. */
export interface LoanTerms {
  ceilingFen: number
  spreadBp: number
  dayBasis: number
  /** Who may apply, as the league set it: the age range (周岁) and the project types it funds. */
  ageMin: number
  ageMax: number
  projectTypes: ProjectType[]
}

let lastTerms: LoanTerms | null = null

/** The loan terms: the last ones known at once (null the first time), then as the settings say now. */
export function useLoanTerms(): LoanTerms | null {
  const [terms, setTerms] = useState<LoanTerms | null>(lastTerms)
  useEffect(() => {
    let live = true
    call('settings.get', {})
      .then((s) => {
        lastTerms = { ceilingFen: s.loanCeilingFen, spreadBp: s.subsidySpreadBp, dayBasis: s.subsidyDayBasis, ageMin: s.loanAgeMin, ageMax: s.loanAgeMax, projectTypes: s.loanProjectTypes }
        if (live) setTerms(lastTerms)
      })
      .catch(() => undefined) // the text keeps what it showed; nothing else depends on it
    return () => {
      live = false
    }
  }, [])
  return terms
}

/** 'LPR + 1.20%' as the settings say, or a placeholder while they load. */
export const spreadText = (terms: LoanTerms | null) => `LPR + ${terms ? percent(terms.spreadBp) : '…'}`
