// Small building blocks of the township pages: who the workbench is for (its refusal, for
// <PageStates denied>).
import type { GateState } from '@/components/ui/page-state'
import type { DeniedLook } from '@/components/ui/PageStates'

// The admin pages' look (panel-page, cards, tabs, chips), which the township pages build on.
import '@/components/ui/panel.scss'
import './township.scss'

const STAFF_ONLY: DeniedLook = { text: '镇街工作台仅向镇街团委干事、驿站管理员和上级团委开放。如需开通，请联系所在县（市、区）团委发送邀请。', className: 'tw-denied' }

/**
 * What <PageStates denied> says on a township page: who the workbench is for when the caller is
 * not staff (`gate` refused), else `own` (the page's own refusal; none: the kit's 无权限 with the
 * function's words).
 */
export function staffDenied(gate: GateState, own?: DeniedLook): DeniedLook | undefined {
  return gate.kind === 'denied' ? STAFF_ONLY : own
}
