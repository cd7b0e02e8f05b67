// Loads the REAL built WeChat mini program (the output of `taro build --type weapp`) into
// miniprogram-simulate (j-component + exparser on jsdom) and renders its pages under jest.
//
//   const app = await loadWeapp({ distDir, callFunction: async ({ name, data }) => ({ result }) })
//   const page = await app.renderPage('pages/index/index', { id: '1' })
//   expect(page.text()).toContain('乡青汇')
//   await page.tap('志愿服务签到')            // a CSS selector or a visible text
//   expect(app.navigations.at(-1)).toMatchObject({ api: 'navigateTo', path: '/packages/volunteer/index/index' })
//
// How (details in test/weapp/README.md):
// - wxml: every .wxml/.wxs of the build is compiled once with WeChat's official template compiler
//   `wcc` (a binary inside the miniprogram-compiler npm package, which miniprogram-simulate depends
//   on). Taro pages are `<import base.wxml>` + `<template is="taro_tmpl">` over setData'd trees;
//   the official compiler is what turns those into j-component render functions.
// - js: the build's files are evaluated by a small CommonJS loader of our own (not jest's module
//   registry, so no transform and no cache), with the free variables of WeChat's logic layer
//   passed in: `wx`, `App`, `Page`, `Component`, `getApp`, `getCurrentPages`, tracked timers, and
//   `window`/`document`/`setImmediate`/`MessageChannel` undefined as in WeChat. Every loadWeapp()
//   is a fresh module registry: Taro, React and page state are never shared between loads.
// - App(): captured, then onLaunch/onShow are called. Page(): Taro's page options become a
//   j-component definition (methods + data); the harness calls onLoad/onShow/onReady itself.
//   Component() (Taro's recursive `comp`, custom-wrapper, native components) is registered as is.
// - Everything async a page can start (wx APIs, callFunction, timers up to `settleTimersUpToMs`)
//   is tracked, so settle() returns once React/Taro have flushed their setData.

export { WEAPP_TEST_BUILD_COMMAND, weappTestBuild } from './build'
export { loadWeapp } from './load'
export type {
  CallFunctionHandler,
  CallFunctionRequest,
  CallFunctionResponse,
  CloudCall,
  ConsoleEntry,
  LoadWeappOptions,
  ModalCall,
  NavigationApi,
  NavigationCall,
  RenderedPage,
  Target,
  ToastCall,
  WeappApp,
  WeappNode,
} from './types'
export { wxApi } from './wx/async-api'
export { callFunctionAs } from './wx/cloud'
export { subscribeAs } from './wx/subscribe'
