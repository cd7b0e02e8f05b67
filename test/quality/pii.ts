// The personal-data scan: every response and every log line of every function call in the
// test run is checked for clear ID numbers, bank account numbers and full mobile numbers
// going to anyone but their owner (or a logged review). A finding fails the test that made it.
import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import type { LocalCloud } from '../../localcloud/server'
import type { Caller, InvokeOutcome } from '../../localcloud/runtime/runtime'
import { idCheckChar } from '../../types/personal'

/** Actions that show personal data in clear to a reviewer, and log that they did. */
export const LOGGED_READS = new Set(['registration.detail', 'loan.revealIdentity', 'fair.applicants', 'fair.recordOutcome'])

const ID_PATTERN = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g
// Not inside longer tokens (document ids are hex and may hold such a run of digits).
const MOBILE_PATTERN = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g
const BANK_PATTERN = /(?<![0-9A-Za-z])\d{16,19}(?![0-9A-Za-z])/g

export interface Finding {
  kind: 'id' | 'mobile' | 'bank'
  where: 'response' | 'log'
  action: string
  caller: string
  value: string
}

const validId = (s: string) => s.length === 18 && idCheckChar(s.slice(0, 17)) === s[17].toUpperCase()
const luhn = (s: string) => {
  let sum = 0
  for (let i = 0; i < s.length; i++) {
    let d = Number(s[s.length - 1 - i])
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2
    sum += d
  }
  return sum % 10 === 0
}

/** Who owns a value: the openids of the accounts whose records hold it. */
function owners(cloud: LocalCloud, kind: Finding['kind'], value: string, indexKey: Buffer): Set<string> {
  const users = cloud.store.has('users') ? [...cloud.store.get('users').docs.values()] : []
  const openidOf = new Map(users.map((u) => [u._id, String(u.openid)]))
  const out = new Set<string>()
  const regs = cloud.store.has('registrations') ? [...cloud.store.get('registrations').docs.values()] : []
  if (kind === 'id') {
    const index = crypto.createHmac('sha256', indexKey).update(`id:${value.toUpperCase()}`).digest('hex')
    for (const r of regs) if (r.idBlindIndex === index) out.add(openidOf.get(String(r.userId)) ?? '')
  } else if (kind === 'mobile') {
    for (const u of users) if (u.mobile === value) out.add(String(u.openid))
    for (const r of regs) if (r.mobile === value) out.add(openidOf.get(String(r.userId)) ?? '')
  }
  return out
}

export function scan(text: string): { kind: Finding['kind']; value: string }[] {
  const found: { kind: Finding['kind']; value: string }[] = []
  for (const m of text.matchAll(ID_PATTERN)) if (validId(m[0])) found.push({ kind: 'id', value: m[0] })
  for (const m of text.matchAll(MOBILE_PATTERN)) found.push({ kind: 'mobile', value: m[0] })
  for (const m of text.matchAll(BANK_PATTERN)) if (!validId(m[0]) && luhn(m[0])) found.push({ kind: 'bank', value: m[0] })
  return found
}

const REPORT_DIR = path.resolve(__dirname, '../../.tmp/quality')

/** Counts of scanned calls and findings, per jest worker, for the quality report. */
function record(scanned: number, findings: Finding[]): void {
  fs.mkdirSync(REPORT_DIR, { recursive: true })
  const file = path.join(REPORT_DIR, `pii-${process.pid}.json`)
  const prior = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { scanned: number; findings: Finding[] }) : { scanned: 0, findings: [] }
  fs.writeFileSync(file, JSON.stringify({ scanned: prior.scanned + scanned, findings: [...prior.findings, ...findings] }))
}

/**
 * Wraps a local cloud's invoke (which the gateway also uses) so that every call is scanned.
 * `indexKey` is the deployment's blind-index key, to find who owns an ID number.
 */
export function watchPersonalData(cloud: LocalCloud, indexKey: Buffer, options: { report?: boolean } = {}): void {
  const report = options.report ?? true
  const invoke = cloud.invoke.bind(cloud)
  let pending = 0
  cloud.invoke = async (name: string, data: unknown, caller: Caller): Promise<InvokeOutcome> => {
    const outcome = await invoke(name, data, caller)
    const action = `${name}.${typeof (data as { action?: unknown })?.action === 'string' ? (data as { action: string }).action : '?'}`
    const findings: Finding[] = []
    const response = outcome.ok ? JSON.stringify(outcome.result ?? null) : outcome.errMsg
    for (const hit of scan(response)) {
      const allowed = (caller.openid && owners(cloud, hit.kind, hit.value, indexKey).has(caller.openid)) || (hit.kind !== 'bank' && LOGGED_READS.has(action))
      if (!allowed) findings.push({ ...hit, where: 'response', action, caller: caller.openid ?? caller.source })
    }
    // Logs are read by operators: no clear ID number or full mobile belongs there, whoever's it is.
    for (const line of outcome.record.logs) for (const hit of scan(line)) findings.push({ ...hit, where: 'log', action, caller: caller.openid ?? caller.source })
    pending++
    if (report && (findings.length > 0 || pending >= 50)) {
      record(pending, findings)
      pending = 0
    }
    if (findings.length > 0) {
      throw new Error(`personal data leaked by ${action}: ${findings.map((f) => `${f.kind} in ${f.where} to ${f.caller}`).join('; ')}`)
    }
    return outcome
  }
  const close = cloud.close.bind(cloud)
  cloud.close = async () => {
    if (report && pending > 0) record(pending, [])
    pending = 0
    await close()
  }
}
