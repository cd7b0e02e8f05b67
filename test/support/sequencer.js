// Longest test files first, so that the two workers finish together. Jest orders by each file's
// last duration, kept in its cache; a fresh clone (CI) has none and jest falls back to file
// size, which put the quality harness last: its files are short (a fuzz file is four lines) but
// run for minutes, and the run ended on one worker. Without a recorded duration, these files
// count as what they took on CI (quiet 2-core machine, seconds); other files keep jest's order.
const Sequencer = require('@jest/test-sequencer').default

/** [file name ending, seconds]: the heaviest files, as CI measured them (2026-12, before their speed-ups). */
const KNOWN_SECONDS = [
  // The two matrices after their arrangements were replayed and restores undid only what a cell
  // wrote (2026-12-05, helper D): CPU time halved (matrix 130 → 63 s, transitions 60 → 37 s), so
  // CI's 263 s and 63 s become about these.
  ['test/quality/matrix.test.ts', 130],
  ['test/quality/fuzz-service.test.ts', 130],
  ['test/quality/fuzz-fair.test.ts', 120],
  ['test/quality/fuzz-loan.test.ts', 110],
  ['test/quality/fuzz-account.test.ts', 100],
  ['test/quality/fuzz-perk.test.ts', 90],
  ['test/quality/transitions.test.ts', 40],
  ['test/quality/fuzz-registration.test.ts', 65],
  ['test/quality/races.test.ts', 45],
  // The programmes of issues 22 and 23, as their helpers measured them on a loaded machine (2026-12-05).
  ['test/quality/fuzz-training.test.ts', 78],
  ['test/quality/fuzz-care.test.ts', 70],
  ['test/quality/fuzz-contest.test.ts', 63],
  ['test/quality/fuzz-commend.test.ts', 59],
  ['test/quality/fuzz-grid.test.ts', 27],
]

const known = (test) => {
  const file = test.path.split('\\').join('/')
  const hit = KNOWN_SECONDS.find(([name]) => file.endsWith(`/${name}`))
  return hit ? hit[1] * 1000 : undefined
}

class LongestFirst extends Sequencer {
  sort(tests) {
    const size = new Map(tests.map((t) => [t, t.context.hasteFS.getSize(t.path) ?? 0]))
    for (const test of tests) test.duration = this.time(test) ?? known(test)
    // As jest's own: failed last time first, then the longest. Unlike jest's, files with a
    // duration (recorded or known) go before files without one (then the larger first).
    return tests.sort((a, b) => {
      const failedA = this.hasFailed(a)
      if (failedA !== this.hasFailed(b)) return failedA ? -1 : 1
      if ((a.duration == null) !== (b.duration == null)) return a.duration == null ? 1 : -1
      if (a.duration != null) return b.duration - a.duration
      return size.get(b) - size.get(a)
    })
  }
}

module.exports = LongestFirst
