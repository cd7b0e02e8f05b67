// wx.navigateTo & co.: recorded, and refused where WeChat would refuse them. The harness does not
// open the target page; a test renders it with app.renderPage.
import type { AppRoutes } from '../routes'
import { normalizeRoute, parseUrl } from '../routes'
import type { NavigationApi, NavigationCall, RenderedPage } from '../types'
import type { AsyncApi } from './async-api'

export function navigationApis(asyncApi: AsyncApi, navigations: NavigationCall[], pages: RenderedPage[], routes: AppRoutes) {
  const navigate = (api: NavigationApi) =>
    asyncApi(api, (opts) => {
      if (api === 'navigateBack') {
        const delta = opts.delta ?? 1
        const ok = pages.length > 1
        navigations.push({ api, url: '', path: '', query: {}, delta, ok, errMsg: ok ? `${api}:ok` : `${api}:fail cannot navigate back at first page.` })
        if (!ok) throw { errMsg: `${api}:fail cannot navigate back at first page.` }
        return {}
      }
      const url = String(opts.url ?? '')
      const parsed = parseUrl(url)
      const route = normalizeRoute(parsed.path)
      let errMsg = `${api}:ok`
      if (!routes.all.has(route)) errMsg = `${api}:fail page "${route}" is not found`
      else if ((api === 'navigateTo' || api === 'redirectTo') && routes.tabs.has(route)) errMsg = `${api}:fail can not ${api} a tabbar page`
      else if (api === 'switchTab' && !routes.tabs.has(route)) errMsg = `${api}:fail can not switch to no-tabBar page`
      else if (api === 'switchTab' && Object.keys(parsed.query).length) errMsg = `${api}:fail url can not contain query`
      const ok = errMsg.endsWith(':ok')
      navigations.push({ api, url, ...parsed, ok, errMsg })
      if (!ok) throw { errMsg }
      return {}
    })
  return {
    navigateTo: navigate('navigateTo'),
    redirectTo: navigate('redirectTo'),
    switchTab: navigate('switchTab'),
    reLaunch: navigate('reLaunch'),
    navigateBack: navigate('navigateBack'),
  }
}
