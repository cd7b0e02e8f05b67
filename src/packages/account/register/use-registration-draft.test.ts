// The registration draft: restored over an older registration, never the ID number, written a
// moment after typing and when the page goes away, gone once sent.
import { act } from 'react-test-renderer'
import { mountHook } from '@/components/ui/test-harness'
import type { MyRegistration } from '@contract/registration'
import { draftKey } from '@/components/account/drafts'
import { DRAFT_DELAY_MS, startingFields, useRegistrationDraft, type Draft, type RegistrationDraft } from './use-registration-draft'
import { EMPTY } from './form'

jest.mock('@tarojs/taro', () => {
  const storage = new Map<string, unknown>()
  return {
    __esModule: true,
    default: {
      storage,
      getStorageSync: jest.fn((k: string) => storage.get(k) ?? ''),
      setStorageSync: jest.fn((k: string, v: unknown) => void storage.set(k, v)),
      removeStorageSync: jest.fn((k: string) => void storage.delete(k)),
    },
    useDidHide: jest.fn(),
    useUnload: jest.fn(),
  }
})
const taro = jest.requireMock('@tarojs/taro') as { default: { storage: Map<string, unknown>; setStorageSync: jest.Mock }; useDidHide: jest.Mock; useUnload: jest.Mock }

const KEY = draftKey('volunteer')

const reg = (over: Partial<MyRegistration> = {}): MyRegistration =>
  ({ ...EMPTY, id: 'r1', kind: 'volunteer', status: 'pending', name: '林小青', idNumber: '441802200103151234', idMasked: '', mobile: '13800138000', gender: 'male', birthDate: '2001-03-15', countyName: '', townshipName: '', rejectReason: '', submittedAt: '2026-11-02T00:00:00.000Z', reviewedAt: null, ...over }) as MyRegistration

const draftOf = (savedAt: number, over: Partial<Draft> = {}): Draft => {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { idNumber, ...rest } = EMPTY
  return { ...rest, name: '草稿里的名字', savedAt, ...over }
}

function mountDraft(): () => RegistrationDraft {
  return mountHook(() => useRegistrationDraft('volunteer'))
}

beforeEach(() => {
  jest.useFakeTimers()
  taro.default.storage.clear()
  taro.default.setStorageSync.mockClear()
})
afterEach(() => jest.useRealTimers())

test('a draft newer than the last submit is restored over it, the ID number kept from the registration', () => {
  const newer = startingFields(reg(), draftOf(Date.parse('2026-11-03T00:00:00Z')))
  expect(newer.restored).toBe(true)
  expect(newer.fields).toMatchObject({ name: '草稿里的名字', idNumber: '441802200103151234' })
  const older = startingFields(reg(), draftOf(Date.parse('2026-11-01T00:00:00Z')))
  expect(older).toEqual({ fields: expect.objectContaining({ name: '林小青' }), restored: false })
  expect(startingFields(null, draftOf(1)).fields).toMatchObject({ name: '草稿里的名字', idNumber: '' })
  expect(startingFields(null, null)).toEqual({ fields: EMPTY, restored: false })
})

test('edits are written a moment after typing stops, without the ID number', () => {
  const draft = mountDraft()
  act(() => draft().edit({ name: '林', idNumber: '4418' }))
  act(() => draft().edit({ name: '林小' }))
  act(() => void jest.advanceTimersByTime(DRAFT_DELAY_MS - 1))
  expect(taro.default.storage.has(KEY)).toBe(false)
  act(() => void jest.advanceTimersByTime(1))
  const kept = taro.default.storage.get(KEY) as Record<string, unknown>
  expect(kept).toMatchObject({ name: '林小' })
  expect(kept).not.toHaveProperty('idNumber')
  expect(taro.default.setStorageSync).toHaveBeenCalledTimes(1)
})

test('a loaded form is no draft; leaving the page writes the edits at once', () => {
  taro.default.storage.set(KEY, draftOf(Date.now()))
  const draft = mountDraft()
  let restored = false
  act(() => void (restored = draft().start(null)))
  expect(restored).toBe(true)
  act(() => void jest.runAllTimers())
  expect(taro.default.setStorageSync).not.toHaveBeenCalled()

  act(() => draft().edit({ mobile: '139' }))
  const onHide = taro.useDidHide.mock.calls.at(-1)![0] as () => void
  onHide()
  expect(taro.default.storage.get(KEY)).toMatchObject({ name: '草稿里的名字', mobile: '139' })
})

test('once sent (or discarded) the draft is gone, and a write still waiting does not bring it back', () => {
  const draft = mountDraft()
  act(() => draft().edit({ name: '林小青' }))
  act(() => draft().sent())
  act(() => void jest.runAllTimers())
  expect(taro.default.storage.has(KEY)).toBe(false)

  act(() => draft().edit({ name: '林' }))
  act(() => void jest.runAllTimers())
  act(() => draft().discard(reg()))
  expect(taro.default.storage.has(KEY)).toBe(false)
  expect(draft().fields.name).toBe('林小青')
})
