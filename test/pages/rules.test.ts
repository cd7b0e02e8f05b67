// The rules both sides apply (issue 15, part 4): where things are (types/geo-rules.ts), and the
// zod-free checks the forms run (types/*-rules.ts), held to the contract's schemas: for every
// request below, the check and the schema name the same fields with the same first message.
// Then the three forms' own checks, and the helper that puts issues at their rows.
import { boxAround, DEFAULT_COARSE_ACCURACY_M, distanceMetres } from '../../types/geo-rules'
import { fairSaveIssues, type FairRequest } from '../../types/fair-rules'
import { positionSaveIssues, type PositionRequest } from '../../types/position-rules'
import { integerProblem, textProblem, type Issue } from '../../types/field-rules'
import { fair, FairInput } from '../../types/fair'
import { DEFAULT_SETTINGS, Settings } from '../../types/settings'
import { station } from '../../types/station'
import { RADIUS_RULE, stationSaveIssues, type StationRequest } from '../../types/station-rules'
import { fieldErrors } from '../../src/services/form-errors'
import { checkStation, type Fields as StationFields } from '../../src/packages/township/station/check'
import { checkFair, type Fields as FairFields } from '../../src/packages/fairadmin/edit/check'
import { checkPosition, type Fields as PositionFields } from '../../src/packages/employer/position/check'
import type * as z from '../../types/zod'

/** The first message per field (path joined with '.'), as the function and the forms read issues. */
function firstPerField(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const i of issues) {
    const key = i.path.map(String).join('.')
    if (!(key in out)) out[key] = i.message
  }
  return out
}

/** What the schema says of a request, and what the zod-free check says. */
function both<R>(schema: z.ZodType, check: (r: R) => Issue[], request: R) {
  const parsed = schema.safeParse(request)
  return { schema: parsed.success ? {} : firstPerField(parsed.error.issues), check: firstPerField(check(request)) }
}

describe('where things are (types/geo-rules.ts), one formula for the app and the functions', () => {
  test('haversine: a degree of latitude is about 111.2 km; a point is 0 m from itself; either way round', () => {
    expect(distanceMetres({ lat: 23, lng: 113 }, { lat: 24, lng: 113 })).toBeCloseTo(111_195, -1)
    expect(distanceMetres({ lat: 23.6975, lng: 113.0555 }, { lat: 23.6975, lng: 113.0555 })).toBe(0)
    const a = { lat: 23.6975, lng: 113.0555 }
    const b = { lat: 23.7012, lng: 113.0487 }
    expect(distanceMetres(a, b)).toBeCloseTo(distanceMetres(b, a), 6)
    expect(Math.round(distanceMetres(a, b))).toBe(805)
  })

  test('the box a nearby search queries holds every point within the radius', () => {
    const centre = { lat: 23.7, lng: 113.05 }
    const box = boxAround(centre, 30)
    for (const bearing of [0, 45, 90, 135, 180, 225, 270, 315]) {
      const r = (bearing * Math.PI) / 180
      // A point just inside 30 km in each direction.
      const p = { lat: centre.lat + (29.9 / 111.195) * Math.cos(r), lng: centre.lng + (29.9 / (111.195 * Math.cos((centre.lat * Math.PI) / 180))) * Math.sin(r) }
      expect(distanceMetres(centre, p)).toBeLessThan(30_000)
      expect(p.lat).toBeGreaterThanOrEqual(box.lat[0])
      expect(p.lat).toBeLessThanOrEqual(box.lat[1])
      expect(p.lng).toBeGreaterThanOrEqual(box.lng[0])
      expect(p.lng).toBeLessThanOrEqual(box.lng[1])
    }
  })

  test('one coarse-accuracy threshold: the setting, whose default the app starts from', () => {
    expect(DEFAULT_SETTINGS.coarseAccuracyM).toBe(DEFAULT_COARSE_ACCURACY_M)
    expect(Settings.shape.defaultRadiusM.safeParse(30).error?.issues[0].message).toBe(RADIUS_RULE.tooSmall)
  })
})

