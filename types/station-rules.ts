// A station's rules, as both sides apply them: the names' lengths, the check-in radius, opening
// hours that close after they open, a place in China. types/station.ts builds station.save's
// schema from these (settings.ts the default radius's); the station form checks its would-be
// request with stationSaveIssues, without zod (zod would put the township subpackage at its
// 300 KiB budget). test/pages/rules.test.ts holds the two to the same answers.
// No zod, no dates: any page can import it.
import { checkCoordinate, clockProblem, integerProblem, isNumber, issueList, textProblem, type IntegerRule, type Issue } from './field-rules'
import type { LatLng } from './geo-rules'

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

/** What the station form sends to station.save (the id apart): a field not filled in is left out (undefined), numbers may be NaN. */
export interface StationRequest {
  name?: string
  address?: string
  townshipCode?: string
  location: LatLng
  radiusM?: number
  opensAt?: string
  closesAt?: string
  active?: boolean
}

/** The problems station.save's schema finds in a request, in its words (the first per field), without zod. */
export function stationSaveIssues(r: StationRequest): Issue[] {
  const { issues, at, comparable } = issueList()
  at('name', textProblem(STATION_NAME.label, STATION_NAME.max, STATION_NAME.min, r.name), typeof r.name !== 'string')
  at('address', textProblem(STATION_ADDRESS.label, STATION_ADDRESS.max, STATION_ADDRESS.min, r.address), typeof r.address !== 'string')
  at('townshipCode', r.townshipCode !== undefined && TOWNSHIP_CODE.test(r.townshipCode) ? '' : TOWNSHIP_MISSING, r.townshipCode === undefined)
  checkCoordinate(r.location, ['location'], at)
  if (r.radiusM !== undefined) at('radiusM', integerProblem(RADIUS_RULE, r.radiusM), !isNumber(r.radiusM))
  const hours = { opensAt: r.opensAt ?? '08:30', closesAt: r.closesAt ?? '17:30' }
  at('opensAt', clockProblem('开放时间', hours.opensAt))
  at('closesAt', clockProblem('关闭时间', hours.closesAt))
  if (comparable() && !opensBeforeCloses(hours)) at('closesAt', HOURS_ORDER_MESSAGE)
  return issues
}
