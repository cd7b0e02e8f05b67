// The unread count of the message center (消息) as a badge on the 我的 tab, as WeChat apps show it.
import Taro from '@tarojs/taro'

/** The tab bar's index of 我的 (src/app.config.ts). */
const MINE_TAB = 1

export function showUnread(unread: number): void {
  const done = () => undefined
  if (unread > 0) Taro.setTabBarBadge({ index: MINE_TAB, text: unread > 99 ? '99+' : String(unread) }).catch(done)
  else Taro.removeTabBarBadge({ index: MINE_TAB }).catch(done)
}
