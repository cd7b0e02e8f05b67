// The `station` function: volunteer service stations (志愿服务驿站) of a township, their
// printed 小程序码 and the rotating kiosk code a phone at the station can show.
import { action, clock, integer, PageInput, pageOf, text } from './common'
import { COORDINATE_BOUNDS } from './field-rules'
import { HOURS_ORDER_MESSAGE, opensBeforeCloses, RADIUS_RULE, STATION_ADDRESS, STATION_NAME, TOWNSHIP_CODE, TOWNSHIP_MISSING } from './station-rules'
import * as z from './zod'
import { STATION_ID } from './vocabulary'

export { CHECKIN_PAGE, STATION_ID } from './vocabulary'

const LAT = COORDINATE_BOUNDS.lat
const LNG = COORDINATE_BOUNDS.lng
/** A GCJ-02 coordinate (what wx.getLocation returns in mainland China), within China's bounds (field-rules.ts). */
export const Coordinate = z.object({
  lat: z.number({ error: LAT.missing }).describe('纬度').min(LAT.min, LAT.outside).max(LAT.max, LAT.outside),
  lng: z.number({ error: LNG.missing }).describe('经度').min(LNG.min, LNG.outside).max(LNG.max, LNG.outside),
})
export type Coordinate = z.infer<typeof Coordinate>

export const StationView = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  townshipCode: z.string(),
  townshipName: z.string(),
  countyName: z.string(),
  location: Coordinate,
  radiusM: z.number(),
  /** Opening hours (HH:mm, Shanghai): check-ins are taken from opensAt through the closesAt minute (00:00–23:59: all day). */
  opensAt: z.string(),
  closesAt: z.string(),
  active: z.boolean(),
  /** Metres from the caller (nearby lists only). */
  distanceM: z.number().nullable(),
})
export type StationView = z.infer<typeof StationView>

const stationId = z.string({ error: '缺少驿站' }).describe('驿站').regex(STATION_ID, '驿站编号无效')

export const station = {
  list: action({
    summary: '本镇街（县）驿站列表',
    input: PageInput.extend({ townshipCode: z.string().describe('镇街').regex(/^\d{9}$/, '镇街无效').optional(), includeInactive: z.boolean().default(true) }),
    output: pageOf(StationView),
    access: { who: ['township_staff', 'county_admin', 'city_admin'], objects: 'township' },
  }),
  nearby: action({
    summary: '附近的驿站（按距离排序）',
    input: Coordinate.extend({ radiusKm: z.number().describe('范围').min(1).max(100).default(30) }),
    output: z.object({ items: z.array(StationView) }),
    access: { who: 'signed_in' },
  }),
  get: action({
    summary: '查看一个驿站（签到页）',
    input: z.object({ id: stationId }),
    output: StationView,
    access: { who: 'signed_in' },
  }),
  save: action({
    summary: '新建或修改驿站（开放时间内才能签到）',
    silent: '镇街维护驿站信息，不针对某个人；志愿者在签到页看到最新信息',
    input: z.object({
      id: stationId.optional(),
      name: text(STATION_NAME.label, STATION_NAME.max, STATION_NAME.min),
      address: text(STATION_ADDRESS.label, STATION_ADDRESS.max, STATION_ADDRESS.min),
      townshipCode: z.string({ error: TOWNSHIP_MISSING }).describe('镇街').regex(TOWNSHIP_CODE, TOWNSHIP_MISSING),
      location: Coordinate,
      radiusM: integer(RADIUS_RULE).optional(),
      opensAt: clock('开放时间').default('08:30'),
      closesAt: clock('关闭时间').default('17:30'),
      active: z.boolean().default(true),
    }).refine(opensBeforeCloses, { message: HOURS_ORDER_MESSAGE, path: ['closesAt'] }),
    output: StationView,
    access: { who: ['township_staff', 'county_admin', 'city_admin'], objects: 'township' },
    moderate: ['name', 'address'],
  }),
  printCode: action({
    summary: '驿站小程序码（打印张贴）',
    input: z.object({ id: stationId }),
    output: z.object({ imageUrl: z.string(), scene: z.string(), page: z.string() }),
    access: { who: ['township_staff', 'county_admin', 'city_admin'], objects: 'township' },
    rateLimit: { max: 60, windowSeconds: 3600 },
  }),
  kioskCode: action({
    summary: '驿站现场签到码（短时有效，定时刷新）',
    input: z.object({ id: stationId }),
    output: z.object({ code: z.string(), expiresAt: z.string(), refreshInSeconds: z.number() }),
    access: { who: ['township_staff', 'county_admin', 'city_admin'], objects: 'township' },
  }),
}