describe('single fields (types/field-rules.ts)', () => {
  test('text: missing, too long, control characters, a phone number, too short, in the order the schema checks them', () => {
    expect(textProblem('驿站名称', 40, 2, undefined)).toBe('请填写驿站名称')
    expect(textProblem('驿站名称', 40, 2, '  ')).toBe('驿站名称至少 2 个字')
    expect(textProblem('驿站名称', 40, 2, '驿'.repeat(41))).toBe('驿站名称不能超过 40 个字')
    expect(textProblem('驿站名称', 40, 2, '驿站\u0007')).toBe('驿站名称含有无效字符')
    expect(textProblem('驿站名称', 40, 2, '联系 138 0013 8000')).toBe('为保护个人信息，驿站名称中请勿填写手机号或证件号')
    expect(textProblem('驿站名称', 40, 2, ' 凤城驿站 ')).toBe('')
  })
  test('whole numbers: missing (nothing typed, NaN), not whole, too small, too big', () => {
    expect(integerProblem(RADIUS_RULE, undefined)).toBe('请填写签到半径')
    expect(integerProblem(RADIUS_RULE, NaN)).toBe('请填写签到半径')
    expect(integerProblem(RADIUS_RULE, 120.5)).toBe('签到半径应为整数米')
    expect(integerProblem(RADIUS_RULE, 49)).toBe('签到半径至少 50 米')
    expect(integerProblem(RADIUS_RULE, 2001)).toBe('签到半径不能超过 2000 米')
    expect(integerProblem(RADIUS_RULE, 300)).toBe('')
  })
})

/** One example fair, as the request and as the form's fields. */
const exampleFair = {
  title: '2026 年冬季乡村振兴志愿者岗位对接会',
  date: '2026-12-20',
  startTime: '09:00',
  endTime: '12:00',
  venue: '清远市青少年宫',
  address: '清城区北江一路 8 号',
}

