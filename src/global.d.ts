/// <reference types="@tarojs/taro" />

declare module '*.png' {
  const src: string
  export default src
}
declare module '*.gif' {
  const src: string
  export default src
}
declare module '*.jpg' {
  const src: string
  export default src
}
declare module '*.jpeg' {
  const src: string
  export default src
}
declare module '*.svg' {
  const src: string
  export default src
}
declare module '*.css'
/** NutUI icons' settings (the package declares its index only). */
declare module '@nutui/icons-react-taro/dist/es/icons/configure.js' {
  export function configure(config: { tag?: string; classPrefix?: string; useSvg?: boolean }): void
}
declare module '@nutui/icons-react-taro/dist/es/icons/*.js' {
  const Icon: import('react').FC<{ size?: string | number; width?: string | number; height?: string | number; color?: string; className?: string; style?: import('react').CSSProperties; onClick?: (e: unknown) => void }>
  export default Icon
}
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    /** NODE 内置环境变量, 会影响到最终构建生成产物 */
    NODE_ENV: 'development' | 'production'
    /** 当前构建的平台（本项目只构建 weapp 与 h5） */
    TARO_ENV: 'weapp' | 'h5'
    /** 构建时的小程序 appid，见 project.config.json；可由 .env 的 TARO_APP_ID 覆盖 */
    TARO_APP_ID?: string
    /** 'true' 仅在本地开发构建（XQ_DEV_TOOLS=1）时；生产构建为 'false'，开发专用界面被摇树删除 */
    TARO_APP_DEV_TOOLS: 'true' | 'false'
    /** 云开发环境 ID（TARO_APP_CLOUD_ENV，必填，见 config/settings.ts） */
    TARO_APP_CLOUD_ENV: string
    /** h5：本地云网关的基础地址，'' 表示同源 */
    TARO_APP_GATEWAY_URL: string
    /** 构建环境里配置的订阅消息模板 ID（JSON：XQ_TPL_<NAME> → ID），见 types/notices.ts */
    TARO_APP_NOTICE_TEMPLATE_IDS: string
  }
}
