// Timer triggers as WeChat Cloud declares them in config.json: a 7-field cron expression
// (second minute hour day-of-month month day-of-week year), evaluated in the function's
// time zone (UTC on the platform, as here).
const FIELDS = [
  { min: 0, max: 59 },
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12 },
  { min: 0, max: 6 },
  { min: 1970, max: 2199 },
] as const

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']

function parseField(text: string, index: number): Set<number> {
  const { min, max } = FIELDS[index]
  const names = index === 4 ? MONTHS : index === 5 ? DAYS : []
  const value = (token: string) => {
    const named = names.indexOf(token.toUpperCase())
    if (named >= 0) return index === 4 ? named + 1 : named
    const n = Number(token)
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`cron field ${index + 1}: ${token} is out of range`)
    return n
  }
  const out = new Set<number>()
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/')
    const step = stepText === undefined ? 1 : Number(stepText)
    if (!Number.isInteger(step) || step < 1) throw new Error(`cron field ${index + 1}: bad step ${stepText}`)
    let lo: number = min
    let hi: number = max
    if (range !== '*' && range !== '?') {
      const [a, b] = range.split('-')
      lo = value(a)
      hi = b === undefined ? (stepText === undefined ? lo : max) : value(b)
    }
    for (let n = lo; n <= hi; n += step) out.add(n)
  }
  return out
}

export class CronSchedule {
  private readonly sets: Set<number>[]

  constructor(readonly expression: string) {
    const parts = expression.trim().split(/\s+/)
    if (parts.length !== 7 && parts.length !== 6) throw new Error(`cron "${expression}" needs 7 fields`)
    if (parts.length === 6) parts.push('*')
    this.sets = parts.map(parseField)
  }

  matches(date: Date): boolean {
    const values = [
      date.getUTCSeconds(),
      date.getUTCMinutes(),
      date.getUTCHours(),
      date.getUTCDate(),
      date.getUTCMonth() + 1,
      date.getUTCDay(),
      date.getUTCFullYear(),
    ]
    return values.every((v, i) => this.sets[i].has(v))
  }

  /** The first whole second after `from` that the schedule fires at (searching up to a year ahead). */
  next(from: Date): Date | null {
    const t = new Date(Math.floor(from.getTime() / 1000) * 1000 + 1000)
    const limit = t.getTime() + 366 * 86400_000
    while (t.getTime() < limit) {
      if (!this.sets[6].has(t.getUTCFullYear()) || !this.sets[4].has(t.getUTCMonth() + 1)) {
        t.setUTCMonth(t.getUTCMonth() + 1, 1)
        t.setUTCHours(0, 0, 0)
        continue
      }
      if (!this.sets[3].has(t.getUTCDate()) || !this.sets[5].has(t.getUTCDay())) {
        t.setUTCDate(t.getUTCDate() + 1)
        t.setUTCHours(0, 0, 0)
        continue
      }
      if (!this.sets[2].has(t.getUTCHours())) {
        t.setUTCHours(t.getUTCHours() + 1, 0, 0)
        continue
      }
      if (!this.sets[1].has(t.getUTCMinutes())) {
        t.setUTCMinutes(t.getUTCMinutes() + 1, 0)
        continue
      }
      if (!this.sets[0].has(t.getUTCSeconds())) {
        t.setUTCSeconds(t.getUTCSeconds() + 1)
        continue
      }
      return t
    }
    return null
  }
}
