// The account function through the local cloud, as the mini program calls it.
import { ok, startAppCloud, type AppCloud } from '../support/app'
import { volunteerForm } from '../support/people'

let app: AppCloud
beforeAll(async () => {
  app = await startAppCloud()
})
afterAll(() => app.close())

test('the first call creates the account; later calls find the same one', async () => {
  const first = await app.call('o_new_user', 'account.me', {})
  const again = await app.call('o_new_user', 'account.me', {})
  expect(first).toMatchObject({ ok: true, data: { nickname: '', roles: [], mobileMasked: '' } })
  expect(again.ok && again.data.userId).toBe(first.ok && first.data.userId)
})

test('concurrent first calls of one user create exactly one account', async () => {
  const results = await Promise.all(Array.from({ length: 12 }, () => app.call('o_racer', 'account.me', {})))
  const ids = new Set(results.map((r) => (r.ok ? r.data.userId : 'error')))
  expect(ids.size).toBe(1)
  expect([...ids][0]).not.toBe('error')
  const accounts = [...app.cloud.store.get('users').docs.values()].filter((d) => d.openid === 'o_racer')
  expect(accounts).toHaveLength(1)
})

test('identity comes from the WeChat context: roles or an openid in the request are ignored', async () => {
  const r = await app.raw('o_plain', 'account', {
    action: 'me',
    input: { roles: [{ role: 'city_admin', scopeType: 'city', scopeId: '4418', scopeName: '清远市' }], openid: 'o_someone_else' },
    userInfo: { openId: 'o_someone_else' },
  })
  expect(r).toMatchObject({ ok: true, data: { roles: [] } })
  const users = [...app.cloud.store.get('users').docs.values()]
  expect(users.some((u) => u.openid === 'o_someone_else')).toBe(false)
})

test('updateProfile changes the nickname', async () => {
  const r = await app.call('o_profile', 'account.updateProfile', { nickname: '  小清  ' })
  expect(r).toMatchObject({ ok: true, data: { nickname: '小清' } })
})

test('an avatar is taken from the user upload folder if it is a picture, and replaces the old one', async () => {
  const me = await app.call('o_avatar', 'account.me', {})
  const userId = me.ok ? me.data.userId : ''
  const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)])
  const first = await app.call('o_avatar', 'account.updateProfile', { avatarFileId: app.cloud.storage.put(`uploads/${userId}/a.png`, png()) })
  expect(first).toMatchObject({ ok: true, data: { avatarUrl: expect.stringContaining(`/cos/avatars/${userId}-`) } })
  const firstPath = (app.cloud.store.get('users').docs.get(userId)!.avatarFileId as string).replace(/^cloud:\/\/[^/]+\//, '')
  ok(await app.call('o_avatar', 'account.updateProfile', { avatarFileId: app.cloud.storage.put(`uploads/${userId}/b.png`, png()) }))
  expect(app.cloud.storage.exists(firstPath)).toBe(false)
  const before = app.dump()
  expect(await app.call('o_avatar', 'account.updateProfile', { avatarFileId: app.cloud.storage.put(`uploads/${userId}/c.png`, Buffer.from('text')) })).toMatchObject({ ok: false, error: { field: 'avatarFileId' } })
  expect(await app.call('o_avatar', 'account.updateProfile', { avatarFileId: app.cloud.storage.put('uploads/someone/d.png', png()) })).toMatchObject({ ok: false, error: { field: 'avatarFileId' } })
  expect(app.dump()).toBe(before)
})

test.each([
  [{ nickname: '' }, 'nickname', '请填写昵称'],
  [{ nickname: '很'.repeat(21) }, 'nickname', '昵称不能超过 20 个字'],
  [{ nickname: 42 }, 'nickname', '请填写昵称'],
  [{ nickname: 'ok', avatarFileId: 'http://evil.example/x.png' }, 'avatarFileId', '头像文件无效'],
  [{}, 'nickname', '没有要修改的内容'],
])('bad input %j is refused naming the field, in Chinese, and writes nothing', async (input, field, message) => {
  await app.call('o_bad_input', 'account.me', {})
  const before = app.dump()
  const r = await app.raw('o_bad_input', 'account', { action: 'updateProfile', input })
  expect(r).toEqual({ ok: false, error: { code: 'INVALID_INPUT', field, message: expect.stringContaining(message) } })
  expect(app.dump()).toBe(before)
})

test('an unknown action or a malformed event is refused with the error shape', async () => {
  expect(await app.raw('o_x', 'account', { action: 'dropAll' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'action' } })
  expect(await app.raw('o_x', 'account', { action: 'constructor' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'action' } })
  expect(await app.raw('o_x', 'account', null)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'action' } })
})

test('a call without a WeChat identity is refused (except public actions)', async () => {
  expect(await app.raw(undefined, 'account', { action: 'me', input: {} })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  const divisions = (await app.raw(undefined, 'directory', { action: 'divisions', input: {} })) as { ok: boolean; data: { counties: unknown[] } }
  expect(divisions.ok).toBe(true)
  expect(divisions.data.counties).toHaveLength(8)
})

test('binding a phone number: the WeChat phone code (dev stand-in) gives the number, shown masked', async () => {
  const r = await app.call('o_phone', 'account.bindPhone', { code: 'dev-phone:13812345678' })
  expect(r).toMatchObject({ ok: true, data: { mobileMasked: '138****5678' } })
  const before = app.dump()
  expect(await app.call('o_phone', 'account.bindPhone', { code: 'expired-or-forged' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'code' } })
  expect(app.dump()).toBe(before)
})

test('the first city admin comes from deployment configuration, audited', async () => {
  const r = await app.call('o_bootstrap_admin', 'account.me', {})
  expect(r).toMatchObject({ ok: true, data: { roles: [{ role: 'city_admin', scopeType: 'city', scopeId: '4418', scopeName: '清远市' }] } })
  const again = await app.call('o_bootstrap_admin', 'account.me', {})
  expect(again.ok && again.data.roles).toHaveLength(1)
  expect([...app.cloud.store.get('audit').docs.values()].filter((a) => a.action === 'role.bootstrap')).toHaveLength(1)
})

test('issue 19, defect 11: after registering, the account shows the registered name and mobile until the person binds another', async () => {
  const form = volunteerForm({ name: '韦登记', mobile: '13711112222' })
  ok(await app.call('o_registered_person', 'registration.submitVolunteer', form))
  expect(ok(await app.call('o_registered_person', 'account.me', {}))).toMatchObject({ realName: '韦登记', mobileMasked: '137****2222', nickname: '' })
  ok(await app.call('o_registered_person', 'account.bindPhone', { code: 'dev-phone:13900003333' }))
  expect(ok(await app.call('o_registered_person', 'account.me', {}))).toMatchObject({ realName: '韦登记', mobileMasked: '139****3333' })
})
