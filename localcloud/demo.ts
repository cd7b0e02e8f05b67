// Demo data (data/demo.json): the personas the development gateway offers, and seeding
// them into a local cloud. A persona's roles are written directly: demo seeding is a
// deployment step, like configuring the first city admin.
//
// It lives in the local cloud, which offers it on `serve --demo` (cli.ts); scripts and tests
// take it from here (scripts/demo.ts re-exports it), so scripts depend on the local cloud and
// never the other way round. Like the rest of the local cloud it reaches the functions only
// through the built functions it runs (cloud.invoke), never their source.
import fs from 'node:fs'
import path from 'node:path'
import { EJSON } from 'bson'
import type { Persona } from './gateway'
import type { LocalCloud } from './server'
import type { RoleGrant } from '../types/common'
import { idCheckChar } from '../types/personal'
import { PRIVACY_VERSION, SENSITIVE_CONSENT_VERSION } from '../types/registration'
import { shanghaiDaysAhead } from '../types/time'

export interface DemoPersona extends Persona {
  roles: RoleGrant[]
}

export interface DemoData {
  personas: DemoPersona[]
  stations: { id: string; name: string; townshipCode: string; address: string; lat: number; lng: number; radiusM: number; hours: string }[]
  merchants: { id: string; name: string; category: string; countyCode: string; address: string; lat: number; lng: number }[]
  perks: { id: string; merchantId: string; title: string; description: string; minStar: number; perDay: number; perMonth: number; quota: number }[]
  banks: { id: string; name: string }[]
  employers: { id: string; name: string; type: string }[]
}

export const demo = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../data/demo.json'), 'utf8')) as DemoData

/** The demo's city admins, the local cloud's first city admins (XQ_CITY_ADMIN_OPENIDS). */
export function demoCityAdmins(): string[] {
  return demo.personas.filter((p) => p.roles.some((g) => g.role === 'city_admin')).map((p) => p.openid)
}

/** The gateway's persona list: the demo personas and a brand-new WeChat user. */
export function gatewayPersonas(): Persona[] {
  return [
    ...demo.personas.map(({ id, openid, name, description }) => ({ id, openid, name, description })),
    { id: 'new', openid: '', name: '新用户', description: '一个从未使用过乡青汇的微信用户' },
  ]
}

/** Inserts the documents a collection does not have yet (by _id, or by a key field). */
async function insertMissing(cloud: LocalCloud, collection: string, docs: Record<string, unknown>[], key = '_id'): Promise<number> {
  const present = new Set([...cloud.store.get(collection).docs.values()].map((d) => d[key]))
  const missing = docs.filter((d) => !present.has(d[key]))
  if (missing.length === 0) return 0
  await cloud.db.handle('database.insertDocument', { collectionName: collection, data: missing.map((d) => EJSON.stringify(d, { relaxed: false })) })
  return missing.length
}

/**
 * Writes the demo personas' accounts and the partner organisations their roles point at, if
 * they are not there yet; returns how many personas were added.
 */
