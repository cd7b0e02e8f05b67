// The county's review queue past the platform's caps (issue 17): 250 pending registrations (one
// submitted through the function, the rest copies of its document), submitted in ties, two of
// them sharing an ID number. The total is true and the pages together hold every one, once.
import { EJSON } from 'bson'
import { configureFunctionsInProcess, ok, startDemoCloud, type AppCloud } from '../support/app'
import { volunteerForm } from '../support/people'

let app: AppCloud
const COUNTY = 'o_demo_county'
const PENDING = 250

beforeAll(async () => {
  configureFunctionsInProcess()
  app = await startDemoCloud()
}, 120_000)

afterAll(async () => {
  await app?.close()
})

test('250 pending registrations: the review queue shows total 250 and its pages hold all of them once, in submission order', async () => {
  const before = ok(await app.call(COUNTY, 'registration.list', { status: 'pending', pageSize: 1 })).total
  const first = ok(await app.call('o_scale_applicant', 'registration.submitVolunteer', volunteerForm()))
  const stored = [...app.cloud.store.get('registrations').docs.values()].find((r) => r._id === first.id)!
  const start = new Date(stored.submittedAt as Date).getTime() - 3600_000
  // Copies: ids shuffled against submission time, which comes in groups of 25 (ties broken by id).
  const copies = Array.from({ length: PENDING - 1 }, (_, i) => {
    const userId = `u_queue_${String((i * 7919) % 1000).padStart(3, '0')}`
    return {
      ...stored,
      _id: `${userId}:volunteer`,
      userId,
      name: `排队${i}`,
      idBlindIndex: i < 2 ? 'shared-id-number' : `index-${userId}`,
      submittedAt: new Date(start + Math.floor(i / 25) * 60_000),
    }
  })
  await app.cloud.db.handle('database.insertDocument', { collectionName: 'registrations', data: copies.map((d) => EJSON.stringify(d, { relaxed: false })) })
  const queue = [...copies, stored]
  const expected = queue
    .sort((a, b) => new Date(a.submittedAt as Date).getTime() - new Date(b.submittedAt as Date).getTime() || (String(a._id) < String(b._id) ? -1 : 1))
    .map((r) => r._id)

  for (const pageSize of [50, 13]) {
    const items: { id: string; idConflict: boolean }[] = []
    const totals = new Set<number>()
    for (let page = 1; items.length < PENDING + before && page <= 100; page++) {
      const got = ok(await app.call(COUNTY, 'registration.list', { status: 'pending', page, pageSize }))
      totals.add(got.total)
      if (got.items.length === 0) break
      items.push(...got.items)
    }
    expect([...totals]).toEqual([PENDING + before])
    const ours = items.filter((r) => expected.includes(r.id))
    expect(ours.map((r) => r.id)).toEqual(expected)
    expect(new Set(items.map((r) => r.id)).size).toBe(items.length)
    // The two sharing an ID number are flagged, and only they.
    expect(ours.filter((r) => r.idConflict).map((r) => r.id).sort()).toEqual(copies.slice(0, 2).map((r) => r._id).sort())
  }
}, 120_000)
