// The app's routes (app.json's pages, subpackages and tab bar) and the urls pages navigate to.

export interface AppRoutes {
  /** every page: 'pages/index/index', 'packages/volunteer/index/index', … */
  all: Set<string>
  tabs: Set<string>
}

export function appRoutes(appJson: any): AppRoutes {
  const subPackages: { root: string; pages: string[] }[] = appJson.subPackages ?? appJson.subpackages ?? []
  const all = new Set<string>([...appJson.pages, ...subPackages.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/+$/, '')}/${p}`))])
  const tabs = new Set<string>((appJson.tabBar?.list ?? []).map((t: any) => normalizeRoute(t.pagePath)))
  return { all, tabs }
}

export function parseUrl(url: string): { path: string; query: Record<string, string> } {
  const [p, q = ''] = url.split('?')
  const query: Record<string, string> = {}
  for (const part of q.split('&')) {
    if (!part) continue
    const i = part.indexOf('=')
    const k = decodeURIComponent(i < 0 ? part : part.slice(0, i))
    if (k === '__key_') continue // Taro's per-navigation key
    query[k] = i < 0 ? '' : decodeURIComponent(part.slice(i + 1))
  }
  return { path: p ? (p.startsWith('/') ? p : `/${p}`) : '', query }
}

export function normalizeRoute(route: string): string {
  return route.split('?')[0].replace(/^\/+/, '').replace(/\.(js|wxml)$/, '')
}

