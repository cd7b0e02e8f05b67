// 上报问题: the form's own check (the rules the function's schema is built from), the rows a refusal
// lands on, the due time of each urgency, and the send (the check first, the confirmation, consent,
// the photos uploaded, then the report with the same request id, the matter opened).
import { act } from 'react-test-renderer'
import { DEFAULT_GRID_DUE_HOURS } from '@contract/grid-rules'
import { check, dueText, rowOfField, useGridReport, type Fields, type GridReportForm } from './use-grid-report'
import { mountHook, unmountHooks, until } from '@/components/ui/test-harness'

jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: { showToast: jest.fn(), showModal: jest.fn(), redirectTo: jest.fn(() => Promise.resolve()), pageScrollTo: jest.fn(() => Promise.resolve()) },
}))
jest.mock('@/services/cloud', () => ({ ...jest.requireActual('@/services/cloud'), call: jest.fn() }))
jest.mock('@/services/files', () => ({ uploadFile: jest.fn(async (path: string) => `cloud://env.bucket/${path}`), uploadPath: (user: string, name: string) => `uploads/${user}/${name}` }))
jest.mock('@/services/pictures', () => ({ pickPictures: jest.fn(), pictureProblem: () => '' }))
jest.mock('@/services/notices', () => ({ askForNotices: jest.fn(() => Promise.resolve([])) }))
jest.mock('@/services/location', () => ({ LocationProblem: class extends Error {}, readLocation: jest.fn(async () => ({ lat: 23.6975123, lng: 113.0555, accuracy: 20 })) }))
jest.mock('@/services/map-point', () => ({ chooseMapPoint: jest.fn() }))

const taro = (jest.requireMock('@tarojs/taro') as { default: Record<string, jest.Mock> }).default
const { call } = jest.requireMock('@/services/cloud') as { call: jest.Mock }
const { uploadFile } = jest.requireMock('@/services/files') as { uploadFile: jest.Mock }
const { askForNotices } = jest.requireMock('@/services/notices') as { askForNotices: jest.Mock }

const filled = (over: Partial<Fields> = {}): Fields => ({ category: 'safety', urgency: 'pressing', text: '桥边护栏松动很危险', address: '新城村小桥', location: { lat: 23.69, lng: 113.05 }, townshipCode: '', photos: [], ...over })

const COUNTIES = [
  { code: '441802', name: '清城区', townships: [{ code: '441802001', name: '凤城街道' }, { code: '441802002', name: '东城街道' }] },
  { code: '441803', name: '清新区', townships: [{ code: '441803100', name: '太和镇' }] },
]

beforeEach(() => {
  call.mockReset()
  call.mockImplementation(async (name: string) => {
    if (name === 'grid.mine') return { items: [], total: 2 }
    if (name === 'settings.get') return { gridDueHours: { normal: 48, pressing: 12, urgent: 2 } }
    if (name === 'account.me') return { userId: 'u_1', roles: [{ role: 'volunteer', scopeType: 'township', scopeId: '441802001', scopeName: '凤城街道' }] }
    if (name === 'directory.divisions') return { city: { code: '441800', name: '清远市' }, counties: COUNTIES }
    if (name === 'grid.report') return { id: 'g0123456789abcdef' }
    throw new Error(`unexpected ${name}`)
  })
  for (const fn of Object.values(taro)) fn.mockClear()
  taro.showModal.mockImplementation(() => Promise.resolve({ confirm: true }))
  uploadFile.mockClear()
  askForNotices.mockClear()
})
afterEach(unmountHooks)

test('the form’s own check names each row; refusals land on their row; due times read as people say them', () => {
  expect(check({ category: '', urgency: 'normal', text: '', address: '', location: null, townshipCode: '', photos: [] })).toEqual({ category: '请选择问题类别', text: '请填写问题描述', place: '请在地图上选择问题所在的位置' })
  expect(check(filled({ text: '太短' }))).toEqual({ text: '问题描述至少 5 个字' })
  expect(check(filled({ address: ' ' }))).toEqual({ place: '请填写地点（如村名、路口）' })
  expect(check(filled())).toEqual({})
  expect(rowOfField('place.location.lat')).toBe('place')
  expect(rowOfField('townshipCode')).toBe('place')
  expect(rowOfField('photoFileIds.1')).toBe('photoFileIds')
  expect(rowOfField('requestId')).toBeNull()
  expect(dueText(DEFAULT_GRID_DUE_HOURS.normal)).toBe('3 天内')
  expect(dueText(DEFAULT_GRID_DUE_HOURS.urgent)).toBe('4 小时内')
})

test('the league’s due times and the count reported; the send asks consent, uploads the photos, reports once with one request id and opens the matter', async () => {
  const form: () => GridReportForm = mountHook(() => useGridReport())
  await until(() => form().state.kind === 'ready')
  expect(form().state).toEqual({ kind: 'ready', data: { dueHours: { normal: 48, pressing: 12, urgent: 2 }, reported: 2 } })

  // An empty form is not sent.
  await act(async () => void (await form().submit()))
  expect(call.mock.calls.some(([n]) => n === 'grid.report')).toBe(false)
  expect(form().errorOf('category')).toBe('请选择问题类别')

  const f = filled({ photos: ['blob:a', 'blob:b'] })
  act(() => {
    form().set('category', f.category)
    form().set('urgency', f.urgency)
    form().set('text', f.text)
    form().set('address', f.address)
    form().set('photos', f.photos)
  })
  await act(async () => form().useHere())
  expect(form().fields.location).toEqual({ lat: 23.697512, lng: 113.0555 })
  await act(async () => void (await form().submit()))
  expect(askForNotices).toHaveBeenCalledWith(['review'])
  expect(uploadFile).toHaveBeenCalledTimes(2)
  const sent = call.mock.calls.filter(([n]) => n === 'grid.report').map(([, input]) => input)
  expect(sent).toEqual([
    {
      requestId: expect.stringMatching(/^gr[a-z0-9]{8,}$/),
      category: 'safety',
      urgency: 'pressing',
      text: '桥边护栏松动很危险',
      place: { location: { lat: 23.697512, lng: 113.0555 }, address: '新城村小桥' },
      townshipCode: '441802001',
      photoFileIds: ['cloud://env.bucket/uploads/u_1/photo.jpg', 'cloud://env.bucket/uploads/u_1/photo.jpg'],
    },
  ])
  expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '确认上报', content: expect.stringContaining('由凤城街道团委受理') }))
  expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/grid/detail/index?id=g0123456789abcdef' })
})

test('the township that handles it is the reporter’s own until they choose where the matter lies; the chosen one is sent and named', async () => {
  const form: () => GridReportForm = mountHook(() => useGridReport())
  await until(() => form().state.kind === 'ready')
  expect(form().fields.townshipCode).toBe('441802001')
  expect(form().ownTownship).toBe('441802001')
  expect(form().township).toEqual({ countyCode: '441802', countyName: '清城区', townshipName: '凤城街道' })
  expect(form().counties).toEqual(COUNTIES)
  const f = filled({ townshipCode: '441803100' })
  act(() => {
    for (const key of ['category', 'urgency', 'text', 'address', 'location', 'townshipCode'] as const) form().set(key, f[key] as never)
  })
  expect(form().township).toEqual({ countyCode: '441803', countyName: '清新区', townshipName: '太和镇' })
  await act(async () => void (await form().submit()))
  expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('由太和镇团委受理') }))
  expect(call.mock.calls.filter(([n]) => n === 'grid.report').map(([, input]) => input.townshipCode)).toEqual(['441803100'])
})
