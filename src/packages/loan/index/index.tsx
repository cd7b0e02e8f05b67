// 创业贴息贷款（申请人首页）: what the program is (ceiling, 据实贴息, eligible projects, the way
// an application goes), the applicant's applications with their status, and the way in:
// 我要申请, 继续填写 or 查看进度. Someone without an approved registration is shown the way to
// register first (the functions refuse them).
import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import type { LoanSummary } from '@contract/loan'
import { PLACE_RULE } from '@contract/loan-rules'
import { LOAN_STATUS_LABELS, PROJECT_TYPE_LABELS, PROJECT_TYPES } from '@contract/vocabulary'
import { ROUTES } from '@/constants/routes'
import { call, CallError } from '@/services/cloud'
import { loadAccount } from '@/components/admin/shared'
import { useLoanTerms, type LoanTerms } from '@/components/loan/data'
import { EDITABLE_STATUSES, OPEN_STATUSES, percent, wan, yuan } from '@/components/loan/format'
import { LoanCard } from '@/components/loan/parts'
import { HelpCard } from '@/components/ui/HelpCard'
import { WorkbenchHead } from '@/components/ui/Workbench'
import { Button } from '@/components/ui/Button'
import { PageStates, type DeniedLook } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'

import './index.scss'

type Registration = 'none' | 'pending' | 'rejected' | 'closed'

const PROJECT_HINTS: Record<(typeof PROJECT_TYPES)[number], string> = {
  agriculture: '特色种植、养殖，农产品初加工',
  ecommerce: '农产品网店、直播带货、产地仓',
  homestay: '农房改造民宿、乡村客栈',
  rural_tourism: '农家乐、研学、乡村旅游线路',
  other: '其他带动村民增收的项目',
}

const ROAD = [
  { title: '在线申请', desc: '填写项目，上传材料' },
  { title: '县团委审核', desc: '项目所在县；项目在市外的，户籍所在县' },
  { title: '团市委审核', desc: '推荐到合作银行' },
  { title: '银行审批放款', desc: '邮储银行、农商银行' },
  { title: '按季贴息', desc: '团市委核准后拨付' },
]

const DEFAULT_TERMS: LoanTerms = { ceilingFen: 500_000_00, spreadBp: 120, dayBasis: 360, ageMin: 18, ageMax: 45, projectTypes: [...PROJECT_TYPES] }

/** The worked example under 贴息怎么算: 200,000 yuan at 4.35 % with a 3.00 % LPR, over a 92-day quarter. */
function example(t: LoanTerms): { capped: string; days: number; amount: string } {
  const rateBp = Math.min(435, 300 + t.spreadBp)
  const fen = Math.round((20_000_000 * rateBp * 92) / (10_000 * t.dayBasis))
  return { capped: percent(rateBp), days: 92, amount: yuan(fen) }
}

/** Not (yet) a registered rural youth or volunteer: which step are they at? */
async function registrationOf(): Promise<Registration> {
  try {
    const regs = (await loadAccount(true)).registrations
    const mine = regs.find((r) => r.kind === 'rural_youth') ?? regs.find((r) => r.kind === 'volunteer')
    return mine && mine.status !== 'approved' ? mine.status : 'none'
  } catch {
    return 'none' // the refusal still shows the way to register
  }
}

/** The refusal of someone not (yet) registered: the way to register, or to its progress. */
function registerFirst(registration: Registration, go: (url: string) => void): DeniedLook {
  return {
    className: 'loan-home__gate',
    title: registration === 'pending' ? '你的登记正在审核中' : '请先完成农村青年登记',
    text:
      registration === 'pending'
        ? '县（市、区）团委审核通过后，就可以在这里申请创业贴息贷款。'
        : registration === 'rejected'
          ? '你的登记未通过审核，请修改后重新提交；通过后即可申请创业贴息贷款。'
          : '创业贴息贷款面向已登记并通过审核的农村青年和乡村振兴志愿者。登记只需几分钟，审核通过后即可申请。',
    action: { text: registration === 'pending' ? '查看登记进度' : '去登记', onClick: () => go(`${ROUTES.register}?kind=rural_youth`) },
  }
}

