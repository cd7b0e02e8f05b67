// The city's business settings (types/settings.ts), read through a short in-instance cache:
// a warm instance does not pay a database round trip for them on every call.
import { DEFAULT_SETTINGS, type Settings } from '../../types/settings'
import { COLLECTIONS, type SettingsDoc } from './collections'
import { db } from './cloud'

const TTL_MS = 60_000
let cached: { value: Settings; at: number } | null = null

export const SETTINGS_ID = 'city'

export async function loadSettings(now = Date.now()): Promise<Settings> {
  const fresh = cachedSettings(now)
  if (fresh) return fresh
  const { data } = await db.collection<SettingsDoc>(COLLECTIONS.settings).doc(SETTINGS_ID).get()
  return rememberSettings(data, now)
}

/** The settings this instance read within the TTL, or null (then read them with the call's other reads). */
export function cachedSettings(now = Date.now()): Settings | null {
  return cached && now - cached.at < TTL_MS ? cached.value : null
}

/** The settings from their document (null: none changed yet), kept for the TTL. */
export function rememberSettings(doc: SettingsDoc | null | undefined, now = Date.now()): Settings {
  const value: Settings = { ...DEFAULT_SETTINGS, ...(doc?.values ?? {}) }
  cached = { value, at: now }
  return value
}

/** After a change, this instance reads the new values at once (others within the TTL). */
export function forgetSettings(): void {
  cached = null
}
