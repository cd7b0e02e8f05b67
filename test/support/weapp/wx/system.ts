// The device the app runs on: an iPhone 14 in the developer tools.
import type { AsyncApi } from './async-api'

export function systemApis(asyncApi: AsyncApi, simApi: Record<string, any>) {
  const systemInfo = {
    ...(simApi.getSystemInfoSync?.() ?? {}),
    brand: 'devtools',
    model: 'iPhone 14',
    pixelRatio: 3,
    screenWidth: 390,
    screenHeight: 844,
    windowWidth: 390,
    windowHeight: 750,
    statusBarHeight: 47,
    language: 'zh_CN',
    version: '8.0.50',
    system: 'iOS 16.0',
    platform: 'devtools',
    SDKVersion: '3.7.0',
    safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 },
  }
  return {
    getSystemInfoSync: () => ({ ...systemInfo }),
    getSystemInfo: asyncApi('getSystemInfo', () => ({ ...systemInfo })),
    getWindowInfo: () => ({ ...systemInfo }),
  }
}
