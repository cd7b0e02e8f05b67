// What the function tests build their fixtures with: a seeded sequence (a failure can be replayed),
// calendar arithmetic on YYYY-MM-DD (UTC dates stand for Shanghai days), documents put straight into
// the store, a workbook read back sheet by sheet, a store's documents, and the probe made ready for races.
import { EJSON } from 'bson'
import ExcelJS from 'exceljs'
import { ok, type AppCloud } from './app'
import { volunteerForm } from './people'
import { race } from './race'

/** A deterministic sequence from `seed`: rand in [0, 1), an integer in [min, max], one of xs. */
export function seeded(seed: number) {
  let s = seed
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1))
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]
  return { rand, int, pick }
}

export const range = (n: number) => Array.from({ length: n }, (_x, i) => i)
export const addDays = (ymd: string, days: number) => new Date(Date.parse(`${ymd}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
/** The instant a Shanghai wall-clock time happens (UTC+8, no daylight saving). */
export const shanghaiAt = (ymd: string, hour: number, minute = 0) => new Date(Date.parse(`${ymd}T00:00:00Z`) + (hour - 8) * 3_600_000 + minute * 60_000)
/** The Shanghai day of an instant. */
export const shanghaiDayOf = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
export const inSpan = (ymd: string, span: { from: string; to: string }) => ymd >= span.from && ymd <= span.to

/** Documents put straight into the store (500 a request), past the functions and their caps. */
export async function insertDocs(app: AppCloud, collectionName: string, docs: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 500) {
    await app.cloud.db.handle('database.insertDocument', { collectionName, data: docs.slice(i, i + 500).map((d) => EJSON.stringify(d, { relaxed: false })) })
  }
}

/**
 * The people of the report tests, one a role: the city admin, 清城区's and 清新区's admins, 凤城街道's
 * staff and a volunteer there (their openids), with the ids `idOf` gives.
 */
export function reportPeople(o: { city: string; county: string; otherCounty: string; staff: string; volunteer: string }, idOf: (i: number) => string, at = new Date()) {
  const people = [
    [o.city, { role: 'city_admin', scopeType: 'city', scopeId: '4418', scopeName: '清远市' }],
    [o.county, { role: 'county_admin', scopeType: 'county', scopeId: '441802', scopeName: '清城区' }],
    [o.otherCounty, { role: 'county_admin', scopeType: 'county', scopeId: '441803', scopeName: '清新区' }],
    [o.staff, { role: 'township_staff', scopeType: 'township', scopeId: '441802006', scopeName: '凤城街道' }],
    [o.volunteer, { role: 'volunteer', scopeType: 'township', scopeId: '441802006', scopeName: '凤城街道' }],
  ] as const
  return people.map(([openid, role], i) => ({ _id: idOf(i), openid, nickname: '', avatarFileId: '', mobile: '', roles: [role], status: 'active', createdAt: at, updatedAt: at }))
}

/** Each sheet's rows below its header, as the cells' values (an empty cell as ''). */
export async function sheetsOf(fileUrl: string): Promise<Map<string, unknown[][]>> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(await (await fetch(fileUrl)).arrayBuffer()) as never)
  const out = new Map<string, unknown[][]>()
  book.eachSheet((sheet) => {
    const rows: unknown[][] = []
    sheet.eachRow({ includeEmpty: true }, (row, n) => {
      if (n > 1) rows.push(Array.from({ length: sheet.columnCount }, (_x, i) => row.getCell(i + 1).value ?? ''))
    })
    out.set(sheet.name, rows)
  })
  return out
}
/** Minutes as a workbook's hours cell (two decimals). */
export const hoursCell = (minutes: number) => Math.round((minutes / 60) * 100) / 100

/**
 * Ready for race controls: the scratch collection the controls write (without the product's unique
 * indexes) made, and `warm` of the probe's instances started, so a control's racers overlap rather
 * than queue behind cold starts.
 */
export async function readyRaceControl(app: AppCloud, warm = 8): Promise<void> {
  await app.probe(`await db.createCollection('race_control')`)
  await race(warm, () => app.probe(`await new Promise((r) => setTimeout(r, 50))`))
}

/** A store's documents, the user id of an openid, and the notices in their message center. */
export function storeOf(app: () => AppCloud) {
  const docs = (name: string) => [...app().cloud.store.get(name).docs.values()] as Record<string, unknown>[]
  const userIdOf = (openid: string) => docs('users').find((u) => u.openid === openid)!._id as string
  const messagesOf = (openid: string) => docs('messages').filter((m) => m.userId === userIdOf(openid))
  return { docs, userIdOf, messagesOf }
}

/** A volunteer who applied (the demo form with `form` over it) and was approved by `reviewer`: the registration's id. */
export async function approvedVolunteer(app: AppCloud, openid: string, reviewer: string, form: Parameters<typeof volunteerForm>[0] = {}): Promise<string> {
  const reg = ok(await app.call(openid, 'registration.submitVolunteer', volunteerForm(form)))
  ok(await app.call(reviewer, 'registration.review', { ids: [reg.id], decision: 'approve' }))
  return reg.id as string
}
