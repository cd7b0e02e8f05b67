// Races: N invocations started at the same moment, and an invariant checked after all settle.
// Each race test also runs a negative control (the same step done by read-then-write) to show
// that the test can see the race it guards against.

/** Starts all `n` runs before awaiting any of them. */
export async function race<T>(n: number, run: (i: number) => Promise<T>): Promise<T[]> {
  const started = Array.from({ length: n }, (_, i) => run(i))
  return Promise.all(started)
}

export interface RaceFigures {
  name: string
  n: number
  /** What the invariant counts under the real action (e.g. roles granted: must be 1). */
  observed: number
  /** The same count under the negative control (must break the invariant). */
  control: number
}

export const raceLog: RaceFigures[] = []
