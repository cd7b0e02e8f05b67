// WeChat's own dialog for subscribe messages (wx.requestSubscribeMessage); the web build has a
// stand-in (subscribe.h5.ts). Resolves to each template id's answer: accept, reject, ban, filter.
import Taro from '@tarojs/taro'
import type { NoticeTemplate } from '@contract/notices'

export function requestSubscription(tmplIds: string[], _templates: NoticeTemplate[]): Promise<Record<string, string>> {
  return Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option).then((res) => res as unknown as Record<string, string>)
}
