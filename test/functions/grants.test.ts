// Invitations and role grants, through the local cloud.
import { EJSON } from 'bson'
import { ok, startDemoCloud, type AppCloud } from '../support/app'
import { decodeQrPng } from '../support/qr'

let app: AppCloud
const COUNTY = 'o_demo_county' // 清城区 (441802)
const CITY = 'o_demo_city'

beforeAll(async () => {
  app = await startDemoCloud()
})
afterAll(() => app.close())

test('a county admin invites township staff of their county; the invitee redeems it once', async () => {
  const inv = ok(await app.call(COUNTY, 'grants.createInvitation', { role: 'township_staff', scopeId: '441802007', expiresInDays: 3, note: '东城街道团委干事' }))
  expect(inv).toMatchObject({ role: 'township_staff', scopeName: '东城街道', status: 'open', scene: `inv=${inv.code}` })
  expect(inv.code).toMatch(/^[2-9A-HJ-NP-Z]{10}$/)
  expect(inv.scene.length).toBeLessThanOrEqual(32)

  const preview = ok(await app.call('o_invitee', 'grants.previewInvitation', { code: inv.code.toLowerCase() }))
  expect(preview).toMatchObject({ role: 'township_staff', scopeName: '东城街道', usable: true, problem: '' })

  const redeemed = ok(await app.call('o_invitee', 'grants.redeemInvitation', { code: inv.code, name: '李受邀' }))
  expect(redeemed.grant).toEqual({ role: 'township_staff', scopeType: 'township', scopeId: '441802007', scopeName: '东城街道' })
  expect(ok(await app.call('o_invitee', 'account.me', {})).roles).toEqual([redeemed.grant])

  const again = await app.call('o_someone_else', 'grants.redeemInvitation', { code: inv.code, name: '李受邀' })
  expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该邀请已被使用' } })
  expect(ok(await app.call('o_someone_else', 'account.me', {})).roles).toEqual([])
  expect([...app.cloud.store.get('audit').docs.values()].filter((a) => a.action === 'role.grant' && a.targetId)).not.toHaveLength(0)
})

test('an invitation redeemed by many at the same moment grants exactly one role', async () => {
  const inv = ok(await app.call(CITY, 'grants.createInvitation', { role: 'county_admin', scopeId: '441881' }))
  const results = await Promise.all(Array.from({ length: 8 }, (_, i) => app.call(`o_rush_${i}`, 'grants.redeemInvitation', { code: inv.code, name: '李受邀' })))
  expect(results.filter((r) => r.ok)).toHaveLength(1)
  const holders = [...app.cloud.store.get('users').docs.values()].filter((u) => (u.roles as { role: string; scopeId: string }[]).some((g) => g.role === 'county_admin' && g.scopeId === '441881'))
  expect(holders).toHaveLength(1)
})

test('expired, revoked and forged invitations are refused', async () => {
  const inv = ok(await app.call(COUNTY, 'grants.createInvitation', { role: 'township_staff', scopeId: '441802008', expiresInDays: 1 }))
  ok(await app.call(COUNTY, 'grants.revokeInvitation', { code: inv.code }))
  expect(await app.call('o_late', 'grants.redeemInvitation', { code: inv.code, name: '李受邀' })).toMatchObject({ ok: false, error: { message: '该邀请已被作废' } })
  expect(await app.call('o_late', 'grants.redeemInvitation', { code: 'ABCDEFGHJK', name: '李受邀' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('邀请码不存在') } })
  expect(await app.call('o_late', 'grants.redeemInvitation', { code: 'short', name: '李受邀' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'code' } })
  // Expiry: age an invitation past its date.
  const old = ok(await app.call(COUNTY, 'grants.createInvitation', { role: 'township_staff', scopeId: '441802009', expiresInDays: 1 }))
  await app.cloud.db.handle('database.modifyDocument', {
    collectionName: 'invitations',
    queryType: 'DOC',
    query: JSON.stringify({ _id: old.code }),
    data: JSON.stringify({ $set: { expiresAt: { $date: '2020-01-01T00:00:00Z' } } }),
    merge: true,
  })
  expect(await app.call('o_late', 'grants.redeemInvitation', { code: old.code, name: '李受邀' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('已过期') } })
  expect(ok(await app.call('o_late', 'account.me', {})).roles).toEqual([])
})

