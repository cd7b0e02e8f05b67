// What the job-fair pages share beyond formatting: who the caller is (applicant, employer,
// league staff), opening an exported workbook, and going back after a save.
// No zod: types only from the contract.
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { CallError, errorMessage } from '@/services/cloud'
import { loadAccount, type Account } from '@/components/admin/shared'
import { openWorkbook } from '@/services/files'

export type Who =
  | { kind: 'loading' }
  | { kind: 'ready'; account: Account; applicant: boolean; pending: boolean; cityAdmin: boolean }
  | { kind: 'no-identity' }
  | { kind: 'error'; message: string }

/** Only the local cloud's gateway answers UNAUTHENTICATED (no persona chosen); in WeChat the caller is always known. */
function noIdentity(err: unknown): boolean {
  return process.env.TARO_APP_DEV_TOOLS === 'true' && err instanceof CallError && err.code === 'UNAUTHENTICATED'
}

/** The caller's account, and whether they may sign up for fairs (an approved volunteer or rural youth). */
export function useWho(): { who: Who; reload: (fresh?: boolean) => Promise<void> } {
  const [who, setWho] = useState<Who>({ kind: 'loading' })
  const reload = useCallback(async (fresh = false) => {
    try {
      const account = await loadAccount(fresh)
      const applicant = account.roles.some((g) => g.role === 'volunteer' || g.role === 'rural_youth')
      const pending = account.registrations.some((r) => r.status === 'pending')
      setWho({ kind: 'ready', account, applicant, pending, cityAdmin: account.roles.some((g) => g.role === 'city_admin') })
    } catch (err) {
      setWho(noIdentity(err) ? { kind: 'no-identity' } : { kind: 'error', message: errorMessage(err) })
    }
  }, [])
  useEffect(() => {
    void reload()
  }, [reload])
  return { who, reload }
}


/**
 * An export button: makes the workbook (`make`), opens it (WeChat's document viewer, or a
 * download on the web) and says how many rows it holds (`unit`: 人, 条); a second tap while one
 * is being made does nothing; a refusal is said in its own words.
 */
export function useExport(make: () => Promise<{ fileUrl: string; fileName: string; rows: number }>, unit: string): { exporting: boolean; run: () => Promise<void> } {
  const [exporting, setExporting] = useState(false)
  const busy = useRef(false)
  const makeRef = useRef(make)
  makeRef.current = make
  const run = useCallback(async () => {
    if (busy.current) return
    busy.current = true
    setExporting(true)
    try {
      const file = await makeRef.current()
      await openWorkbook(file).catch(() => void Taro.showToast({ title: '已生成，但打开失败，请重试', icon: 'none' }))
      void Taro.showToast({ title: `已导出 ${file.rows} ${unit}`, icon: 'none' })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
    } finally {
      busy.current = false
      setExporting(false)
    }
  }, [unit])
  return { exporting, run }
}

/** Opens a place on WeChat's map (nothing on the web build, which has no map). */
export function openMap(location: { lat: number; lng: number } | null, name: string, address: string): void {
  if (!location || process.env.TARO_ENV !== 'weapp') return
  Taro.openLocation({ latitude: location.lat, longitude: location.lng, name, address, scale: 16 }).catch(() => undefined)
}
