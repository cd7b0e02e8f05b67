// "Something changed" between pages: a page that changes data another page shows (a decision on a
// detail page, a check-in, a new invitation) marks that page's key; the page reloads when it shows
// again and finds its key marked. In memory only. Keys name the page that reads them.

const changed = new Set<string>()

export function markChanged(...keys: string[]): void {
  for (const k of keys) changed.add(k)
}

/** True once after markChanged(key). */
export function takeChanged(key: string): boolean {
  return changed.delete(key)
}
