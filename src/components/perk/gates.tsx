// What a merchant or alliance page shows while it cannot show itself: loading, no persona
// (development), an error, or a caller without the role (and where to go instead).
import Taro from '@tarojs/taro'
import { ROUTES } from '@/constants/routes'
import type { Who, WhoState } from './shared'
import { Skeleton, StateView } from '@/components/ui/StateView'

const go = (url: string) => void Taro.navigateTo({ url })

/** For pages of the merchant's staff: the shops they work for. Admins are sent to the alliance pages. */
export function StaffGate({ state, retry, who }: { state: WhoState; retry: () => void; who?: Who | null }) {
  if (state.kind === 'loading') return <Skeleton count={2} />
  if (state.kind === 'no-identity') {
    return (
      <StateView
        tone='brand'
        title='请先选择演示身份'
        desc='本地开发环境需要先选择一个演示身份'
        action={process.env.TARO_APP_DEV_TOOLS === 'true' ? { text: '去选择', onClick: () => go(ROUTES.personas) } : undefined}
      />
    )
  }
  if (state.kind === 'error') return <StateView tone='error' title='加载失败' desc={state.message} action={{ text: '重试', onClick: retry }} />
  if (who?.admin) {
    return (
      <StateView
        tone='warn'
        className='pk-denied'
        title='扫码核销由商家店员操作'
        desc='团委可在「爱心商家」中管理商家、优惠和核销汇总；店员通过邀请码加入后即可在这里扫码核销。'
        action={{ text: '前往爱心商家管理', onClick: () => go(ROUTES.alliance) }}
      />
    )
  }
  return (
    <StateView
      tone='warn'
      className='pk-denied'
      title='仅限爱心商家店员使用'
      desc='爱心商家的店员凭团委或商家发送的邀请码加入后，即可在这里扫码核销志愿者的优惠。'
      action={{ text: '输入邀请码', onClick: () => go(ROUTES.invite) }}
    />
  )
}