describe('the forms\' checks say what the contract\'s schemas say', () => {
  const okStation: StationRequest = { name: '凤城街道青年之家志愿服务驿站', address: '清远市清城区凤城街道连江路 8 号', townshipCode: '441802006', location: { lat: 23.7012, lng: 113.0487 }, radiusM: 200, opensAt: '08:30', closesAt: '17:30', active: true }
  const stationCases: [string, Partial<StationRequest>][] = [
    ['valid', {}],
    ['blank name', { name: undefined }],
    ['short name', { name: '驿' }],
    ['long name', { name: '驿'.repeat(41) }],
    ['a phone number in the address', { address: '凤城街道 13800138000' }],
    ['control characters', { address: '凤城\u0001街道' }],
    ['no township', { townshipCode: undefined }],
    ['a bad township', { townshipCode: '4418' }],
    ['latitude out of China', { location: { lat: 99, lng: 113.0487 } }],
    ['longitude out of China', { location: { lat: 23.7, lng: 13 } }],
    ['coordinates not numbers', { location: { lat: NaN, lng: NaN } }],
    ['no radius (the settings\' default)', { radiusM: undefined }],
    ['radius too small', { radiusM: 20 }],
    ['radius too big', { radiusM: 5000 }],
    ['radius not whole', { radiusM: 120.5 }],
    ['radius not a number', { radiusM: NaN }],
    ['closing before opening', { opensAt: '18:00', closesAt: '09:00' }],
    ['closing when opening', { opensAt: '09:00', closesAt: '09:00' }],
    ['no hours (defaults)', { opensAt: undefined, closesAt: undefined }],
    ['a malformed time', { opensAt: '8:30' }],
    ['all day', { opensAt: '00:00', closesAt: '23:59' }],
    ['short name and hours out of order', { name: '驿', opensAt: '18:00', closesAt: '09:00' }],
    ['blank name and hours out of order (a missing value stops the comparison, as in zod)', { name: undefined, opensAt: '18:00', closesAt: '09:00' }],
    ['everything wrong', { name: '驿', address: undefined, townshipCode: 'x', location: { lat: 1, lng: 200 }, radiusM: 0, closesAt: '08:00' }],
  ]
  test.each(stationCases)('station.save: %s', (_name, change) => {
    const r = both(station.save.input, stationSaveIssues, { ...okStation, ...change })
    expect(r.check).toEqual(r.schema)
  })

  const okFair: FairRequest = {
    ...exampleFair,
    location: null,
    signupOpensAt: '2026-12-01 09:00',
    signupClosesAt: '2026-12-19 18:00',
    capacity: 200,
    termEndsWithinDays: 180,
    allowRuralYouth: false,
    maxPositions: 3,
    employerIds: ['e_qy_city_invest'],
    description: '',
  }
  const fairCases: [string, Partial<FairRequest>][] = [
    ['valid', {}],
    ['editing (an id)', { id: 'Fa1b2c3d4e5f6' }],
    ['a bad id', { id: 'F1' }],
    ['blank title', { title: undefined }],
    ['short title', { title: '对接会' }],
    ['long title', { title: '会'.repeat(41) }],
    ['no such date', { date: '2026-02-30' }],
    ['ending before starting', { startTime: '12:00', endTime: '09:00' }],
    ['blank venue and address', { venue: undefined, address: undefined }],
    ['a located venue', { location: { lat: 23.68, lng: 113.05 } }],
    ['a venue out of China', { location: { lat: 99, lng: 113.05 } }],
    ['sign-up closing before it opens', { signupOpensAt: '2026-12-10 09:00', signupClosesAt: '2026-12-09 09:00' }],
    ['sign-up closing after the fair starts', { signupClosesAt: '2026-12-20 10:00' }],
    ['both sign-up problems (the first is told)', { signupOpensAt: '2026-12-21 09:00', signupClosesAt: '2026-12-20 10:00' }],
    ['a malformed moment', { signupOpensAt: '2026-12-01' }],
    ['no such day in a moment', { signupOpensAt: '2026-13-01 09:00' }],
    ['no capacity', { capacity: undefined }],
    ['capacity 0', { capacity: 0 }],
    ['capacity too big', { capacity: 20_000 }],
    ['capacity not whole', { capacity: 1.5 }],
    ['no term window', { termEndsWithinDays: undefined }],
    ['a negative term window', { termEndsWithinDays: -1 }],
    ['a term window too long', { termEndsWithinDays: 731 }],
    ['too many positions each', { maxPositions: 6 }],
    ['a bad employer', { employerIds: ['e_ok', '!'] }],
    ['too many employers', { employerIds: Array.from({ length: 101 }, (_, i) => `e_${i}`) }],
    ['a long description', { description: '说'.repeat(501) }],
    ['a phone number in the description', { description: '咨询 0763-3362001 或 13800138000' }],
    ['capacity 0 and ending before starting', { capacity: 0, startTime: '12:00', endTime: '09:00' }],
    ['no capacity and ending before starting (no comparison, as in zod)', { capacity: undefined, startTime: '12:00', endTime: '09:00' }],
  ]
  test.each(fairCases)('fair.save: %s', (_name, change) => {
    const r = both(FairInput, fairSaveIssues, { ...okFair, ...change })
    expect(r.check).toEqual(r.schema)
  })

  const okPosition: PositionRequest = {
    fairId: 'Fa1b2c3d4e5f6',
    employerId: 'e_qy_city_invest',
    title: '乡村振兴项目专员',
    openings: 2,
    place: '清城区凤城街道',
    countyCode: '441802',
    requirements: '服务期满的乡村振兴志愿者',
    salaryMinFen: 500_000,
    salaryMaxFen: 800_050,
    contactName: '何经理',
    contactPhone: '0763-3388123',
  }
  const positionCases: [string, Partial<PositionRequest>][] = [
    ['valid', {}],
    ['a mobile to call', { contactPhone: '13800138000' }],
    ['outside Qingyuan', { countyCode: '' }],
    ['editing (an id)', { id: 'Ja1b2c3d4e5f6' }],
    ['a bad id', { id: 'J1' }],
    ['a bad fair', { fairId: 'nope' }],
    ['no employer', { employerId: undefined }],
    ['a bad employer', { employerId: '!' }],
    ['blank title', { title: undefined }],
    ['long title', { title: '岗'.repeat(31) }],
    ['no openings', { openings: undefined }],
    ['0 openings', { openings: 0 }],
    ['too many openings', { openings: 1001 }],
    ['a bad county', { countyCode: '4418' }],
    ['short requirements', { requirements: '志愿者' }],
    ['the maximum below the minimum', { salaryMaxFen: 450_000 }],
    ['面议 (both 0)', { salaryMinFen: 0, salaryMaxFen: 0 }],
    ['no salary', { salaryMinFen: undefined, salaryMaxFen: undefined }],
    ['a salary not a sum', { salaryMinFen: NaN }],
    ['a salary too big', { salaryMaxFen: 100_000_001 }],
    ['a salary in fractions of a fen', { salaryMinFen: 1.5 }],
    ['no contact', { contactName: undefined, contactPhone: undefined }],
    ['a phone that is neither', { contactPhone: '3388123' }],
    ['a phone with spaces around it', { contactPhone: ' 0763-3388123 ' }],
    ['the maximum below the minimum and a blank title (no comparison, as in zod)', { salaryMaxFen: 450_000, title: undefined }],
  ]
  test.each(positionCases)('fair.savePosition: %s', (_name, change) => {
    const r = both(fair.savePosition.input, positionSaveIssues, { ...okPosition, ...change })
    expect(r.check).toEqual(r.schema)
  })
})

