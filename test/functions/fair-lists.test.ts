// The fair's lists at a city's scale (issue 17): the employers (paged in a stable order with a true
// total, found by name, narrowed by type) and an employer's invited fairs (newest first, paged, with
// its positions at the fairs of the page only), each past the platform's 100 cap. The read guard
// (startDemoCloud) fails any call that asked the database for more than a request may answer, or
// scanned a large collection without an index.
import { EJSON } from 'bson'
import { ok, startDemoCloud, type AppCloud } from '../support/app'
import { shanghaiDaysAhead } from '../../types/time'

let app: AppCloud
const CITY = 'o_demo_city'
const EMPLOYER = 'o_demo_employer' // 清远市城市投资控股集团 e_qy_city_invest
const OWN = 'e_qy_city_invest'
const OTHER = 'e_lvyuan_agri'
const EMPLOYERS = 130
const FAIRS = 120
/** Our positions at the newest fair (past the cap on their own), besides one at each other fair. */
const AT_NEWEST = 105
const TYPES = ['state_owned', 'private', 'social'] as const

async function insert(collection: string, docs: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 200) {
    await app.cloud.db.handle('database.insertDocument', { collectionName: collection, data: docs.slice(i, i + 200).map((d) => EJSON.stringify(d, { relaxed: false })) })
  }
}
const hex = (n: number, width = 12) => n.toString(16).padStart(width, '0')
const fairIdOf = (i: number) => `F${hex(0xa00000 + i)}`
/** Fair i is held i days ago (0: the newest, in a week); two share each date, so the order's tie rule shows. */
const dateOf = (i: number) => shanghaiDaysAhead(Date.now(), 7 - Math.floor(i / 2))

function position(n: number, fairId: string, employerId: string) {
  const at = new Date(Date.now() - 1e9 + n * 1000)
  return {
    _id: `J${hex(0xb00000 + n)}`,
    fairId,
    employerId,
    employerName: employerId === OWN ? '清远市城市投资控股集团' : '清远市绿源农业科技有限公司',
    employerType: employerId === OWN ? 'state_owned' : 'private',
    title: `岗位${n}`,
    openings: 1,
    place: '清城区',
    countyCode: '441802',
    requirements: '本科及以上',
    salaryMinFen: 400_000,
    salaryMaxFen: 600_000,
    contactName: '人事部',
    contactPhone: '0763-3388123',
    createdAt: at,
    updatedAt: at,
  }
}

beforeAll(async () => {
  app = await startDemoCloud()
  const now = new Date()
  await insert(
    'employers',
    Array.from({ length: EMPLOYERS }, (_, i) => ({
      _id: `e_scale_${String(i).padStart(3, '0')}`,
      // Names repeat in pairs (same name, different id): the order's tie rule on _id shows.
      name: `清远测试用人单位${String(Math.floor(i / 2)).padStart(3, '0')}`,
      type: TYPES[i % 3],
      countyCode: '441802',
      status: 'active',
      createdAt: now,
    })),
  )
  const fairs = Array.from({ length: FAIRS }, (_, i) => ({
    _id: fairIdOf(i),
    title: `对接会${i}`,
    date: dateOf(i),
    startTime: '09:00',
    endTime: '12:00',
    venue: '清远市青少年宫',
    address: '清城区北江一路 8 号',
    location: null,
    signupOpensAt: new Date(Date.now() - 30 * 86400_000),
    signupClosesAt: new Date(Date.now() + 5 * 86400_000),
    startsAt: new Date(Date.now() + 7 * 86400_000),
    capacity: 50,
    confirmedCount: 0,
    waitlist: [],
    termEndsWithinDays: 180,
    allowRuralYouth: false,
    maxPositions: 2,
    employerIds: [OWN, OTHER],
    description: '',
    status: 'published',
    createdBy: 'u_city',
    createdAt: now,
    updatedAt: now,
  }))
  // Not ours to see: a draft, a cancelled fair, and one we are not invited to.
  const hidden = [
    { ...fairs[0], _id: fairIdOf(900), status: 'draft' },
    { ...fairs[0], _id: fairIdOf(901), status: 'cancelled' },
    { ...fairs[0], _id: fairIdOf(902), employerIds: [OTHER] },
  ]
  await insert('fairs', [...fairs, ...hidden])
  let n = 0
  const positions = [
    ...Array.from({ length: AT_NEWEST }, () => position(n++, fairIdOf(0), OWN)),
    ...Array.from({ length: 5 }, () => position(n++, fairIdOf(0), OTHER)),
    ...Array.from({ length: FAIRS - 1 }, (_, i) => position(n++, fairIdOf(i + 1), OWN)),
  ]
  await insert('fair_positions', positions)
}, 90_000)
afterAll(() => app.close())

