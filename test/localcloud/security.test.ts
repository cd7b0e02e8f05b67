// The local cloud is safe to run on a developer's machine (issue #14):
//   - finding 7: web pages the developer opens cannot drive it. Every request must name it as its
//     Host (DNS rebinding), come from its own origin, and carry this start's secret: the token
//     (header, or the cookie its own pages set) for the gateway, the console and the controls;
//     a TC3 signature with this start's SDK credentials for the SDK endpoint;
//   - finding 10: an upload through the gateway goes only where the storage rule the deploy sets
//     (cloudfunctions/storage.rules.json) lets the caller write: their own uploads/<userId>/.
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { sdkCredentials, signSdkRequest } from '../../localcloud/access'
import { StorageRules } from '../../localcloud/rules'
import { readDeclaration } from '../../deploy/environment'
import { STORAGE_RULES_FILE } from '../support/app'
import { startTestCloud, tempDir, type TestCloud } from '../support/localcloud'
import { adminCall, adminFetch } from '../support/process'

let t: TestCloud
let port: number
const staticDir = tempDir('static')

beforeAll(async () => {
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>乡青汇</title>')
  t = await startTestCloud({
    collections: { users: {}, notes: {} },
    personas: [
      { id: 'alice', openid: 'o_alice', name: '爱丽丝', description: '测试身份' },
      { id: 'bob', openid: 'o_bob', name: '鲍勃', description: '测试身份' },
    ],
    storageRule: readDeclaration().storageRule,
    staticDir,
  })
  port = Number(new URL(t.cloud.url).port)
  await t.probe(`
    await db.collection('users').add({ data: [{ _id: 'u_alice', openid: 'o_alice' }, { _id: 'u_bob', openid: 'o_bob' }] })
    await db.collection('notes').add({ data: { _id: 'keep', text: '留着' } })
  `)
})
afterAll(async () => {
  await t.close()
  fs.rmSync(staticDir, { recursive: true, force: true })
})

interface Reply {
  status: number
  headers: http.IncomingHttpHeaders
  text: string
}

