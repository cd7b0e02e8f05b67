// The built mini program against the real functions in a local cloud holding the demo data: what
// the page tests in test/weapp start from. wx.cloud.callFunction is routed to the local runtime as
// whoever `who()` names at the time of the call.
import { startDemoCloud, type AppCloud } from './app'
import { callFunctionAs, loadWeapp, type LoadWeappOptions, type WeappApp } from './weapp'

/** The built mini program (`distDir`), its calls made as `who()`, with the test's own `wx` answers (camera, screen…). */
export function openWeappAs(appCloud: AppCloud, distDir: string, who: () => string, wx?: LoadWeappOptions['wx']): Promise<WeappApp> {
  return loadWeapp({ distDir, printAppConsole: false, callFunction: callFunctionAs(appCloud.cloud, who), ...(wx ? { wx } : {}) })
}

export interface WeappDemo {
  appCloud: AppCloud
  app: WeappApp
}

/** A demo cloud and one mini program on it, for a file's tests. */
export async function startWeappDemo(distDir: string, who: () => string): Promise<WeappDemo> {
  const appCloud = await startDemoCloud()
  return { appCloud, app: await openWeappAs(appCloud, distDir, who) }
}

/** Closes what startWeappDemo started (either may be missing when the start failed). */
export async function closeWeappDemo({ app, appCloud }: Partial<WeappDemo>): Promise<void> {
  await app?.close()
  await appCloud?.close()
}
