// How the loan pages refuse (not this kind of reviewer; an application that is not theirs or is
// gone), for <PageStates>, and the queues' search box.
import { Text, View } from '@tarojs/components'
import { SearchField, type SearchLook } from '@/components/ui/Field'
import type { DeniedLook } from '@/components/ui/PageStates'
import type { PageState } from '@/components/ui/page-state'
import type { StateAction } from '@/components/ui/StateView'
import { goBackOr } from '@/services/navigation'
import type { ScopeState } from './data'

import './gate.scss'

const WHO = {
  league: { title: '无权限', text: '贷款审核仅向县（市、区）团委和团市委开放。如需开通，请联系上级团委发送邀请。' },
  city: { title: '仅团市委可用', text: 'LPR 表由团市委项目办维护，县（市、区）团委和银行可在审核页查看贴息利率。' },
  bank: { title: '仅合作银行可用', text: '贷款受理仅向合作银行（邮储银行、农商银行）的信贷人员开放。如需开通，请联系团市委发送邀请。' },
} as const

/** A reviewer page's refusal: the page is not for this caller. */
export const reviewerDenied = (who: keyof typeof WHO): DeniedLook => ({ ...WHO[who], className: 'ln-denied' })

/** Back to the list the application was opened from (`listUrl` when opened directly). */
export const backToList = (listUrl: string, text: string): StateAction => ({ text, onClick: () => goBackOr(listUrl) })

/** An application that is not the caller's to see (the function's message says why). */
export const loanDenied = (message: string | undefined, back: StateAction): DeniedLook => ({ title: '无权查看', text: message || '这份申请不在你的办理范围内', action: back })

/** An application that does not exist. */
export const loanNotFound = (back: StateAction) => ({ title: '申请不存在', action: back })

/** On a reviewer's application page: refused by the gate (not a reviewer of this kind), or by the function (not theirs). */
export function reviewDenied(who: keyof typeof WHO, gate: ScopeState, state: PageState<unknown>, back: StateAction): DeniedLook {
  return gate.kind === 'denied' ? reviewerDenied(who) : loanDenied(state.kind === 'denied' ? state.message : undefined, back)
}

// The queues' own icon and round clear mark, on the kit's search box.
const LOAN_SEARCH_LOOK: SearchLook = {
  icon: <View className='ln-search__icon' />,
  inputClassName: 'ln-search__input',
  clearClassName: 'ln-search__clear',
  clearMark: <Text>×</Text>,
}

/** A search box: filters as you type (the page debounces), or at once on 搜索. */
export function SearchBox({ value, placeholder, onChange, onSearch }: { value: string; placeholder: string; onChange: (v: string) => void; onSearch: (v: string) => void }) {
  return <SearchField className='ln-search' look={LOAN_SEARCH_LOOK} value={value} placeholder={placeholder} onChange={onChange} onSearch={onSearch} />
}
