// Loading the city into a local cloud's store, and keeping it as a snapshot: the first run
// generates and writes it (bulk commits through the store's public `commit`, as a bulk import
// would, straight to LMDB), copies the store's folder to bench/tmp/city-snapshot/<hash>/, and
// later runs copy it back. The hash covers the generator's source and options, so changing the
// generator builds a new snapshot.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Store } from '../../localcloud/db/store'
import { TEST_FUNCTION_ENV } from '../../test/support/app'
import { generateCity, type City, type CityCast, type CityOptions } from './generate'
import { cityTruth, type CityTruth } from './truth'

const ROOT = path.resolve(__dirname, '../..')
export const SNAPSHOTS = path.join(ROOT, 'bench/tmp/city-snapshot')
/** Documents per commit: one LMDB transaction each. */
const BATCH = 10_000

/**
 * The keys the city's personal data is sealed under: the functions' keys in the benchmark and
 * the tests (TEST_FUNCTION_ENV), so the functions there read it.
 */
export const CITY_KEYS = { XQ_DATA_KEY: TEST_FUNCTION_ENV.XQ_DATA_KEY, XQ_INDEX_KEY: TEST_FUNCTION_ENV.XQ_INDEX_KEY, XQ_TOKEN_KEY: TEST_FUNCTION_ENV.XQ_TOKEN_KEY }

export interface SnapshotMeta {
  hash: string
  options: CityOptions
  builtAt: string
  generateSeconds: number
  writeSeconds: number
  /** Generating and writing the whole city into an empty store (issue 17: under two minutes). */
  loadSeconds: number
  counts: Record<string, number>
  cast: CityCast
  truth: CityTruth
}

/** What makes the snapshot: the generator's modules, this loader, the expectations kept with it. */
const GENERATOR_SOURCES = ['prng.ts', 'places.ts', 'people.ts', 'sessions.ts', 'perks.ts', 'loans.ts', 'fairs.ts', 'generate.ts', 'truth.ts', 'load.ts']

/** The generator's source (and the divisions it reads) and the options; the benchmark's calls, seed script and test are not part of it. */
export function cityHash(options: CityOptions): string {
  const hash = crypto.createHash('sha256').update(JSON.stringify(options))
  for (const name of GENERATOR_SOURCES) hash.update(name).update(fs.readFileSync(path.join(ROOT, 'bench/city', name)))
  hash.update(fs.readFileSync(path.join(ROOT, 'data/qingyuan-divisions.json')))
  return hash.digest('hex').slice(0, 16)
}

/** Generates the city with the functions' keys in this process. */
export function buildCity(options: CityOptions): City {
  Object.assign(process.env, { ...TEST_FUNCTION_ENV, ...CITY_KEYS })
  return generateCity(options)
}

/** Writes every document of the city into an open store, in large transactions. */
export async function writeCity(store: Store, city: City): Promise<void> {
  for (const [collection, docs] of Object.entries(city.collections)) {
    if (!store.has(collection)) await store.createCollection(collection)
    for (let from = 0; from < docs.length; from += BATCH) {
      await store.commit(docs.slice(from, from + BATCH).map((doc) => ({ collection, id: doc._id, doc })))
    }
  }
}

/**
 * The snapshot of the city for these options: built now if there is none for this generator
 * (`log` hears how long each part took), else the one kept.
 */
export async function citySnapshot(options: CityOptions, log: (line: string) => void = () => undefined): Promise<{ dir: string; meta: SnapshotMeta; built: boolean }> {
  const hash = cityHash(options)
  const dir = path.join(SNAPSHOTS, hash)
  const metaFile = path.join(dir, 'meta.json')
  if (fs.existsSync(metaFile)) return { dir, meta: JSON.parse(fs.readFileSync(metaFile, 'utf8')) as SnapshotMeta, built: false }
  const started = performance.now()
  const city = buildCity(options)
  const generated = performance.now()
  log(`generated the city in ${((generated - started) / 1000).toFixed(1)} s`)
  const building = path.join(SNAPSHOTS, `${hash}.building`)
  fs.rmSync(building, { recursive: true, force: true })
  // Declared nothing: the collections are made as they are written, and the cloud that opens the
  // snapshot is provisioned by the deploy (its indexes built then over the data, unique ones checked).
  // Written without waiting for the disk at each commit (LMDB noSync), then synced once: the
  // snapshot is renamed into place only after that, so a crash leaves a `.building` folder,
  // never a snapshot half written.
  const store = new Store(path.join(building, 'db'), { durable: false })
  await store.open({})
  await writeCity(store, city)
  await store.close()
  syncFile(path.join(building, 'db', 'store.mdb'))
  const written = performance.now()
  log(`wrote ${Object.values(city.collections).reduce((n, d) => n + d.length, 0).toLocaleString('en')} documents in ${((written - generated) / 1000).toFixed(1)} s`)
  const meta: SnapshotMeta = {
    hash,
    options,
    builtAt: new Date().toISOString(),
    generateSeconds: round((generated - started) / 1000),
    writeSeconds: round((written - generated) / 1000),
    loadSeconds: round((written - started) / 1000),
    counts: Object.fromEntries(Object.entries(city.collections).map(([name, docs]) => [name, docs.length])),
    cast: city.cast,
    truth: cityTruth(city),
  }
  fs.writeFileSync(path.join(building, 'meta.json'), JSON.stringify(meta, null, 1))
  // A snapshot of the same options from an older generator is stale: only the current one is kept.
  for (const old of fs.readdirSync(SNAPSHOTS)) {
    if (old === `${hash}.building`) continue
    const oldMeta = path.join(SNAPSHOTS, old, 'meta.json')
    const stale = !fs.existsSync(oldMeta) || JSON.stringify((JSON.parse(fs.readFileSync(oldMeta, 'utf8')) as SnapshotMeta).options) === JSON.stringify(options)
    if (stale) fs.rmSync(path.join(SNAPSHOTS, old), { recursive: true, force: true })
  }
  fs.renameSync(building, dir)
  return { dir, meta, built: true }
}

/** Copies a snapshot's store into a local cloud's data folder (replacing what its store held). */
export function restoreSnapshot(snapshotDir: string, dataDir: string): number {
  const started = performance.now()
  fs.rmSync(path.join(dataDir, 'db'), { recursive: true, force: true })
  fs.mkdirSync(dataDir, { recursive: true })
  fs.cpSync(path.join(snapshotDir, 'db'), path.join(dataDir, 'db'), { recursive: true })
  return round((performance.now() - started) / 1000)
}

/** Flushes a file's data to the disk. */
function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

const round = (n: number) => Math.round(n * 100) / 100
