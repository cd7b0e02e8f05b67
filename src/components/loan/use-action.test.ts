// The loan action forms: the check's messages at their fields, forgotten as each field changes;
// a confirmation; one send at a time; a refusal at its field, or a modal and a fresh read.
import { act } from 'react-test-renderer'
import { mountHook } from '@/components/ui/test-harness'
import { CallError } from '@/services/cloud'
import { checked, useLoanForm, type ActionRun } from '@/components/loan/use-action'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { showToast: jest.fn(), showModal: jest.fn(), pageScrollTo: jest.fn(() => Promise.resolve()) } }))
const taro = (jest.requireMock('@tarojs/taro') as { default: Record<'showToast' | 'showModal', jest.Mock> }).default

type Form = ReturnType<typeof useLoanForm<{ amount: string; note: string }>>

function mountForm(onStale: () => void): () => Form {
  return mountHook(() => useLoanForm({ amount: '', note: '' }, onStale))
}

/** A run whose check wants an amount, confirmed by the modal's answer. */
const run = (form: () => Form, send: (amount: string) => Promise<void>): ActionRun<string> => ({
  check: () => checked(form().values.amount ? {} : { amountFen: '请填写放款金额' }, () => form().values.amount),
  confirm: (amount) => ({ title: '登记放款', content: `放款 ${amount} 元` }),
  send,
  failTitle: '未能登记',
})

beforeEach(() => {
  taro.showModal.mockReset()
  taro.showModal.mockResolvedValue({ confirm: true })
})

test('the check’s messages stand at their fields, nothing is asked or sent, and a change forgets its field’s message', async () => {
  const form = mountForm(jest.fn())
  const send = jest.fn(() => Promise.resolve())
  await act(async () => {
    expect(await form().run(run(form, send))).toBe(false)
  })
  expect(form().errors).toEqual({ amountFen: '请填写放款金额' })
  expect(taro.showModal).not.toHaveBeenCalled()
  expect(send).not.toHaveBeenCalled()
  act(() => form().change('note')('提前还款'))
  expect(form().errors.amountFen).toBe('请填写放款金额')
  act(() => form().change('amount', 'amountFen')('5000'))
  expect(form().values).toEqual({ amount: '5000', note: '提前还款' })
  expect(form().errors).toEqual({})
})

test('a confirmed send goes once however often it is tapped; a refused confirmation sends nothing', async () => {
  const form = mountForm(jest.fn())
  act(() => form().change('amount')('5000'))
  const send = jest.fn(() => Promise.resolve())
  await act(async () => {
    const sent = await Promise.all([form().run(run(form, send)), form().run(run(form, send))])
    expect(sent).toEqual([true, false])
  })
  expect(send).toHaveBeenCalledTimes(1)
  expect(send).toHaveBeenCalledWith('5000')
  expect(taro.showModal).toHaveBeenCalledWith({ title: '登记放款', content: '放款 5000 元' })
  taro.showModal.mockResolvedValue({ confirm: false })
  await act(async () => {
    expect(await form().run(run(form, send))).toBe(false)
  })
  expect(send).toHaveBeenCalledTimes(1)
  expect(form().busy).toBe(false)
})

test('a refusal naming a field stands at it; one naming none is a modal, and the application is read again', async () => {
  const onStale = jest.fn()
  const form = mountForm(onStale)
  act(() => form().change('amount')('5000'))
  await act(async () => {
    await form().run(run(form, () => Promise.reject(new CallError({ code: 'INVALID_INPUT', message: '放款金额不能超过批准金额', field: 'amountFen' }))))
  })
  expect(form().errors).toEqual({ amountFen: '放款金额不能超过批准金额' })
  expect(onStale).not.toHaveBeenCalled()
  await act(async () => {
    expect(await form().run(run(form, () => Promise.reject(new CallError({ code: 'CONFLICT', message: '申请状态已变化' }))))).toBe(false)
  })
  expect(taro.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '未能登记', content: '申请状态已变化', showCancel: false }))
  expect(onStale).toHaveBeenCalledTimes(1)
})
