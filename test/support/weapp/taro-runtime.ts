import { nextId } from './registry'

/** The app's own @tarojs/runtime exports, found once in the bundle's webpack module table. */
export function taroRuntimeOf(wx: Record<string, any>): () => any {
  let runtimeExports: any = null
  return () => {
    if (runtimeExports) return runtimeExports
    // webpack's jsonp protocol: a pushed chunk's third element is called with __webpack_require__.
    const jsonp = wx.webpackJsonp as unknown[] | undefined
    if (!jsonp) throw new Error('weapp harness: no wx.webpackJsonp (not a Taro webpack build?)')
    let req: any = null
    jsonp.push([[nextId('chunk')], {}, (r: any) => void (req = r)])
    if (!req?.m) throw new Error('weapp harness: could not reach __webpack_require__')
    for (const id of Object.keys(req.m)) {
      if (String(req.m[id]).includes('TaroRootElement:function')) {
        const exp = req(id)
        if (exp?.document?.getElementById) return (runtimeExports = exp)
      }
    }
    throw new Error('weapp harness: @tarojs/runtime not found in the bundle')
  }
}
