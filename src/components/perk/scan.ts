// The merchant's scan: WeChat's camera (scanCode, QR codes only, no album: a code must be shown
// live), then the redeem page. The token goes to that page in memory, never in its URL. What the
// camera answered is read by scan-result.ts.
import Taro from '@tarojs/taro'
import { perkCodeOf, scanFailed, scanned, type ScanResult } from './scan-result'
import { handOver } from './shared'

export const TOKEN_KEY = 'perk.scanned'

export { perkCodeOf }

/**
 * Opens the camera; resolves to the code read, '' otherwise. A code that is something else is
 * explained; a scan that read nothing (the merchant closed the scanner) says nothing.
 */
export async function scanPerkCode(): Promise<string> {
  let result: ScanResult
  try {
    result = scanned(await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] }))
  } catch (err) {
    result = scanFailed(err)
  }
  if (result.kind === 'foreign') {
    void Taro.showModal({ title: '这不是乡青汇优惠码', content: '请志愿者在乡青汇「爱心商家优惠」中打开该优惠，点「出示优惠码」后再扫。', showCancel: false, confirmText: '知道了', confirmColor: '#d93a2b' })
  } else if (result.kind === 'unavailable') {
    void Taro.showToast({ title: process.env.TARO_ENV === 'weapp' ? '无法打开相机，请检查微信的相机权限' : '网页版不能扫码，请粘贴优惠码的文字', icon: 'none', duration: 2500 })
  }
  return result.kind === 'code' ? result.token : ''
}

/** Hands a code to the redeem page and opens it (`replace`: instead of the current page). */
export function openRedeem(token: string, url: string, replace = false): void {
  handOver(TOKEN_KEY, token)
  if (replace) void Taro.redirectTo({ url })
  else void Taro.navigateTo({ url })
}