export async function seedDemo(cloud: LocalCloud): Promise<number> {
  const now = new Date()
  const org = (o: { id: string; name: string; countyCode?: string }) => ({ _id: o.id, name: o.name, countyCode: o.countyCode ?? '', status: 'active', createdAt: now })
  const countyNames = Object.fromEntries(
    (JSON.parse(fs.readFileSync(path.resolve(__dirname, '../data/qingyuan-divisions.json'), 'utf8')) as { counties: { code: string; name: string }[] }).counties.map((c) => [c.code, c.name]),
  )
  await insertMissing(
    cloud,
    'merchants',
    demo.merchants.map((m) => ({
      ...org(m),
      category: m.category,
      isDepartment: false,
      countyName: countyNames[m.countyCode],
      address: m.address,
      location: { lat: m.lat, lng: m.lng },
      contactName: '店长',
      contactPhone: '13600136000',
      updatedAt: now,
    })),
  )
  const day = (offset: number) => new Date(now.getTime() + 8 * 3600_000 + offset * 86400_000).toISOString().slice(0, 10)
  await insertMissing(
    cloud,
    'perks',
    demo.perks.map((p) => {
      const m = demo.merchants.find((x) => x.id === p.merchantId)!
      return {
        _id: p.id,
        merchantId: m.id,
        merchantName: m.name,
        category: m.category,
        countyCode: m.countyCode,
        address: m.address,
        location: { lat: m.lat, lng: m.lng },
        title: p.title,
        description: p.description,
        terms: '到店出示乡青汇优惠码，由店员扫码核销。',
        pictureFileId: '',
        minStar: p.minStar,
        counties: [],
        perDay: p.perDay,
        perMonth: p.perMonth,
        quota: p.quota,
        redeemed: 0,
        usage: {},
        recentCodes: [],
        validFrom: day(-30),
        validTo: day(365),
        status: 'active',
        createdAt: now,
        updatedAt: now,
      }
    }),
  )
  await insertMissing(cloud, 'banks', demo.banks.map(org))
  await insertMissing(cloud, 'employers', demo.employers.map((e) => ({ ...org(e), type: e.type })))
  const divisions = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../data/qingyuan-divisions.json'), 'utf8')) as { counties: { code: string; name: string; townships: { code: string; name: string }[] }[] }
  const placeOf = (code: string) => {
    const county = divisions.counties.find((c) => c.townships.some((t) => t.code === code))!
    return { townshipName: county.townships.find((t) => t.code === code)!.name, countyCode: county.code, countyName: county.name }
  }
  await insertMissing(
    cloud,
    'stations',
    demo.stations.map((st) => ({
      _id: st.id,
      name: st.name,
      address: st.address,
      townshipCode: st.townshipCode,
      ...placeOf(st.townshipCode),
      location: { lat: st.lat, lng: st.lng },
      radiusM: st.radiusM,
      opensAt: st.hours.split('-')[0],
      closesAt: st.hours.split('-')[1],
      active: true,
      createdBy: 'seed',
      createdAt: now,
      updatedAt: now,
    })),
  )
  const added = await insertMissing(
    cloud,
    'users',
    demo.personas.map((p) => ({ openid: p.openid, nickname: p.name, avatarFileId: '', mobile: '', roles: p.roles, status: 'active', createdAt: now, updatedAt: now })),
    'openid',
  )
  await registerDemoPeople(cloud)
  // The LPR table the city admin keeps, as published (the loan subsidy is computed from it).
  if (cloud.store.get('lpr_rates').docs.size === 0) {
    const outcome = await cloud.invoke('loan', { action: 'lprImportPublished', input: {} }, { openid: 'o_demo_city', source: 'wx_client' })
    if (!outcome.ok || !(outcome.result as { ok: boolean }).ok) throw new Error('demo seeding: loan.lprImportPublished failed')
  }
  return added
}

/** How many days the demo volunteer's service term still runs, from the day the demo is seeded. */
const DEMO_TERM_DAYS_LEFT = 150

/** A valid (fictional) resident ID number for the demo volunteer: GB 11643 checksum. */
function demoIdNumber(): string {
  const first17 = '44180219990315204'
  return first17 + idCheckChar(first17)
}

/** A valid (fictional) resident ID number for the demo rural youth. */
function demoYouthIdNumber(): string {
  const first17 = '44182119960708153'
  return first17 + idCheckChar(first17)
}

/**
 * The demo volunteer and the demo rural youth register and the county admin approves, through
 * the functions, as they would (the ID numbers are sealed with the functions' own key).
 */
