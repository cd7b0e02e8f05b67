// The benchmark's "City scale" section: on the restored city, each report, export and staff
// list called as its rightful user through the runtime (the genuine SDK in function workers),
// its database round trips and local timings recorded, and every answer's totals checked
// against the counts taken from the generated documents (bench/city/truth.ts). A mismatch is
// a bug in a function: it is written into the report, loudly, never hidden.
import path from 'node:path'
import { provisionLocalCloud } from '../../deploy/local'
import { startLocalCloud, type LocalCloud } from '../../localcloud/server'
import { TEST_FUNCTION_ENV } from '../../test/support/app'
import { FULL_CITY, type CityOptions } from './generate'
import { TOWNSHIPS } from './places'
import { citySnapshot, restoreSnapshot, type SnapshotMeta } from './load'

export interface ScaleSection {
  metrics: Record<string, number>
  /** The report's markdown lines for this section. */
  lines: string[]
  mismatches: string[]
}

interface Answer {
  ok: boolean
  data: Record<string, unknown>
  error: string
  ms: number
  trips: number
  detail: string[]
}

const WARM_CALLS = 5
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

async function call(cloud: LocalCloud, openid: string, name: string, input: unknown): Promise<Answer> {
  const [fn, action] = name.split('.')
  const started = performance.now()
  const outcome = await cloud.invoke(fn, { action, input }, { openid, source: 'wx_client' })
  const ms = performance.now() - started
  const requests = outcome.record.dbRequests.filter((r) => r.action.startsWith('database.'))
  const base = { ms, trips: requests.length, detail: requests.map((r) => `${r.action.replace('database.', '')}${r.collection ? ` ${r.collection}` : ''}`) }
  if (!outcome.ok) return { ...base, ok: false, data: {}, error: `the function failed (${outcome.errCode}): ${outcome.errMsg.split('\n')[0]}` }
  const envelope = outcome.result as { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } }
  if (!envelope.ok) return { ...base, ok: false, data: {}, error: `refused: ${envelope.error?.code} ${envelope.error?.message}` }
  return { ...base, ok: true, data: envelope.data ?? {}, error: '' }
}

/**
 * An export to its end: an export made as a background job (issue 17) answers with its job id
 * until the workbook is written, and is asked again at once until then. Its time is the whole
 * wait; each call stays within the function's limit (the slowest is reported).
 */
async function followExport(cloud: LocalCloud, openid: string, name: string, input: unknown): Promise<{ last: Answer; ms: number; calls: number; slowestMs: number; trips: number }> {
  const started = performance.now()
  let last = await call(cloud, openid, name, input)
  let calls = 1
  let slowestMs = last.ms
  let trips = last.trips
  while (last.ok && typeof last.data.jobId === 'string' && last.data.status !== 'done' && calls < 500) {
    if (last.data.status === 'failed') {
      last = { ...last, ok: false, error: `the export job failed: ${String(last.data.error)}` }
      break
    }
    last = await call(cloud, openid, name, { jobId: last.data.jobId })
    calls++
    slowestMs = Math.max(slowestMs, last.ms)
    trips += last.trips
  }
  return { last, ms: performance.now() - started, calls, slowestMs, trips }
}

