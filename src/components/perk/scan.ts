// The merchant's scan: WeChat's camera (scanCode, QR codes only, no album: a code must be shown
// live), then the redeem page. The token goes to that page in memory, never in its URL.
import Taro from '@tarojs/taro'
import { PERK_CODE } from '@contract/vocabulary'
import { handOver } from './shared'

export const TOKEN_KEY = 'perk.scanned'

/** A scanned or pasted text as a perk code, or '' when it is not one. */
export function perkCodeOf(raw: string): string {
  const text = raw.trim()
  return PERK_CODE.test(text) ? text : ''
}

/** Opens the camera; resolves to the code read, '' when cancelled. Says so when it is not our code. */
export async function scanPerkCode(): Promise<string> {
  try {
    const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
    const token = perkCodeOf(res.result ?? '')
    if (!token) {
      void Taro.showModal({ title: '这不是乡青汇优惠码', content: '请志愿者在乡青汇「爱心商家优惠」中打开该优惠，点「出示优惠码」后再扫。', showCancel: false, confirmText: '知道了', confirmColor: '#d93a2b' })
    }
    return token
  } catch (err) {
    if (!/cancel/i.test(String((err as { errMsg?: string })?.errMsg ?? ''))) void Taro.showToast({ title: '无法打开相机，请检查微信的相机权限', icon: 'none' })
    return ''
  }
}

/** Hands a code to the redeem page and opens it (`replace`: instead of the current page). */
export function openRedeem(token: string, url: string, replace = false): void {
  handOver(TOKEN_KEY, token)
  if (replace) void Taro.redirectTo({ url })
  else void Taro.navigateTo({ url })
}
