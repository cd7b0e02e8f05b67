// What WeChat draws over the page: toasts, loading, modals, action sheets, tab bar badges, pull-down refresh.
import type { Records } from '../records'
import type { LoadWeappOptions } from '../types'
import type { AsyncApi } from './async-api'

export function uiApis(asyncApi: AsyncApi, records: Pick<Records, 'toasts' | 'modals' | 'tabBadges'>, options: LoadWeappOptions) {
  const { toasts, modals, tabBadges } = records
  return {
    showToast: asyncApi('showToast', (o) => void toasts.push({ api: 'showToast', title: String(o.title ?? ''), icon: o.icon, options: o })),
    showLoading: asyncApi('showLoading', (o) => void toasts.push({ api: 'showLoading', title: String(o.title ?? ''), options: o })),
    hideToast: asyncApi('hideToast', () => ({})),
    hideLoading: asyncApi('hideLoading', () => ({})),
    showModal: asyncApi('showModal', (o) => {
      const answer = options.onModal?.(o) ?? { confirm: true }
      const response = { confirm: !!answer.confirm, cancel: !answer.confirm, ...(answer.content !== undefined ? { content: answer.content } : {}) }
      modals.push({ title: o.title, content: o.content, options: o, response })
      return response
    }),
    setTabBarBadge: asyncApi('setTabBarBadge', (o) => void tabBadges.set(Number(o.index), String(o.text))),
    removeTabBarBadge: asyncApi('removeTabBarBadge', (o) => void tabBadges.delete(Number(o.index))),
    showActionSheet: asyncApi('showActionSheet', (o) => {
      const answer = options.onActionSheet?.(o) ?? 'cancel'
      if (answer === 'cancel') throw { errMsg: 'showActionSheet:fail cancel' }
      return answer
    }),
    stopPullDownRefresh: asyncApi('stopPullDownRefresh', () => ({})),
  }
}
