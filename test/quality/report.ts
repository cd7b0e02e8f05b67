// The quality report: figures the quality tests leave in .tmp/quality/, gathered and printed
// at the end of `npm test` and repeated by the benchmark.
import fs from 'node:fs'
import path from 'node:path'
import { contract } from '../../types'

export const QUALITY_DIR = path.resolve(__dirname, '../../.tmp/quality')

export function writeQualityFigures(name: string, figures: Record<string, unknown>): void {
  fs.mkdirSync(QUALITY_DIR, { recursive: true })
  fs.writeFileSync(path.join(QUALITY_DIR, `${name}.json`), JSON.stringify(figures, null, 2))
}

export function readQualityFigures(): Record<string, Record<string, unknown>> {
  if (!fs.existsSync(QUALITY_DIR)) return {}
  const out: Record<string, Record<string, unknown>> = {}
  for (const file of fs.readdirSync(QUALITY_DIR)) {
    if (!file.endsWith('.json')) continue
    out[file.slice(0, -5)] = JSON.parse(fs.readFileSync(path.join(QUALITY_DIR, file), 'utf8')) as Record<string, unknown>
  }
  return out
}

export interface QualitySummary {
  'quality.matrixCoverage': number
  'quality.matrixCells': number
  'quality.matrixForbiddenCells': number
  'quality.matrixDenied': number
  /** Share of the declared state × action × role cells of every machine that the transition matrix tested. */
  'quality.transitionCoverage': number
  'quality.transitionCells': number
  'quality.transitionMachines': number
  'quality.fuzzRunsMinPerAction': number
  'quality.fuzzActions': number
  /** Fuzz runs answered by an identical earlier run (same caller and parsed input, data unchanged since), of all runs. */
  'quality.fuzzRepeatShare': number
  'quality.races': number
  'quality.racesControlsShowingRace': number
  'quality.piiCallsScanned': number
  'quality.piiFindings': number
  'quality.durabilityPartial': number
  /** Share of the actions that changed state in the run that notified someone or are declared silent with a reason. */
  'quality.decisionsNotified': number
  'quality.decisionsChanging': number
  /** Function queries on collections declared `scale: large` that no declared index served, over the whole run (goal 0). */
  'quality.unindexedScans': number
}

