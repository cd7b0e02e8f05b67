// jsdom + miniprogram-simulate, once per jest module registry (i.e. per test file).

export interface Kit {
  simulate: any
  exparser: any
  window: any
  simApi: Record<string, any>
  /** errors exparser caught in app callbacks (event handlers, lifetimes), in order */
  errors: unknown[]
}
let kit: Kit | null = null

export function getKit(): Kit {
  if (kit) return kit
  const g = globalThis as any
  if (!g.window || !g.document) {
    // miniprogram-simulate expects a DOM (its own tests run in jest-environment-jsdom, which this
    // project does not install). jsdom itself is here: @tarojs/webpack5-runner depends on it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { JSDOM } = require('jsdom')
    const win = new JSDOM('<!doctype html><html><head></head><body></body></html>').window
    g.window = win
    g.document = win.document
    for (const key of ['Node', 'Element', 'HTMLElement', 'Text', 'Event', 'CustomEvent', 'TouchEvent', 'MouseEvent', 'NodeFilter']) {
      if (g[key] === undefined) g[key] = win[key]
    }
  }
  // miniprogram-simulate sets global Component/Behavior/wx on load. The app never sees them (it
  // gets its own), and we put the globals back so they do not leak into the test file.
  const saved = { Component: g.Component, Behavior: g.Behavior, wx: g.wx }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulate = require('miniprogram-simulate')
  const simApi = { ...g.wx }
  Object.assign(g, saved)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exparser = require('miniprogram-exparser')
  const errors: unknown[] = []
  exparser.addGlobalErrorListener((err: unknown) => {
    errors.push(err)
    return false // recorded and rethrown by tap()/renderPage(); keep exparser from console.error'ing it
  })
  kit = { simulate, exparser, window: g.window, simApi, errors }
  return kit
}
