// 贷款申请 (?id= to continue one): four steps — 金额与银行 → 项目 → 材料 → 确认提交. Whatever is
// filled in saves as a draft as they go (loan.saveDraft takes partial input); money is typed in
// yuan and sent as integer fen; documents are uploaded to the user's upload folder and attached
// (the function checks what they really are); field errors come back naming the field and are
// shown next to it. Submit lists what is still missing, and asks before sending.
// The draft is ./use-draft (its data rules ./draft), documents ./use-documents, the send ./use-send;
// each step is a section of its own.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { LOAN_STATUS_LABELS } from '@contract/vocabulary'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { decodeParam, loadDivisions } from '@/components/admin/shared'
import { EDITABLE_STATUSES, OPEN_STATUSES } from '@/components/loan/format'
import { Banner } from '@/components/loan/ui'
import { Button } from '@/components/ui/Button'
import { PageStates, type DeniedLook } from '@/components/ui/PageStates'
import { usePageState, type PageState } from '@/components/ui/page-state'
import { STEPS, type Bank, type Counties } from './draft'
import { useLoanDraft, type LoanDraft } from './use-draft'
import { useDocuments } from './use-documents'
import { useSend } from './use-send'
import { LoanStep, PayeeStep } from './loan-step'
import { ProjectStep } from './project-step'
import { DocumentsStep } from './documents-step'
import { ConfirmStep } from './confirm-step'

import './index.scss'

/** Why the form cannot open (an application in progress, or one that cannot be changed now), with the way on. */
const progress = (title: string, text: string, id: string): DeniedLook => ({ title, text, action: { text: '查看进度', onClick: () => void Taro.redirectTo({ url: `${ROUTES.loanDetail}?id=${id}` }) } })
const REGISTER_FIRST: DeniedLook = { title: '请先完成农村青年登记', text: '创业贴息贷款面向已登记并通过审核的农村青年和乡村振兴志愿者。', action: { text: '去登记', onClick: () => void Taro.redirectTo({ url: `${ROUTES.register}?kind=rural_youth` }) } }
const NOT_FOUND = { title: '申请不存在', action: { text: '返回贷款首页', onClick: () => void Taro.redirectTo({ url: ROUTES.loan }) } }

export default function Apply() {
  const { params } = useRouter()
  const initialId = decodeParam(params.id)

  const [banks, setBanks] = useState<Bank[]>([])
  const [counties, setCounties] = useState<Counties>([])
  const draft = useLoanDraft()
  const files = useDocuments(draft)
  const { busy, send } = useSend(draft)

  // Opens the form (null), or says why it cannot open.
  const opened = usePageState<DeniedLook | null>(async () => {
    const [bankList, divisions] = await Promise.all([call('loan.banks', {}), loadDivisions()])
    setBanks(bankList.items)
    setCounties(divisions.counties)
    let id = initialId
    if (!id) {
      // One application at a time: continue the open one rather than start another.
      const { items } = await call('loan.mine', { pageSize: 20 })
      const open = items.find((l) => OPEN_STATUSES.includes(l.status))
      if (open && !EDITABLE_STATUSES.includes(open.status)) {
        return progress('你已有一份正在办理的申请', `「${open.projectTitle || '创业项目'}」${LOAN_STATUS_LABELS[open.status]}。一次只能办理一份申请，可在详情中查看进度。`, open.id)
      }
      id = open?.id ?? ''
    }
    if (id) {
      const d = await call('loan.get', { id })
      if (!d.can.edit) return progress('这份申请现在不能修改', `申请当前为「${LOAN_STATUS_LABELS[d.status]}」，审核期间不能修改。`, d.id)
      draft.restore(d)
    }
    return null
  }, [initialId])
  const refusal = opened.state.kind === 'ready' ? opened.state.data : null
  const state: PageState<true> = refusal ? { kind: 'denied' } : opened.state.kind === 'ready' ? { kind: 'ready', data: true } : opened.state
  const editing = state.kind === 'ready'
  const { detail, step } = draft

  return (
    <View className={`ln-page apply${editing ? ' ln-page--with-bar' : ''}`}>
      <PageStates state={state} retry={opened.retry} skeleton={2} denied={refusal ?? REGISTER_FIRST} notFound={NOT_FOUND}>
        {() => (
          <>
            <StepsTop draft={draft} />

            {detail?.status === 'returned' && detail.returnNote && (
              <Banner tone='amber' title='审核人员请你补充材料' className='apply__returned'>
                <Text>{detail.returnNote}</Text>
                <Text className='apply__returned-hint'>如修改项目所在地、金额、期限或银行，重新提交后将从相应环节重新审核，修改内容会告知审核人员。</Text>
              </Banner>
            )}

            {step === 0 && <LoanStep draft={draft} banks={banks} />}
            {step === 0 && <PayeeStep draft={draft} />}
            {step === 1 && <ProjectStep draft={draft} counties={counties} />}
            {step === 2 && <DocumentsStep draft={draft} files={files} />}
            {step === 3 && <ConfirmStep draft={draft} banks={banks} counties={counties} />}

            <View className='ln-bar apply__bar'>
              {step > 0 && (
                <Button kind='plain' className='apply__prev' onClick={() => void draft.goStep(step - 1)}>
                  上一步
                </Button>
              )}
              {step < 3 ? (
                <Button className='apply__next' onClick={() => void draft.nextStep()}>
                  下一步
                </Button>
              ) : (
                <Button className='apply__submit' busy={busy} onClick={() => void send()}>
                  {detail?.status === 'returned' ? '重新提交' : '提交申请'}
                </Button>
              )}
            </View>
          </>
        )}
      </PageStates>
    </View>
  )
}

/** The four steps (each says whether it is complete) and how the draft's saving goes. */
function StepsTop({ draft }: { draft: LoanDraft }) {
  const { step, stepDone, held, saving, status } = draft
  return (
    <View className='apply__top'>
      <View className='apply__steps'>
        {STEPS.map((s, i) => (
          <View key={s} className={`apply__step${i === step ? ' apply__step--on' : ''}${stepDone(i) ? ' apply__step--done' : ''}`} onClick={() => void draft.goStep(i)}>
            <View className='apply__step-dot'>
              <Text>{stepDone(i) && i !== step ? '✓' : i + 1}</Text>
            </View>
            <Text className='apply__step-label'>{s}</Text>
          </View>
        ))}
      </View>
      <View className={`apply__saved apply__saved--${held ? 'held' : saving}`}>
        <Text>{status}</Text>
      </View>
    </View>
  )
}
