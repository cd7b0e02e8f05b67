// 贷款申请 (?id= to continue one): four steps — 金额与银行 → 项目 → 材料 → 确认提交. Whatever is
// filled in saves as a draft as they go (loan.saveDraft takes partial input); money is typed in
// yuan and sent as integer fen; documents are uploaded to the user's upload folder and attached
// (the function checks what they really are); field errors come back naming the field and are
// shown next to it. Submit lists what is still missing, and asks before sending.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidHide, useRouter, useUnload } from '@tarojs/taro'
import type { InputOf } from '@contract/index'
import type { LoanDetail, LoanDocumentView } from '@contract/loan'
import { DOCUMENT_KINDS, DOCUMENT_LABELS, LOAN_STATUS_LABELS, PROJECT_TYPE_LABELS, PROJECT_TYPES, type DocumentKind, type ProjectType } from '@contract/vocabulary'
import { BANK_ACCOUNT_PATTERN, maskBankAccount, normalizeBankAccount, PERSON_NAME_PATTERN } from '@contract/personal'
import { ROUTES } from '@/constants/routes'
import { call, CallError, errorMessage } from '@/services/cloud'
import { askForNotices } from '@/services/notices'
import { uploadFile, uploadPath } from '@/services/files'
import { decodeParam, loadAccount, loadDivisions, type Divisions } from '@/components/admin/shared'
import { openDocument } from '@/components/loan/data'
import { EDITABLE_STATUSES, fenToInput, OPEN_STATUSES, parseWhole, parseYuan, wan, yuan, yuanShort } from '@/components/loan/format'
import { DocTile } from '@/components/loan/parts'
import { checkPicked, keepableName, pickFiles, pickPhotos, type Picked } from '@/components/loan/pick'
import { Banner, Chips, Field, PickList, Stepper, UnitInput } from '@/components/loan/ui'
import { PlacePanes } from '@/components/ui/PlacePanes'
import { Button } from '@/components/ui/Button'
import { Sheet } from '@/components/ui/Sheet'
import { PageStates, type DeniedLook } from '@/components/ui/PageStates'
import { usePageState, type PageState } from '@/components/ui/page-state'

import './index.scss'

type Draft = InputOf<'loan.saveDraft'>
type Bank = { id: string; name: string }
type Counties = Divisions['counties']
type Errors = Record<string, string>

interface Fields {
  amount: string
  term: string
  bankId: string
  branch: string
  type: ProjectType | ''
  title: string
  townshipCode: string
  address: string
  description: string
  jobs: number | null
  households: number | null
  /** The subsidy's payee: the number is typed afresh (the saved one is only shown masked). */
  payeeName: string
  payeeBank: string
  payeeAccount: string
  /** The payee saved, as 「name|bank|masked」 ('' when none): what a save compares with. */
  payeeSaved: string
}

const EMPTY: Fields = { amount: '', term: '', bankId: '', branch: '', type: '', title: '', townshipCode: '', address: '', description: '', jobs: null, households: null, payeeName: '', payeeBank: '', payeeAccount: '', payeeSaved: '' }

const payeeKey = (p: { accountName: string; bankName: string; accountMasked: string }) => `${p.accountName}|${p.bankName}|${p.accountMasked}`
const STEPS = ['金额与银行', '创业项目', '申请材料', '确认提交'] as const
/** The domain's default ceiling, until the first save tells the configured one. */
const DEFAULT_CEILING_FEN = 50_000_000
const MIN_AMOUNT_FEN = 100_000
const MAX_PER_KIND = 3
const TERMS = [12, 24, 36, 60]

const DOC_HINTS: Record<DocumentKind, string> = {
  id_photo: '身份证人像面和国徽面，各拍一张，四角完整、字迹清楚',
  business_license: '个体工商户或企业营业执照；尚在办理的，可上传受理回执',
  project_plan: '写明项目投入、经营计划、带动就业和还款来源（PDF 或图片）',
}

/** Which step a contract field is on. */
function stepOf(field: string): number {
  if (['amountFen', 'termMonths', 'bankId', 'branch'].includes(field) || field.startsWith('payee')) return 0
  if (field.startsWith('project.')) return 1
  if (['documents', 'fileId', 'kind', 'documentId'].includes(field)) return 2
  return -1
}

function fieldsOf(d: LoanDetail): Fields {
  const p = d.project
  return {
    amount: d.amountFen > 0 ? fenToInput(d.amountFen) : '',
    term: d.termMonths > 0 ? String(d.termMonths) : '',
    bankId: d.bankId,
    branch: d.branch,
    type: p.type ?? '',
    title: p.title,
    townshipCode: p.townshipCode,
    address: p.address,
    description: p.description,
    jobs: p.jobsCreated,
    households: p.householdsHelped,
    payeeName: d.payee?.accountName ?? d.applicantName,
    payeeBank: d.payee?.bankName ?? '',
    payeeAccount: '',
    payeeSaved: d.payee ? payeeKey(d.payee) : '',
  }
}

interface Checked {
  /** Every value that is filled in and valid: what a draft may save. */
  body: Omit<Draft, 'id'>
  /** Filled in but not valid. */
  invalid: Errors
  /** Required and empty (shown once the person tries to move on). */
  missing: Errors
}

