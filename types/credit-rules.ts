// What a service record may credit, as both sides say it: an adjustment's bounds, a check-out
// under a minute, a certificate without hours. No dates here, so pages can import it without
// dayjs (the township subpackage's size budget).

/** What a volunteer is told when a check-out comes less than a minute after the check-in. */
export const SUB_MINUTE_MESSAGE = '服务不足 1 分钟，本次签到已取消，不留记录，也不计入服务时长'

/** Why a certificate cannot be issued yet. */
export const NO_HOURS_TO_CERTIFY = '还没有审核通过的服务时长，暂不能生成服务证明'

/** Crediting nothing is a rejection: it goes through 驳回 with its reason, never as an approval of 0 minutes. */
export const ZERO_CREDIT_MESSAGE = '计入 0 分钟即不予认定，请改用「驳回」并写明理由'

/** The most one day of service can credit in a single record. */
export const MAX_RECORD_MINUTES = 24 * 60

/**
 * The most an adjustment may credit: the record's own span (check-in to check-out, or the
 * make-up's stated times) for township staff; more only by a county's (or the city's) decision.
 */
export function maxCreditMinutes(recordMinutes: number, countyDecides: boolean): number {
  return countyDecides ? MAX_RECORD_MINUTES : Math.min(recordMinutes, MAX_RECORD_MINUTES)
}

/** A span of minutes as people say it: 45 分钟, 2 小时, 2 小时 30 分. */
export function minutesText(minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = Math.round(minutes % 60)
  return h === 0 ? `${m} 分钟` : m === 0 ? `${h} 小时` : `${h} 小时 ${m} 分`
}

/** Why township staff cannot credit more than the record shows. */
export function overSpanMessage(recordMinutes: number): string {
  return `计入时长不能超过记录的 ${minutesText(recordMinutes)}；确需多计的，请报县级团委调整`
}
