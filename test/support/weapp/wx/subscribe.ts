// wx.requestSubscribeMessage: the user's answers come from LoadWeappOptions.onSubscribe (subscribeAs: the local cloud).
import type { LocalCloud } from '../../../../localcloud/server'
import type { Records } from '../records'
import type { LoadWeappOptions } from '../types'
import type { AsyncApi } from './async-api'

export function subscribeApis(asyncApi: AsyncApi, subscribeRequests: Records['subscribeRequests'], options: LoadWeappOptions) {
  return {
    requestSubscribeMessage: asyncApi('requestSubscribeMessage', (o) => {
      const tmplIds: string[] = Array.isArray(o.tmplIds) ? o.tmplIds : []
      // WeChat's limits: one to three templates per request.
      if (tmplIds.length === 0 || tmplIds.length > 3) throw { errMsg: 'requestSubscribeMessage:fail Templates count out of max bounds', errCode: 20003 }
      const answers = options.onSubscribe?.(tmplIds) ?? Object.fromEntries(tmplIds.map((id) => [id, 'reject']))
      subscribeRequests.push({ tmplIds, answers })
      return answers
    }),
  }
}

/**
 * The WeChat user `who()` answers wx.requestSubscribeMessage with `answer` for every template, and
 * the local cloud records it, as WeChat records the consent the functions' sends then use.
 */
export function subscribeAs(cloud: LocalCloud, who: () => string, answer: 'accept' | 'reject' = 'accept') {
  return (tmplIds: string[]): Record<string, 'accept' | 'reject'> => {
    const answers = Object.fromEntries(tmplIds.map((id) => [id, answer]))
    const recorded = cloud.subscriptions.answer(who(), answers)
    if (!recorded.ok) throw { errMsg: recorded.errMsg, errCode: recorded.errCode }
    return answers
  }
}
