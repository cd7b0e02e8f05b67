// Registration, county review and account takeover, through the local cloud.
import fs from 'node:fs'
import path from 'node:path'
import { idNumberProblem, maskIdNumber } from '../../types/personal'
import { shanghaiDaysAhead, wechatTime } from '../../types/time'
import { fireReminderTwice, ok, startDemoCloud, type AppCloud } from '../support/app'
import { freshIdNumber, idNumber, ruralYouthForm, volunteerForm } from '../support/people'
import { localTemplateId } from '../../localcloud/environment'

const TODO = localTemplateId('todo')

let app: AppCloud
const COUNTY = 'o_demo_county' // 清城区
const CITY = 'o_demo_city'

beforeAll(async () => {
  app = await startDemoCloud()
})
afterAll(() => app.close())

describe('ID numbers (GB 11643)', () => {
  test.each([
    ['11010519491231002X', null],
    ['440524198801010011', null],
    ['110105194912310021', '身份证号校验位不正确，请核对'],
    ['11010519491331002X', '身份证号中的出生日期无效'],
    ['110105202902290028', '身份证号中的出生日期无效'],
    ['01010519491231002X', '身份证号的地区码无效'],
    ['1101051949123100', '身份证号应为 18 位，最后一位可以是数字或 X'],
  ])('%s → %s', (id, problem) => {
    expect(idNumberProblem(id, '2026-11-25')).toBe(problem)
  })

  test('masking keeps the first four and last four characters', () => {
    expect(maskIdNumber('44010219900101123X')).toBe('4401**********123X')
  })
})