describe('fair.employers', () => {
  test(`the city pages through all ${EMPLOYERS + 3} active employers in name order (ties on id), each once, with the true total on every page`, async () => {
    const seen: { id: string; name: string }[] = []
    for (let page = 1; ; page++) {
      const res = ok(await app.call(CITY, 'fair.employers', { page, pageSize: 50 }))
      expect(res.total).toBe(EMPLOYERS + 3)
      seen.push(...res.items)
      if (res.items.length < 50) break
    }
    expect(seen).toHaveLength(EMPLOYERS + 3)
    expect(new Set(seen.map((e) => e.id)).size).toBe(EMPLOYERS + 3)
    const sorted = [...seen].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1))
    expect(seen.map((e) => e.id)).toEqual(sorted.map((e) => e.id))
  })

  test('a keyword finds employers by a part of the name (regex characters taken literally); a type narrows them; both keep the true total', async () => {
    const found = ok(await app.call(CITY, 'fair.employers', { keyword: '单位01', pageSize: 5 }))
    // 单位010 … 单位019, two employers each.
    expect(found.total).toBe(20)
    expect(found.items).toHaveLength(5)
    expect(found.items.every((e) => e.name.includes('单位01'))).toBe(true)
    const second = ok(await app.call(CITY, 'fair.employers', { keyword: '单位01', pageSize: 5, page: 2 }))
    expect(second.items.map((e) => e.id).some((id) => found.items.some((e) => e.id === id))).toBe(false)
    expect(ok(await app.call(CITY, 'fair.employers', { keyword: '城市投资' })).items.map((e) => e.id)).toEqual([OWN])
    expect(ok(await app.call(CITY, 'fair.employers', { keyword: '.*' })).total).toBe(0)
    const social = ok(await app.call(CITY, 'fair.employers', { type: 'social', keyword: '测试', pageSize: 50 }))
    // Every third one (i % 3 === 2) of the 130.
    expect(social.total).toBe(43)
    expect(social.items.every((e) => e.type === 'social')).toBe(true)
  })

  test("an employer's staff see only their own organisation; bad paging or search is refused naming the field", async () => {
    const own = ok(await app.call(EMPLOYER, 'fair.employers', { pageSize: 50 }))
    expect(own).toEqual({ items: [expect.objectContaining({ id: OWN })], total: 1 })
    const big = await app.call(CITY, 'fair.employers', { pageSize: 51 })
    expect(big.ok).toBe(false)
    expect(JSON.stringify(big)).toContain('每页最多 50 条')
    const long = await app.call(CITY, 'fair.employers', { keyword: '单'.repeat(21) })
    expect(JSON.stringify(long)).toContain('单位名称最多 20 个字')
    const type = await app.call(CITY, 'fair.employers', { type: 'bank' as never })
    expect(JSON.stringify(type)).toContain('单位类型无效')
  })
})

describe('fair.myFairs', () => {
  test(`an employer pages through its ${FAIRS} invited fairs newest first (ties on id), with the true total, and our positions only at the fairs of each page`, async () => {
    const fairs: { id: string; date: string }[] = []
    let positions = 0
    for (let page = 1; ; page++) {
      const res = ok(await app.call(EMPLOYER, 'fair.myFairs', { page, pageSize: 20 }))
      expect(res.total).toBe(FAIRS)
      expect(res.employers.map((e) => e.id)).toEqual([OWN])
      const onPage = new Set(res.fairs.map((f) => f.id))
      expect(res.positions.every((p) => onPage.has(p.fairId) && p.employerId === OWN)).toBe(true)
      if (page === 1) {
        // The newest fair: our 105 positions (past the cap), not the other employer's 5; its view counts all 110.
        // (Fairs 0 and 1 share the newest date: the higher id comes first.)
        expect(res.fairs.slice(0, 2).map((f) => f.id)).toEqual([fairIdOf(1), fairIdOf(0)])
        expect(res.fairs[1]).toMatchObject({ positionCount: AT_NEWEST + 5 })
        expect(res.positions.filter((p) => p.fairId === fairIdOf(0))).toHaveLength(AT_NEWEST)
        // Latest listed first.
        const titles = res.positions.filter((p) => p.fairId === fairIdOf(0)).map((p) => p.title)
        expect(titles[0]).toBe(`岗位${AT_NEWEST - 1}`)
      }
      positions += res.positions.length
      fairs.push(...res.fairs.map((f) => ({ id: f.id, date: f.date })))
      if (res.fairs.length < 20) break
    }
    expect(fairs).toHaveLength(FAIRS)
    expect(new Set(fairs.map((f) => f.id)).size).toBe(FAIRS)
    for (let i = 1; i < fairs.length; i++) {
      const [a, b] = [fairs[i - 1], fairs[i]]
      expect(a.date > b.date || (a.date === b.date && a.id > b.id)).toBe(true)
    }
    expect(positions).toBe(AT_NEWEST + FAIRS - 1)
  })

  test('with a fair named: that fair and our positions at it; a fair we are not invited to (or a draft) is not there', async () => {
    const one = ok(await app.call(EMPLOYER, 'fair.myFairs', { fairId: fairIdOf(5) }))
    expect(one.total).toBe(1)
    expect(one.fairs.map((f) => f.id)).toEqual([fairIdOf(5)])
    expect(one.positions).toHaveLength(1)
    for (const hidden of [900, 901, 902]) {
      const none = ok(await app.call(EMPLOYER, 'fair.myFairs', { fairId: fairIdOf(hidden) }))
      expect(none).toMatchObject({ fairs: [], positions: [], total: 0 })
    }
    const bad = await app.call(EMPLOYER, 'fair.myFairs', { fairId: 'nope' })
    expect(JSON.stringify(bad)).toContain('对接会编号无效')
  })
})
