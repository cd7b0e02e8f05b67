// The caring-merchant alliance: merchants, perks, codes, scans, exactly-once redemption, records.
import ExcelJS from 'exceljs'
import { EJSON } from 'bson'
import { ok, startDemoCloud, TEST_FUNCTION_ENV, type AppCloud } from '../support/app'
import { volunteerForm } from '../support/people'
import { dbRoundTrips } from '../../localcloud/runtime/runtime'

let app: AppCloud
const VOLUNTEER = 'o_demo_volunteer' // 0★, 清城区
const MERCHANT = 'o_demo_merchant' // 连州菜馆（清城店）m_lianzhou_kitchen
const COUNTY = 'o_demo_county'
const CITY = 'o_demo_city'

/** Seals a code with the deployment's key (or another), as only the function should: for forgery tests. */
async function seal(claims: Record<string, unknown>, key = TEST_FUNCTION_ENV.XQ_TOKEN_KEY): Promise<string> {
  const previous = { ...process.env }
  Object.assign(process.env, TEST_FUNCTION_ENV, { XQ_TOKEN_KEY: key })
  try {
    // A fresh copy of the function's modules: its configuration is read once per instance.
    let sealed = ''
    await jest.isolateModulesAsync(async () => {
      const { sealPerkCode } = await import('../../cloudfunctions/_shared/perkcode')
      sealed = sealPerkCode(claims as never)
    })
    return sealed
  } finally {
    process.env = previous
  }
}

/** A perk of the demo merchant with the given limits, published by its staff. */
async function newPerk(limits: { perDay?: number; perMonth?: number; quota?: number; minStar?: number } = {}): Promise<string> {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
  const p = ok(
    await app.call(MERCHANT, 'perk.savePerk', {
      merchantId: 'm_lianzhou_kitchen',
      title: '测试优惠',
      description: '志愿者凭码享优惠',
      perDay: limits.perDay ?? 1,
      perMonth: limits.perMonth ?? 5,
      quota: limits.quota ?? 100,
      minStar: limits.minStar ?? 0,
      validFrom: today,
      validTo: '2099-12-31',
    }),
  )
  return p.id
}

beforeAll(async () => {
  app = await startDemoCloud()
})
afterAll(() => app.close())

