// wx.cloud: callFunction goes to LoadWeappOptions.callFunction (callFunctionAs: the local cloud).
import type { LocalCloud } from '../../../../localcloud/server'
import type { Records } from '../records'
import type { CallFunctionHandler, CloudCall, LoadWeappOptions } from '../types'
import { type AsyncApi, notMocked } from './async-api'

export function cloudApi(asyncApi: AsyncApi, records: Pick<Records, 'cloudCalls' | 'cloudInit'>, options: LoadWeappOptions) {
  const { cloudCalls, cloudInit } = records
  return {
    init: (opts: unknown) => void cloudInit.push(opts),
    callFunction: (opts: any = {}) => {
      const call: CloudCall = { name: opts.name, data: opts.data ?? {} }
      cloudCalls.push(call)
      return asyncApi('cloud.callFunction', async () => {
        if (!options.callFunction) throw new Error(`no mock for "${opts.name}" (pass loadWeapp({ callFunction }))`)
        try {
          const res = await options.callFunction({ name: call.name, data: call.data, options: opts })
          call.result = res?.result
          return { requestID: `harness-${cloudCalls.length}`, ...res, errMsg: 'cloud.callFunction:ok' }
        } catch (e) {
          call.error = e
          throw e
        }
      })(opts)
    },
    database: notMocked('cloud.database'),
    uploadFile: notMocked('cloud.uploadFile'),
    downloadFile: notMocked('cloud.downloadFile'),
    getTempFileURL: notMocked('cloud.getTempFileURL'),
    deleteFile: notMocked('cloud.deleteFile'),
    callContainer: notMocked('cloud.callContainer'),
  }
}

/** Routes wx.cloud.callFunction to the local cloud's runtime as the WeChat user `who()` names at the time of the call. */
export function callFunctionAs(cloud: LocalCloud, who: () => string): CallFunctionHandler {
  return async ({ name, data }) => {
    const outcome = await cloud.invoke(name, data, { openid: who(), source: 'wx_client' })
    if (!outcome.ok) throw new Error(outcome.errMsg)
    return { result: outcome.result }
  }
}
