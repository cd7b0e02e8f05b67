// How a league-admin page refuses someone outside the league (for <PageStates denied>), and the
// city admin's pages a county admin. Generic parts (states, sheets, dialogs, tags, fields, the
// panel look) are the kit's (components/ui).
import type { DeniedLook } from '@/components/ui/PageStates'
import type { GateState } from '@/components/ui/page-state'
import { goBackOr } from '@/services/navigation'
import type { ScopeState } from './shared'

import '@/components/ui/panel.scss'

/** How a league page refuses someone who is no admin. */
const ADMINS_ONLY: DeniedLook = { text: '此功能仅向县（市、区）团委和团市委开放。如需开通，请联系上级团委发送邀请。', className: 'panel-denied' }

/**
 * What <PageStates denied> says on an admin page: who the page is for when the caller is no
 * admin (`gate` refused), else `own` (the page's own refusal; none: the kit's 无权限 with the
 * function's words).
 */
export function adminDenied(gate: GateState, own?: DeniedLook): DeniedLook | undefined {
  return gate.kind === 'denied' ? ADMINS_ONLY : own
}

/**
 * A page for the city admin (团市委) only: the scope as a gate that also refuses county admins,
 * and what the refusal says (`text`: who manages this, and 返回 to `back`).
 */
export function cityGate(state: ScopeState, text: string, back: string): { gate: GateState; denied?: DeniedLook } {
  if (state.kind === 'ready' && !state.scope.city) return { gate: { kind: 'denied' }, denied: { text, action: { text: '返回', onClick: () => goBackOr(back) } } }
  return { gate: state, denied: adminDenied(state) }
}
