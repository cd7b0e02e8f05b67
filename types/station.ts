// The `station` function: volunteer service stations (志愿服务驿站) of a township, their
// printed 小程序码 and the rotating kiosk code a phone at the station can show.
import { action, PageInput, text } from './common'
import * as z from './zod'
import { STATION_ID } from './vocabulary'

export { CHECKIN_PAGE, STATION_ID } from './vocabulary'

/** A GCJ-02 coordinate (what wx.getLocation returns in mainland China), within China's bounds. */
export const Coordinate = z.object({
  lat: z.number({ error: '缺少纬度' }).describe('纬度').min(3, '纬度超出范围').max(54, '纬度超出范围'),
  lng: z.number({ error: '缺少经度' }).describe('经度').min(73, '经度超出范围').max(136, '经度超出范围'),
})
export type Coordinate = z.infer<typeof Coordinate>

const hhmm = (label: string) => z.string({ error: `请选择${label}` }).describe(label).regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${label}格式应为 08:30`)

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
    output: z.object({ items: z.array(StationView), total: z.number() }),
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
      name: text('驿站名称', 40, 2),
      address: text('地址', 80, 2),
      townshipCode: z.string({ error: '请选择镇街' }).describe('镇街').regex(/^\d{9}$/, '请选择镇街'),
      location: Coordinate,
      radiusM: z.number().describe('签到半径').int().min(50, '签到半径至少 50 米').max(2000, '签到半径不能超过 2000 米').optional(),
      opensAt: hhmm('开放时间').default('08:30'),
      closesAt: hhmm('关闭时间').default('17:30'),
      active: z.boolean().default(true),
    }).refine((s) => s.closesAt > s.opensAt, { message: '关闭时间应晚于开放时间', path: ['closesAt'] }),
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