/** A request exactly as given (fetch would not send a foreign Host header). */
function send(p: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: p, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

/** Everything the database holds, and how many invocations ran: what a refused request must not change. */
function state(): string {
  const docs = [...t.cloud.store.collections.entries()].map(([name, c]) => [name, [...c.docs.values()]])
  return JSON.stringify({ docs, invocations: t.cloud.runtime.recent.length, files: t.cloud.storage.list().map((f) => f.fileID) })
}

const tokenHeader = () => ({ 'x-xq-local-token': t.cloud.token })
const tokenCookie = () => `xq_local_${port}=${t.cloud.token}`

/** A session for a persona, the way scripts open one; its cookie. */
async function sessionCookie(persona: string): Promise<string> {
  const res = await send('/dev/session', { method: 'POST', headers: { 'content-type': 'application/json', ...tokenHeader() }, body: JSON.stringify({ persona }) })
  expect(res.status).toBe(200)
  return String(res.headers['set-cookie']).split(';')[0]
}

/** What a page's `fetch(url, { method: 'POST', body })` of a string sends: text/plain, no preflight. */
const insertNote = JSON.stringify({ code: `await db.collection('notes').add({ data: { text: 'csrf' } }); return 'written'` })
const adminInsert = JSON.stringify({ action: 'database.insertDocument', collectionName: 'notes', data: ['{"text":"csrf"}'] })

describe('finding 7: another web page cannot drive the local cloud', () => {
  test('a cross-origin text/plain POST to the gateway, the database endpoint, the console or the controls is refused, and nothing changes', async () => {
    const session = await sessionCookie('alice')
    const before = state()
    // A page of another site; and one of this machine on another port (same-site, so the
    // browser would even attach our cookies): both name their own origin.
    for (const origin of ['http://evil.example', `http://127.0.0.1:${port + 1}`, 'null']) {
      const cookie = `${tokenCookie()}; ${session}`
      const textPlain = { 'content-type': 'text/plain;charset=UTF-8', origin, cookie }
      expect((await send('/functions/probe', { method: 'POST', headers: textPlain, body: insertNote })).status).toBe(403)
      expect((await send('/functions/probe', { method: 'POST', headers: { ...textPlain, 'content-type': 'application/json' }, body: insertNote })).status).toBe(403)
      expect((await send('/admin', { method: 'POST', headers: textPlain, body: adminInsert })).status).toBe(403)
      expect((await send('/dev/session', { method: 'POST', headers: textPlain, body: '{"persona":"bob"}' })).status).toBe(403)
      expect((await send('/_localcloud/reset', { method: 'POST', headers: textPlain, body: '{}' })).status).toBe(403)
      expect((await send('/console/api/collections', { headers: { origin, cookie } })).status).toBe(403)
      expect((await send('/storage/upload', { method: 'POST', headers: textPlain, body: 'x' })).status).toBe(403)
    }
    // A same-site page's no-cors request (an <img>, a <form> GET) names no Origin, but the browser says where it comes from.
    for (const site of ['same-site', 'cross-site']) {
      const headers = { cookie: `${tokenCookie()}; ${session}`, 'sec-fetch-site': site }
      expect((await send('/console/api/collections/notes', { headers })).status).toBe(403)
      expect((await send('/functions/probe', { method: 'POST', headers: { ...headers, 'content-type': 'text/plain' }, body: insertNote })).status).toBe(403)
    }
    expect(state()).toBe(before)
    expect(t.cloud.store.get('notes').docs.has('keep')).toBe(true)
  })

  test('a request naming another host (DNS rebinding) is refused everywhere, even with the token or a valid signature', async () => {
    const before = state()
    for (const host of [`evil.example:${port}`, `127.0.0.1:${port + 1}`, `attacker.localhost.evil.example:${port}`]) {
      // The rebinding page is same-origin with itself: its requests carry its own Origin and Host.
      const headers = { host, origin: `http://${host}`, cookie: tokenCookie(), ...tokenHeader() }
      const page = await send('/', { headers: { host } })
      expect(page.status).toBe(403)
      expect(page.headers['set-cookie']).toBeUndefined()
      const consolePage = await send('/console', { headers: { host } })
      expect(consolePage.status).toBe(403)
      expect(consolePage.headers['set-cookie']).toBeUndefined()
      expect((await send('/console/api/collections/notes', { headers })).status).toBe(403)
      expect((await send('/dev/personas', { headers })).status).toBe(403)
      expect((await send('/functions/probe', { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: insertNote })).status).toBe(403)
      expect((await send('/_localcloud/reset', { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{}' })).status).toBe(403)
      const signed = signSdkRequest(t.cloud.sdkCredentials, `http://${host}/admin`, adminInsert)
      expect((await send('/admin', { method: 'POST', headers: { ...signed.headers, host }, body: signed.body })).status).toBe(403)
    }
    expect(state()).toBe(before)
  })

  test("without this start's token: the gateway, the console's API and the controls refuse, and nothing changes", async () => {
    const session = await sessionCookie('alice')
    const before = state()
    const json = { 'content-type': 'application/json', cookie: session }
    expect((await send('/functions/probe', { method: 'POST', headers: json, body: insertNote })).status).toBe(403)
    expect((await send('/functions/probe', { method: 'POST', headers: { ...json, 'x-xq-local-token': 'guessed' }, body: insertNote })).status).toBe(403)
    expect((await send('/functions/probe', { method: 'POST', headers: { ...json, cookie: `${session}; xq_local_${port}=guessed` }, body: insertNote })).status).toBe(403)
    expect((await send('/dev/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"persona":"bob"}' })).status).toBe(403)
    expect((await send('/dev/personas')).status).toBe(403)
    expect((await send('/console/api/collections')).status).toBe(403)
    expect((await send('/console/api/collections/notes')).status).toBe(403)
    expect((await send('/_localcloud/reset', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(403)
    // Another start's token is no better than none.
    const other = await startTestCloud({ collections: {} })
    try {
      expect((await send('/console/api/collections', { headers: { 'x-xq-local-token': other.cloud.token } })).status).toBe(403)
    } finally {
      await other.close()
    }
    expect(state()).toBe(before)
    expect(t.cloud.store.get('notes').docs.has('keep')).toBe(true)
  })

  test('the database endpoint serves only requests signed with the SDK credentials this start gave its workers', async () => {
    const before = state()
    const unsigned = await send('/admin', { method: 'POST', headers: { 'content-type': 'application/json' }, body: adminInsert })
    expect(unsigned.status).toBe(401)
    expect(JSON.parse(unsigned.text)).toMatchObject({ code: 'SIGN_PARAM_INVALID' })
    const url = `${t.cloud.url}/admin`
    // The fixed credentials workers used to get, and another start's.
    for (const credentials of [{ secretId: 'local-secret-id', secretKey: 'local-secret-key' }, sdkCredentials('another start')]) {
      const forged = signSdkRequest(credentials, url, adminInsert)
      expect((await send('/admin', { method: 'POST', headers: forged.headers, body: forged.body })).status).toBe(401)
    }
    // The right SecretId with a made-up key, and a signed request whose body was swapped.
    const guessedKey = signSdkRequest({ ...t.cloud.sdkCredentials, secretKey: 'guess' }, url, adminInsert)
    expect((await send('/admin', { method: 'POST', headers: guessedKey.headers, body: guessedKey.body })).status).toBe(401)
    const harmless = signSdkRequest(t.cloud.sdkCredentials, url, { action: 'database.calculateDocument', collectionName: 'notes' })
    expect((await send('/admin', { method: 'POST', headers: harmless.headers, body: adminInsert })).status).toBe(401)
    // A signature too old to be this request's.
    const stale = signSdkRequest(t.cloud.sdkCredentials, url, adminInsert)
    expect((await send('/admin', { method: 'POST', headers: { ...stale.headers, 'x-timestamp': String(Number(stale.headers['x-timestamp']) - 3600) }, body: stale.body })).status).toBe(401)
    expect(state()).toBe(before)
  })

  test("each start gives its workers new SDK credentials, and the genuine SDK's signed requests are served", async () => {
    const env = await t.probe<{ id: string; key: string }>(`return { id: process.env.TENCENTCLOUD_SECRETID, key: process.env.TENCENTCLOUD_SECRETKEY }`)
    expect(env).toEqual({ id: t.cloud.sdkCredentials.secretId, key: t.cloud.sdkCredentials.secretKey })
    const other = await startTestCloud({ collections: {} })
    try {
      expect(other.cloud.sdkCredentials.secretId).not.toBe(env.id)
      expect(other.cloud.token).not.toBe(t.cloud.token)
    } finally {
      await other.close()
    }
    // Database, storage and function calls of the SDK, each a signed request.
    const r = await t.probe<{ n: number; url: string; called: unknown }>(`
      await db.collection('notes').add({ data: { _id: 'sdk', text: 'ok' } })
      const { fileID } = await cloud.uploadFile({ cloudPath: 'sdk/a.txt', fileContent: Buffer.from('a') })
      const { fileList } = await cloud.getTempFileURL({ fileList: [fileID] })
      const called = await cloud.callFunction({ name: 'probe', data: { code: 'return 7' } })
      return { n: (await db.collection('notes').doc('sdk').get()).data.text.length, url: fileList[0].tempFileURL, called: called.result }
    `)
    expect(r).toMatchObject({ n: 2, called: 7 })
    expect((await fetch(r.url)).status).toBe(200)
    await t.probe(`await db.collection('notes').doc('sdk').remove(); await cloud.deleteFile({ fileList: ['${t.cloud.storage.fileId('sdk/a.txt')}'] })`)
  })

  test('what the developer uses still works: the pages hand the browser the token, same-origin calls carry it, scripts send the header', async () => {
    // The app's page and the console's page set the token cookie: HttpOnly, SameSite=Strict, named after the port.
    for (const page of ['/', '/console']) {
      const res = await send(page)
      expect(res.status).toBe(200)
      const cookie = String(res.headers['set-cookie'])
      expect(cookie).toContain(`${tokenCookie()};`)
      expect(cookie).toMatch(/HttpOnly/)
      expect(cookie).toMatch(/SameSite=Strict/)
    }
    // A page of ours (its Origin, our cookie) chooses a persona and calls a function; localhost works as 127.0.0.1 does.
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const browser = { host, origin: `http://${host}`, cookie: tokenCookie(), 'sec-fetch-site': 'same-origin' }
      expect(JSON.parse((await send('/dev/personas', { headers: browser })).text).personas).toHaveLength(2)
      const chosen = await send('/dev/session', { method: 'POST', headers: { ...browser, 'content-type': 'application/json' }, body: '{"persona":"alice"}' })
      expect(chosen.status).toBe(200)
      const session = String(chosen.headers['set-cookie']).split(';')[0]
      const called = await send('/functions/probe', {
        method: 'POST',
        headers: { ...browser, cookie: `${tokenCookie()}; ${session}`, 'content-type': 'application/json' },
        body: JSON.stringify({ code: 'return cloud.getWXContext().OPENID' }),
      })
      expect(JSON.parse(called.text)).toMatchObject({ result: 'o_alice', errMsg: 'cloud.callFunction:ok' })
      const collections = await send('/console/api/collections', { headers: browser })
      expect(collections.status).toBe(200)
      expect(JSON.parse(collections.text)).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'notes' })]))
    }
    // Scripts: the token header, and the SDK endpoint signed with the start's credentials.
    const personas = await fetch(`${t.cloud.url}/dev/personas`, { headers: tokenHeader() })
    expect(personas.status).toBe(200)
    expect(await adminCall(t.cloud, { action: 'database.calculateDocument', collectionName: 'notes' })).toMatchObject({ data: { total: 1 } })
    expect((await adminFetch(t.cloud, '{{{')).status).toBe(200)
    // Temporary file URLs need no token (they are signed), but still our Host.
    t.cloud.storage.put('reports/r.txt', Buffer.from('r'))
    const temp = new URL(t.cloud.storage.tempUrl('reports/r.txt', 60))
    expect((await send(`${temp.pathname}${temp.search}`)).status).toBe(200)
    expect((await send(`${temp.pathname}${temp.search}`, { headers: { host: `evil.example:${port}` } })).status).toBe(403)
  })
})

describe('finding 10: uploads go only where the storage rule lets the caller write', () => {
  function upload(cookie: string, cloudPath: string) {
    const form = new FormData()
    form.append('cloudPath', cloudPath)
    form.append('file', new Blob([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])]), 'a.png')
    return fetch(`${t.cloud.url}/storage/upload`, { method: 'POST', headers: { cookie, ...tokenHeader() }, body: form })
  }

  test('the local cloud enforces the rule the deploy sets, from its file', () => {
    const file = JSON.parse(fs.readFileSync(STORAGE_RULES_FILE, 'utf8')) as { read: unknown; write: string }
    expect(t.cloud.storageRules.rules).toEqual(file)
    expect(file.read).toBe(false)
    // The owner condition: the folder's user is the caller.
    expect(file.write).toContain('auth.openid')
    expect(file.write).toContain('resource.path')
  })

  test("into another user's folder: refused, and no file appears; into one's own: stored", async () => {
    const alice = await sessionCookie('alice')
    const bob = await sessionCookie('bob')
    const before = state()
    const intoBobs = await upload(alice, 'uploads/u_bob/swap.png')
    expect(intoBobs.status).toBe(403)
    expect(await intoBobs.json()).toMatchObject({ errMsg: expect.stringMatching(/permission denied/) })
    expect(t.cloud.storage.exists('uploads/u_bob/swap.png')).toBe(false)
    // A user id that is nobody's, and a path that leaves the folder.
    expect((await upload(alice, 'uploads/u_nobody/a.png')).status).toBe(403)
    expect((await upload(alice, 'uploads/u_alice/../u_bob/a.png')).status).toBe(403)
    expect((await upload(alice, 'uploads/u_alice/sub/a.png')).status).toBe(403)
    expect(state()).toBe(before)

    const own = await upload(alice, 'uploads/u_alice/mine.png')
    expect(await own.json()).toMatchObject({ errMsg: 'cloud.uploadFile:ok', fileID: t.cloud.storage.fileId('uploads/u_alice/mine.png') })
    expect(t.cloud.storage.exists('uploads/u_alice/mine.png')).toBe(true)
    // Bob cannot overwrite it (the folder is not his), but writes his own.
    expect((await upload(bob, 'uploads/u_alice/mine.png')).status).toBe(403)
    expect((await upload(bob, 'uploads/u_bob/his.png')).status).toBe(200)
  })

  test('a WeChat user without an account (no user id yet) writes nowhere', async () => {
    const fresh = await sessionCookie('new')
    expect((await upload(fresh, 'uploads/u_alice/x.png')).status).toBe(403)
    expect((await upload(fresh, 'uploads/o_dev_new/x.png')).status).toBe(403)
  })

  test('without a rule file, as on the platform, users write nothing', async () => {
    const bare = await startTestCloud({ collections: { users: {} }, personas: [{ id: 'alice', openid: 'o_alice', name: '爱丽丝', description: '' }] })
    try {
      await bare.probe(`await db.collection('users').add({ data: { _id: 'u_alice', openid: 'o_alice' } })`)
      const json = { 'content-type': 'application/json', 'x-xq-local-token': bare.cloud.token }
      const res = await fetch(`${bare.cloud.url}/dev/session`, { method: 'POST', headers: json, body: '{"persona":"alice"}' })
      const form = new FormData()
      form.append('cloudPath', 'uploads/u_alice/a.png')
      form.append('file', new Blob([Buffer.from('x')]), 'a.png')
      const refused = await fetch(`${bare.cloud.url}/storage/upload`, {
        method: 'POST',
        headers: { cookie: res.headers.get('set-cookie')!.split(';')[0], 'x-xq-local-token': bare.cloud.token },
        body: form,
      })
      expect(refused.status).toBe(403)
      expect(bare.cloud.storage.exists('uploads/u_alice/a.png')).toBe(false)
    } finally {
      await bare.close()
    }
  })

  test('the rule language fails closed: an unknown name or property, a missing document, a non-boolean result refuse', () => {
    const ctx = (openid: string | null, p: string) => ({
      auth: openid ? { openid } : null,
      resource: { openid: openid ?? '', path: p },
      get: (docPath: string) => (docPath === 'database.users.u1' ? { openid: 'o1' } : null),
    })
    const rule = (write: string) => new StorageRules({ write })
    const owner = rule("get(`database.users.${resource.path.split('/')[1]}`).openid == auth.openid")
    expect(owner.allows('write', ctx('o1', 'uploads/u1/a.png'))).toBe(true)
    expect(owner.allows('write', ctx('o2', 'uploads/u1/a.png'))).toBe(false)
    expect(owner.allows('write', ctx('o1', 'uploads/u2/a.png'))).toBe(false) // no such document
    expect(owner.allows('write', ctx(null, 'uploads/u1/a.png'))).toBe(false) // auth is null
    expect(owner.allows('read', ctx('o1', 'uploads/u1/a.png'))).toBe(false) // no read rule
    expect(rule('auth.uid == resource.uid').allows('write', ctx('o1', 'x'))).toBe(false)
    expect(rule('secret == 1').allows('write', ctx('o1', 'x'))).toBe(false)
    expect(rule("resource.path").allows('write', ctx('o1', 'x'))).toBe(false)
    expect(rule("/^uploads\\//.test(resource.path) == true && auth != null").allows('write', ctx('o1', 'uploads/a'))).toBe(true)
    expect(() => rule('auth.openid ==')).toThrow(/storage rule write/)
    expect(() => new StorageRules({ delete: true } as never)).toThrow(/unknown storage rule operation/)
  })
})