/** Gathers the figures the quality tests wrote into one summary and a text report. */
export function summarize(): { figures: Partial<QualitySummary>; text: string } {
  const all = readQualityFigures()
  const matrix = all.matrix as { actions: number; covered: number; cells: number; forbidden: number; denied: number } | undefined
  const fuzz = Object.entries(all)
    .filter(([k]) => k.startsWith('fuzz-'))
    .flatMap(([, v]) => Object.entries((v as { actions: Record<string, { runs: number; repeats?: number }> }).actions))
  const races = ((all.races as { races: { name: string; n: number; observed: number; control: number }[] } | undefined)?.races ?? [])
  const pii = Object.entries(all)
    .filter(([k]) => k.startsWith('pii-'))
    .map(([, v]) => v as { scanned: number; findings: unknown[] })
  const transitions = all.transitions as { machines: number; declared: number; cells: number; allowed: number; refused: number; coverage: number } | undefined
  const notices = new Map<string, { changed: number; notified: number }>()
  for (const [k, v] of Object.entries(all)) {
    if (!k.startsWith('notices-')) continue
    for (const [action, n] of Object.entries(v as Record<string, { changed: number; notified: number }>)) {
      const p = notices.get(action) ?? { changed: 0, notified: 0 }
      notices.set(action, { changed: p.changed + n.changed, notified: p.notified + n.notified })
    }
  }
  const scans = Object.entries(all)
    .filter(([k]) => k.startsWith('scans-'))
    .map(([, v]) => v as { clouds: number; unindexed: number; findings: string[] })
  const durability = all.durability as { actions: number; acknowledged: number; recordedAfterRestart: number; partial: number } | undefined
  const figures: Partial<QualitySummary> = {}
  const lines = ['质量报告 (quality report)', '']
  if (matrix) {
    figures['quality.matrixCoverage'] = matrix.actions ? matrix.covered / matrix.actions : 0
    figures['quality.matrixCells'] = matrix.cells
    figures['quality.matrixForbiddenCells'] = matrix.forbidden
    figures['quality.matrixDenied'] = matrix.denied
    lines.push(`- Authorization matrix: ${matrix.covered}/${matrix.actions} actions covered (${Math.round((matrix.covered / matrix.actions) * 100)} %), ${matrix.cells} cells, ${matrix.forbidden} forbidden, ${matrix.denied} denied and unchanged`)
  }
  if (transitions) {
    figures['quality.transitionCoverage'] = transitions.coverage
    figures['quality.transitionCells'] = transitions.cells
    figures['quality.transitionMachines'] = transitions.machines
    lines.push(
      `- Transition matrix: ${transitions.machines} machines, ${transitions.cells}/${transitions.declared} state × action × role cells tested (${Math.round(transitions.coverage * 100)} %): ${transitions.allowed} declared steps succeeded, ${transitions.refused} other calls refused and unchanged`,
    )
  }
  if (fuzz.length) {
    figures['quality.fuzzRunsMinPerAction'] = Math.min(...fuzz.map(([, f]) => f.runs))
    figures['quality.fuzzActions'] = fuzz.length
    const runs = fuzz.reduce((n, [, f]) => n + f.runs, 0)
    figures['quality.fuzzRepeatShare'] = Math.round((fuzz.reduce((n, [, f]) => n + (f.repeats ?? 0), 0) / runs) * 1000) / 1000
    lines.push(
      `- Fuzzing: ${fuzz.length} actions, at least ${figures['quality.fuzzRunsMinPerAction']} runs each (${Math.round(figures['quality.fuzzRepeatShare'] * 100)} % repeated an earlier run's caller and input on unchanged data, answered as that run was)`,
    )
  }
  if (races.length) {
    figures['quality.races'] = races.length
    figures['quality.racesControlsShowingRace'] = races.filter((r) => r.control !== r.observed).length
    lines.push(`- Races (${races.length}, each with its read-then-write control):`)
    for (const r of races) lines.push(`  - ${r.name}: ${r.observed} (control: ${r.control}), ${r.n} at once`)
  }
  if (pii.length) {
    figures['quality.piiCallsScanned'] = pii.reduce((n, p) => n + p.scanned, 0)
    figures['quality.piiFindings'] = pii.reduce((n, p) => n + p.findings.length, 0)
    lines.push(`- Personal-data scan: ${figures['quality.piiCallsScanned']} calls scanned (responses and logs), ${figures['quality.piiFindings']} findings`)
  }
  if (durability) {
    figures['quality.durabilityPartial'] = durability.partial
    lines.push(`- Durability: killed mid-way through ${durability.actions} reviews; ${durability.acknowledged} acknowledged, ${durability.recordedAfterRestart} recorded after restart, ${durability.partial} half applied`)
  }
  if (notices.size) {
    const unexplained = [...notices].filter(([action, n]) => n.notified === 0 && !silentReason(action)).map(([action]) => action).sort()
    figures['quality.decisionsChanging'] = notices.size
    figures['quality.decisionsNotified'] = (notices.size - unexplained.length) / notices.size
    lines.push(
      `- Decisions notified: ${notices.size - unexplained.length}/${notices.size} actions that changed state told someone or say why not (${Math.round(figures['quality.decisionsNotified'] * 100)} %)` +
        (unexplained.length ? `; neither: ${unexplained.join(', ')}` : ''),
    )
  }
  if (scans.length) {
    figures['quality.unindexedScans'] = scans.reduce((n, s) => n + s.unindexed, 0)
    const clouds = scans.reduce((n, s) => n + s.clouds, 0)
    lines.push(`- Unindexed scans over large collections: ${figures['quality.unindexedScans']} (function queries in ${clouds} guarded test clouds)`)
    for (const finding of scans.flatMap((s) => s.findings).slice(0, 10)) lines.push(`  - ${finding}`)
  }
  return { figures, text: lines.join('\n') }
}

/** The contract's reason why an action tells no one, if it gives one. */
function silentReason(action: string): string {
  const [fn, name] = action.split('.')
  const def = (contract as unknown as Record<string, Record<string, { silent?: string }> | undefined>)[fn]?.[name]
  return def?.silent ?? ''
}