const textRule = (value: string, label: string, min: number, max: number): string => {
  const s = value.trim()
  if (s.length < min) return min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字（还差 ${min - s.length} 个）`
  if (s.length > max) return `${label}不能超过 ${max} 个字`
  return ''
}

function check(f: Fields, ceilingFen: number): Checked {
  const body: Omit<Draft, 'id'> = {}
  const project: NonNullable<Draft['project']> = {}
  const invalid: Errors = {}
  const missing: Errors = {}

  if (f.amount.trim()) {
    const r = parseYuan(f.amount, '申请金额')
    if (!r.ok) invalid.amountFen = r.error
    else if (r.value < MIN_AMOUNT_FEN) invalid.amountFen = `申请金额至少 ${yuanShort(MIN_AMOUNT_FEN)}`
    else if (r.value > ceilingFen) invalid.amountFen = `申请金额不能超过 ${yuanShort(ceilingFen)}`
    else body.amountFen = r.value
  } else missing.amountFen = '请填写申请金额'

  if (f.term.trim()) {
    const r = parseWhole(f.term, '贷款期限', 3, 120, ' 个月')
    if (r.ok) body.termMonths = r.value
    else invalid.termMonths = r.error
  } else missing.termMonths = '请填写贷款期限'

  if (f.bankId) body.bankId = f.bankId
  else missing.bankId = '请选择贷款银行'
  if (f.branch.trim().length > 40) invalid.branch = '经办网点不能超过 40 个字'
  else body.branch = f.branch.trim()

  if (f.type) project.type = f.type
  else missing['project.type'] = '请选择项目类型'
  for (const [key, value, label, min, max] of [
    ['title', f.title, '项目名称', 2, 40],
    ['address', f.address, '项目地址', 2, 80],
    ['description', f.description, '项目简介', 20, 1000],
  ] as const) {
    if (!value.trim()) missing[`project.${key}`] = `请填写${label}`
    else {
      const problem = textRule(value, label, min, max)
      if (problem) invalid[`project.${key}`] = problem
      else project[key] = value.trim()
    }
  }
  if (f.townshipCode) project.townshipCode = f.townshipCode
  else missing['project.townshipCode'] = '请选择项目所在镇街'
  if (f.jobs === null) missing['project.jobsCreated'] = '请填写带动就业人数（没有填 0）'
  else project.jobsCreated = f.jobs
  if (f.households === null) missing['project.householdsHelped'] = '请填写帮扶困难户数（没有填 0）'
  else project.householdsHelped = f.households
  if (Object.keys(project).length > 0) body.project = project

  // The payee, by the contract's rules; a saved one stands until the number is typed again.
  const account = normalizeBankAccount(f.payeeAccount)
  const payeeEdited = f.payeeSaved !== '' && `${f.payeeName.trim()}|${f.payeeBank.trim()}` !== f.payeeSaved.split('|').slice(0, 2).join('|')
  if (account) {
    if (!PERSON_NAME_PATTERN.test(f.payeeName.trim())) invalid['payee.accountName'] = f.payeeName.trim() ? '户名只能包含汉字（或英文字母）' : '请填写户名'
    const bankProblem = textRule(f.payeeBank, '开户行', 4, 40)
    if (bankProblem) invalid['payee.bankName'] = bankProblem
    if (!BANK_ACCOUNT_PATTERN.test(account)) invalid['payee.accountNumber'] = '银行账号应为 12–30 位数字'
    if (!invalid['payee.accountName'] && !bankProblem && !invalid['payee.accountNumber']) body.payee = { accountName: f.payeeName.trim(), bankName: f.payeeBank.trim(), accountNumber: account }
  } else if (payeeEdited) invalid['payee.accountNumber'] = '修改户名或开户行后，请重新填写收款账号'
  else if (!f.payeeSaved) missing['payee.accountNumber'] = '请填写贴息收款账号'
  return { body, invalid, missing }
}

/** What differs from the saved application (all of it when there is none yet). */
function changes(body: Omit<Draft, 'id'>, d: LoanDetail | null): Omit<Draft, 'id'> {
  if (!d) {
    const out = { ...body }
    if (out.branch === '') delete out.branch
    return out
  }
  const out: Omit<Draft, 'id'> = {}
  if (body.amountFen !== undefined && body.amountFen !== d.amountFen) out.amountFen = body.amountFen
  if (body.termMonths !== undefined && body.termMonths !== d.termMonths) out.termMonths = body.termMonths
  if (body.bankId !== undefined && body.bankId !== d.bankId) out.bankId = body.bankId
  if (body.branch !== undefined && body.branch !== d.branch) out.branch = body.branch
  const p = body.project ?? {}
  const project: NonNullable<Draft['project']> = {}
  if (p.type !== undefined && p.type !== d.project.type) project.type = p.type
  if (p.title !== undefined && p.title !== d.project.title) project.title = p.title
  if (p.townshipCode !== undefined && p.townshipCode !== d.project.townshipCode) project.townshipCode = p.townshipCode
  if (p.address !== undefined && p.address !== d.project.address) project.address = p.address
  if (p.description !== undefined && p.description !== d.project.description) project.description = p.description
  if (p.jobsCreated !== undefined && p.jobsCreated !== d.project.jobsCreated) project.jobsCreated = p.jobsCreated
  if (p.householdsHelped !== undefined && p.householdsHelped !== d.project.householdsHelped) project.householdsHelped = p.householdsHelped
  if (Object.keys(project).length > 0) out.project = project
  // The payee goes again only when it differs from what is saved.
  if (body.payee && (!d.payee || payeeKey({ ...body.payee, accountMasked: maskBankAccount(body.payee.accountNumber) }) !== payeeKey(d.payee))) out.payee = body.payee
  return out
}

const isEmpty = (o: object) => Object.keys(o).length === 0
const hhmm = (t: number) => new Date(t + 8 * 3600_000).toISOString().slice(11, 16)

interface Upload {
  key: string
  kind: DocumentKind
  name: string
  stage: 'uploading' | 'checking' | 'failed'
  message: string
}

/** Why the form cannot open (an application in progress, or one that cannot be changed now), with the way on. */
const progress = (title: string, text: string, id: string): DeniedLook => ({ title, text, action: { text: '查看进度', onClick: () => void Taro.redirectTo({ url: `${ROUTES.loanDetail}?id=${id}` }) } })
const REGISTER_FIRST: DeniedLook = { title: '请先完成农村青年登记', text: '创业贴息贷款面向已登记并通过审核的农村青年和乡村振兴志愿者。', action: { text: '去登记', onClick: () => void Taro.redirectTo({ url: `${ROUTES.register}?kind=rural_youth` }) } }
const NOT_FOUND = { title: '申请不存在', action: { text: '返回贷款首页', onClick: () => void Taro.redirectTo({ url: ROUTES.loan }) } }

export default function Apply() {
  const { params } = useRouter()
  const initialId = decodeParam(params.id)

  const [detail, setDetailState] = useState<LoanDetail | null>(null)
  const [banks, setBanks] = useState<Bank[]>([])
  const [counties, setCounties] = useState<Counties>([])
  const [fields, setFields] = useState<Fields>(EMPTY)
  const [step, setStep] = useState(0)
  const [tried, setTried] = useState<boolean[]>([false, false, false, false])
  const [touched, setTouched] = useState<Record<string, boolean>>({})
  const [serverErrors, setServerErrors] = useState<Errors>({})
  const [saving, setSaving] = useState<'idle' | 'saving' | 'saved' | 'error'>('idle')
  const [savedAt, setSavedAt] = useState(0)
  const [uploads, setUploads] = useState<Upload[]>([])
  const [removing, setRemoving] = useState<string>('')
  const [placeOpen, setPlaceOpen] = useState(false)
  const [submitting, setSubmitting] = useState(false)

  const detailRef = useRef<LoanDetail | null>(null)
  const fieldsRef = useRef(fields)
  fieldsRef.current = fields
  const dirty = useRef(false)
  const setDetail = useCallback((d: LoanDetail) => {
    detailRef.current = d
    setDetailState(d)
  }, [])

  // Every change to the application goes through this queue, one at a time: each call is
  // checked against the application's version, so two at once would refuse one another.
  const chain = useRef<Promise<unknown>>(Promise.resolve())
  const serial = useCallback(<T,>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.current.then(fn, fn)
    chain.current = next.catch(() => undefined)
    return next
  }, [])

  const ceiling = detail?.ceilingFen ?? DEFAULT_CEILING_FEN

  // ---- loading ---------------------------------------------------------------------------------

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
      setDetail(d)
      setFields(fieldsOf(d))
      setSaving('saved')
      setSavedAt(Date.parse(d.updatedAt) || Date.now())
      // A returned application opens at its documents (what is usually asked for); a draft at its first gap.
      const next = d.status === 'returned' ? 2 : firstIncompleteStep(fieldsOf(d), d)
      setStep(next)
    }
    return null
  }, [initialId])
  const refusal = opened.state.kind === 'ready' ? opened.state.data : null
  const state: PageState<true> = refusal ? { kind: 'denied' } : opened.state.kind === 'ready' ? { kind: 'ready', data: true } : opened.state
  const editing = state.kind === 'ready'

  // ---- saving ---------------------------------------------------------------------------------------

  /** Saves what is filled in and valid (creating the draft if `create`); resolves to the application. */
  const save = useCallback(
    (create = false): Promise<LoanDetail | null> =>
      serial(async () => {
        const d = detailRef.current
        const { body } = check(fieldsRef.current, d?.ceilingFen ?? DEFAULT_CEILING_FEN)
        const input = changes(body, d)
        dirty.current = false
        if (isEmpty(input) && (d || !create)) return d
        setSaving('saving')
        try {
          const next = await call('loan.saveDraft', d ? { id: d.id, ...input } : input)
          setDetail(next)
          const savedPayee = next.payee
          if (input.payee && savedPayee) setFields((f) => ({ ...f, payeeSaved: payeeKey(savedPayee) }))
          setSaving('saved')
          setSavedAt(Date.now())
          // What was just saved is no longer wrong.
          setServerErrors((e) => {
            const rest = { ...e }
            for (const k of Object.keys(rest)) if (stepOf(k) === 0 || stepOf(k) === 1) delete rest[k]
            return rest
          })
          return next
        } catch (err) {
          setSaving('error')
          if (err instanceof CallError && err.code === 'CONFLICT' && err.field === 'id') {
            void Taro.showModal({ title: '已有进行中的申请', content: err.message, showCancel: false, confirmText: '知道了' }).then(() => void Taro.redirectTo({ url: ROUTES.loan }))
          } else if (err instanceof CallError && err.field && stepOf(err.field) >= 0) {
            setServerErrors((e) => ({ ...e, [err.field!]: err.message }))
          } else void Taro.showToast({ title: errorMessage(err), icon: 'none' })
          throw err
        }
      }),
    [serial, setDetail],
  )

  // Save a moment after typing stops.
  useEffect(() => {
    if (!dirty.current || !editing) return
    const t = setTimeout(() => void save().catch(() => undefined), 1200)
    return () => clearTimeout(t)
  }, [fields, editing, save])
  const flush = () => {
    if (dirty.current) void save().catch(() => undefined)
  }
  useDidHide(flush)
  useUnload(flush)

  const set = <K extends keyof Fields>(key: K, value: Fields[K], field: string) => {
    dirty.current = true
    setSaving((s) => (s === 'saving' ? s : 'idle'))
    setFields((f) => ({ ...f, [key]: value }))
    setServerErrors((e) => {
      if (!e[field]) return e
      const rest = { ...e }
      delete rest[field]
      return rest
    })
  }
  const touch = (field: string) => setTouched((t) => (t[field] ? t : { ...t, [field]: true }))

  const checked = useMemo(() => check(fields, ceiling), [fields, ceiling])
  const errorOf = (field: string): string | undefined => {
    if (serverErrors[field]) return serverErrors[field]
    const s = stepOf(field)
    const show = touched[field] || (s >= 0 && tried[s])
    if (!show) return undefined
    return checked.invalid[field] || (s >= 0 && tried[s] ? checked.missing[field] : undefined)
  }

  const documents = detail?.documents ?? []
  const stepProblems = (s: number): string[] => {
    if (s === 2) return DOCUMENT_KINDS.filter((k) => !documents.some((d) => d.kind === k)).map((k) => `documents:${k}`)
    return [...Object.keys(checked.invalid), ...Object.keys(checked.missing), ...Object.keys(serverErrors)].filter((f) => stepOf(f) === s)
  }
  const stepDone = (s: number) => (s === 3 ? false : stepProblems(s).length === 0)

  const goStep = async (next: number) => {
    if (next === step) return
    try {
      await save()
    } catch {
      // the field shows why; moving on is still allowed
    }
    setStep(next)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
  }

  const nextStep = async () => {
    setTried((t) => t.map((v, i) => (i === step ? true : v)))
    const problems = stepProblems(step)
    if (problems.length > 0) {
      void Taro.showToast({ title: step === 2 ? '请上传三类申请材料' : '请先完善本步的信息', icon: 'none' })
      if (step !== 2) {
        const first = problems[0]
        void Taro.pageScrollTo({ selector: `#field-${first.replace(/\./g, '-')}`, offsetTop: -24, duration: 200 }).catch(() => undefined)
      }
      return
    }
    await goStep(step + 1)
  }

  // ---- documents ---------------------------------------------------------------------------------

  const addFiles = async (kind: DocumentKind, how: 'photo' | 'file') => {
    const left = MAX_PER_KIND - documents.filter((d) => d.kind === kind).length - uploads.filter((u) => u.kind === kind && u.stage !== 'failed').length
    if (left <= 0) {
      void Taro.showToast({ title: `每类材料最多 ${MAX_PER_KIND} 份，请先删除不需要的`, icon: 'none' })
      return
    }
    let picked: Picked[]
    try {
      picked = how === 'photo' ? await pickPhotos(left) : await pickFiles(left)
    } catch {
      void Taro.showToast({ title: '没能打开文件选择，请稍后再试', icon: 'none' })
      return
    }
    if (picked.length === 0) return
    setServerErrors((e) => {
      const rest = { ...e }
      delete rest.documents
      delete rest.fileId
      return rest
    })
    let userId = ''
    try {
      userId = (await loadAccount(true)).userId
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
      return
    }
    await Promise.all(
      picked.slice(0, left).map(async (p, i) => {
        const c = checkPicked(p)
        const ext = /\.([A-Za-z0-9]{1,5})$/.exec(p.name)?.[1]?.toLowerCase() ?? 'jpg'
        const name = process.env.TARO_ENV === 'weapp' && how === 'photo' ? `${DOCUMENT_LABELS[kind]}.${ext}` : keepableName(p.name, `${DOCUMENT_LABELS[kind]}.${ext}`)
        const key = `${Date.now().toString(36)}-${i}-${Math.random().toString(36).slice(2, 6)}`
        const update = (patch: Partial<Upload>) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...patch } : u)))
        setUploads((list) => [...list, { key, kind, name, stage: c.problem ? 'failed' : 'uploading', message: c.problem }])
        if (c.problem) return
        try {
          const fileId = await uploadFile(uploadPath(userId, name), p.path)
          update({ stage: 'checking' })
          const next = await serial(async () => {
            // The first document of a brand-new application creates its draft.
            let d = detailRef.current
            if (!d) {
              const created = await call('loan.saveDraft', changes(check(fieldsRef.current, DEFAULT_CEILING_FEN).body, null))
              setDetail(created)
              setSavedAt(Date.now())
              setSaving('saved')
              d = created
            }
            return call('loan.attachDocument', { id: d.id, kind, fileId, name })
          })
          setDetail(next)
          setUploads((list) => list.filter((u) => u.key !== key))
        } catch (err) {
          update({ stage: 'failed', message: errorMessage(err) })
        } finally {
          if (process.env.TARO_ENV === 'h5' && p.path.startsWith('blob:')) URL.revokeObjectURL(p.path)
        }
      }),
    )
  }

  const removeDocument = async (doc: LoanDocumentView) => {
    const d = detailRef.current
    if (!d || removing) return
    const { confirm } = await Taro.showModal({ title: '删除这份材料？', content: `「${doc.name}」将从申请中删除，删除后不能恢复。`, confirmText: '删除', confirmColor: '#d93a2b' })
    if (!confirm) return
    setRemoving(doc.id)
    try {
      setDetail(await serial(() => call('loan.removeDocument', { id: d.id, documentId: doc.id })))
      void Taro.showToast({ title: '已删除', icon: 'success' })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      setRemoving('')
    }
  }

  // ---- submit ----------------------------------------------------------------------------------------

  const submit = async () => {
    if (submitting) return
    setTried([true, true, true, true])
    let d: LoanDetail | null
    try {
      d = await save(true)
    } catch {
      return
    }
    if (!d) return
    if (d.missing.length > 0) {
      void Taro.showModal({ title: '还不能提交', content: `请先补充：${d.missing.join('、')}`, showCancel: false, confirmText: '去补充' }).then(() => {
        const s = firstIncompleteStep(fieldsRef.current, d!)
        if (s !== step && s < 3) void goStep(s)
      })
      return
    }
    const county = counties.find((c) => c.townships.some((t) => t.code === d!.project.townshipCode))
    const { confirm } = await Taro.showModal({
      title: '确认提交申请',
      content: `申请 ${yuanShort(d.amountFen)}，期限 ${d.termMonths} 个月，${d.bankName}；项目「${d.project.title}」。${d.status === 'returned' ? '补充后的申请将回到退回它的审核环节。' : `提交后由${county?.name ?? ''}团委审核，审核期间不能修改。`}`,
      confirmText: '提交',
      confirmColor: '#d93a2b',
    })
    if (!confirm) return
    setSubmitting(true)
    // Every step of the review is told by message: asked on the confirming tap.
    await askForNotices(['review'])
    try {
      const done = await serial(() => call('loan.submit', { id: d!.id }))
      setDetail(done)
      void Taro.showToast({ title: '已提交', icon: 'success' })
      setTimeout(() => void Taro.redirectTo({ url: `${ROUTES.loanDetail}?id=${done.id}` }), 600)
    } catch (err) {
      if (err instanceof CallError && err.field && stepOf(err.field) >= 0) {
        setServerErrors((e) => ({ ...e, [err.field!]: err.message }))
        void Taro.showToast({ title: err.message, icon: 'none' })
      } else void Taro.showModal({ title: '提交未成功', content: errorMessage(err), showCancel: false, confirmText: '知道了' })
    } finally {
      setSubmitting(false)
    }
  }

  // ---- rendering -------------------------------------------------------------------------------------

  const county = counties.find((c) => c.townships.some((t) => t.code === fields.townshipCode))
  const township = county?.townships.find((t) => t.code === fields.townshipCode)
  const amountPreview = checked.body.amountFen !== undefined ? `${wan(checked.body.amountFen)} 万元` : ''
  // Invalid values are not saved (the rest is): say so once they are shown in red.
  const held = Object.keys(checked.invalid).some((f) => !!errorOf(f))
  const status =
    saving === 'saving'
      ? '保存中…'
      : saving === 'error'
        ? '未保存，请检查标红的内容'
        : held
          ? '标红的内容修改后才会保存'
          : saving === 'saved' && detail
            ? `已保存 ${hhmm(savedAt)}`
            : detail
              ? '有修改，稍后自动保存'
              : '填写后自动保存草稿'

  return (
    <View className={`ln-page apply${editing ? ' ln-page--with-bar' : ''}`}>
      <PageStates state={state} retry={opened.retry} skeleton={2} denied={refusal ?? REGISTER_FIRST} notFound={NOT_FOUND}>
        {() => (
          <>
            <View className='apply__top'>
              <View className='apply__steps'>
                {STEPS.map((s, i) => (
                  <View key={s} className={`apply__step${i === step ? ' apply__step--on' : ''}${stepDone(i) ? ' apply__step--done' : ''}`} onClick={() => void goStep(i)}>
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

            {detail?.status === 'returned' && detail.returnNote && (
              <Banner tone='amber' title='审核人员请你补充材料' className='apply__returned'>
                <Text>{detail.returnNote}</Text>
                <Text className='apply__returned-hint'>如修改项目所在地、金额、期限或银行，重新提交后将从相应环节重新审核，修改内容会告知审核人员。</Text>
              </Banner>
            )}

            {step === 0 && (
              <View className='ln-form apply__form'>
                <View className='ln-form__title'>
                  <Text>贷款金额与银行</Text>
                  <Text className='ln-form__sub'>单笔最高 {wan(ceiling)} 万元</Text>
                </View>
                <Field field='amountFen' label='申请金额' required error={errorOf('amountFen')} hint={amountPreview ? `合 ${amountPreview}` : `按元填写，可精确到分，例如 200000`}>
                  <UnitInput className='apply__amount' value={fields.amount} placeholder='例如 200000' maxLength={14} unit='元' onInput={(v) => set('amount', v, 'amountFen')} onBlur={() => touch('amountFen')} />
                </Field>
                <Field field='termMonths' label='贷款期限' required error={errorOf('termMonths')} hint='3 至 120 个月，贴息按放款日适用的 LPR 计算'>
                  <UnitInput className='apply__term' type='number' value={fields.term} placeholder='例如 24' maxLength={3} unit='个月' onInput={(v) => set('term', v, 'termMonths')} onBlur={() => touch('termMonths')} />
                  <View className='ln-field__quick'>
                    {TERMS.map((m) => (
                      <Text
                        key={m}
                        className={`ln-field__quick-item${fields.term === String(m) ? ' ln-field__quick-item--on' : ''}`}
                        onClick={() => {
                          set('term', String(m), 'termMonths')
                          touch('termMonths')
                        }}
                      >
                        {m} 个月
                      </Text>
                    ))}
                  </View>
                </Field>
                <Field field='bankId' label='贷款银行' required error={errorOf('bankId')}>
                  <PickList
                    className='apply__banks'
                    options={banks.map((b) => ({ value: b.id, label: b.name }))}
                    value={fields.bankId}
                    onChange={(v) => {
                      set('bankId', v, 'bankId')
                      touch('bankId')
                    }}
                  />
                </Field>
                <Field field='branch' label='经办网点' aside='选填' error={errorOf('branch')} hint='如已联系银行，可填写网点名称，例如 清城支行'>
                  <View className='ln-field__box'>
                    <Input
                      className='ln-field__input apply__branch'
                      value={fields.branch}
                      placeholder='网点名称'
                      placeholderClass='ln-placeholder'
                      maxlength={40}
                      onInput={(e) => set('branch', e.detail.value, 'branch')}
                      onBlur={() => touch('branch')}
                    />
                  </View>
                </Field>
              </View>
            )}

            {step === 0 && (
              <View className='ln-form apply__form apply__payee'>
                <View className='ln-form__title'>
                  <Text>贴息收款账户</Text>
                  <Text className='ln-form__sub'>贴息资金打入本人账户</Text>
                </View>
                <Field field='payee.accountName' label='户名' required error={errorOf('payee.accountName')}>
                  <View className='ln-field__box'>
                    <Input className='ln-field__input apply__payee-name' value={fields.payeeName} placeholder='账户持有人姓名' placeholderClass='ln-placeholder' maxlength={20} onInput={(e) => set('payeeName', e.detail.value, 'payee.accountName')} onBlur={() => touch('payee.accountName')} />
                  </View>
                </Field>
                <Field field='payee.bankName' label='开户行' required error={errorOf('payee.bankName')} hint='写到支行，例如 邮储银行清远市清城支行'>
                  <View className='ln-field__box'>
                    <Input className='ln-field__input apply__payee-bank' value={fields.payeeBank} placeholder='开户银行及支行' placeholderClass='ln-placeholder' maxlength={40} onInput={(e) => set('payeeBank', e.detail.value, 'payee.bankName')} onBlur={() => touch('payee.bankName')} />
                  </View>
                </Field>
                <Field
                  field='payee.accountNumber'
                  label='收款账号'
                  required
                  error={errorOf('payee.accountNumber')}
                  hint={fields.payeeSaved && !fields.payeeAccount ? `已保存 ${fields.payeeSaved.split('|')[2]}，如需更换请重新填写` : '账号加密保存，只显示前后四位；审核人员查看完整账号会留痕'}
                >
                  <View className='ln-field__box'>
                    <Input
                      className='ln-field__input apply__payee-account'
                      type='number'
                      value={fields.payeeAccount}
                      placeholder={fields.payeeSaved ? fields.payeeSaved.split('|')[2] : '银行卡号或账号'}
                      placeholderClass='ln-placeholder'
                      maxlength={34}
                      onInput={(e) => set('payeeAccount', e.detail.value.replace(/[^\d ]/g, ''), 'payee.accountNumber')}
                      onBlur={() => touch('payee.accountNumber')}
                    />
                  </View>
                </Field>
              </View>
            )}

            {step === 1 && (
              <View className='ln-form apply__form'>
                <View className='ln-form__title'>
                  <Text>创业项目</Text>
                  <Text className='ln-form__sub'>审核人员主要依据这些信息评估项目</Text>
                </View>
                <Field field='project.type' label='项目类型' required error={errorOf('project.type')}>
                  <Chips
                    className='apply__types'
                    options={PROJECT_TYPES.map((t) => ({ value: t, label: PROJECT_TYPE_LABELS[t] }))}
                    value={fields.type}
                    onChange={(v) => {
                      set('type', v, 'project.type')
                      touch('project.type')
                    }}
                  />
                </Field>
                <Field field='project.title' label='项目名称' required error={errorOf('project.title')}>
                  <View className='ln-field__box'>
                    <Input
                      className='ln-field__input apply__title'
                      value={fields.title}
                      placeholder='例如 凤城砂糖橘电商直播'
                      placeholderClass='ln-placeholder'
                      maxlength={40}
                      onInput={(e) => set('title', e.detail.value, 'project.title')}
                      onBlur={() => touch('project.title')}
                    />
                  </View>
                </Field>
                <Field field='project.townshipCode' label='项目所在镇街' required error={errorOf('project.townshipCode')} hint='由项目所在县（市、区）团委审核'>
                  <View className='ln-field__box apply__place' hoverClass='ln-pressed' onClick={() => setPlaceOpen(true)}>
                    <Text className={`ln-field__pick${township ? '' : ' ln-field__pick--empty'}`}>{township ? `${county!.name} · ${township.name}` : '选择县（市、区）和镇街'}</Text>
                    <Text className='ln-field__arrow'>›</Text>
                  </View>
                </Field>
                <Field field='project.address' label='详细地址' required error={errorOf('project.address')}>
                  <View className='ln-field__box'>
                    <Input
                      className='ln-field__input apply__address'
                      value={fields.address}
                      placeholder='村、组或门牌'
                      placeholderClass='ln-placeholder'
                      maxlength={80}
                      onInput={(e) => set('address', e.detail.value, 'project.address')}
                      onBlur={() => touch('project.address')}
                    />
                  </View>
                </Field>
                <Field field='project.description' label='项目简介' required aside={`${fields.description.trim().length}/1000`} error={errorOf('project.description')} hint='至少 20 个字：做什么、投入多少、怎么经营、怎么带动村民'>
                  <Textarea
                    className='ln-field__textarea apply__description'
                    value={fields.description}
                    placeholder='例如：建设产地直播间与冷链分拣点，带动周边果农通过电商销售砂糖橘……'
                    placeholderClass='ln-placeholder'
                    maxlength={1000}
                    onInput={(e) => set('description', e.detail.value, 'project.description')}
                    onBlur={() => touch('project.description')}
                  />
                </Field>
                <Field field='project.jobsCreated' label='带动就业' required aside='人' error={errorOf('project.jobsCreated')}>
                  <Stepper
                    className='apply__jobs'
                    value={fields.jobs}
                    onChange={(n) => {
                      set('jobs', n, 'project.jobsCreated')
                      touch('project.jobsCreated')
                    }}
                  />
                </Field>
                <Field field='project.householdsHelped' label='帮扶困难户' required aside='户' error={errorOf('project.householdsHelped')} hint='项目带动增收的低收入、困难家庭户数'>
                  <Stepper
                    className='apply__households'
                    value={fields.households}
                    onChange={(n) => {
                      set('households', n, 'project.householdsHelped')
                      touch('project.householdsHelped')
                    }}
                  />
                </Field>
              </View>
            )}

            {step === 2 && (
              <View className='apply__docs'>
                <Text className='apply__docs-lead'>JPG、PNG 图片或 PDF 文件，每份不超过 4 MB，每类最多 {MAX_PER_KIND} 份。材料仅审核人员和贷款银行可见。</Text>
                {(serverErrors.documents || serverErrors.fileId) && (
                  <View className='ln-field__error apply__docs-error' data-error-for='documents'>
                    <Text className='ln-field__error-dot'>!</Text>
                    <Text>{serverErrors.documents || serverErrors.fileId}</Text>
                  </View>
                )}
                {DOCUMENT_KINDS.map((kind) => {
                  const docs = documents.filter((d) => d.kind === kind)
                  const busy = uploads.filter((u) => u.kind === kind)
                  const room = MAX_PER_KIND - docs.length - busy.filter((u) => u.stage !== 'failed').length
                  const missing = tried[2] && docs.length === 0
                  return (
                    <View key={kind} className={`ln-form apply-kind apply-kind--${kind}${missing ? ' apply-kind--missing' : ''}`} data-kind={kind}>
                      <View className='ln-form__title'>
                        <Text>
                          {DOCUMENT_LABELS[kind]}
                          <Text className='ln-field__req'>*</Text>
                        </Text>
                        <Text className='ln-form__sub'>
                          {docs.length}/{MAX_PER_KIND}
                        </Text>
                      </View>
                      <Text className='ln-form__lead'>{DOC_HINTS[kind]}</Text>
                      <View className='apply-kind__tiles'>
                        {docs.map((doc) => (
                          <DocTile key={doc.id} doc={doc} busy={removing === doc.id} onOpen={() => void openDocument(doc, documents)} onRemove={() => void removeDocument(doc)} />
                        ))}
                        {busy.map((u) => (
                          <View key={u.key} className={`apply-upload apply-upload--${u.stage}`}>
                            <View className='apply-upload__box'>
                              {u.stage === 'failed' ? (
                                <Text className='apply-upload__fail'>!</Text>
                              ) : (
                                <>
                                  <View className='apply-upload__bar'>
                                    <View className={`apply-upload__fill apply-upload__fill--${u.stage}`} />
                                  </View>
                                  <Text className='apply-upload__stage'>{u.stage === 'uploading' ? '上传中…' : '校验中…'}</Text>
                                </>
                              )}
                              {u.stage === 'failed' && (
                                <View className='apply-upload__dismiss' onClick={() => setUploads((list) => list.filter((x) => x.key !== u.key))}>
                                  <Text>×</Text>
                                </View>
                              )}
                            </View>
                            <Text className='apply-upload__name'>{u.name}</Text>
                            {u.stage === 'failed' && <Text className='apply-upload__message'>{u.message}</Text>}
                          </View>
                        ))}
                        {room > 0 && (
                          <View className='apply-add'>
                            <View className='apply-add__btn apply-add__photo' hoverClass='ln-pressed' onClick={() => void addFiles(kind, 'photo')}>
                              <Text className='apply-add__icon'>+</Text>
                              <Text>{process.env.TARO_ENV === 'weapp' ? '拍照/相册' : '选择图片'}</Text>
                            </View>
                            <View className='apply-add__btn apply-add__file' hoverClass='ln-pressed' onClick={() => void addFiles(kind, 'file')}>
                              <Text className='apply-add__icon'>+</Text>
                              <Text>{process.env.TARO_ENV === 'weapp' ? '聊天文件' : '选择 PDF'}</Text>
                            </View>
                          </View>
                        )}
                      </View>
                      {missing && (
                        <View className='ln-field__error apply-kind__missing'>
                          <Text className='ln-field__error-dot'>!</Text>
                          <Text>请上传{DOCUMENT_LABELS[kind]}</Text>
                        </View>
                      )}
                    </View>
                  )
                })}
              </View>
            )}

            {step === 3 && (
              <View className='apply__confirm'>
                {detail && detail.missing.length > 0 ? (
                  <Banner tone='amber' title='还差这些才能提交' className='apply__missing'>
                    <View className='apply__missing-list'>
                      {detail.missing.map((m) => (
                        <Text key={m} className='apply__missing-item'>
                          {m}
                        </Text>
                      ))}
                    </View>
                  </Banner>
                ) : detail ? (
                  <Banner tone='green' title='信息已填写完整' className='apply__complete'>
                    <Text>请核对以下内容，确认无误后提交。</Text>
                  </Banner>
                ) : null}
                <View className='ln-form'>
                  <View className='ln-form__title'>
                    <Text>贷款</Text>
                    <Text className='apply__edit' onClick={() => void goStep(0)}>
                      修改
                    </Text>
                  </View>
                  <View className='apply__sum'>
                    <SumRow label='申请金额' value={checked.body.amountFen !== undefined ? yuan(checked.body.amountFen) : ''} />
                    <SumRow label='贷款期限' value={checked.body.termMonths ? `${checked.body.termMonths} 个月` : ''} />
                    <SumRow label='贷款银行' value={banks.find((b) => b.id === fields.bankId)?.name ?? ''} />
                    {fields.branch.trim() && <SumRow label='经办网点' value={fields.branch.trim()} />}
                    <SumRow label='贴息收款' value={detail?.payee ? `${detail.payee.accountName} · ${detail.payee.bankName} · ${detail.payee.accountMasked}` : ''} />
                  </View>
                </View>
                <View className='ln-form'>
                  <View className='ln-form__title'>
                    <Text>项目</Text>
                    <Text className='apply__edit' onClick={() => void goStep(1)}>
                      修改
                    </Text>
                  </View>
                  <View className='apply__sum'>
                    <SumRow label='项目类型' value={fields.type ? PROJECT_TYPE_LABELS[fields.type] : ''} />
                    <SumRow label='项目名称' value={fields.title.trim()} />
                    <SumRow label='项目地点' value={township ? `${county!.name} · ${township.name}` : ''} />
                    <SumRow label='详细地址' value={fields.address.trim()} />
                    <SumRow label='带动就业' value={fields.jobs === null ? '' : `${fields.jobs} 人`} />
                    <SumRow label='帮扶困难户' value={fields.households === null ? '' : `${fields.households} 户`} />
                    <View className='apply__sum-desc'>
                      <Text className='apply__sum-label'>项目简介</Text>
                      <Text className={`apply__sum-text${fields.description.trim() ? '' : ' apply__sum-text--empty'}`}>{fields.description.trim() || '未填写'}</Text>
                    </View>
                  </View>
                </View>
                <View className='ln-form'>
                  <View className='ln-form__title'>
                    <Text>材料</Text>
                    <Text className='apply__edit' onClick={() => void goStep(2)}>
                      修改
                    </Text>
                  </View>
                  <View className='apply__sum'>
                    {DOCUMENT_KINDS.map((k) => {
                      const n = documents.filter((d) => d.kind === k).length
                      return <SumRow key={k} label={DOCUMENT_LABELS[k]} value={n > 0 ? `${n} 份` : ''} />
                    })}
                  </View>
                </View>
                <Text className='apply__promise'>提交即表示你确认所填信息和材料真实有效。审核结果会通过微信消息通知你。</Text>
              </View>
            )}

            <View className='ln-bar apply__bar'>
              {step > 0 && (
                <Button kind='plain' className='apply__prev' onClick={() => void goStep(step - 1)}>
                  上一步
                </Button>
              )}
              {step < 3 ? (
                <Button className='apply__next' onClick={() => void nextStep()}>
                  下一步
                </Button>
              ) : (
                <Button className='apply__submit' busy={submitting} onClick={() => void submit()}>
                  {detail?.status === 'returned' ? '重新提交' : '提交申请'}
                </Button>
              )}
            </View>

            <PlaceSheet
              visible={placeOpen}
              counties={counties}
              townshipCode={fields.townshipCode}
              onClose={() => setPlaceOpen(false)}
              onChoose={(code) => {
                set('townshipCode', code, 'project.townshipCode')
                touch('project.townshipCode')
                setPlaceOpen(false)
              }}
            />
          </>
        )}
      </PageStates>
    </View>
  )
}

function firstIncompleteStep(f: Fields, d: LoanDetail): number {
  const { invalid, missing } = check(f, d.ceilingFen)
  const fields = [...Object.keys(invalid), ...Object.keys(missing)]
  if (fields.some((x) => stepOf(x) === 0)) return 0
  if (fields.some((x) => stepOf(x) === 1)) return 1
  if (DOCUMENT_KINDS.some((k) => !d.documents.some((doc) => doc.kind === k))) return 2
  return 3
}

function SumRow({ label, value }: { label: string; value: string }) {
  return (
    <View className='apply__sum-row'>
      <Text className='apply__sum-label'>{label}</Text>
      <Text className={`apply__sum-value${value ? '' : ' apply__sum-value--empty'}`}>{value || '未填写'}</Text>
    </View>
  )
}

/** County on the left, its townships on the right; choosing a township closes it. */
function PlaceSheet({ visible, counties, townshipCode, onClose, onChoose }: { visible: boolean; counties: Counties; townshipCode: string; onClose: () => void; onChoose: (code: string) => void }) {
  const countyCode = counties.find((c) => c.townships.some((t) => t.code === townshipCode))?.code ?? ''
  return (
    <Sheet visible={visible} title='项目所在镇街' note='先选县（市、区），再选镇街' onClose={onClose}>
      <PlacePanes visible={visible} counties={counties} countyCode={countyCode} townshipCode={townshipCode} onChoose={(_county, township) => onChoose(township)} />
    </Sheet>
  )
}
