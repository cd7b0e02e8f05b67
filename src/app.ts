import type { PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'

import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // 只有小程序端有 wx.cloud；h5 端走本地云网关（TARO_APP_GATEWAY_URL），此分支在 h5 构建中被删除。
    if (process.env.TARO_ENV === 'weapp') {
      Taro.cloud.init({
        env: process.env.TARO_APP_CLOUD_ENV,
        traceUser: true
      })
    }
  })

  // children 是将要会渲染的页面
  return children
}

export default App
