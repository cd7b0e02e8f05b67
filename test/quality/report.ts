// The quality report: figures the quality tests leave in .tmp/quality/, gathered and printed
// at the end of `npm test` and repeated by the benchmark.
import fs from 'node:fs'
import path from 'node:path'

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
