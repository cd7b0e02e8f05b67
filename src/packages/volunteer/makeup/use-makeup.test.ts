// The 补签 form: its own check, the preset from the link, the send through useSubmit (the check
// first, the confirmation, the photo), and where a refusal shows (its row, or the banner).
import { act } from 'react-test-renderer'
import { CallError } from '@/services/cloud'
import { addDays, today } from '@/components/ui/format'
import { check, plusHours, rowOfField, useMakeup, type Fields, type MakeupForm } from './use-makeup'
import { mountHook, unmountHooks, until } from '@/components/ui/test-harness'

jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: { showToast: jest.fn(), showModal: jest.fn(), pageScrollTo: jest.fn(() => Promise.resolve()) },
}))
jest.mock('@/services/cloud', () => ({ ...jest.requireActual('@/services/cloud'), call: jest.fn() }))
jest.mock('@/services/files', () => ({ uploadFile: jest.fn(), uploadPath: (user: string, name: string) => `${user}/${name}` }))
jest.mock('@/services/pictures', () => ({ pickPictures: jest.fn(), pictureProblem: () => '' }))
jest.mock('@/services/notices', () => ({ askForNotices: jest.fn(() => Promise.resolve([])) }))

const taro = (jest.requireMock('@tarojs/taro') as { default: Record<string, jest.Mock> }).default
const { call } = jest.requireMock('@/services/cloud') as { call: jest.Mock }
const { uploadFile } = jest.requireMock('@/services/files') as { uploadFile: jest.Mock }
const { pickPictures } = jest.requireMock('@/services/pictures') as { pickPictures: jest.Mock }

const STATION = { id: 'st_fengcheng', stationName: '凤城街道驿站', townshipName: '凤城街道' }
const RECORD = { id: 'ses_9', status: 'pending', stationName: STATION.stationName, townshipName: '凤城街道', flags: ['makeup'] }
const filled = (over: Partial<Fields> = {}): Fields => ({ station: { id: 'st_a', name: '驿站', place: '' }, date: addDays(today(), -1), start: '09:00', end: '11:00', reason: '室内没有信号', ...over })

let answers: Record<string, unknown>

beforeEach(() => {
  answers = {
    'service.history': { items: [{ stationId: STATION.id, stationName: STATION.stationName, townshipName: STATION.townshipName }] },
    'service.allowance': { left: 2, perMonth: 3 },
    'settings.get': { dailyCapMinutes: 480 },
    'account.me': { userId: 'u_1' },
    'service.makeup': RECORD,
  }
  call.mockReset()
  call.mockImplementation(async (name: string, input: unknown) => {
    const a = answers[name]
    return typeof a === 'function' ? a(input) : a
  })
  for (const fn of Object.values(taro)) fn.mockClear()
  taro.showModal.mockImplementation(() => Promise.resolve({ confirm: true }))
  uploadFile.mockReset()
})
afterEach(unmountHooks)

function mountMakeup(params: Record<string, string> = {}): () => MakeupForm {
  return mountHook(() => useMakeup(params))
}

/** Fills the form as a person would, field by field. */
function fill(form: () => MakeupForm, f: Fields) {
  act(() => {
    form().set('date', f.date)
    form().set('start', f.start)
    form().set('end', f.end)
    form().set('reason', f.reason)
  })
}

const calls = (name: string) => call.mock.calls.filter(([n]) => n === name).map(([, input]) => input as Record<string, unknown>)

test('the form’s own check: every row missing, the end before the start, a day not over yet, a short reason', () => {
  expect(check({ station: null, date: '', start: '', end: '', reason: '' })).toEqual({
    stationId: '请选择驿站',
    date: '请选择服务日期',
    start: '请选择开始时间',
    end: '请选择结束时间',
    reason: '请填写补签原因',
  })
  expect(check(filled({ start: '11:00', end: '10:00' }))).toEqual({ end: '结束时间应晚于开始时间' })
  expect(check(filled({ date: today(), start: '00:00', end: '23:59', reason: '短' }))).toEqual({ end: '只能补签已经结束的服务', reason: '补签原因至少 4 个字' })
  expect(check(filled())).toEqual({})
  expect(plusHours('09:00', 2)).toBe('11:00')
  expect(plusHours('22:30', 2)).toBe('23:59')
  expect(rowOfField('photoFileId')).toBe('photoFileId')
  expect(rowOfField('start.hour')).toBe('start')
  expect(rowOfField('requestId')).toBeNull()
})