async function registerDemoPeople(cloud: LocalCloud): Promise<void> {
  const call = async (openid: string, fn: string, action: string, input: unknown) => {
    const outcome = await cloud.invoke(fn, { action, input }, { openid, source: 'wx_client' })
    const result = outcome.ok ? (outcome.result as { ok: boolean; data?: { id?: string }; error?: unknown }) : null
    if (!result?.ok) throw new Error(`demo seeding: ${fn}.${action} failed: ${outcome.ok ? JSON.stringify(result?.error) : outcome.errMsg}`)
    return result.data
  }
  const unregistered = (personaId: string) => {
    const persona = demo.personas.find((p) => p.id === personaId)!
    const user = [...cloud.store.get('users').docs.values()].find((u) => u.openid === persona.openid)
    return user && ![...cloud.store.get('registrations').docs.values()].some((r) => r.userId === user._id) ? persona : null
  }
  const consents = { privacyVersion: PRIVACY_VERSION, sensitiveVersion: SENSITIVE_CONSENT_VERSION }
  const volunteer = unregistered('volunteer')
  if (volunteer) {
    const reg = await call(volunteer.openid, 'registration', 'submitVolunteer', {
      name: volunteer.name,
      idNumber: demoIdNumber(),
      mobile: '13800138001',
      countyCode: '441802',
      townshipCode: '441802006',
      school: '华南农业大学',
      major: '农林经济管理',
      graduationYear: 2024,
      politicalStatus: '共青团员',
      skills: ['电子商务', '直播带货', '乡村旅游'],
      // A term that runs into next year, ending within the job fairs' usual window (180 days):
      // serving (check-ins and perks work) and eligible for a fair, whenever the demo is seeded.
      termStart: '2024-07-01',
      termEnd: shanghaiDaysAhead(Date.now(), DEMO_TERM_DAYS_LEFT),
      ...consents,
    })
    await call('o_demo_county', 'registration', 'review', { ids: [reg!.id], decision: 'approve' })
  }
  const youth = unregistered('youth')
  if (youth) {
    const reg = await call(youth.openid, 'registration', 'submitRuralYouth', {
      name: youth.name,
      idNumber: demoYouthIdNumber(),
      mobile: '13800138002',
      countyCode: '441802',
      townshipCode: '441802006',
      occupation: '砂糖橘种植与农村电商',
      ...consents,
    })
    await call('o_demo_county', 'registration', 'review', { ids: [reg!.id], decision: 'approve' })
  }
}

// ---- the programmes' showcase ------------------------------------------------------------------

/** The contest the demo judge (苏晓岚) was invited to judge: her grant names it (data/demo.json). */
export const DEMO_CONTEST_ID = demo.personas.find((p) => p.id === 'judge')!.roles[0].scopeId

/**
 * Something in every programme for `npm start` (never the tests' seed: their data starts from the
 * personas alone): trainings the league publishes with sessions people signed up for and an
 * online course 林晓雨 completed (her certificate); two matters she reported as a grid volunteer
 * (one taken up by her township); a care visit to her with a follow-up open; this year's 最美志愿者
 * round, published with her among the awarded; and the
 * live-streaming contest 林晓雨 and 黄家明 entered, now with the judges (苏晓岚 among them). Made through the functions as people
 * would, once: a second run finds the courses there and does nothing.
 */
