import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import devConfig from './dev'
import { require as requireTypeScript } from 'tsx/cjs/api'
import prodConfig from './prod'

// Every variable the build reads is declared, with its meaning, in ./settings (no fallbacks).
// Taro compiles only config/ when it loads this file; the settings read the contract's template
// declaration (types/notices.ts), so they are loaded through tsx.
const { readBuildConfig } = requireTypeScript('./settings', __filename) as typeof import('./settings')
const settings = readBuildConfig(process.env)
const devTools = settings.devTools

// src/app.config.ts is evaluated in this Node process at build time: let it see the same switch.
process.env.TARO_APP_DEV_TOOLS = devTools ? 'true' : 'false'

const isH5 = process.env.TARO_ENV === 'h5'
const dropNumberFonts = { enable: true, config: { families: ['JDZH-Regular', 'JDZH-Bold'] } }
const contractDir = path.resolve(__dirname, '..', 'types')
// Plain class names everywhere (tests and pages select on them).
const noCssModules = { enable: false, config: { namingPattern: 'module' as const, generateScopedName: '[name]__[local]___[hash:base64:5]' } }

// https://docs.taro.zone/docs/next/config#defineconfig-辅助函数
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'xiangqing',
    date: '2025-11-25',
    // Our styles are drawn at 750; NutUI's are drawn at 375 (NutUI's documented Taro setting).
    // src/styles/nutui-theme.scss inlines NutUI's theme variables (14px fonts etc.), so it is 375 too.
    // Taro also serialises this function into app.js (initPxTransform, called with a number there):
    // keep it self-contained and free of `typeof` (SWC would insert a `_type_of` helper that app.js lacks).
    designWidth(input) {
      const file: unknown = input ? Object(input).file : undefined
      if (file && /@nutui|nutui-theme\.scss$/.test(String(file).replace(/\\+/g, '/'))) {
        return 375
      }
      return 750
    },
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2
    },
    // WeChat templates cannot recurse, so base.wxml repeats every nesting component once per
    // level; deeper nodes render through Taro's `comp` component, which starts again at level 0.
    // 8 levels instead of 16: base.wxml 61.7 → 39.7 KB (main package 322 → 301 KiB, measured),
    // at the cost of one `comp` instance per subtree deeper than 8. The web build ignores it.
    baseLevel: 8,
    sourceRoot: 'src',
    // XQ_OUT_DIR: build somewhere else (parallel work must not overwrite each other's builds).
    outputRoot: process.env.XQ_OUT_DIR || (isH5 ? 'dist-h5' : process.env.XQ_TEST_BUILD === '1' ? 'dist-test' : 'dist'),
    plugins: [],
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
      '@contract': path.resolve(__dirname, '..', 'types')
    },
    env: {
      TARO_APP_DEV_TOOLS: JSON.stringify(devTools ? 'true' : 'false'),
      TARO_APP_CLOUD_ENV: JSON.stringify(settings.cloudEnv),
      TARO_APP_GATEWAY_URL: JSON.stringify(settings.gatewayUrl),
      // XQ_TPL_<NAME> → id, every declared template (src/services/notices.ts).
      TARO_APP_NOTICE_TEMPLATE_IDS: JSON.stringify(JSON.stringify(settings.templateIds))
    },
    defineConstants: {},
    copy: {
      patterns: [],
      options: {}
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: {
      enable: false // https://docs.taro.zone/docs/config-detail#cache
    },
    mini: {
      // The shared contract (types/) lives outside src/: compile it like app code.
      compile: { include: [contractDir] },
      // zod (and NutUI) ship `?.`/`??`. No node_modules in `compile.include` on purpose: measured,
      // with this package.json browserslist Babel keeps `?.`/`??` even in included node_modules
      // (every target supports them), so it would only slow the build. WeChat's own compile does the lowering:
      // project.config.json setting.es6 + setting.enhance = true (DevTools and miniprogram-ci).
      // Modules used only by subpackages stay out of the main package (sub-vendors / sub-common).
      optimizeMainPackage: {
        enable: true
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true
      },
      postcss: {
        // NutUI's theme without the number fonts none of our pages uses (see the plugin). The key
        // must start with './': Taro takes 'config/…' for a package name, logs an error and builds without it.
        './config/drop-font-faces.js': dropNumberFonts,
        pxtransform: {
          enable: true,
          config: {}
        },
        cssModules: noCssModules
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      }
    },
    h5: {
      compile: { include: [contractDir] },
      publicPath: settings.h5PublicPath,
      staticDirectory: 'static',
      // Hash routing: deep links such as /#/packages/volunteer/index/index work on any static server.
      router: {
        mode: 'hash'
      },
      // Let Taro's babel/postcss (pxtransform at 375 for NutUI) process NutUI on h5 too.
      esnextModules: ['nutui-react'],
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js'
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css'
      },
      postcss: {
        './config/drop-font-faces.js': dropNumberFonts,
        autoprefixer: {
          enable: true,
          config: {}
        },
        cssModules: noCssModules
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      }
    }
  }

  if (process.env.NODE_ENV === 'development') {
    // 本地开发构建配置（不混淆压缩）
    return merge({}, baseConfig, devConfig)
  }
  // 生产构建配置（默认开启压缩混淆等）
  return merge({}, baseConfig, prodConfig)
})