test('the latest station served at is preset, the link’s date taken; the allowance and the daily cap are read', async () => {
  const form = mountMakeup({ date: '2026-03-01' })
  await until(() => form().state.kind === 'ready' && !!form().allowance && form().capMinutes !== null)
  expect(form().fields.station).toEqual({ id: STATION.id, name: STATION.stationName, place: STATION.townshipName })
  expect(form().fields.date).toBe('2026-03-01')
  expect(form().capMinutes).toBe(480)
})

test('a send stops at the form’s own check (the rows say why) and sends nothing; filled, it confirms and files the record', async () => {
  const form = mountMakeup()
  await until(() => form().state.kind === 'ready')
  expect(form().errorOf('date')).toBeUndefined()
  await act(async () => {
    expect(await form().submit()).toBe(false)
  })
  expect(form().errorOf('date')).toBe('请选择服务日期')
  expect(form().errorOf('reason')).toBe('请填写补签原因')
  expect(taro.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#field-date' }))
  expect(taro.showModal).not.toHaveBeenCalled()

  const f = filled()
  fill(form, f)
  expect(form().errorOf('date')).toBeUndefined()
  expect(form().minutes).toBe(120)
  await act(async () => {
    expect(await form().submit()).toBe(true)
  })
  expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '确认提交补签', content: expect.stringContaining('09:00–11:00（2 小时），凤城街道驿站') }))
  expect(taro.showModal.mock.calls[0][0].content).toContain('还剩 2 次')
  expect(calls('service.makeup')).toEqual([{ stationId: STATION.id, date: f.date, start: '09:00', end: '11:00', reason: '室内没有信号' }])
  expect(form().done).toEqual(RECORD)
  expect(taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '补签已提交' }))
})

test('a refused confirmation sends nothing', async () => {
  taro.showModal.mockImplementation(() => Promise.resolve({ confirm: false }))
  const form = mountMakeup()
  await until(() => form().state.kind === 'ready')
  fill(form, filled())
  await act(async () => {
    expect(await form().submit()).toBe(false)
  })
  expect(calls('service.makeup')).toEqual([])
  expect(form().busy).toBe(false)
})

test('the function’s refusal of a field stands at its row until it is edited; any other is the banner', async () => {
  const form = mountMakeup()
  await until(() => form().state.kind === 'ready')
  fill(form, filled())
  answers['service.makeup'] = () => {
    throw new CallError({ code: 'INVALID_INPUT', message: '这段时间已有服务记录', field: 'start' })
  }
  await act(async () => {
    await form().submit()
  })
  expect(form().errorOf('start')).toBe('这段时间已有服务记录')
  expect(form().banner).toBe('')
  act(() => form().set('start', '09:30'))
  expect(form().errorOf('start')).toBeUndefined()

  answers['service.makeup'] = () => {
    throw new CallError({ code: 'CONFLICT', message: '本月的补签和申诉次数已用完' })
  }
  await act(async () => {
    await form().submit()
  })
  expect(form().banner).toBe('本月的补签和申诉次数已用完')
  expect(taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '本月的补签和申诉次数已用完' }))
  // Editing the form clears the banner.
  act(() => form().set('reason', '室内没有信号，手机没电'))
  expect(form().banner).toBe('')
})

test('the photo goes up before the record; a failed upload is said at the photo’s row and files nothing', async () => {
  pickPictures.mockResolvedValue([{ path: 'wxfile://photo.jpg' }])
  const form = mountMakeup()
  await until(() => form().state.kind === 'ready')
  fill(form, filled())
  await act(() => form().choosePhoto())
  expect(form().photo).toBe('wxfile://photo.jpg')

  uploadFile.mockRejectedValueOnce(new Error('upload failed'))
  await act(async () => {
    await form().submit()
  })
  expect(form().errorOf('photoFileId')).toBe('照片上传失败，请重试，或删除照片后提交')
  expect(calls('service.makeup')).toEqual([])

  uploadFile.mockResolvedValueOnce('cloud://photo')
  await act(async () => {
    await form().submit()
  })
  expect(uploadFile).toHaveBeenLastCalledWith('u_1/photo.jpg', 'wxfile://photo.jpg')
  expect(calls('service.makeup')[0]).toMatchObject({ photoFileId: 'cloud://photo' })
  expect(form().done).toEqual(RECORD)
})
