// Who may use the merchant staff pages, as a page state for <PageStates>: the caller's account
// loading, failed, or known. Someone who works for no shop is refused with where to go instead:
// an admin to the alliance pages, anyone else to 输入邀请码.
import Taro from '@tarojs/taro'
import { ROUTES } from '@/constants/routes'
import type { DeniedLook } from '@/components/ui/PageStates'
import type { PageState } from '@/components/ui/page-state'
import type { Who, WhoState } from './shared'

const go = (url: string) => void Taro.navigateTo({ url })

const FOR_ADMINS: DeniedLook = {
  className: 'pk-denied',
  title: '扫码核销由商家店员操作',
  text: '团委可在「爱心商家」中管理商家、优惠和核销汇总；店员通过邀请码加入后即可在这里扫码核销。',
  action: { text: '前往爱心商家管理', onClick: () => go(ROUTES.alliance) },
}

const STAFF_ONLY: DeniedLook = {
  className: 'pk-denied',
  title: '仅限爱心商家店员使用',
  text: '爱心商家的店员凭团委或商家发送的邀请码加入后，即可在这里扫码核销志愿者的优惠。',
  action: { text: '输入邀请码', onClick: () => go(ROUTES.invite) },
}

/**
 * The caller as a merchant page sees them: ready when they staff a shop (or, with `admins`, also
 * administer merchants); `denied` says how the page refuses them otherwise.
 */
export function staffState(state: WhoState, admins = false): { state: PageState<Who>; denied?: DeniedLook } {
  if (state.kind !== 'ready') return { state }
  if (state.who.shops.length > 0 || (admins && state.who.admin)) return { state: { kind: 'ready', data: state.who } }
  return { state: { kind: 'denied' }, denied: state.who.admin ? FOR_ADMINS : STAFF_ONLY }
}