describe('issues at their rows (src/services/form-errors.ts)', () => {
  const rowOf = (field: string) => (field.startsWith('location') ? 'location' : field === 'radiusM' ? 'radius' : field === 'name' ? 'name' : null)
  test('the first message per row; a nested path finds its row; what no row shows is kept apart', () => {
    const issues = [
      { path: ['name'], message: '驿站名称至少 2 个字' },
      { path: ['name'], message: '第二条' },
      { path: ['location', 'lat'], message: '纬度超出范围' },
      { path: ['location', 'lng'], message: '经度超出范围' },
      { path: ['id'], message: '驿站编号无效' },
    ]
    expect(fieldErrors(issues, rowOf)).toEqual({ errors: { name: '驿站名称至少 2 个字', location: '纬度超出范围' }, unplaced: ['驿站编号无效'] })
    expect(fieldErrors([], rowOf)).toEqual({ errors: {}, unplaced: [] })
  })
  test('zod\'s own issues fit as they are', () => {
    const parsed = station.save.input.safeParse({ name: '驿', address: '凤城街道', townshipCode: '441802006', location: { lat: 99, lng: 113 }, radiusM: 10 })
    expect(fieldErrors(parsed.error!.issues, rowOf).errors).toEqual({ name: '驿站名称至少 2 个字', location: '纬度超出范围', radius: '签到半径至少 50 米' })
  })
})

