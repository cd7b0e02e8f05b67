// Which fair the detail page shows, read again when its address changes. On the web, editing
// `?id=` in the address bar (or going back to another fair's link) may reuse the page that is
// already open, with no new page load: the page then follows the address itself. No Taro here:
// unit-tested in Node.

/** What the page needs of `window.location`. */
export interface Where {
  hash: string
  pathname: string
  search: string
}

const trimSlashes = (path: string) => path.replace(/^\/+|\/+$/g, '')

/** A query string's value for `name`, decoded ('' when absent). */
function queryValue(query: string, name: string): string {
  for (const pair of query.replace(/^\?/, '').split('&')) {
    const eq = pair.indexOf('=')
    const key = eq < 0 ? pair : pair.slice(0, eq)
    if (key !== name) continue
    const raw = eq < 0 ? '' : pair.slice(eq + 1).replace(/\+/g, ' ')
    try {
      return decodeURIComponent(raw)
    } catch {
      return raw
    }
  }
  return ''
}

/**
 * The parameter `name` of the page at `pagePath` in an address (the hash router's `#/path?query`,
 * or the browser router's path and search), or null when the address is another page's.
 */
export function paramAt(where: Where, pagePath: string, name: string): string | null {
  const hashed = where.hash.startsWith('#/')
  const full = hashed ? where.hash.slice(1) : `${where.pathname}${where.search}`
  const q = full.indexOf('?')
  const path = trimSlashes(q < 0 ? full : full.slice(0, q))
  const page = trimSlashes(pagePath)
  if (path !== page && !path.endsWith(`/${page}`)) return null
  return queryValue(q < 0 ? '' : full.slice(q), name)
}