test.each([
  ['a township outside the county', { role: 'township_staff' as const, scopeId: '441803102' }],
  ['an admin of another county', { role: 'county_admin' as const, scopeId: '441881' }],
  ['a wider role (city admin)', { role: 'city_admin' as const, scopeId: '' }],
  ['a city-wide partner (bank)', { role: 'bank_officer' as const, scopeId: 'b_psbc_qingyuan' }],
])('a county admin cannot invite %s', async (_what, input) => {
  const before = app.dump()
  expect(await app.call(COUNTY, 'grants.createInvitation', input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(app.dump()).toBe(before)
})

test('the city admin invites partners; volunteers, merchants and strangers cannot invite', async () => {
  ok(await app.call(CITY, 'grants.createInvitation', { role: 'bank_officer', scopeId: 'b_qingyuan_rcb' }))
  ok(await app.call(CITY, 'grants.createInvitation', { role: 'merchant', scopeId: 'm_yingde_tea' }))
  expect(await app.call(CITY, 'grants.createInvitation', { role: 'merchant', scopeId: 'm_nowhere' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'scopeId' } })
  for (const who of ['o_demo_volunteer', 'o_demo_merchant', 'o_demo_township', 'o_total_stranger']) {
    expect(await app.call(who, 'grants.createInvitation', { role: 'township_staff', scopeId: '441802006' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  }
})

test('the invitation 小程序码 is a PNG that opens the invite page with the code as scene', async () => {
  const inv = ok(await app.call(COUNTY, 'grants.createInvitation', { role: 'township_staff', scopeId: '441802103' }))
  const qr = ok(await app.call(COUNTY, 'grants.invitationCode', { code: inv.code }))
  const png = Buffer.from(await (await fetch(qr.imageUrl)).arrayBuffer())
  expect(decodeQrPng(png)).toBe(`packages/account/invite/index?scene=${encodeURIComponent(`inv=${inv.code}`)}`)
  // Another county admin's (or a stranger's) request for it is refused.
  expect(await app.call('o_demo_volunteer', 'grants.invitationCode', { code: inv.code })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
})

test('admins list grants in their reach and revoke them, audited', async () => {
  const inv = ok(await app.call(COUNTY, 'grants.createInvitation', { role: 'township_staff', scopeId: '441802105' }))
  ok(await app.call('o_to_revoke', 'grants.redeemInvitation', { code: inv.code, name: '李受邀' }))
  const list = ok(await app.call(COUNTY, 'grants.listGrants', { role: 'township_staff' }))
  const row = list.items.find((g) => g.grant.scopeId === '441802105')!
  expect(row).toBeDefined()
  expect(list.items.every((g) => g.grant.role === 'township_staff')).toBe(true)
  expect(await app.call(COUNTY, 'grants.revokeGrant', { userId: row.userId, role: 'township_staff', scopeId: '441802105', reason: '' })).toMatchObject({
    ok: false,
    error: { field: 'reason' },
  })
  ok(await app.call(COUNTY, 'grants.revokeGrant', { userId: row.userId, role: 'township_staff', scopeId: '441802105', reason: '岗位调整' }))
  const revoked = ok(await app.call('o_to_revoke', 'account.me', {}))
  expect(revoked.roles).toEqual([])
  // They are told why, in 消息.
  expect(revoked.unreadMessages).toBe(1)
  expect(ok(await app.call('o_to_revoke', 'account.messages', {})).items[0]).toMatchObject({ title: expect.stringContaining('镇街团委干事'), tag: '已撤销', text: '岗位调整' })
  const entry = [...app.cloud.store.get('audit').docs.values()].find((a) => a.action === 'role.revoke' && a.targetId === row.userId)
  expect(entry).toMatchObject({ reason: '岗位调整', before: { role: 'township_staff', scopeId: '441802105' } })
  // A county admin cannot revoke the city admin.
  const cityUser = [...app.cloud.store.get('users').docs.values()].find((u) => u.openid === CITY)!
  expect(await app.call(COUNTY, 'grants.revokeGrant', { userId: cityUser._id, role: 'city_admin', scopeId: '4418', reason: '越权尝试' })).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  })
})

test('issue 19, defect 11: whoever accepts an invitation gives their real name; admins see it, not 「微信用户」', async () => {
  const inv = ok(await app.call(COUNTY, 'grants.createInvitation', { role: 'township_staff', scopeId: '441802106' }))
  const before = app.dump()
  expect(await app.call('o_named_staff', 'grants.redeemInvitation', { code: inv.code } as never)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'name' } })
  expect(await app.call('o_named_staff', 'grants.redeemInvitation', { code: inv.code, name: 'x1' })).toMatchObject({ ok: false, error: { field: 'name', message: expect.stringContaining('汉字') } })
  expect(app.dump()).toBe(before)
  ok(await app.call('o_named_staff', 'grants.redeemInvitation', { code: inv.code, name: '黎明珠' }))
  const row = ok(await app.call(COUNTY, 'grants.listGrants', { role: 'township_staff' })).items.find((g) => g.grant.scopeId === '441802106')!
  expect(row.name).toBe('黎明珠')
  expect(ok(await app.call(COUNTY, 'grants.listInvitations', { status: 'used' })).items.find((i) => i.code === inv.code)!.usedByName).toBe('黎明珠')
  expect(ok(await app.call('o_named_staff', 'account.me', {}))).toMatchObject({ realName: '黎明珠', nickname: '' })
})

test('issue 19, defect 10: admins pick the organisation to invite from a list, found by name and paged past a hundred, within their reach', async () => {
  // A city of merchants: more than one read returns.
  const template = app.cloud.store.get('merchants').docs.get('m_yingde_tea')!
  const many = Array.from({ length: 130 }, (_, i) => EJSON.stringify({ ...template, _id: `m_bulk_${String(i).padStart(3, '0')}`, name: `清城批量商户${String(i).padStart(3, '0')}`, countyCode: '441802' }, { relaxed: false }))
  await app.cloud.db.handle('database.insertDocument', { collectionName: 'merchants', data: many })

  const banks = ok(await app.call(CITY, 'grants.organisations', { role: 'bank_officer' }))
  expect(banks.items.map((b) => b.id)).toEqual(expect.arrayContaining(['b_psbc_qingyuan', 'b_qingyuan_rcb']))
  expect(banks.items.every((b) => b.name.length > 0)).toBe(true)
  const employers = ok(await app.call(CITY, 'grants.organisations', { role: 'employer' }))
  expect(employers.items.map((e) => e.id)).toContain('e_qy_city_invest')

  // Every bulk merchant, page by page; a county admin sees only its county's.
  const seen: string[] = []
  for (let page = 1; ; page++) {
    const { items, total } = ok(await app.call(COUNTY, 'grants.organisations', { role: 'merchant', keyword: '批量', page, pageSize: 50 }))
    expect(total).toBe(130)
    seen.push(...items.map((m) => m.id))
    if (items.length < 50) break
  }
  expect(new Set(seen).size).toBe(130)
  const countyMerchants = ok(await app.call(COUNTY, 'grants.organisations', { role: 'merchant', keyword: '批量', pageSize: 50, page: 3 }))
  expect(countyMerchants.items.every((m) => m.countyName === '清城区')).toBe(true)
  // 英德's tea house: the city finds it by name, 清城's admin does not.
  const yingde = String(template.name)
  expect(ok(await app.call(CITY, 'grants.organisations', { role: 'merchant', keyword: yingde })).items.map((m) => m.id)).toContain('m_yingde_tea')
  expect(ok(await app.call(COUNTY, 'grants.organisations', { role: 'merchant', keyword: yingde }))).toEqual({ items: [], total: 0 })
  // A county does not invite banks or employers: nothing to pick.
  expect(ok(await app.call(COUNTY, 'grants.organisations', { role: 'bank_officer' }))).toEqual({ items: [], total: 0 })
  expect(await app.call('o_demo_volunteer', 'grants.organisations', { role: 'merchant' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await app.call(CITY, 'grants.organisations', { role: 'volunteer' as never })).toMatchObject({ ok: false, error: { field: 'role' } })
})