describe('the three forms', () => {
  const stationFields: StationFields = { name: '凤城街道青年之家志愿服务驿站', address: '清远市清城区凤城街道连江路 8 号', townshipCode: '441802006', lat: '23.7012', lng: '113.0487', radius: '200', opensAt: '08:30', closesAt: '17:30', active: true }
  test('station: the contract\'s messages at their rows; what only the form asks for; the request it sends', () => {
    expect(checkStation({ ...stationFields, lat: '99' }, true).errors).toEqual({ location: '纬度超出范围' })
    expect(checkStation({ ...stationFields, name: ' ', address: '', townshipCode: '' }, true).errors).toEqual({ name: '请填写驿站名称', address: '请填写地址', townshipCode: '请选择镇街' })
    expect(checkStation({ ...stationFields, radius: '20', closesAt: '08:00' }, true).errors).toEqual({ radius: '签到半径至少 50 米', closesAt: '关闭时间应晚于开放时间' })
    // The schema leaves these to the form: a place and a radius.
    expect(checkStation({ ...stationFields, lat: '', lng: '', radius: '' }, false).errors).toEqual({ location: '请在地图上选择驿站位置', radius: '请填写签到半径' })
    expect(checkStation({ ...stationFields, lat: '' }, true).errors).toEqual({ location: '请填写纬度和经度' })
    const ok = checkStation({ ...stationFields, name: ' 凤城驿站 ' }, true)
    expect(ok).toEqual({ errors: {}, input: { name: '凤城驿站', address: stationFields.address, townshipCode: '441802006', location: { lat: 23.7012, lng: 113.0487 }, radiusM: 200, opensAt: '08:30', closesAt: '17:30', active: true } })
    expect(station.save.input.safeParse(ok.input).success).toBe(true)
  })

  const fairFields: FairFields = {
    ...exampleFair,
    lat: '',
    lng: '',
    opensDate: '2026-12-01',
    opensTime: '09:00',
    closesDate: '2026-12-19',
    closesTime: '18:00',
    capacity: '200',
    termDays: '180',
    allowRuralYouth: false,
    maxPositions: 3,
    employerIds: ['e_qy_city_invest'],
    description: '',
  }
  test('fair: the contract\'s messages at their rows; both coordinates or neither; not below the seats taken', () => {
    expect(checkFair({ ...fairFields, capacity: '0' }, 0).errors).toEqual({ capacity: '名额至少 1 人' })
    expect(checkFair({ ...fairFields, capacity: '', termDays: '' }, 0).errors).toEqual({ capacity: '请填写名额', termDays: '请填写服务期满范围' })
    expect(checkFair({ ...fairFields, closesDate: '2026-12-20', closesTime: '10:00', endTime: '08:00' }, 0).errors).toEqual({ endTime: '结束时间应晚于开始时间', signupCloses: '报名应在对接会开始前截止' })
    expect(checkFair({ ...fairFields, lat: '23.68' }, 0).errors).toEqual({ location: '请同时填写纬度和经度，或都不填' })
    expect(checkFair({ ...fairFields, lat: '99', lng: '113.05' }, 0).errors).toEqual({ location: '纬度超出范围' })
    expect(checkFair({ ...fairFields, capacity: '5' }, 8).errors).toEqual({ capacity: '已有 8 人报名成功，名额不能少于此数' })
    const ok = checkFair({ ...fairFields, title: ` ${fairFields.title} `, description: ' 请携带简历 ' }, 0)
    expect(ok.input).toMatchObject({ title: fairFields.title, location: null, signupOpensAt: '2026-12-01 09:00', signupClosesAt: '2026-12-19 18:00', capacity: 200, termEndsWithinDays: 180, description: '请携带简历' })
    expect(FairInput.safeParse(ok.input).success).toBe(true)
  })

  const positionFields: PositionFields = {
    employerId: 'e_qy_city_invest',
    title: '乡村振兴项目专员',
    openings: '2',
    place: '清城区凤城街道',
    countyCode: '441802',
    requirements: '服务期满的乡村振兴志愿者，熟悉农村电商与项目申报',
    salaryMin: '5000',
    salaryMax: '8000.50',
    contactName: '何经理',
    contactPhone: '0763-3388123',
  }
  const FAIR = 'Fa1b2c3d4e5f6'
  test('position: the contract\'s messages at their rows; a county chosen; a salary that is a sum of yuan', () => {
    expect(checkPosition({ ...positionFields, salaryMax: '4500' }, FAIR).errors).toEqual({ salaryMax: '月薪上限不能低于下限' })
    expect(checkPosition({ ...positionFields, employerId: '', contactPhone: '' }, FAIR).errors).toEqual({ employerId: '请选择用人单位', contactPhone: '请填写联系电话' })
    expect(checkPosition({ ...positionFields, contactPhone: '3388123', openings: '0' }, FAIR).errors).toEqual({ openings: '至少招聘 1 人', contactPhone: '联系电话应为手机号或带区号的座机号' })
    expect(checkPosition({ ...positionFields, countyCode: null, salaryMin: '12.345', salaryMax: '' }, FAIR).errors).toEqual({
      countyCode: '请选择工作所在县（市、区）；不在清远的请选「清远市外」',
      salaryMin: '月薪请填写金额（元），最多两位小数',
      salaryMax: '请填写月薪上限',
    })
    const ok = checkPosition({ ...positionFields, countyCode: '' }, FAIR)
    expect(ok.input).toEqual({ fairId: FAIR, employerId: 'e_qy_city_invest', title: '乡村振兴项目专员', openings: 2, place: '清城区凤城街道', countyCode: '', requirements: positionFields.requirements, salaryMinFen: 500_000, salaryMaxFen: 800_050, contactName: '何经理', contactPhone: '0763-3388123' })
    expect(fair.savePosition.input.safeParse(ok.input).success).toBe(true)
  })
})
