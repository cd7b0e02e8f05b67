// A page's states, in order: its gate (who the caller is), loading with skeleton cards, then
// refused / not found / failed, then the page itself. Pages render through this only, so every
// role's pages wait, refuse and fail in the same words and look.
import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { ROUTES } from '@/constants/routes'
import { goBackOr } from '@/services/navigation'
import { Skeleton, StateView, type StateAction, type StateTone } from './StateView'
import type { BlockedState, PageState } from './page-state'

export interface DeniedLook {
  title?: string
  /** The mark's tone and character, where a refusal is rather an invitation (to register, to join). */
  tone?: StateTone
  mark?: string
  /** Who the page is for and how to get access (default: the function's own words). */
  text?: string
  action?: StateAction
  /** A quieter second way out. */
  secondary?: StateAction
  className?: string
}

interface Props<T> {
  state: PageState<T>
  retry: () => void
  /** A state that comes first (the caller's scope), shown until it is ready. */
  gate?: BlockedState | { kind: 'ready' }
  /** Skeleton cards while loading (a number), or the page's own placeholder. */
  skeleton?: number | ReactNode
  denied?: DeniedLook
  notFound?: { title: string; text?: string; action?: StateAction }
  children: (data: T) => ReactNode
}

const toMine: StateAction = { text: '返回我的', onClick: () => void Taro.switchTab({ url: ROUTES.mine }) }

export function PageStates<T>({ state, retry, gate, skeleton = 3, denied, notFound, children }: Props<T>) {
  const shown = gate && gate.kind !== 'ready' ? gate : state
  switch (shown.kind) {
    case 'ready':
      return <>{children((shown as { data: T }).data)}</>
    case 'loading':
      return typeof skeleton === 'number' ? <Skeleton count={skeleton} /> : <>{skeleton}</>
    case 'denied':
      return (
        <StateView
          tone={denied?.tone ?? 'warn'}
          mark={denied?.mark}
          className={denied?.className}
          title={denied?.title ?? '无权限'}
          desc={denied?.text ?? shown.message}
          action={denied?.action ?? toMine}
          secondary={denied?.secondary}
        />
      )
    case 'not-found':
      return <StateView tone='muted' title={notFound?.title ?? '找不到这条记录'} desc={notFound?.text ?? shown.message} action={notFound?.action ?? { text: '返回', onClick: () => goBackOr(ROUTES.home) }} />
    case 'no-identity':
      return (
        <StateView
          tone='brand'
          title='请先选择演示身份'
          desc='本地开发环境需要先选择一个演示身份'
          action={process.env.TARO_APP_DEV_TOOLS === 'true' ? { text: '去选择', onClick: () => void Taro.navigateTo({ url: ROUTES.personas }) } : undefined}
        />
      )
    default:
      return <StateView tone='error' title='加载失败' desc={shown.message} action={{ text: '重试', onClick: retry }} />
  }
}
