// Sending the application: the draft is saved first (a brand-new one created), what the function
// still finds missing is listed (and its step opened), the person confirms, and it is submitted.
// The kit's useSubmit holds it to one send at a time; a refusal is shown here, since the field it
// names is on another step than the confirmation: its message is the toast, and it waits at the field.
import Taro from '@tarojs/taro'
import type { LoanDetail } from '@contract/loan'
import { ROUTES } from '@/constants/routes'
import { call, CallError, errorMessage } from '@/services/cloud'
import { askForNotices } from '@/services/notices'
import { yuanShort } from '@/components/loan/format'
import { useSubmit } from '@/components/ui/submit'
import { firstIncompleteStep, STEPS, stepOf } from './draft'
import type { LoanDraft } from './use-draft'

// No rows of its own: the form's check is the function's (the application's `missing`).
const NO_ROWS: readonly string[] = []
const noRow = () => null

export function useSend(draft: LoanDraft) {
  const { busy, submit } = useSubmit(NO_ROWS, noRow)

  const send = async () => {
    let ready: LoanDetail | null = null
    await submit({
      confirm: async () => {
        draft.tryAll()
        let d: LoanDetail | null
        try {
          d = await draft.save(true)
        } catch {
          return false // the save said why
        }
        if (!d) return false
        if (d.missing.length > 0) {
          const incomplete = d
          void Taro.showModal({ title: '还不能提交', content: `请先补充：${d.missing.join('、')}`, showCancel: false, confirmText: '去补充' }).then(() => {
            const s = firstIncompleteStep(draft.fieldsRef.current, incomplete)
            if (s !== draft.step && s < STEPS.length - 1) void draft.goStep(s)
          })
          return false
        }
        const { confirm } = await Taro.showModal({
          title: '确认提交申请',
          content: `申请 ${yuanShort(d.amountFen)}，期限 ${d.termMonths} 个月，${d.bankName}；项目「${d.project.title}」。${d.status === 'returned' ? '补充后的申请将回到退回它的审核环节。' : `提交后由${d.countyName}团委审核，审核期间不能修改。`}`,
          confirmText: '提交',
          confirmColor: '#d93a2b',
        })
        ready = d
        return confirm
      },
      send: async () => {
        const d = ready!
        // Every step of the review is told by message: asked on the confirming tap.
        await askForNotices(['review'])
        try {
          const done = await draft.serial(() => call('loan.submit', { id: d.id }))
          draft.setDetail(done)
          void Taro.showToast({ title: '已提交', icon: 'success' })
          setTimeout(() => void Taro.redirectTo({ url: `${ROUTES.loanDetail}?id=${done.id}` }), 600)
        } catch (err) {
          if (err instanceof CallError && err.field && stepOf(err.field) >= 0) {
            draft.markError(err.field, err.message)
            void Taro.showToast({ title: err.message, icon: 'none' })
          } else void Taro.showModal({ title: '提交未成功', content: errorMessage(err), showCancel: false, confirmText: '知道了' })
        }
      },
    })
  }

  return { busy, send }
}