export async function seedShowcase(cloud: LocalCloud): Promise<boolean> {
  if ([...cloud.store.get('training_courses').docs.values()].some((c) => c.title === SHOWCASE_COURSE)) return false
  const call = async <T = Record<string, unknown>>(openid: string, fn: string, action: string, input: unknown): Promise<T> => {
    const outcome = await cloud.invoke(fn, { action, input }, { openid, source: 'wx_client' })
    const result = outcome.ok ? (outcome.result as { ok: boolean; data?: T; error?: unknown }) : null
    if (!result?.ok) throw new Error(`demo showcase: ${fn}.${action} failed: ${outcome.ok ? JSON.stringify(result?.error) : outcome.errMsg}`)
    return result.data as T
  }
  const now = Date.now()
  const day = (offset: number) => shanghaiDaysAhead(now, offset)
  const moment = (ms: number) => new Date(now + ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')
  const HOUR = 3600_000

  // Trainings: the city's pre-service course (two sessions), a county's lecture, an online course.
  const course = await call<{ id: string }>('o_demo_city', 'training', 'save', {
    title: SHOWCASE_COURSE,
    kind: 'preservice',
    audience: 'both',
    department: '团市委组织部',
    description: '市情县情、乡村振兴政策、驻镇帮镇扶村工作方法与业务知识。',
    requiredSessions: 2,
  })
  const sessions: { id: string }[] = []
  for (const [i, offset] of [7, 14].entries()) {
    sessions.push(
      await call('o_demo_city', 'training', 'saveSession', {
        courseId: course.id,
        title: `第${i === 0 ? '一' : '二'}讲`,
        date: day(offset),
        startTime: '09:00',
        endTime: '11:30',
        venue: '清远市青少年宫',
        address: '清城区北江一路 8 号',
        location: { lat: 23.68, lng: 113.05 },
        capacity: 40,
        signupOpensAt: moment(-HOUR),
        signupClosesAt: `${day(offset - 1)} 18:00`,
        materials: '讲义与政策汇编在开课前发放。',
      }),
    )
  }
  await call('o_demo_city', 'training', 'setStatus', { id: course.id, status: 'published' })
  for (const s of sessions) await call('o_demo_volunteer', 'training', 'signUp', { sessionId: s.id })
  await call('o_demo_youth', 'training', 'signUp', { sessionId: sessions[0].id })
  const lecture = await call<{ id: string }>('o_demo_county', 'training', 'save', { title: '青农大讲堂·砂糖橘电商直播', kind: 'lecture', audience: 'both', department: '清城区农业农村局', countyCode: '441802', description: '从选品、拍摄到直播间运营。' })
  await call('o_demo_county', 'training', 'saveSession', {
    courseId: lecture.id,
    title: '第一课',
    date: day(10),
    startTime: '14:30',
    endTime: '16:30',
    venue: '凤城街道新时代文明实践站',
    address: '清城区凤城街道新城中心区',
    capacity: 2,
    signupOpensAt: moment(-HOUR),
    signupClosesAt: `${day(9)} 18:00`,
  })
  await call('o_demo_county', 'training', 'setStatus', { id: lecture.id, status: 'published' })
  const online = await call<{ id: string; parts: { id: string }[] }>('o_demo_city', 'training', 'save', {
    title: '乡村振兴政策线上学习',
    kind: 'online',
    audience: 'both',
    department: '团市委',
    description: '随时学，学完全部课时即结业。',
    parts: [
      { title: '乡村振兴战略概要', minutes: 30, link: '' },
      { title: '驻镇帮镇扶村工作方法', minutes: 45, link: '' },
    ],
  })
  await call('o_demo_city', 'training', 'setStatus', { id: online.id, status: 'published' })
  for (const p of online.parts) await call('o_demo_volunteer', 'training', 'completePart', { courseId: online.id, partId: p.id })

  // 志愿网格员: 林晓雨 reports two matters in 凤城街道; 陈思敏 (its league) takes the first up.
  const matters = [
    ['environment', 'pressing', '新城村村口垃圾堆放多日无人清理，气味较大，影响村民出行。', '凤城街道新城村村口'],
    ['safety', 'normal', '北江堤岸步道有一段护栏松动，傍晚散步的人较多，存在安全隐患。', '凤城街道北江堤岸步道'],
  ] as const
  const reported: { id: string; version: number }[] = []
  for (const [i, [category, urgency, text, address]] of matters.entries()) {
    reported.push(await call('o_demo_volunteer', 'grid', 'report', { requestId: `demo-grid-${i + 1}-${now}`, category, urgency, text, place: { location: { lat: 23.6975 + i * 0.002, lng: 113.0555 }, address } }))
  }
  await call('o_demo_township', 'grid', 'accept', { id: reported[0].id, version: reported[0].version })
  // 志愿者关怀: 陈思敏 and 李建国 visited 林晓雨, with a follow-up open.
  const lin = [...cloud.store.get('users').docs.values()].find((u) => u.openid === 'o_demo_volunteer')!
  await call('o_demo_township', 'care', 'record', {
    volunteerId: lin._id,
    visitDate: day(-12),
    visitors: ['陈思敏', '李建国'],
    aspects: { housing: { rating: 'good', note: '宿舍在街道办院内' }, meals: { rating: 'good' }, office: { rating: 'fair', note: '与党政办合用' }, health: { rating: 'good' }, work: { rating: 'good' } },
    needs: '希望增加一台办公电脑',
    followUps: [{ text: '协调街道调配办公电脑', owner: '陈思敏', due: day(10) }],
  })

  // 评选表彰: this year's 最美志愿者, 林晓雨 nominated by 凤城街道, recommended by 清城区, awarded and published.
  const year = Number(day(0).slice(0, 4))
  const round = await call<{ id: string }>('o_demo_city', 'commend', 'saveRound', { kind: 'finest', title: `${year}年度清远市最美志愿者评选`, year, nominateFrom: day(0), nominateTo: day(10), perTownship: 3, perCounty: 2, awards: 2, criteria: '扎根基层服务满一年，服务群众成效突出，事迹感人。' })
  await call('o_demo_city', 'commend', 'advance', { id: round.id, status: 'nominating' })
  const candidates = await call<{ items: { name: string; registrationId: string }[] }>('o_demo_township', 'commend', 'candidates', { roundId: round.id, pageSize: 50 })
  const nomination = await call<{ id: string }>('o_demo_township', 'commend', 'nominate', { roundId: round.id, registrationId: candidates.items.find((c) => c.name === lin.nickname)!.registrationId, reason: '扎根社区两年，组织助农直播二十余场，带动果农增收。' })
  await call('o_demo_city', 'commend', 'advance', { id: round.id, status: 'reviewing' })
  await call('o_demo_county', 'commend', 'review', { id: nomination.id, decision: 'recommend', reason: '事迹突出' })
  await call('o_demo_city', 'commend', 'advance', { id: round.id, status: 'deciding' })
  await call('o_demo_city', 'commend', 'decide', { id: nomination.id, decision: 'award', reason: '' })
  await call('o_demo_city', 'commend', 'advance', { id: round.id, status: 'published' })

  // The contest: opened by the city (everyone who may enter is told), two entries submitted, judging.
  if (!cloud.store.get('contests').docs.has(DEMO_CONTEST_ID)) {
    const at = new Date(now)
    await insertMissing(cloud, 'contests', [
      {
        _id: DEMO_CONTEST_ID,
        kind: 'live',
        title: demo.personas.find((p) => p.id === 'judge')!.roles[0].scopeName,
        rules: '作品须为原创直播回放或短视频，展示清远乡村旅游资源，时长不超过 10 分钟。',
        countyCode: '',
        countyName: '清远市',
        mode: 'individual',
        maxTeamSize: 1,
        rounds: [{ name: '初赛', entryDeadline: new Date(now + 3 * 24 * HOUR), judgingEnds: new Date(now + 10 * 24 * HOUR), advance: 2 }],
        rubric: [
          { name: '创意', weight: 40, maxScore: 10 },
          { name: '带货效果', weight: 60, maxScore: 10 },
        ],
        awards: [
          { name: '一等奖', count: 1 },
          { name: '二等奖', count: 1 },
        ],
        appealDays: 3,
        status: 'draft',
        round: 0,
        submitted: 0,
        settledRound: -1,
        publishedAt: null,
        appealUntil: null,
        version: 1,
        createdBy: 'seed',
        createdAt: at,
        updatedAt: at,
      },
    ])
    await call('o_demo_city', 'contest', 'advance', { id: DEMO_CONTEST_ID, to: 'open' })
    const works = [
      ['o_demo_volunteer', '英西峰林慢直播', 'https://live.example.com/room/88', '用一天时间慢直播英西峰林的日出、农家和夜市。'],
      ['o_demo_youth', '砂糖橘丰收直播间', 'https://live.example.com/room/66', '带大家走进果园，边摘边讲砂糖橘的种植和挑选。'],
    ] as const
    for (const [who, title, workUrl, description] of works) {
      const entry = await call<{ id: string }>(who, 'contest', 'saveEntry', { contestId: DEMO_CONTEST_ID, title, workUrl, description })
      await call(who, 'contest', 'submitEntry', { id: entry.id })
    }
    const c = cloud.store.get('contests').docs.get(DEMO_CONTEST_ID) as unknown as { rounds: { entryDeadline: Date }[] }
    await cloud.db.handle('database.modifyDocument', {
      collectionName: 'contests',
      queryType: 'DOC',
      query: JSON.stringify({ _id: DEMO_CONTEST_ID }),
      data: EJSON.stringify({ $set: { rounds: c.rounds.map((r) => ({ ...r, entryDeadline: new Date(now - 60_000) })) } }, { relaxed: false }),
      merge: true,
    })
    await call('o_demo_city', 'contest', 'advance', { id: DEMO_CONTEST_ID, to: 'judging' })
  }
  return true
}

const SHOWCASE_COURSE = '2026 年乡村振兴志愿者岗前培训'