/** Runs the city-scale measurements; `tmp` is the benchmark's scratch folder. */
export async function cityScale(functionsDir: string, tmp: string, options: CityOptions = FULL_CITY, log: (line: string) => void = console.log): Promise<ScaleSection> {
  const metrics: Record<string, number> = {}
  const mismatches: string[] = []
  const snapshot = await citySnapshot(options, (line) => log(`city: ${line}`))
  const meta: SnapshotMeta = snapshot.meta
  const { cast, truth } = meta
  const dataDir = path.join(tmp, 'city')
  const copySeconds = restoreSnapshot(snapshot.dir, dataDir)
  const opening = performance.now()
  const cloud = await startLocalCloud({ dataDir, functionsDir, functionEnv: TEST_FUNCTION_ENV, quiet: true })
  await provisionLocalCloud(cloud)
  const openSeconds = round((performance.now() - opening) / 1000, 2)
  metrics['scale.loadSeconds'] = meta.loadSeconds
  metrics['scale.restoreSeconds'] = round(copySeconds + openSeconds, 2)
  log(`city: ${snapshot.built ? 'built' : 'restored'} snapshot ${meta.hash} (copy ${copySeconds} s, open and provision ${openSeconds} s)`)

  // One instance of each function warmed first (a call the function refuses at once): a cold
  // start (the bundle and wx-server-sdk loading, seconds on a busy machine) is not the report's time.
  for (const fn of ['service', 'perk', 'loan', 'fair', 'registration', 'dashboard']) await cloud.invoke(fn, { action: 'warmUp', input: {} }, { openid: cast.city, source: 'wx_client' })

  const check = (what: string, got: unknown, want: unknown) => {
    if (got !== want) mismatches.push(`${what}: answered ${JSON.stringify(got)}, the city holds ${JSON.stringify(want)}`)
  }
  const failed = (what: string, answer: Answer) => mismatches.push(`${what}: ${answer.error}`)

  /** The first call (checked), then warm calls for the median. */
  async function measure(kind: 'report' | 'list', key: string, who: string, openid: string, name: string, input: unknown, verify: (data: Record<string, unknown>) => void) {
    const first = await call(cloud, openid, name, input)
    if (!first.ok) {
      failed(`${name} as ${who}`, first)
      return null
    }
    verify(first.data)
    const times: number[] = []
    for (let i = 0; i < WARM_CALLS; i++) times.push((await call(cloud, openid, name, input)).ms)
    metrics[`scale.${kind}.${key}.roundTrips`] = first.trips
    metrics[`scale.${kind}.${key}.p50Ms`] = round(median(times))
    return { trips: first.trips, p50: round(median(times)), detail: first.detail }
  }

  const reportRows: string[] = []
  const month = cast.lastDay.slice(0, 7)
  const loanPeriod = { from: cast.firstDay, to: cast.lastDay }
  const rollupLines: string[] = []
  try {
    // ---- the hours rollup (issue 21 item 3): the slow figures once as read live (no rollup yet:
    // one call each, the "before"), then the rollup built as production builds it — the dashboard's
    // rollUpHours timer run until its full pass is done (the snapshot holds no rollup) — timed; the
    // sections below read it ----
    const dashPeriodBefore = { from: `${cast.lastDay.slice(0, 4)}-01-01`, to: cast.lastDay }
    const beforeCalls: [string, string, string, unknown][] = [
      ['dashboard.cityMs', cast.city, 'dashboard.overview', { scope: { level: 'city' }, period: dashPeriodBefore }],
      ['dashboard.countyMs', cast.county.openid, 'dashboard.overview', { scope: { level: 'county', code: cast.county.countyCode }, period: dashPeriodBefore }],
      ['service.report.cityMs', cast.city, 'service.report', { month, page: 1, pageSize: 50 }],
      ['service.report.countyMs', cast.county.openid, 'service.report', { month, page: 1, pageSize: 50 }],
    ]
    for (const [key, openid, name, input] of beforeCalls) {
      log(`city: before the rollup, ${name} (${key})`)
      const answer = await call(cloud, openid, name, input)
      metrics[`scale.beforeRollup.${key}`] = answer.ok ? round(answer.ms, 0) : -1
      rollupLines.push(`| ${name} | ${key.includes('city') ? 'city admin' : `county admin (${cast.county.countyCode})`} | ${answer.trips} | ${answer.ok ? round(answer.ms, 0) : `failed: ${answer.error}`} |`)
    }
    log('city: building the hours rollup (dashboard rollUpHours, run until its pass is done)')
    const building = performance.now()
    let runs = 0
    let lastRun: Record<string, unknown> = {}
    for (; runs < 100; ) {
      const fired = await cloud.fireTimer('dashboard', 'rollUpHours')
      runs++
      const envelope = fired.ok ? (fired.result as { ok: boolean; data?: Record<string, unknown>; error?: unknown }) : null
      if (!envelope?.ok) {
        mismatches.push(`dashboard rollUpHours run ${runs} failed: ${JSON.stringify(fired.ok ? envelope?.error : fired.errMsg)}`)
        break
      }
      lastRun = envelope.data ?? {}
      log(`city: rollUpHours run ${runs}: ${JSON.stringify(lastRun)}`)
      if (lastRun.pass === 'done' || lastRun.done === true) break
    }
    metrics['scale.rollupBuildMs'] = round(performance.now() - building, 0)
    metrics['scale.rollupBuildRuns'] = runs
    metrics['scale.rollupBuilt'] = lastRun.pass === 'done' || lastRun.done === true ? 1 : 0
    log(`city: hours rollup built in ${metrics['scale.rollupBuildMs']} ms over ${runs} timer runs (${JSON.stringify(lastRun)})`)
    // ---- reports, as the city admin and as one county admin ----
    const reports: [string, string, string, unknown, (d: Record<string, unknown>) => void][] = []
    for (const [who, openid, service, perk, loan] of [
      ['city', cast.city, truth.service.city, truth.perk.city, truth.loan.city],
      ['county', cast.county.openid, truth.service.county, truth.perk.county, truth.loan.county],
    ] as const) {
      reports.push([who, openid, 'service.report', { month, page: 1, pageSize: 50 }, (d) => {
        const items = d.items as { userId: string; totalMinutes: number }[]
        check(`service.report (${who}) total volunteers`, d.total, service.volunteers)
        check(`service.report (${who}) first row's total minutes`, items[0]?.totalMinutes, service.maxTotalMinutes)
        for (const item of items) if (service.totals[item.userId] !== undefined) check(`service.report (${who}) total minutes of ${item.userId}`, item.totalMinutes, service.totals[item.userId])
      }])
      reports.push([who, openid, 'perk.totals', {}, (d) => {
        check(`perk.totals (${who}) total`, d.total, perk.total)
        check(`perk.totals (${who}) merchants with redemptions`, (d.byMerchant as unknown[]).length, perk.merchants)
        if ('byCounty' in perk) for (const row of d.byCounty as { countyCode: string; count: number }[]) check(`perk.totals (${who}) ${row.countyCode}`, row.count, perk.byCounty[row.countyCode])
      }])
      reports.push([who, openid, 'loan.report', loanPeriod, (d) => {
        const total = d.total as Record<string, number>
        for (const k of ['applications', 'loans', 'lentFen', 'subsidyFen'] as const) check(`loan.report (${who}) ${k}`, total[k], loan[k])
        const byStatus = Object.fromEntries((d.byStatus as { status: string; count: number }[]).map((s) => [s.status, s.count]))
        for (const status of new Set([...Object.keys(byStatus), ...Object.keys(loan.byStatus)])) check(`loan.report (${who}) ${status}`, byStatus[status] ?? 0, loan.byStatus[status] ?? 0)
      }])
    }
    // A fair's report is the city's (county admins have no fair report).
    reports.push(['city', cast.city, 'fair.report', { fairId: cast.fair.fairId }, (d) => {
      const t = truth.fair.report
      for (const k of ['signups', 'confirmed', 'waiting', 'cancelled', 'attended'] as const) check(`fair.report ${k}`, d[k], t[k])
      const people = d.people as Record<string, number>
      for (const k of ['interviewed', 'offered', 'hired', 'hiredLocal'] as const) check(`fair.report people ${k}`, people[k], t.people[k])
    }])
    const p50s: number[] = []
    for (const [who, openid, name, input, verify] of reports) {
      log(`city: ${name} as ${who}`)
      const m = await measure('report', `${name}.${who}`, who === 'city' ? 'city admin' : 'county admin', openid, name, input, verify)
      if (m) p50s.push(m.p50)
      reportRows.push(`| ${name} | ${who === 'city' ? 'city admin' : `county admin (${cast.county.countyCode})`} | ${m?.trips ?? 'failed'} | ${m?.p50 ?? '—'} | ${m ? m.detail.join(', ') : ''} |`)
    }
    if (p50s.length) metrics['scale.maxReportP50Ms'] = Math.max(...p50s)

    // ---- the league's dashboard (issue 21): the year to the city's last day, as the city admin and
    // a county admin (six cards read at once: its time is the slowest card's), and its workbook ----
    const dashPeriod = { from: `${cast.lastDay.slice(0, 4)}-01-01`, to: cast.lastDay }
    for (const [who, openid, scope, service] of [
      ['city', cast.city, { level: 'city' }, truth.service.city],
      ['county', cast.county.openid, { level: 'county', code: cast.county.countyCode }, truth.service.county],
    ] as const) {
      log(`city: dashboard.overview as ${who}`)
      const m = await measure('report', `dashboard.overview.${who}`, `${who} admin`, openid, 'dashboard.overview', { scope, period: dashPeriod }, (d) => {
        check(`dashboard.overview (${who}) volunteers with approved time`, (d.hours as { volunteers: number }).volunteers, service.volunteers)
      })
      if (m) metrics[who === 'city' ? 'dashboard.cityOverviewMs' : 'dashboard.countyOverviewMs'] = m.p50
      // The key issue 21 names for the city dashboard's local p50 (the same figure).
      if (m && who === 'city') metrics['dashboard.cityP50Ms'] = m.p50
      if (m && who === 'county') metrics['dashboard.countyP50Ms'] = m.p50
      if (m) {
        // Each card reads its own collection (volunteers: registrations, hours: hours_rollups or
        // sessions, stations: stations, perks: redemptions, loans, fairs, trainings: training_sessions,
        // contests): its requests are that collection's; the caller and the settings aside.
        const perCollection = new Map<string, number>()
        for (const d of m.detail) {
          const collection = d.split(' ')[1] ?? ''
          if (collection && collection !== 'users' && collection !== 'settings') perCollection.set(collection, (perCollection.get(collection) ?? 0) + 1)
        }
        metrics[`dashboard.hoursCardRequests.${who}`] = (perCollection.get('hours_rollups') ?? 0) + (perCollection.get('sessions') ?? 0)
        metrics['dashboard.roundTripsMaxPerCard'] = Math.max(metrics['dashboard.roundTripsMaxPerCard'] ?? 0, ...perCollection.values())
      }
      reportRows.push(`| dashboard.overview | ${who === 'city' ? 'city admin' : `county admin (${cast.county.countyCode})`} | ${m?.trips ?? 'failed'} | ${m?.p50 ?? '—'} | ${m ? m.detail.join(', ') : ''} |`)
    }
    {
      // A township as the city admin drills down to it: every card live (exact to the moment), one request each.
      const township = TOWNSHIPS.find((t) => t.countyCode === cast.county.countyCode)!
      log(`city: dashboard.overview of ${township.name}`)
      const m = await measure('report', 'dashboard.overview.township', 'city admin', cast.city, 'dashboard.overview', { scope: { level: 'township', code: township.code }, period: dashPeriod }, () => undefined)
      if (m) metrics['dashboard.townshipP50Ms'] = m.p50
      reportRows.push(`| dashboard.overview | city admin, a township (${township.name}) | ${m?.trips ?? 'failed'} | ${m?.p50 ?? '—'} | ${m ? m.detail.join(', ') : ''} |`)
    }
    {
      log('city: dashboard.exportOverview')
      const exported = await call(cloud, cast.city, 'dashboard.exportOverview', { scope: { level: 'city' }, period: dashPeriod })
      if (!exported.ok) failed('dashboard.exportOverview as city admin', exported)
      else metrics['dashboard.exportMs'] = round(exported.ms, 0)
      reportRows.push(`| dashboard.exportOverview | city admin | ${exported.trips} | ${exported.ok ? `${round(exported.ms, 0)} (one call, ${String(exported.data.rows)} rows)` : 'failed'} | ${exported.detail.join(', ')} |`)
    }

    // ---- exports: one call each, its time and rows ----
    const exportRows: string[] = []
    const exports: [string, string, string, unknown, number][] = [
      ['service.exportReport', 'city admin', cast.city, { month }, truth.service.city.volunteers],
      ['perk.exportTotals', 'city admin', cast.city, {}, truth.perk.city.total],
      ['loan.exportReport', 'city admin', cast.city, loanPeriod, 8],
      ['fair.exportSignups', 'city admin', cast.city, { fairId: cast.fair.fairId }, truth.fair.signups],
      ['fair.exportApplicants', `employer (${cast.employer.employerId})`, cast.employer.openid, { fairId: cast.employer.fairId }, truth.fair.applicantRows],
      ['fair.exportReport', 'city admin', cast.city, { fairId: cast.fair.fairId }, truth.fair.signups],
    ]
    const exportMs: number[] = []
    for (const [name, who, openid, input, rows] of exports) {
      log(`city: ${name}`)
      const followed = await followExport(cloud, openid, name, input)
      const answer = followed.last
      if (!answer.ok) failed(`${name} as ${who}`, answer)
      else {
        check(`${name} rows`, answer.data.rows, rows)
        metrics[`scale.export.${name}.ms`] = round(followed.ms, 0)
        metrics[`scale.export.${name}.rows`] = answer.data.rows as number
        if (followed.calls > 1) {
          metrics[`scale.export.${name}.calls`] = followed.calls
          metrics[`scale.export.${name}.slowestCallMs`] = round(followed.slowestMs, 0)
        }
        exportMs.push(followed.ms)
      }
      const calls = followed.calls > 1 ? ` (a job: ${followed.calls} calls, the slowest ${round(followed.slowestMs, 0)} ms)` : ''
      exportRows.push(`| ${name} | ${who} | ${answer.ok ? `${round(followed.ms, 0)}${calls}` : 'failed'} | ${answer.ok ? answer.data.rows : '—'} | ${rows} | ${followed.trips} |`)
    }
    if (exportMs.length) metrics['scale.maxExportMs'] = round(Math.max(...exportMs), 0)

    // ---- staff lists: the first page ----
    const listRows: string[] = []
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    const lists: [string, string, string, string, unknown, (d: Record<string, unknown>) => void][] = [
      ['service.queue', `township staff (${cast.township.townshipCode})`, cast.township.openid, 'service.queue', { status: 'pending', page: 1, pageSize: 50 }, (d) => check('service.queue total', d.total, truth.queue.townshipPending)],
      ['registration.list', `county admin (${cast.county.countyCode})`, cast.county.openid, 'registration.list', { status: 'pending', page: 1, pageSize: 20 }, (d) => check('registration.list (county) total', d.total, truth.registrations.countyPending)],
      ['registration.list.city', 'city admin', cast.city, 'registration.list', { status: 'pending', page: 1, pageSize: 20 }, (d) => check('registration.list (city) total', d.total, truth.registrations.cityPending)],
      ['fair.signups', 'city admin', cast.city, 'fair.signups', { fairId: cast.fair.fairId, page: 1, pageSize: 20 }, (d) => check('fair.signups total', d.total, truth.fair.signups)],
      ['perk.merchantRedemptions', `merchant staff (${cast.merchant.merchantId})`, cast.merchant.openid, 'perk.merchantRedemptions', { date: cast.merchant.date, page: 1, pageSize: 20 }, (d) => check('perk.merchantRedemptions total', d.total, truth.perk.merchantDay)],
      ['loan.queue', 'city admin', cast.city, 'loan.queue', { view: 'todo', page: 1, pageSize: 20 }, (d) => {
        check('loan.queue (city) total', d.total, truth.loan.todoCity)
        check('loan.queue (city) subsidy due', (d.counts as { subsidy: number }).subsidy, truth.loan.subsidyDueFrom.filter((due) => due <= today).length)
      }],
      ['loan.queue.county', `county admin (${cast.county.countyCode})`, cast.county.openid, 'loan.queue', { view: 'todo', page: 1, pageSize: 20 }, (d) => check('loan.queue (county) total', d.total, truth.loan.todoCounty)],
    ]
    for (const [key, who, openid, name, input, verify] of lists) {
      log(`city: ${key}`)
      const m = await measure('list', key, who, openid, name, input, verify)
      listRows.push(`| ${key} | ${who} | ${m?.trips ?? 'failed'} | ${m?.p50 ?? '—'} | ${m ? m.detail.join(', ') : ''} |`)
    }

    const counts = Object.entries(meta.counts).map(([name, n]) => `${name} ${n.toLocaleString('en')}`).join(', ')
    const lines = [
      '## City scale',
      '',
      `The city data set (bench/city, \`npm run seed:city\`; seed ${meta.options.seed}, scale ${meta.options.scale}, ${cast.firstDay} to ${cast.lastDay}): ${counts}.`,
      '',
      `- generating and loading it into an empty store: ${meta.loadSeconds} s (generate ${meta.generateSeconds} s, write ${meta.writeSeconds} s; goal < 120 s)${snapshot.built ? '' : ` — measured when snapshot ${meta.hash} was built (${meta.builtAt})`}`,
      `- restoring the snapshot: ${metrics['scale.restoreSeconds']} s (copy ${copySeconds} s, open the store and provision ${openSeconds} s)`,
      `- slowest report, local p50: ${metrics['scale.maxReportP50Ms'] ?? '—'} ms; slowest export: ${metrics['scale.maxExportMs'] ?? '—'} ms`,
      '',
      `Reports (first call checked against the city's own counts; p50 of ${WARM_CALLS} warm calls; goal ≤ 1 round trip a report card):`,
      '',
      '| report | caller | round trips | p50 ms | requests |',
      '| --- | --- | --- | --- | --- |',
      ...reportRows,
      '',
      `Hours rollup (issue 21 item 3; cloudfunctions/_shared/rollups.ts): built after the restore as production builds it, the dashboard's rollUpHours timer run until its pass was done: ${metrics['scale.rollupBuildMs'] ?? '—'} ms over ${metrics['scale.rollupBuildRuns'] ?? '—'} runs (scale.rollupBuildMs)${metrics['scale.rollupBuilt'] === 1 ? '' : ' — NOT DONE (see the mismatches): the figures above were read live'}. The reports and dashboards above read it; before it was built, read live (one call each):`,
      '',
      '| before the rollup | caller | round trips | ms |',
      '| --- | --- | --- | --- |',
      ...rollupLines,
      '',
      'Exports (one call each; an export made as a background job: from the first call to its workbook, asked again at once):',
      '',
      '| export | caller | ms | rows | rows expected | round trips |',
      '| --- | --- | --- | --- | --- | --- |',
      ...exportRows,
      '',
      `Staff lists, first page (goal ≤ 2 round trips a page):`,
      '',
      '| list | caller | round trips | p50 ms | requests |',
      '| --- | --- | --- | --- | --- |',
      ...listRows,
      '',
      mismatches.length ? `**MISMATCHES: ${mismatches.length} answers differ from the city's own counts (bugs for the functions' owners):**` : 'Every answer matched the city\'s own counts.',
      '',
      ...mismatches.map((m) => `- **MISMATCH** ${m}`),
      '',
    ]
    metrics['scale.mismatches'] = mismatches.length
    return { metrics, lines, mismatches }
  } finally {
    await cloud.close()
  }
}