describe('submitting a registration', () => {
  test('a volunteer registers; gender and birth date come from the ID; the ID is stored encrypted', async () => {
    const id = idNumber('441802', '20010315', '124') // even sequence: female
    const r = ok(await app.call('o_reg_1', 'registration.submitVolunteer', volunteerForm({ idNumber: id.toLowerCase() })))
    // Probe finding 11: the answer carries the ID masked, as any read by its owner that did not ask for it.
    expect(r).toMatchObject({ status: 'pending', gender: 'female', birthDate: '2001-03-15', townshipName: '凤城街道', countyName: '清城区', idMasked: maskIdNumber(id), idNumber: '' })
    const stored = JSON.stringify([...app.cloud.store.get('registrations').docs.values()])
    expect(stored).not.toContain(id)
    expect(stored).toContain(maskIdNumber(id))
    const me = ok(await app.call('o_reg_1', 'account.me', {}))
    expect(me.registrations).toEqual([{ kind: 'volunteer', status: 'pending', townshipName: '凤城街道', rejectReason: '' }])
  })

  test('a rural youth registers with the shorter form', async () => {
    const r = ok(await app.call('o_reg_youth', 'registration.submitRuralYouth', ruralYouthForm()))
    expect(r).toMatchObject({ kind: 'rural_youth', status: 'pending', townshipName: '英城街道', occupation: '英德红茶种植与电商销售' })
  })

  test.each([
    [{ idNumber: '110105194912310021' }, 'idNumber', '校验位'],
    [{ birthDate: '1999-01-01' }, 'birthDate', '出生日期与身份证号不一致'],
    [{ gender: 'male' as const, idNumber: idNumber('441802', '20000101', '222') }, 'gender', '性别与身份证号不一致'],
    [{ mobile: '12345' }, 'mobile', '手机号格式不正确'],
    [{ termEnd: '2025-01-01' }, 'termEnd', '服务结束日期应晚于开始日期'],
    [{ termStart: '2025-02-30' }, 'termStart', '不是有效日期'],
    [{ privacyVersion: undefined }, 'privacyVersion', '请阅读并同意隐私政策'],
    [{ privacyVersion: '2020-01-01' }, 'privacyVersion', '隐私政策已更新'],
    [{ sensitiveVersion: undefined }, 'sensitiveVersion', '请单独同意'],
    [{ townshipCode: '441803102' }, 'townshipCode', '不属于所选县'],
    [{ townshipCode: '999999999' }, 'townshipCode', '请选择服务镇街'],
    [{ skills: [] }, 'skills', '请至少选择一项特长'],
    [{ name: 'A' }, 'name', '姓名'],
    [{ politicalStatus: '无党派' as never }, 'politicalStatus', '请选择政治面貌'],
  ])('bad input %j is refused naming the field, and nothing is written', async (overrides, field, message) => {
    const before = app.dump()
    const r = await app.call('o_reg_bad', 'registration.submitVolunteer', volunteerForm(overrides as never))
    expect(r).toEqual({ ok: false, error: { code: 'INVALID_INPUT', field, message: expect.stringContaining(message) } })
    // Only the caller's (empty) account may appear; no registration and no identity claim.
    const after = JSON.parse(app.dump()) as [string, unknown[]][]
    const beforeParsed = JSON.parse(before) as [string, unknown[]][]
    for (const name of ['registrations', 'identities']) {
      expect(after.find(([n]) => n === name)).toEqual(beforeParsed.find(([n]) => n === name))
    }
  })

  test('probe finding 5: an ID number another account holds is answered as any other (nothing tells it is registered); the county sees the conflict', async () => {
    const id = freshIdNumber()
    const fresh = freshIdNumber()
    ok(await app.call('o_dup_a', 'registration.submitVolunteer', volunteerForm({ name: '杜重号', idNumber: id })))
    const taken = await app.call('o_dup_b', 'registration.submitVolunteer', volunteerForm({ name: '杜重号', idNumber: id }))
    const free = await app.call('o_dup_c', 'registration.submitVolunteer', volunteerForm({ name: '杜重号', idNumber: fresh }))
    const shape = (r: typeof taken) => JSON.stringify(r).replace(/"id":"[^"]+"/, '').replace(maskIdNumber(id), 'ID').replace(maskIdNumber(fresh), 'ID').replace(/"(birthDate|gender|submittedAt)":"[^"]+"/g, '')
    expect(shape(taken)).toBe(shape(free))
    // The claim stays with the first account.
    const second = ok(await app.call('o_dup_b', 'account.me', {})).userId
    expect([...app.cloud.store.get('identities').docs.values()].filter((c) => c.userId === second)).toEqual([])
    const listed = ok(await app.call(COUNTY, 'registration.list', { keyword: '杜重号' })).items
    // Both sides are marked, the one holding the ID as much as the one waiting on it.
    expect(listed.filter((r) => r.idMasked === maskIdNumber(id)).map((r) => r.idConflict)).toEqual([true, true])
  })

  test('two accounts registering one ID at the same moment: exactly one claims it, the others wait on the county', async () => {
    const id = freshIdNumber()
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => app.call(`o_race_${i}`, 'registration.submitVolunteer', volunteerForm({ idNumber: id }))))
    expect(results.filter((r) => r.ok)).toHaveLength(6)
    const ids = results.map((r) => (r.ok ? r.data.id : ''))
    const flags = [...app.cloud.store.get('registrations').docs.values()].filter((r) => ids.includes(r._id as string)).map((r) => r.idConflict)
    expect(flags.filter((f) => f === false)).toHaveLength(1)
    expect(flags.filter((f) => f === true)).toHaveLength(5)
  })

  test('roles or a status in the request body are ignored: a submission is always pending and grants nothing', async () => {
    const r = await app.raw('o_forger', 'registration', {
      action: 'submitVolunteer',
      input: { ...volunteerForm(), status: 'approved', roles: [{ role: 'city_admin' }], userId: 'someone' },
    })
    expect(r).toMatchObject({ ok: true, data: { status: 'pending' } })
    expect(ok(await app.call('o_forger', 'account.me', {})).roles).toEqual([])
  })
})

