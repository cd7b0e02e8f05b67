// The scan guard in tests: a query on a collection declared `scale: large` in collections.json
// that no declared index serves is a full scan of a city's years of data online, however fast it
// is on a test's hundred documents. The local database reports each such function request (see
// `noteScan` in localcloud/db/database.ts) beside the capped reads; `guardReads` fails the call
// that made it, naming it, and every guarded cloud adds its count to the quality report.
import fs from 'node:fs'
import path from 'node:path'
import type { LocalCloud, CappedReadRecord } from '../../localcloud/server'
import { QUALITY_DIR } from '../quality/report'

export function describeUnindexedScan(r: CappedReadRecord): string {
  const who = r.functionName ? `${r.functionName}.${r.action ?? '?'}` : '(outside a function)'
  return `${who}: ${r.request} on ${r.collection} (scale large) served by no index, examined ${r.examined ?? '?'} documents for ${r.matched ?? '?'}; query ${r.query}`
}

/** Function requests that scanned a large collection without an index, recorded after record number `seq`. */
export function unindexedScansSince(cloud: LocalCloud, seq: number): CappedReadRecord[] {
  return cloud.cappedReads.filter((r) => r.seq > seq && r.kind === 'unindexed-scan' && r.functionName)
}

export interface ScanFigures {
  /** Guarded clouds closed in this process. */
  clouds: number
  /** Function requests that scanned a large collection without an index. */
  unindexed: number
  /** Each of them described (at most 50). */
  findings: string[]
}

/** Adds a closing cloud's unindexed scans to this process's figures (.tmp/quality/scans-<pid>.json). */
export function recordScanFigures(cloud: LocalCloud): void {
  const found = unindexedScansSince(cloud, 0)
  fs.mkdirSync(QUALITY_DIR, { recursive: true })
  const file = path.join(QUALITY_DIR, `scans-${process.pid}.json`)
  const prior: ScanFigures = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as ScanFigures) : { clouds: 0, unindexed: 0, findings: [] }
  const figures: ScanFigures = {
    clouds: prior.clouds + 1,
    unindexed: prior.unindexed + found.length,
    findings: [...prior.findings, ...found.map(describeUnindexedScan)].slice(0, 50),
  }
  fs.writeFileSync(file, JSON.stringify(figures, null, 2))
}