export default function LoanHome() {
  const terms = useLoanTerms()
  const spread = terms ? percent(terms.spreadBp) : '…'
  const worked = example(terms ?? DEFAULT_TERMS)
  const [registration, setRegistration] = useState<Registration>('none')

  const { state, reload, retry } = usePageState(async () => {
    try {
      return await call('loan.mine', { pageSize: 20 })
    } catch (err) {
      if (err instanceof CallError && err.code === 'FORBIDDEN') setRegistration(await registrationOf())
      throw err
    }
  }, [])

  // Every time the page shows again: an application may have moved on meanwhile.
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void reload(true)
    shown.current = true
  })
  usePullDownRefresh(() => void reload(true).finally(() => Taro.stopPullDownRefresh()))

  const go = (url: string) => void Taro.navigateTo({ url })
  const openLoan = (l: LoanSummary) => go(EDITABLE_STATUSES.includes(l.status) && l.status === 'draft' ? `${ROUTES.loanApply}?id=${l.id}` : `${ROUTES.loanDetail}?id=${l.id}`)

  return (
    <View className='ln-page loan-home'>
      <WorkbenchHead flat>
        <Text className='loan-home__kicker'>团清远市委 · 合作银行 · 财政贴息</Text>
        <Text className='loan-home__title'>农村青年创业小额贴息贷款</Text>
        <Text className='loan-home__lead'>返乡创业的农村青年和乡村振兴志愿者，可在线申请创业贷款，利息按规定据实贴息。</Text>
        <View className='loan-home__facts'>
          <View className='loan-home__fact'>
            <Text className='loan-home__fact-num'>
              {terms ? wan(terms.ceilingFen) : '…'}<Text className='loan-home__fact-unit'>万元</Text>
            </Text>
            <Text className='loan-home__fact-label'>单笔最高</Text>
          </View>
          <View className='loan-home__fact'>
            <Text className='loan-home__fact-num'>
              LPR<Text className='loan-home__fact-unit'>+{spread}</Text>
            </Text>
            <Text className='loan-home__fact-label'>贴息利率上限</Text>
          </View>
          <View className='loan-home__fact'>
            <Text className='loan-home__fact-num'>
              3<Text className='loan-home__fact-unit'>级审核</Text>
            </Text>
            <Text className='loan-home__fact-label'>县、市、银行</Text>
          </View>
        </View>
      </WorkbenchHead>

      <PageStates state={state} retry={retry} skeleton={1} denied={registerFirst(registration, go)}>
        {({ items, total }) => {
          const open = items.find((l) => OPEN_STATUSES.includes(l.status))
          return (
            <>
              <View className='loan-home__cta'>
                {open ? (
                  <>
                    <View className='loan-home__cta-text'>
                      <Text className='loan-home__cta-title'>{open.status === 'draft' ? '你有一份未提交的申请' : open.status === 'returned' ? '审核人员请你补充材料' : '你的申请正在办理'}</Text>
                      <Text className='loan-home__cta-sub'>
                        {open.projectTitle || '未命名的创业项目'} · {LOAN_STATUS_LABELS[open.status]}
                      </Text>
                    </View>
                    <Button
                      className='loan-home__go'
                      onClick={() => go(EDITABLE_STATUSES.includes(open.status) ? `${ROUTES.loanApply}?id=${open.id}` : `${ROUTES.loanDetail}?id=${open.id}`)}
                    >
                      {open.status === 'draft' ? '继续填写' : open.status === 'returned' ? '补充材料' : '查看进度'}
                    </Button>
                  </>
                ) : (
                  <>
                    <View className='loan-home__cta-text'>
                      <Text className='loan-home__cta-title'>有创业项目，缺启动资金？</Text>
                      <Text className='loan-home__cta-sub'>在线填写约 10 分钟，可随时保存草稿</Text>
                    </View>
                    <Button className='loan-home__go loan-home__apply' onClick={() => go(ROUTES.loanApply)}>
                      我要申请
                    </Button>
                  </>
                )}
              </View>

              <View className='loan-home__head'>
                <Text className='loan-home__head-title'>我的申请</Text>
                <Text className='loan-home__head-sub'>{total > 0 ? `共 ${total} 份` : ''}</Text>
              </View>
              {items.length === 0 ? (
                <View className='loan-home__empty'>
                  <Text>还没有申请。提交后可在这里随时查看审核进度和贴息计划。</Text>
                </View>
              ) : (
                <View className='panel-list loan-home__list'>
                  {items.map((l) => (
                    <LoanCard key={l.id} loan={l} showApplicant={false} onClick={() => openLoan(l)} />
                  ))}
                </View>
              )}
            </>
          )
        }}
      </PageStates>

      <View className='loan-home__head'>
        <Text className='loan-home__head-title'>谁可以申请</Text>
      </View>
      <View className='loan-home__card loan-home__rules'>
        {[
          `年满 ${(terms ?? DEFAULT_TERMS).ageMin} 周岁、不超过 ${(terms ?? DEFAULT_TERMS).ageMax} 周岁（按提交申请当天计算）`,
          '已登记并通过审核的农村青年或乡村振兴志愿者',
          `${PLACE_RULE}（项目在市外的，由户籍所在县（市、区）团委审核）`,
          '每人同时只能有一笔在办或未结清的贷款',
          '项目属于下列扶持类型之一',
        ].map((rule, i) => (
          <View key={i} className='loan-home__rule-line'>
            <Text className='loan-home__rule-no'>{i + 1}</Text>
            <Text className='loan-home__rule-text'>{rule}</Text>
          </View>
        ))}
        <Text className='loan-home__rule-note'>不符合的，提交时会说明是哪一条。</Text>
      </View>

      <View className='loan-home__head'>
        <Text className='loan-home__head-title'>扶持哪些项目</Text>
      </View>
      <View className='loan-home__types'>
        {PROJECT_TYPES.filter((t) => (terms ?? DEFAULT_TERMS).projectTypes.includes(t)).map((t) => (
          <View key={t} className={`loan-type loan-type--${t}`}>
            <Text className='loan-type__name'>{PROJECT_TYPE_LABELS[t]}</Text>
            <Text className='loan-type__hint'>{PROJECT_HINTS[t]}</Text>
          </View>
        ))}
      </View>

      <View className='loan-home__head'>
        <Text className='loan-home__head-title'>贴息怎么算</Text>
      </View>
      <View className='loan-home__card'>
        <Text className='loan-home__rule'>
          贴息利率 = min（银行执行利率，放款日适用的 LPR + {spread}），按剩余本金逐日计算、每季度核准一次，即「据实贴息」。
        </Text>
        <View className='loan-home__example'>
          <Text className='loan-home__example-title'>举个例子</Text>
          <Text className='loan-home__example-text'>
            贷款 20 万元，执行利率 4.35%，1 年期 LPR 3.00%：贴息利率取 {worked.capped}。一个 {worked.days} 天的季度贴息 200,000 × {worked.capped} × {worked.days} ÷ {(terms ?? DEFAULT_TERMS).dayBasis} = {worked.amount}。
          </Text>
        </View>
      </View>

      <View className='loan-home__head'>
        <Text className='loan-home__head-title'>办理流程</Text>
      </View>
      <View className='loan-home__card loan-road'>
        {ROAD.map((r, i) => (
          <View key={r.title} className='loan-road__item'>
            <View className='loan-road__no'>
              <Text>{i + 1}</Text>
            </View>
            <View className='loan-road__text'>
              <Text className='loan-road__title'>{r.title}</Text>
              <Text className='loan-road__desc'>{r.desc}</Text>
            </View>
          </View>
        ))}
      </View>
      <Text className='loan-home__foot'>单笔额度、贴息上限以团市委最新政策为准</Text>
      <HelpCard programme='loan' />
    </View>
  )
}