describe('county review', () => {
  test('the county admin sees their county only, with masked data; the detail shows the ID in clear and is logged', async () => {
    const idNo = freshIdNumber()
    const mine = ok(await app.call('o_rev_1', 'registration.submitVolunteer', volunteerForm({ name: '陈审核', idNumber: idNo })))
    ok(await app.call('o_rev_other_county', 'registration.submitVolunteer', volunteerForm({ name: '外县人', countyCode: '441803', townshipCode: '441803102' })))
    const list = ok(await app.call(COUNTY, 'registration.list', { keyword: '审核' }))
    expect(list.items.map((i) => i.name)).toEqual(['陈审核'])
    expect(list.items[0].idMasked).toMatch(/^4418\*{10}\d{3}[\dX]$/)
    expect(list.items[0].mobileMasked).toBe('138****8000')
    expect(JSON.stringify(list)).not.toContain(idNo)
    const outside = await app.call(COUNTY, 'registration.list', { countyCode: '441803' })
    expect(outside).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const city = ok(await app.call(CITY, 'registration.list', { keyword: '外县' }))
    expect(city.items.map((i) => i.name)).toEqual(['外县人'])

    const auditBefore = app.cloud.store.get('audit').docs.size
    const detail = ok(await app.call(COUNTY, 'registration.detail', { id: mine.id }))
    expect(detail.idNumber).toBe(idNo)
    const reads = [...app.cloud.store.get('audit').docs.values()].filter((a) => a.action === 'pii.read' && a.targetId === mine.id)
    expect(reads).toHaveLength(1)
    expect(app.cloud.store.get('audit').docs.size).toBe(auditBefore + 1)
  })

  test('a county admin acting outside their county is refused, and nothing changes', async () => {
    const reg = ok(await app.call('o_rev_out', 'registration.submitVolunteer', volunteerForm({ countyCode: '441803', townshipCode: '441803102' })))
    expect(await app.call(COUNTY, 'registration.detail', { id: reg.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const before = app.dump()
    const mixed = await app.call(COUNTY, 'registration.review', { ids: [reg.id], decision: 'approve' })
    expect(mixed).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只能审核本县（市、区）的申请' } })
    expect(app.dump()).toBe(before)
  })

  test('other roles cannot list or review', async () => {
    for (const who of ['o_demo_volunteer', 'o_demo_township', 'o_demo_merchant', 'o_nobody']) {
      expect(await app.call(who, 'registration.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
  })

  test('approve in a batch: each applicant becomes a volunteer of their township and is notified', async () => {
    const regs = await Promise.all(['o_batch_1', 'o_batch_2', 'o_batch_3'].map(async (who) => ok(await app.call(who, 'registration.submitVolunteer', volunteerForm()))))
    app.cloud.outbox.length = 0
    // Two of them accepted the notice when they submitted; the third declined and is not sent one.
    app.acceptNotices('o_batch_1')
    app.acceptNotices('o_batch_2')
    const r = ok(await app.call(COUNTY, 'registration.review', { ids: regs.map((g) => g.id), decision: 'approve' }))
    expect(r.results.every((x) => x.ok)).toBe(true)
    for (const who of ['o_batch_1', 'o_batch_2', 'o_batch_3']) {
      const me = ok(await app.call(who, 'account.me', {}))
      expect(me.roles).toEqual([{ role: 'volunteer', scopeType: 'township', scopeId: '441802006', scopeName: '凤城街道' }])
      expect(me.registrations[0].status).toBe('approved')
    }
    expect(app.cloud.outbox.map((m) => m.touser).sort()).toEqual(['o_batch_1', 'o_batch_2'])
    expect(app.cloud.subscriptions.events.filter((e) => e.type === 'refused').map((e) => [e.openid, 'errcode' in e && e.errcode])).toContainEqual(['o_batch_3', 43101])
    expect(app.cloud.outbox[0].data.phrase2.value).toBe('已通过')
    const audits = [...app.cloud.store.get('audit').docs.values()].filter((a) => a.action === 'registration.approve' && regs.some((g) => g.id === a.targetId))
    expect(audits).toHaveLength(3)
    // Reviewed twice: the second time changes nothing.
    const again = ok(await app.call(COUNTY, 'registration.review', { ids: [regs[0].id], decision: 'reject', reason: '重复操作' }))
    expect(again.results[0]).toEqual({ id: regs[0].id, ok: false, message: '该申请已被处理' })
  })

  test('reject needs a reason; the applicant corrects and resubmits, and may then be approved', async () => {
    const idNo = freshIdNumber()
    const reg = ok(await app.call('o_reject_me', 'registration.submitVolunteer', volunteerForm({ school: '某学校', idNumber: idNo })))
    expect(await app.call(COUNTY, 'registration.review', { ids: [reg.id], decision: 'reject' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'reason' },
    })
    ok(await app.call(COUNTY, 'registration.review', { ids: [reg.id], decision: 'reject', reason: '毕业院校请填写全称' }))
    const me = ok(await app.call('o_reject_me', 'account.me', {}))
    expect(me.registrations[0]).toEqual({ kind: 'volunteer', status: 'rejected', townshipName: '凤城街道', rejectReason: '毕业院校请填写全称' })
    expect(me.roles).toEqual([])
    const again = ok(await app.call('o_reject_me', 'registration.submitVolunteer', volunteerForm({ idNumber: idNo, school: '华南农业大学' })))
    expect(again).toMatchObject({ status: 'pending', rejectReason: '', school: '华南农业大学' })
    ok(await app.call(COUNTY, 'registration.review', { ids: [reg.id], decision: 'approve' }))
    expect(ok(await app.call('o_reject_me', 'registration.mine', {})).volunteer?.status).toBe('approved')
    // Once approved, the applicant cannot change it on their own.
    expect(await app.call('o_reject_me', 'registration.submitVolunteer', volunteerForm({ idNumber: idNo }))).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  test('two reviewers deciding one registration at the same moment: exactly one decision applies', async () => {
    const reg = ok(await app.call('o_two_reviewers', 'registration.submitVolunteer', volunteerForm()))
    const [a, b] = await Promise.all([
      app.call(COUNTY, 'registration.review', { ids: [reg.id], decision: 'approve' }),
      app.call(CITY, 'registration.review', { ids: [reg.id], decision: 'reject', reason: '材料不全' }),
    ])
    const applied = [a, b].flatMap((r) => (r.ok ? r.data.results.filter((x) => x.ok) : []))
    expect(applied).toHaveLength(1)
    const me = ok(await app.call('o_two_reviewers', 'account.me', {}))
    expect(me.roles.length === 1).toBe(me.registrations[0].status === 'approved')
  })
})

describe('moving to a new WeChat account', () => {
  test('the new account asks, the county admin confirms, and the record, roles and history move', async () => {
    const id = freshIdNumber()
    const reg = ok(await app.call('o_old_wechat', 'registration.submitVolunteer', volunteerForm({ name: '张迁移', idNumber: id })))
    ok(await app.call(COUNTY, 'registration.review', { ids: [reg.id], decision: 'approve' }))
    const oldAccount = ok(await app.call('o_old_wechat', 'account.me', {}))

    expect(await app.call('o_new_wechat', 'registration.requestTakeover', { name: '张迁', idNumber: id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await app.call('o_new_wechat', 'registration.requestTakeover', { name: '张迁移', idNumber: freshIdNumber() })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const request = ok(await app.call('o_new_wechat', 'registration.requestTakeover', { name: '张迁移', idNumber: id }))
    expect(request.status).toBe('pending')

    const queue = ok(await app.call(COUNTY, 'registration.listTakeovers', {}))
    const item = queue.items.find((c) => c.id === request.id)!
    expect(item).toMatchObject({ name: '张迁移', idMasked: maskIdNumber(id), oldAccount: { roles: ['volunteer'] } })
    expect(JSON.stringify(queue)).not.toContain(id)

    app.cloud.outbox.length = 0
    app.acceptNotices('o_new_wechat')
    ok(await app.call(COUNTY, 'registration.decideTakeover', { id: request.id, decision: 'approve' }))
    const moved = ok(await app.call('o_new_wechat', 'account.me', {}))
    expect(moved.userId).toBe(oldAccount.userId)
    expect(moved.roles).toEqual(oldAccount.roles)
    expect(ok(await app.call('o_new_wechat', 'registration.mine', {})).volunteer?.idMasked).toBe(maskIdNumber(id))
    // The old WeChat account no longer reaches the record: it starts afresh.
    const stranger = ok(await app.call('o_old_wechat', 'account.me', {}))
    expect(stranger.userId).not.toBe(oldAccount.userId)
    expect(stranger.roles).toEqual([])
    expect(app.cloud.outbox.map((m) => m.touser)).toEqual(['o_new_wechat'])
    expect([...app.cloud.store.get('audit').docs.values()].some((a) => a.action === 'takeover.approve' && a.targetId === oldAccount.userId)).toBe(true)
  })
})

describe('sequences the outside probe chained', () => {
  test('finding 1: a county admin cannot hand a city admin\'s account to another WeChat identity by takeover; the city can', async () => {
    const id = freshIdNumber()
    const reg = ok(await app.call('o_county_resident_admin', 'registration.submitVolunteer', volunteerForm({ name: '马城管', idNumber: id })))
    ok(await app.call(COUNTY, 'registration.review', { ids: [reg.id], decision: 'approve' }))
    const inv = ok(await app.call(CITY, 'grants.createInvitation', { role: 'city_admin', scopeId: '4418' }))
    ok(await app.call('o_county_resident_admin', 'grants.redeemInvitation', { code: inv.code, name: '李受邀' }))
    const request = ok(await app.call('o_hijacker', 'registration.requestTakeover', { name: '马城管', idNumber: id }))
    const before = app.dump()
    expect(await app.call(COUNTY, 'registration.decideTakeover', { id: request.id, decision: 'approve' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('县（市、区）团委不能转移「团市委」角色') },
    })
    expect(app.dump()).toBe(before)
    expect(ok(await app.call('o_hijacker', 'account.me', {})).roles).toEqual([])
    expect(ok(await app.call('o_county_resident_admin', 'account.me', {})).roles.map((g) => g.role).sort()).toEqual(['city_admin', 'volunteer'])
    // The county may still reject it; the city, who may grant city_admin, may approve.
    ok(await app.call(CITY, 'registration.decideTakeover', { id: request.id, decision: 'approve' }))
    expect(ok(await app.call('o_hijacker', 'account.me', {})).roles.map((g) => g.role).sort()).toEqual(['city_admin', 'volunteer'])
  })

  test('finding 1: a role granted after the takeover was checked does not slip through', async () => {
    const id = freshIdNumber()
    const reg = ok(await app.call('o_late_grant', 'registration.submitVolunteer', volunteerForm({ name: '谭晚授', idNumber: id })))
    ok(await app.call(COUNTY, 'registration.review', { ids: [reg.id], decision: 'approve' }))
    const request = ok(await app.call('o_late_grant_new', 'registration.requestTakeover', { name: '谭晚授', idNumber: id }))
    // A township staff grant in the county's reach moves with the account.
    const inv = ok(await app.call(COUNTY, 'grants.createInvitation', { role: 'township_staff', scopeId: '441802007' }))
    ok(await app.call('o_late_grant', 'grants.redeemInvitation', { code: inv.code, name: '李受邀' }))
    ok(await app.call(COUNTY, 'registration.decideTakeover', { id: request.id, decision: 'approve' }))
    expect(ok(await app.call('o_late_grant_new', 'account.me', {})).roles.map((g) => g.role).sort()).toEqual(['township_staff', 'volunteer'])
  })

  test('finding 5: a squatter\'s rejected registration releases the ID; the owner, held for the county meanwhile, is then approved', async () => {
    const id = freshIdNumber()
    const squatter = ok(await app.call('o_squatter', 'registration.submitVolunteer', volunteerForm({ name: '冒名者', idNumber: id })))
    const owner = ok(await app.call('o_rightful', 'registration.submitVolunteer', volunteerForm({ name: '真主人', idNumber: id })))
    expect(owner.status).toBe('pending')
    // The county sees the conflict, masked, and cannot approve the owner while the squatter holds the ID.
    const detail = ok(await app.call(COUNTY, 'registration.detail', { id: owner.id }))
    expect(detail).toMatchObject({ idConflict: true, conflictWith: { name: '冒*者', countyName: '清城区', status: 'pending' } })
    const before = app.dump()
    // Neither side is approved before the county settles who is who: not the waiting owner, not the squatter holding the ID.
    const refused = ok(await app.call(COUNTY, 'registration.review', { ids: [owner.id, squatter.id], decision: 'approve' }))
    expect(refused.results).toEqual([
      { id: owner.id, ok: false, message: expect.stringContaining('该身份证号已由另一账号注册') },
      { id: squatter.id, ok: false, message: expect.stringContaining('该身份证号已由另一账号注册') },
    ])
    expect(ok(await app.call(COUNTY, 'registration.detail', { id: squatter.id }))).toMatchObject({ idConflict: true, conflictWith: { name: '真*人' } })
    expect(JSON.parse(app.dump()).find(([n]: [string]) => n === 'registrations')).toEqual(JSON.parse(before).find(([n]: [string]) => n === 'registrations'))
    // Rejected, the squatter no longer holds it.
    ok(await app.call(COUNTY, 'registration.review', { ids: [squatter.id], decision: 'reject', reason: '冒用他人身份证号' }))
    expect(ok(await app.call(COUNTY, 'registration.detail', { id: owner.id }))).toMatchObject({ idConflict: false, conflictWith: null })
    expect(ok(await app.call(COUNTY, 'registration.review', { ids: [owner.id], decision: 'approve' })).results[0]).toMatchObject({ ok: true })
    const ownerId = ok(await app.call('o_rightful', 'account.me', {})).userId
    expect([...app.cloud.store.get('identities').docs.values()].filter((c) => c.userId === ownerId)).toHaveLength(1)
    // The squatter, trying again, is only held for the county again.
    expect(ok(await app.call('o_squatter', 'registration.submitVolunteer', volunteerForm({ name: '冒名者', idNumber: id })))).toMatchObject({ status: 'pending' })
    expect(ok(await app.call(COUNTY, 'registration.review', { ids: [squatter.id], decision: 'approve' })).results[0]).toMatchObject({ ok: false })
  })

  test('finding 11: the owner reads their ID in clear only when asked, to edit a registration not yet approved, and that read is logged', async () => {
    const id = freshIdNumber()
    ok(await app.call('o_own_reader', 'registration.submitVolunteer', volunteerForm({ idNumber: id })))
    const reads = () => [...app.cloud.store.get('audit').docs.values()].filter((a) => a.action === 'pii.read' && String(a.targetId).endsWith(':volunteer') && a.reason === '本人修改注册信息时查看身份证号').length
    const n = reads()
    expect(ok(await app.call('o_own_reader', 'registration.mine', {})).volunteer).toMatchObject({ idNumber: '', idMasked: maskIdNumber(id) })
    expect(reads()).toBe(n)
    expect(ok(await app.call('o_own_reader', 'registration.mine', { revealId: true })).volunteer?.idNumber).toBe(id)
    expect(reads()).toBe(n + 1)
  })
})

describe('closing an account', () => {
  test('withdrawing consent erases personal data, releases the ID and keeps an anonymous record', async () => {
    const id = freshIdNumber()
    ok(await app.call('o_leaver', 'registration.submitVolunteer', volunteerForm({ idNumber: id, name: '刘离开' })))
    expect(await app.call('o_leaver', 'account.close', { confirm: false } as never)).toMatchObject({ ok: false, error: { field: 'confirm' } })
    ok(await app.call('o_leaver', 'account.close', { confirm: true, reason: '不再参与' }))
    const stored = JSON.stringify([...app.cloud.store.get('registrations').docs.values()])
    expect(stored).not.toContain('刘离开')
    expect(stored).not.toContain(maskIdNumber(id))
    // The same person can register again later, from any account.
    ok(await app.call('o_comeback', 'registration.submitVolunteer', volunteerForm({ idNumber: id })))
  })
})

test('issue 19, item 13: each demo persona is described where it is registered or scoped', async () => {
  const demo = JSON.parse(fs.readFileSync(path.join(__dirname, '../../data/demo.json'), 'utf8')) as { personas: { openid: string; description: string }[] }
  for (const persona of demo.personas) {
    const me = ok(await app.call(persona.openid, 'account.me', {}))
    const regs = [...app.cloud.store.get('registrations').docs.values()].filter((r) => r.userId === me.userId)
    for (const r of regs) expect(persona.description).toContain(`${r.countyName}${r.townshipName}`)
    for (const g of me.roles.filter((x) => x.scopeName)) expect(persona.description).toContain(g.scopeName.replace(/（.*）$/, ''))
  }
})

describe('issue 20: the end of the service term', () => {
  test('a volunteer whose term ends in 30 days (Shanghai) is reminded once, pointed at the job fairs; others are not', async () => {
    const ends = shanghaiDaysAhead(Date.now(), 30)
    const ending = ok(await app.call('o_term_ending', 'registration.submitVolunteer', volunteerForm({ termStart: '2024-07-01', termEnd: ends })))
    const later = ok(await app.call('o_term_later', 'registration.submitVolunteer', volunteerForm({ termStart: '2024-07-01', termEnd: shanghaiDaysAhead(Date.now(), 31) })))
    ok(await app.call(COUNTY, 'registration.review', { ids: [ending.id, later.id], decision: 'approve' }))
    app.acceptNotices('o_term_ending', 'reminder')
    app.cloud.outbox.length = 0
    const first = await app.cloud.fireTimer('registration', 'remindTermEnd')
    expect(first.ok && first.result).toMatchObject({ ok: true, data: { reminded: 1 } })
    const again = await app.cloud.fireTimer('registration', 'remindTermEnd')
    expect(again.ok && again.result).toMatchObject({ ok: true, data: { reminded: 0 } })
    expect(app.cloud.outbox.map((m) => [m.touser, m.data.date2.value])).toEqual([['o_term_ending', wechatTime(ends)]])
    const reminders = async (who: string) => ok(await app.call(who, 'account.messages', {})).items.filter((m) => m.tag === '提醒')
    expect(await reminders('o_term_ending')).toEqual([expect.objectContaining({ title: '乡村振兴志愿者服务期', page: 'packages/fair/index/index' })])
    expect(await reminders('o_term_later')).toEqual([])
  })
})

describe('issue 20: the county told when registrations and takeovers wait', () => {
  test('each morning the county admins hear how many registrations and account takeovers wait in their county, once a day', async () => {
    ok(await app.call('o_digest_applicant', 'registration.submitVolunteer', volunteerForm()))
    const waiting = ok(await app.call(COUNTY, 'registration.list', { status: 'pending' })).total
    expect(waiting).toBeGreaterThan(0)
    // A takeover waiting too: an approved volunteer's ID number claimed from a new WeChat account.
    const form = volunteerForm()
    ok(await app.call('o_digest_old_wechat', 'registration.submitVolunteer', form))
    const pending = ok(await app.call(COUNTY, 'registration.list', { status: 'pending' })).items.find((r) => r.name === form.name)!
    ok(await app.call(COUNTY, 'registration.review', { ids: [pending.id], decision: 'approve' }))
    ok(await app.call('o_digest_new_wechat', 'registration.requestTakeover', { name: form.name, idNumber: form.idNumber }))
    const cases = ok(await app.call(COUNTY, 'registration.listTakeovers', { status: 'pending' })).total
    expect(cases).toBeGreaterThan(0)
    app.acceptNotices(COUNTY, 'todo')
    app.cloud.outbox.length = 0
    await fireReminderTwice(app, 'registration', 'tellAdminsWhatWaits')
    expect(app.cloud.outbox.filter((m) => m.touser === COUNTY).map((m) => [m.templateId, m.data.thing1.value, m.data.number2.value, m.data.thing3.value]).sort()).toEqual(
      [
        [TODO, '注册申请待审核', String(waiting), '清城区，请及时审核'],
        [TODO, '账号接管待确认', String(cases), '清城区，请及时审核'],
      ].sort(),
    )
    const messages = ok(await app.call(COUNTY, 'account.messages', {})).items
    expect(messages.find((m) => m.title === '注册申请待审核')).toMatchObject({ tag: `${waiting} 项`, page: 'packages/admin/registrations/index' })
    expect(messages.find((m) => m.title === '账号接管待确认')).toMatchObject({ tag: `${cases} 项`, page: 'packages/admin/takeovers/index' })
  })
})