describe('merchants and perks', () => {
  test('the county admin adds a merchant in their county and invites its staff; not in another county', async () => {
    const m = ok(
      await app.call(COUNTY, 'perk.saveMerchant', { name: '清城青年书店', category: '文化娱乐', countyCode: '441802', address: '凤城街道北门街 12 号', contactName: '赵店长', contactPhone: '13712345678' }),
    )
    expect(m).toMatchObject({ name: '清城青年书店', countyName: '清城区', contactPhoneMasked: '137****5678', status: 'active' })
    expect(JSON.stringify(ok(await app.call(COUNTY, 'perk.merchants', {})))).not.toContain('13712345678')
    // Editing without the phone keeps the number on file (the form only ever sees it masked); a new merchant needs one.
    const edited = ok(await app.call(COUNTY, 'perk.saveMerchant', { id: m.id, name: '清城青年书店', category: '文化娱乐', countyCode: '441802', address: '凤城街道北门街 14 号', contactName: '赵店长' }))
    expect(edited).toMatchObject({ address: '凤城街道北门街 14 号', contactPhoneMasked: '137****5678' })
    expect(await app.call(COUNTY, 'perk.saveMerchant', { name: '无电话商店', category: '购物', countyCode: '441802', address: '凤城街道', contactName: '钱店长' })).toMatchObject({ ok: false, error: { field: 'contactPhone' } })
    expect(await app.call(COUNTY, 'perk.saveMerchant', { name: '外县商店', category: '购物', countyCode: '441803', address: '太和镇', contactName: '钱店长', contactPhone: '13712345679' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    const inv = ok(await app.call(COUNTY, 'grants.createInvitation', { role: 'merchant', scopeId: m.id }))
    ok(await app.call('o_bookstore_staff', 'grants.redeemInvitation', { code: inv.code, name: '李受邀' }))
    const perk = ok(await app.call('o_bookstore_staff', 'perk.savePerk', { merchantId: m.id, title: '购书九折', description: '志愿者购书享九折', perDay: 1, perMonth: 2, quota: 50, validFrom: '2026-01-01', validTo: '2099-12-31' }))
    expect(perk).toMatchObject({ merchantName: '清城青年书店', status: 'active' })
    expect(await app.call('o_bookstore_staff', 'perk.savePerk', { merchantId: 'm_lianzhou_kitchen', title: '越权优惠', description: '不是本店的', perDay: 1, perMonth: 1, quota: 1, validFrom: '2026-01-01', validTo: '2099-12-31' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })

  test('a perk picture is taken from the uploader folder, and only if it is an image', async () => {
    const staff = [...app.cloud.store.get('users').docs.values()].find((u) => u.openid === MERCHANT)!._id as string
    const base = { merchantId: 'm_lianzhou_kitchen', title: '带图优惠', description: '志愿者凭码享优惠', perDay: 1, perMonth: 1, quota: 5, validFrom: '2026-01-01', validTo: '2099-12-31' }
    const text = app.cloud.storage.put(`uploads/${staff}/menu.png`, Buffer.from('plain text, not a picture'))
    const before = app.dump()
    expect(await app.call(MERCHANT, 'perk.savePerk', { ...base, pictureFileId: text })).toMatchObject({ ok: false, error: { field: 'pictureFileId' } })
    const elsewhere = app.cloud.storage.put('uploads/someone-else/a.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))
    expect(await app.call(MERCHANT, 'perk.savePerk', { ...base, pictureFileId: elsewhere })).toMatchObject({ ok: false, error: { field: 'pictureFileId' } })
    expect(app.dump()).toBe(before)
    const png = app.cloud.storage.put(`uploads/${staff}/dish.png`, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]))
    const p = ok(await app.call(MERCHANT, 'perk.savePerk', { ...base, pictureFileId: png }))
    expect(p.pictureUrl).toContain(`/cos/perks/${p.id}-`)
    expect(app.cloud.storage.exists(`uploads/${staff}/dish.png`)).toBe(false)
    // Saving again without a new picture keeps it.
    const again = ok(await app.call(MERCHANT, 'perk.savePerk', { ...base, id: p.id, title: '带图优惠（改）' }))
    expect(again.pictureUrl).toContain(`/cos/perks/${p.id}-`)
  })

  test('bad perk input is refused naming the field', async () => {
    const base = { merchantId: 'm_lianzhou_kitchen', title: '测试', description: '测试内容', perDay: 1, perMonth: 1, quota: 1, validFrom: '2026-01-01', validTo: '2099-12-31' }
    expect(await app.call(MERCHANT, 'perk.savePerk', { ...base, validTo: '2025-01-01' })).toMatchObject({ ok: false, error: { field: 'validTo' } })
    expect(await app.call(MERCHANT, 'perk.savePerk', { ...base, perDay: 3, perMonth: 2 })).toMatchObject({ ok: false, error: { field: 'perMonth' } })
    expect(await app.call(MERCHANT, 'perk.savePerk', { ...base, minStar: 6 })).toMatchObject({ ok: false, error: { field: 'minStar' } })
  })

  test('volunteers browse perks nearest first, and see why one is not for them', async () => {
    const list = ok(await app.call(VOLUNTEER, 'perk.browse', { near: { lat: 23.699, lng: 113.052 } }))
    expect(list.items[0].merchantName).toBe('连州菜馆（清城店）')
    const cinema = list.items.find((p) => p.id === 'p_cinema_free')!
    expect(cinema).toMatchObject({ eligible: false, reason: expect.stringContaining('需要 2 星及以上志愿者') })
    expect(await app.call(VOLUNTEER, 'perk.code', { perkId: 'p_cinema_free' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('2 星') } })
    expect(ok(await app.call(VOLUNTEER, 'perk.browse', { category: '购物' })).items.every((p) => p.category === '购物')).toBe(true)
  })
})

describe('codes, scans and redemption', () => {
  test('a code verified and confirmed is recorded once (3 round trips to verify, 4 to confirm); a second confirmation is refused', async () => {
    const perkId = await newPerk({ perDay: 5, perMonth: 10 })
    const code = ok(await app.call(VOLUNTEER, 'perk.code', { perkId }))
    expect(code).toMatchObject({ volunteerName: '林*雨', star: 0, perkTitle: '测试优惠' })
    expect(code.token).toMatch(/^P1\./)
    expect(code.token).not.toContain(VOLUNTEER)

    const verified = await app.cloud.invoke('perk', { action: 'verify', input: { token: code.token } }, { openid: MERCHANT, source: 'wx_client' })
    expect(verified.ok && verified.result).toMatchObject({ ok: true, data: { valid: true, perkTitle: '测试优惠', volunteerName: '林*雨' } })
    expect(dbRoundTrips(verified.record)).toBeLessThanOrEqual(3)
    app.cloud.outbox.length = 0
    app.acceptNotices(VOLUNTEER)
    const confirmed = await app.cloud.invoke('perk', { action: 'confirm', input: { token: code.token } }, { openid: MERCHANT, source: 'wx_client' })
    expect(confirmed.ok && confirmed.result).toMatchObject({ ok: true, data: { perkTitle: '测试优惠', volunteerName: '林*雨' } })
    // The redemption in 3; the fourth is the volunteer's receipt in 消息 (issue 20).
    expect(dbRoundTrips(confirmed.record)).toBeLessThanOrEqual(4)
    expect(app.cloud.outbox.map((m) => m.touser)).toEqual([VOLUNTEER])

    const before = app.dump()
    expect(await app.call(MERCHANT, 'perk.confirm', { token: code.token })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该优惠码已使用，不能重复核销' } })
    expect(app.dump()).toBe(before)
    expect(ok(await app.call(MERCHANT, 'perk.verify', { token: code.token }))).toMatchObject({ valid: false, reason: '该优惠码已使用，不能重复核销' })
    const mine = ok(await app.call(VOLUNTEER, 'perk.myRedemptions', {}))
    expect(mine.items[0]).toMatchObject({ perkId, perkTitle: '测试优惠', merchantName: '连州菜馆（清城店）' })
    const today = ok(await app.call(MERCHANT, 'perk.merchantRedemptions', {}))
    expect(today.items.some((r) => r.id === confirmed.record.id || r.perkTitle === '测试优惠')).toBe(true)
  })

  test('forged, edited, expired codes and codes of another merchant are refused, and change nothing', async () => {
    const perkId = await newPerk({ perDay: 5 })
    const genuine = ok(await app.call(VOLUNTEER, 'perk.code', { perkId }))
    const claims = { u: 'u1', o: VOLUNTEER, p: perkId, t: '测试优惠', b: 'm_lianzhou_kitchen', e: Math.floor(Date.now() / 1000) + 60, n: 'nonce-forged-1', s: 5, c: '441802', m: '林*雨' }
    const edited = `${genuine.token.slice(0, -4)}${genuine.token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`
    const otherKey = await seal(claims, Buffer.alloc(32, 3).toString('base64'))
    const expired = await seal({ ...claims, n: 'nonce-expired', e: Math.floor(Date.now() / 1000) - 5 })
    const cinema = ok(await app.call('o_demo_county', 'account.me', {})) && (await seal({ ...claims, n: 'nonce-cinema', p: 'p_tea_gift', b: 'm_yingde_tea' }))
    const before = app.dump()
    for (const [token, message] of [
      [edited, '优惠码无效'],
      [otherKey, '优惠码无效'],
      [expired, '优惠码已过期'],
      ['P1.not-a-real-code-at-all-xxxxxxxxxxxxx', '优惠码无效'],
    ] as const) {
      expect(await app.call(MERCHANT, 'perk.confirm', { token })).toMatchObject({ ok: false, error: { message: expect.stringContaining(message) } })
      expect(await app.call(MERCHANT, 'perk.verify', { token })).toMatchObject({ ok: false, error: { message: expect.stringContaining(message) } })
    }
    expect(await app.call(MERCHANT, 'perk.verify', { token: cinema })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('不是本店的优惠') } })
    expect(await app.call(MERCHANT, 'perk.confirm', { token: cinema })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await app.call(VOLUNTEER, 'perk.confirm', { token: genuine.token })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(app.dump()).toBe(before)
  })

  test('the daily limit counts in Shanghai days; the quota is never exceeded', async () => {
    const perkId = await newPerk({ perDay: 1, perMonth: 5, quota: 2 })
    const first = ok(await app.call(VOLUNTEER, 'perk.code', { perkId }))
    ok(await app.call(MERCHANT, 'perk.confirm', { token: first.token }))
    expect(await app.call(VOLUNTEER, 'perk.code', { perkId })).toMatchObject({ ok: false, error: { message: expect.stringContaining('每日限 1 次') } })
    // A code made before the limit was reached is refused at the counter too.
    const forged = await seal({ u: [...app.cloud.store.get('users').docs.values()].find((u) => u.openid === VOLUNTEER)!._id, o: VOLUNTEER, p: perkId, t: '测试优惠', b: 'm_lianzhou_kitchen', e: Math.floor(Date.now() / 1000) + 60, n: 'nonce-second-today', s: 0, c: '441802', m: '林*雨' })
    expect(await app.call(MERCHANT, 'perk.confirm', { token: forged })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('每日限 1 次') } })
    // The quota: two volunteers redeem, a third is refused.
    for (const who of ['o_perk_second', 'o_perk_third']) {
      const reg = ok(await app.call(who, 'registration.submitVolunteer', volunteerForm()))
      ok(await app.call(COUNTY, 'registration.review', { ids: [reg.id], decision: 'approve' }))
    }
    ok(await app.call(MERCHANT, 'perk.confirm', { token: ok(await app.call('o_perk_second', 'perk.code', { perkId })).token }))
    expect(await app.call('o_perk_third', 'perk.code', { perkId })).toMatchObject({ ok: false, error: { message: '优惠名额已用完' } })
    const perkDoc = app.cloud.store.get('perks').docs.get(perkId)!
    expect(perkDoc.redeemed).toBe(2)
  })

  test('probe finding 12: spent day and month counters are removed by the nightly timer; today\'s stay and still limit', async () => {
    const perkId = await newPerk({ perDay: 1, perMonth: 5 })
    ok(await app.call(MERCHANT, 'perk.confirm', { token: ok(await app.call(VOLUNTEER, 'perk.code', { perkId })).token }))
    const userId = [...app.cloud.store.get('users').docs.values()].find((u) => u.openid === VOLUNTEER)!._id as string
    const current = app.cloud.store.get('perks').docs.get(perkId)!.usage as Record<string, Record<string, number>>
    expect(Object.keys(current[userId]).sort()).toHaveLength(2)
    // What months of use leave behind: counters of past days and months, and a volunteer with nothing current.
    await app.cloud.db.handle('database.modifyDocument', {
      collectionName: 'perks',
      queryType: 'DOC',
      query: JSON.stringify({ _id: perkId }),
      data: JSON.stringify({ $set: { [`usage.${userId}.d20250101`]: 1, [`usage.${userId}.m202501`]: 3, 'usage.gone_user.d20250102': 1, 'usage.gone_user.m202501': 1 } }),
      merge: true,
    })
    // More perks than one read returns, each with a spent counter: every one is cleaned.
    const template = app.cloud.store.get('perks').docs.get(perkId)!
    const many = Array.from({ length: 130 }, (_, i) => EJSON.stringify({ ...template, _id: `zz_prune_${String(i).padStart(3, '0')}`, status: 'paused', usage: { someone: { d20250303: 1 } } }, { relaxed: false }))
    await app.cloud.db.handle('database.insertDocument', { collectionName: 'perks', data: many })
    const fired = await app.cloud.fireTimer('perk', 'pruneUsage')
    expect(fired.ok && fired.result).toMatchObject({ ok: true, data: { perks: 131, keys: 134 } })
    const usage = app.cloud.store.get('perks').docs.get(perkId)!.usage as Record<string, Record<string, number>>
    expect(usage).toEqual({ [userId]: current[userId] })
    expect([...app.cloud.store.get('perks').docs.values()].filter((p) => String(p._id).startsWith('zz_prune_') && Object.keys(p.usage as object).length > 0)).toEqual([])
    // Today's limit still holds after the clean-up.
    expect(await app.call(VOLUNTEER, 'perk.code', { perkId })).toMatchObject({ ok: false, error: { message: expect.stringContaining('每日限 1 次') } })
    // Nobody else can run the timer's work.
    expect(await app.raw(VOLUNTEER, 'perk', { Type: 'Timer', TriggerName: 'pruneUsage' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  test('200 concurrent confirmations of one code record one redemption; concurrent redemptions near the quota never exceed it', async () => {
    const perkId = await newPerk({ perDay: 3, perMonth: 10, quota: 5 })
    const code = ok(await app.call(VOLUNTEER, 'perk.code', { perkId }))
    const results = await Promise.all(Array.from({ length: 200 }, () => app.call(MERCHANT, 'perk.confirm', { token: code.token })))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect([...app.cloud.store.get('redemptions').docs.values()].filter((r) => r.perkId === perkId)).toHaveLength(1)
    expect(app.cloud.store.get('perks').docs.get(perkId)!.redeemed).toBe(1)

    // Eight volunteers, quota 5 (one already used): four more may redeem, never more.
    const openids = Array.from({ length: 8 }, (_, i) => `o_perk_rush_${i}`)
    for (const who of openids) {
      const reg = ok(await app.call(who, 'registration.submitVolunteer', volunteerForm()))
      ok(await app.call(COUNTY, 'registration.review', { ids: [reg.id], decision: 'approve' }))
    }
    const tokens = await Promise.all(openids.map(async (who) => ok(await app.call(who, 'perk.code', { perkId })).token))
    const rush = await Promise.all(tokens.map((token) => app.call(MERCHANT, 'perk.confirm', { token })))
    expect(rush.filter((r) => r.ok)).toHaveLength(4)
    expect(app.cloud.store.get('perks').docs.get(perkId)!.redeemed).toBe(5)
    expect([...app.cloud.store.get('redemptions').docs.values()].filter((r) => r.perkId === perkId)).toHaveLength(5)
  })

  test('a suspended merchant’s perks stop at once and come back when it resumes', async () => {
    const perkId = await newPerk({ perDay: 5 })
    const code = ok(await app.call(VOLUNTEER, 'perk.code', { perkId }))
    ok(await app.call(CITY, 'perk.setMerchantStatus', { id: 'm_lianzhou_kitchen', status: 'suspended', reason: '投诉核查' }))
    expect(await app.call(MERCHANT, 'perk.confirm', { token: code.token })).toMatchObject({ ok: false, error: { message: expect.stringContaining('暂停') } })
    ok(await app.call(CITY, 'perk.setMerchantStatus', { id: 'm_lianzhou_kitchen', status: 'active', reason: '核查完毕' }))
    ok(await app.call(MERCHANT, 'perk.confirm', { token: code.token }))
    // The shop's staff were told both times, with the reason, in 消息.
    const told = ok(await app.call(MERCHANT, 'account.messages', {})).items.filter((m) => m.title.includes('爱心商家：'))
    expect(told.slice(0, 2).map((m) => [m.tag, m.text])).toEqual([
      ['恢复参与', '核查完毕'],
      ['暂停参与', '投诉核查'],
    ])
  })

  test('a suspended merchant cannot set its paused perk going again, nor have its codes shown, scanned or confirmed; refused calls change nothing; resuming restores each perk as it was (issue #14)', async () => {
    const paused = await newPerk({ perDay: 5 })
    const running = await newPerk({ perDay: 5 })
    ok(await app.call(MERCHANT, 'perk.setPerkStatus', { id: paused, status: 'paused' }))
    const shownBefore = ok(await app.call(VOLUNTEER, 'perk.code', { perkId: running }))
    ok(await app.call(COUNTY, 'perk.setMerchantStatus', { id: 'm_lianzhou_kitchen', status: 'suspended', reason: '投诉核查' }))
    // Paused ones are suspended too: the merchant's staff can set none of them going.
    expect(ok(await app.call(MERCHANT, 'perk.managePerks', { merchantId: 'm_lianzhou_kitchen' })).items.filter((p) => p.id === paused || p.id === running).map((p) => p.status)).toEqual(['suspended', 'suspended'])

    const before = app.dump()
    // The probe's steps: the paused perk set active again (or saved), then a code shown, scanned and confirmed.
    expect(await app.call(MERCHANT, 'perk.setPerkStatus', { id: paused, status: 'active' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'status', message: '商家已暂停参与，恢复商家后优惠才能恢复' } })
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    const again = { id: paused, merchantId: 'm_lianzhou_kitchen', title: '测试优惠', description: '志愿者凭码享优惠', perDay: 5, perMonth: 5, quota: 100, validFrom: today, validTo: '2099-12-31' }
    expect(await app.call(MERCHANT, 'perk.savePerk', again)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该商家已暂停参与，不能发布优惠' } })
    expect(await app.call(MERCHANT, 'perk.savePerk', { ...again, id: undefined })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该商家已暂停参与，不能发布优惠' } })
    for (const perkId of [paused, running]) {
      expect(await app.call(VOLUNTEER, 'perk.code', { perkId })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该商家暂停参与，优惠暂不可用' } })
      expect(ok(await app.call(VOLUNTEER, 'perk.detail', { id: perkId }))).toMatchObject({ eligible: false, reason: '该商家暂停参与，优惠暂不可用' })
    }
    expect(ok(await app.call(MERCHANT, 'perk.verify', { token: shownBefore.token }))).toMatchObject({ valid: false, reason: '该商家暂停参与，优惠暂不可用' })
    expect(await app.call(MERCHANT, 'perk.confirm', { token: shownBefore.token })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该商家暂停参与，优惠暂不可用' } })
    expect(ok(await app.call(VOLUNTEER, 'perk.browse', {})).items.some((p) => p.merchantId === 'm_lianzhou_kitchen')).toBe(false)
    expect(app.dump()).toBe(before)

    // A perk left active under a suspended merchant (as the earlier version allowed) is not offered, shown or scanned either.
    await app.cloud.db.handle('database.modifyDocument', { collectionName: 'perks', queryType: 'DOC', query: JSON.stringify({ _id: running }), data: JSON.stringify({ $set: { status: 'active' }, $unset: { suspendedFrom: '' } }), merge: true })
    const leftActive = app.dump()
    expect(await app.call(VOLUNTEER, 'perk.code', { perkId: running })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该商家暂停参与，优惠暂不可用' } })
    expect(ok(await app.call(VOLUNTEER, 'perk.detail', { id: running }))).toMatchObject({ eligible: false, reason: '该商家暂停参与，优惠暂不可用' })
    expect(ok(await app.call(MERCHANT, 'perk.verify', { token: shownBefore.token }))).toMatchObject({ valid: false, reason: '该商家暂停参与，优惠暂不可用' })
    expect(ok(await app.call(VOLUNTEER, 'perk.browse', {})).items.some((p) => p.id === running)).toBe(false)
    expect(await app.call(MERCHANT, 'perk.setPerkStatus', { id: paused, status: 'active' })).toMatchObject({ ok: false, error: { field: 'status' } })
    expect(app.dump()).toBe(leftActive)
    await app.cloud.db.handle('database.modifyDocument', { collectionName: 'perks', queryType: 'DOC', query: JSON.stringify({ _id: running }), data: JSON.stringify({ $set: { status: 'suspended', suspendedFrom: 'active' } }), merge: true })

    // Resuming the merchant brings each back as it was: the running one active, the paused one paused.
    ok(await app.call(COUNTY, 'perk.setMerchantStatus', { id: 'm_lianzhou_kitchen', status: 'active', reason: '核查完毕' }))
    const after = ok(await app.call(MERCHANT, 'perk.managePerks', { merchantId: 'm_lianzhou_kitchen' })).items
    expect([after.find((p) => p.id === paused)!.status, after.find((p) => p.id === running)!.status]).toEqual(['paused', 'active'])
    expect(app.cloud.store.get('perks').docs.get(paused)).not.toHaveProperty('suspendedFrom')
    ok(await app.call(MERCHANT, 'perk.confirm', { token: ok(await app.call(VOLUNTEER, 'perk.code', { perkId: running })).token }))
    ok(await app.call(MERCHANT, 'perk.setPerkStatus', { id: paused, status: 'active' }))
  })
})

describe('issue 19: codes that live long enough, search, reads past 100', () => {
  test('defect 7: a code on the phone is replaced while it still has 30 s left; the merchant\'s scan says how long it has by the server\'s clock', async () => {
    const perkId = await newPerk({ perDay: 5, perMonth: 10 })
    const asked = Date.now()
    const code = ok(await app.call(VOLUNTEER, 'perk.code', { perkId }))
    const life = Date.parse(code.expiresAt) - asked
    expect(life).toBeGreaterThan(55_000)
    // The phone shows it for refreshInSeconds, then shows a new one: whatever gets scanned has ≥ 30 s left.
    expect(life - code.refreshInSeconds * 1000).toBeGreaterThanOrEqual(29_000)
    expect(code.refreshInSeconds).toBeGreaterThanOrEqual(20)
    const scanned = ok(await app.call(MERCHANT, 'perk.verify', { token: code.token }))
    expect(scanned.valid).toBe(true)
    expect(scanned.secondsLeft).toBeGreaterThan(50)
    expect(scanned.secondsLeft).toBeLessThanOrEqual(60)
    expect(Math.abs(Date.now() + scanned.secondsLeft * 1000 - Date.parse(scanned.expiresAt))).toBeLessThan(3000)
    // Once it has expired the merchant's check and confirmation both refuse it, naming why.
    const userId = [...app.cloud.store.get('users').docs.values()].find((u) => u.openid === VOLUNTEER)!._id
    const dead = await seal({ u: userId, o: VOLUNTEER, p: perkId, t: '测试优惠', b: 'm_lianzhou_kitchen', e: Math.floor(Date.now() / 1000) - 1, n: 'nonce-just-expired', s: 0, c: '441802', m: '林*雨' })
    const before = app.dump()
    expect(await app.call(MERCHANT, 'perk.verify', { token: dead })).toMatchObject({ ok: false, error: { field: 'token', message: expect.stringContaining('优惠码已过期') } })
    expect(await app.call(MERCHANT, 'perk.confirm', { token: dead })).toMatchObject({ ok: false, error: { field: 'token', message: expect.stringContaining('优惠码已过期') } })
    expect(app.dump()).toBe(before)
  })

  test('a code of a volunteer whose term ended carries its grace: checked and confirmed the day after the grace, it is refused naming the end date, counting nothing; within it, it passes', async () => {
    const perkId = await newPerk({ perDay: 5, perMonth: 10 })
    const userId = [...app.cloud.store.get('users').docs.values()].find((u) => u.openid === VOLUNTEER)!._id
    const day = (offset: number) => new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10)
    const claims = { u: userId, o: VOLUNTEER, p: perkId, t: '测试优惠', b: 'm_lianzhou_kitchen', e: Math.floor(Date.now() / 1000) + 60, s: 0, c: '441802', m: '林*雨' }
    // Shown on the grace's last day (yesterday), scanned today.
    const late = await seal({ ...claims, n: 'nonce-after-grace', x: day(-31), g: day(-1) })
    const stopped = `该志愿者的服务期已于 ${day(-31)} 期满，宽限期至 ${day(-1)} 已过，不能再使用商家优惠`
    const before = app.dump()
    expect(ok(await app.call(MERCHANT, 'perk.verify', { token: late }))).toMatchObject({ valid: false, reason: stopped })
    expect(await app.call(MERCHANT, 'perk.confirm', { token: late })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: stopped } })
    expect(app.dump()).toBe(before)
    // Today the grace's last day: it passes and is counted.
    const inGrace = await seal({ ...claims, n: 'nonce-in-grace', x: day(-30), g: day(0) })
    expect(ok(await app.call(MERCHANT, 'perk.verify', { token: inGrace }))).toMatchObject({ valid: true, reason: '' })
    ok(await app.call(MERCHANT, 'perk.confirm', { token: inGrace }))
  })

  test('volunteers search the perk list by merchant name or perk title; the text is taken literally', async () => {
    const byMerchant = ok(await app.call(VOLUNTEER, 'perk.browse', { keyword: '连州菜馆' }))
    expect(byMerchant.total).toBeGreaterThan(0)
    expect(byMerchant.items.every((p) => p.merchantName.includes('连州菜馆'))).toBe(true)
    const byTitle = ok(await app.call(VOLUNTEER, 'perk.browse', { keyword: '测试优惠' }))
    expect(byTitle.total).toBeGreaterThan(0)
    expect(byTitle.items.every((p) => p.title.includes('测试优惠'))).toBe(true)
    expect(ok(await app.call(VOLUNTEER, 'perk.browse', { keyword: '没有这样的商家' }))).toMatchObject({ items: [], total: 0 })
    expect(ok(await app.call(VOLUNTEER, 'perk.browse', { keyword: '.*' })).total).toBe(0)
    // With a category too; an empty keyword is no filter.
    expect(ok(await app.call(VOLUNTEER, 'perk.browse', { keyword: '连州菜馆', category: '购物' })).total).toBe(0)
    expect(ok(await app.call(VOLUNTEER, 'perk.browse', { keyword: '  ' })).total).toBe(ok(await app.call(VOLUNTEER, 'perk.browse', {})).total)
    expect(await app.call(VOLUNTEER, 'perk.browse', { keyword: '很'.repeat(21) })).toMatchObject({ ok: false, error: { field: 'keyword', message: expect.stringContaining('搜索内容') } })
  })

  test('the perk list reads every active perk, not the first 100 of them', async () => {
    const template = app.cloud.store.get('perks').docs.get(await newPerk())!
    const many = Array.from({ length: 130 }, (_, i) =>
      EJSON.stringify({ ...template, _id: `zz_many_${String(i).padStart(3, '0')}`, title: `百家优惠${i}`, usage: {}, recentCodes: [], updatedAt: new Date(Date.now() - i * 1000) }, { relaxed: false }),
    )
    await app.cloud.db.handle('database.insertDocument', { collectionName: 'perks', data: many })
    try {
      const first = ok(await app.call(VOLUNTEER, 'perk.browse', { keyword: '百家优惠', pageSize: 50 }))
      expect(first.total).toBe(130)
      const last = ok(await app.call(VOLUNTEER, 'perk.browse', { keyword: '百家优惠', pageSize: 50, page: 3 }))
      expect(last.items).toHaveLength(30)
      const all = ok(await app.call(VOLUNTEER, 'perk.browse', { pageSize: 50 }))
      expect(all.total).toBeGreaterThan(130)
    } finally {
      await app.cloud.db.handle('database.removeDocument', { collectionName: 'perks', queryType: 'WHERE', query: JSON.stringify({ title: { $regex: '^百家优惠' } }), multi: true })
    }
  })
})

describe('totals', () => {
  test('admins see totals per merchant, perk and county, and export them', async () => {
    const totals = ok(await app.call(CITY, 'perk.totals', {}))
    expect(totals.total).toBeGreaterThan(0)
    expect(totals.byMerchant[0]).toMatchObject({ merchantName: '连州菜馆（清城店）' })
    expect(totals.byCounty).toEqual([{ countyCode: '441802', countyName: '清城区', count: totals.total }])
    expect(await app.call(COUNTY, 'perk.totals', { countyCode: '441881' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const file = ok(await app.call(COUNTY, 'perk.exportTotals', {}))
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(await (await fetch(file.fileUrl)).arrayBuffer())
    expect(book.worksheets.map((w) => w.name)).toEqual(['按商家', '按优惠', '按县（市、区）', '核销明细'])
  })

  test('issue 17: the figures are one aggregation (the city\'s: no merchant read first; a county\'s: its merchants, then one), and agree with the merchant and perk lists', async () => {
    const asked = async (openid: string, input: Record<string, unknown>) => {
      const outcome = await app.cloud.invoke('perk', { action: 'totals', input }, { openid, source: 'wx_client' })
      if (!outcome.ok) throw new Error(outcome.errMsg)
      const requests = outcome.record.dbRequests.filter((r) => r.action.startsWith('database.') && r.collection !== 'users')
      return { totals: ok(outcome.result as never) as { total: number; byMerchant: { count: number }[]; byPerk: { count: number }[]; byCounty: { count: number }[] }, requests: requests.map((r) => `${r.action} ${r.collection}`) }
    }
    const city = await asked(CITY, {})
    expect(city.requests).toEqual(['database.aggregateDocuments redemptions'])
    const county = await asked(COUNTY, {})
    expect(county.requests).toEqual(['database.getDocument merchants', 'database.aggregateDocuments redemptions'])
    const redeemed = app.cloud.store.get('redemptions').docs.size
    for (const { totals } of [city, county]) {
      expect(totals.total).toBe(redeemed)
      for (const list of [totals.byMerchant, totals.byPerk, totals.byCounty]) expect(list.reduce((n, r) => n + r.count, 0)).toBe(totals.total)
    }
    // A range the date index serves for the city: none before the first redemption.
    expect((await asked(CITY, { to: '2000-01-01' })).totals).toEqual({ byMerchant: [], byPerk: [], byCounty: [], total: 0 })
  })

  test('issue 19: the export is named for its place and period and lists every redemption behind the figures', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    const totals = ok(await app.call(COUNTY, 'perk.totals', { from: '2026-01-01', to: today }))
    const file = ok(await app.call(COUNTY, 'perk.exportTotals', { from: '2026-01-01', to: today }))
    expect(file.fileName).toBe(`爱心商家优惠核销-清城区-2026-01-01至${today}.xlsx`)
    expect(ok(await app.call(CITY, 'perk.exportTotals', {})).fileName).toBe(`爱心商家优惠核销-全市-截至${today}.xlsx`)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(await (await fetch(file.fileUrl)).arrayBuffer())
    const detail = book.getWorksheet('核销明细')!
    expect(detail.getRow(1).values).toEqual([undefined, '核销时间', '县（市、区）', '商家', '优惠', '志愿者', '星级'])
    expect(detail.rowCount - 1).toBe(totals.total)
    expect(file.rows).toBe(totals.total)
    const rows = (detail.getSheetValues().slice(2) as unknown[][]).map((r) => r.slice(1))
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(String(r[0])) && r[1] === '清城区')).toBe(true)
    // The volunteer's name as the merchant saw it, masked.
    expect(rows.some((r) => r[2] === '连州菜馆（清城店）' && r[4] === '林*雨')).toBe(true)
    // Per merchant, the detail adds up to the figure.
    for (const m of totals.byMerchant) expect(rows.filter((r) => r[2] === m.merchantName)).toHaveLength(m.count)
  })
})
