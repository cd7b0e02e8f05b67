// A station's rules: the names' lengths, the check-in radius, opening hours that close after they
// open. types/station.ts builds station.save's schema from these, and settings.ts the default
// radius's; the station form asks for a radius in RADIUS_RULE's words. The township subpackage
// has no room for a client-side copy of the other checks (zod, or field-rules.ts: its 300 KiB
// budget is full), so the station form leaves them to the function, whose message it shows at
// the field. No zod, no dates: any page can import it.
import type { IntegerRule } from './field-rules'

export const STATION_NAME = { label: '驿站名称', max: 40, min: 2 } as const
export const STATION_ADDRESS = { label: '地址', max: 80, min: 2 } as const

/** The check-in radius, in metres. */
export const RADIUS_RULE: IntegerRule = {
  label: '签到半径',
  min: 50,
  max: 2000,
  missing: '请填写签到半径',
  notInteger: '签到半径应为整数米',
  tooSmall: '签到半径至少 50 米',
  tooBig: '签到半径不能超过 2000 米',
}

/** A township's nine-digit code. */
export const TOWNSHIP_CODE = /^\d{9}$/
export const TOWNSHIP_MISSING = '请选择镇街'

/** Opening hours close after they open, on one day (00:00–23:59 is all day). */
export const opensBeforeCloses = (h: { opensAt: string; closesAt: string }) => h.closesAt > h.opensAt
export const HOURS_ORDER_MESSAGE = '关闭时间应晚于开放时间'
