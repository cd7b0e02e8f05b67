// The one way the app calls the cloud: `call('domain.action', input)` resolves to the typed
// output or throws a CallError. In WeChat it goes through Taro.cloud.callFunction; in the web
// build (local development and browser tests) through the local cloud's gateway.
// Types only from the contract: no zod reaches the main package.
import Taro from '@tarojs/taro'
import type { ActionName, Envelope, ErrorCode, ErrorShape, InputOf, OutputOf } from '@contract/index'

export class CallError extends Error {
  readonly code: ErrorCode | 'NETWORK'
  readonly field?: string

  constructor(shape: { code: ErrorCode | 'NETWORK'; message: string; field?: string }) {
    super(shape.message)
    this.code = shape.code
    this.field = shape.field
  }
}

const NETWORK_ERROR = { code: 'NETWORK' as const, message: '网络不太稳定，请稍后重试' }

async function viaWeChat(name: string, data: object): Promise<unknown> {
  try {
    const res = await Taro.cloud.callFunction({ name, data })
    return res.result
  } catch (err) {
    console.error(`cloud.callFunction ${name} failed`, err)
    throw new CallError(NETWORK_ERROR)
  }
}

async function viaGateway(name: string, data: object): Promise<unknown> {
  let body: { result?: unknown; errCode?: number; errMsg?: string }
  try {
    const res = await fetch(`${process.env.TARO_APP_GATEWAY_URL}/functions/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(data),
    })
    body = await res.json()
  } catch {
    throw new CallError(NETWORK_ERROR)
  }
  // The local gateway's "no development identity chosen" (see localcloud/gateway.ts).
  if (body.errCode === -401001) throw new CallError({ code: 'UNAUTHENTICATED', message: '请先选择开发身份' })
  if (body.errCode) {
    console.error(`callFunction ${name} failed`, body.errMsg)
    throw new CallError(NETWORK_ERROR)
  }
  return body.result
}

export async function call<A extends ActionName>(name: A, input: InputOf<A>): Promise<OutputOf<A>> {
  const dot = name.indexOf('.')
  const fn = name.slice(0, dot)
  const data = { action: name.slice(dot + 1), input }
  const result = (process.env.TARO_ENV === 'weapp' ? await viaWeChat(fn, data) : await viaGateway(fn, data)) as Envelope<OutputOf<A>> | undefined
  if (!result || typeof result !== 'object' || !('ok' in result)) throw new CallError({ code: 'INTERNAL', message: '服务返回异常，请稍后再试' })
  if (!result.ok) throw new CallError(result.error as ErrorShape)
  return result.data
}

/** A message fit for a toast, for any error a call may throw. */
export function errorMessage(err: unknown): string {
  return err instanceof CallError ? err.message : '操作失败，请稍后再试'
}
