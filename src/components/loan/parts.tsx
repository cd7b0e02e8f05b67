// The pieces of an application that every loan page shows the same way: the list card, the
// status header with its road of stages, the application's facts, documents, approval and
// disbursement facts. Repayments, the subsidy schedule and the timeline are in ./schedule.
import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import type { LoanDetail, LoanDocumentView, LoanSummary } from '@contract/loan'
import { DOCUMENT_KINDS, DOCUMENT_LABELS, LOAN_STATUS_LABELS, PROJECT_TYPE_LABELS, REPAYMENT_LABELS } from '@contract/vocabulary'
import { fileSize, percent, stageIndex, STAGES, STATUS_TONE, yuan, yuanShort } from './format'
import { Row, Section, StatusChip } from './ui'
import { ago, dateTime } from '@/components/ui/format'
import { Tag } from '@/components/ui/Tag'

import './card.scss'
import './hero.scss'
import './documents.scss'
// ---- list card ---------------------------------------------------------------------------------

/** One application in a list (queues, 我的申请). */
export function LoanCard({ loan, onClick, showApplicant = true, className }: { loan: LoanSummary; onClick: () => void; showApplicant?: boolean; className?: string }) {
  const place = loan.projectPlace
  return (
    <View className={`panel-card ln-card ${className ?? ''}`} hoverClass='panel-card--pressed' onClick={onClick} data-id={loan.id}>
      <View className='ln-card__head'>
        <Text className='ln-card__title'>{loan.projectTitle || '未命名的创业项目'}</Text>
        <StatusChip status={loan.status} />
      </View>
      <View className='ln-card__amount'>
        <Text className='ln-card__money'>{loan.amountFen > 0 ? yuanShort(loan.amountFen) : '金额未填'}</Text>
        {loan.termMonths > 0 && <Text className='ln-card__term'>{loan.termMonths} 个月</Text>}
        {loan.overdueDays > 0 && (
          <Tag tone='red' className='ln-card__overdue'>
            逾期 {loan.overdueDays} 天
          </Tag>
        )}
        {loan.subsidyDue && (
          <Tag tone='amber' className='ln-card__due'>
            贴息待核准
          </Tag>
        )}
      </View>
      <View className='ln-card__rows'>
        {showApplicant && (
          <View className='ln-card__row'>
            <Text className='ln-card__label'>申请人</Text>
            <Text className='ln-card__value'>{loan.applicantName}</Text>
          </View>
        )}
        <View className='ln-card__row'>
          <Text className='ln-card__label'>项目类型</Text>
          <Text className='ln-card__value'>{loan.projectType ? PROJECT_TYPE_LABELS[loan.projectType] : '未选择'}</Text>
        </View>
        <View className='ln-card__row'>
          <Text className='ln-card__label'>项目地点</Text>
          <Text className='ln-card__value'>{place || '未选择'}</Text>
        </View>
        <View className='ln-card__row'>
          <Text className='ln-card__label'>贷款银行</Text>
          <Text className='ln-card__value'>{loan.bankName || '未选择'}</Text>
        </View>
        {(loan.status === 'disbursed' || loan.status === 'in_subsidy') && (
          <View className='ln-card__row'>
            <Text className='ln-card__label'>剩余本金</Text>
            <Text className='ln-card__value'>{yuan(loan.outstandingFen)}</Text>
          </View>
        )}
      </View>
      <View className='ln-card__foot'>
        <Text className='ln-card__time'>{loan.submittedAt ? `提交于 ${dateTime(loan.submittedAt, '—')}` : `更新于 ${dateTime(loan.updatedAt, '—')}`}</Text>
        <Text className='ln-card__more'>{loan.submittedAt ? ago(loan.submittedAt) : ''} 查看 ›</Text>
      </View>
    </View>
  )
}

// ---- status header -----------------------------------------------------------------------------

const HEADLINES: Partial<Record<LoanDetail['status'], string>> = {
  draft: '草稿尚未提交，填写完整后即可提交',
  submitted: '县（市、区）团委正在审核你的申请',
  city_review: '县团委已通过，团市委正在审核',
  bank_review: '团市委已通过，贷款银行正在审批',
  approved: '银行已批准，请留意银行放款通知',
  disbursed: '贷款已发放，贴息按季度计算',
  in_subsidy: '贴息已开始核准发放',
  closed: '贷款已结清，感谢你的信用',
  rejected: '很遗憾，申请未通过',
  withdrawn: '申请已撤回',
  returned: '审核人员请你补充材料后重新提交',
}

/** The top of a detail page: status, amount, project, and the road of stages. */
export function LoanHero({ d, viewer }: { d: LoanDetail; viewer: 'applicant' | 'reviewer' }) {
  const stage = stageIndex(d.status)
  const tone = STATUS_TONE[d.status]
  // What the bank lent (or approved), once it has; what was asked for before.
  const amount = d.disbursement ? { fen: d.disbursement.amountFen, label: '放款金额' } : d.approval ? { fen: d.approval.amountFen, label: '批准金额' } : { fen: d.amountFen, label: '申请金额' }
  const term = d.approval?.termMonths ?? d.termMonths
  return (
    <View className={`ln-hero ln-hero--${tone}`}>
      <View className='ln-hero__top'>
        <Text className='ln-hero__status'>{LOAN_STATUS_LABELS[d.status]}</Text>
        <Text className='ln-hero__id'>编号 {d.id.slice(1, 9).toUpperCase()}</Text>
      </View>
      {viewer === 'reviewer' && <Text className='ln-hero__project'>{d.projectTitle || '未命名的创业项目'}</Text>}
      <Text className='ln-hero__lead'>{viewer === 'applicant' ? HEADLINES[d.status] : `${d.applicantName} · ${d.project.townshipCode === 'outside' ? d.projectPlace : `${d.countyName || '未选地点'}${d.townshipName ? ` ${d.townshipName}` : ''}`}`}</Text>
      <View className='ln-hero__facts'>
        <View className='ln-hero__fact'>
          <Text className='ln-hero__num'>{amount.fen > 0 ? yuanShort(amount.fen).replace(' 元', '') : '—'}</Text>
          <Text className='ln-hero__unit'>{amount.label}（元）</Text>
        </View>
        <View className='ln-hero__fact'>
          <Text className='ln-hero__num'>{term || '—'}</Text>
          <Text className='ln-hero__unit'>期限（月）</Text>
        </View>
        <View className='ln-hero__fact ln-hero__fact--wide'>
          <Text className='ln-hero__num ln-hero__num--text'>{d.bankName || '—'}</Text>
          <Text className='ln-hero__unit'>贷款银行</Text>
        </View>
      </View>
      {stage >= 0 ? (
        <View className='ln-road'>
          {STAGES.map((s, i) => (
            <View key={s} className={`ln-road__step${i < stage ? ' ln-road__step--done' : i === stage ? ' ln-road__step--now' : ''}`}>
              <View className='ln-road__line' />
              <View className='ln-road__dot'>
                <Text>{i < stage ? '✓' : i + 1}</Text>
              </View>
              <Text className='ln-road__label'>{s}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}

// ---- the application ---------------------------------------------------------------------------

export function ApplicationFacts({ d, title = '申请信息' }: { d: LoanDetail; title?: string }) {
  const p = d.project
  return (
    <Section title={title} className='ln-facts'>
      <Row label='申请金额'>{d.amountFen > 0 ? yuan(d.amountFen) : '未填写'}</Row>
      <Row label='贷款期限'>{d.termMonths > 0 ? `${d.termMonths} 个月` : '未填写'}</Row>
      <Row label='贷款银行'>{d.bankName ? `${d.bankName}${d.branch ? ` · ${d.branch}` : ''}` : '未选择'}</Row>
      <Row label='项目类型'>{p.type ? PROJECT_TYPE_LABELS[p.type] : '未选择'}</Row>
      <Row label='项目名称'>{p.title || '未填写'}</Row>
      <Row label='项目地点'>{d.projectPlace || '未选择'}</Row>
      {d.householdPlace && <Row label='户籍所在地'>{d.householdPlace}</Row>}
      {d.reviewBasis === 'household' && <Row label='审核团委'>{`${d.countyName}团委（项目在清远市外，由户籍所在地审核）`}</Row>}
      <Row label='详细地址'>{p.address || '未填写'}</Row>
      <Row label='项目简介' className='ln-row--long'>
        <Text className='ln-desc'>{p.description || '未填写'}</Text>
      </Row>
      <Row label='带动就业'>{p.jobsCreated === null ? '未填写' : `${p.jobsCreated} 人`}</Row>
      <Row label='帮扶困难户'>{p.householdsHelped === null ? '未填写' : `${p.householdsHelped} 户`}</Row>
    </Section>
  )
}

// ---- documents -----------------------------------------------------------------------------------

/** A document: the picture itself, or a PDF mark; its name and size. */
export function DocTile({ doc, onOpen, onRemove, busy }: { doc: LoanDocumentView; onOpen: () => void; onRemove?: () => void; busy?: boolean }) {
  const image = doc.type.startsWith('image/')
  // A link that expired or a picture that cannot be drawn: a plain mark instead of a broken image.
  const [broken, setBroken] = useState(false)
  return (
    <View className='ln-doc' data-kind={doc.kind}>
      <View className='ln-doc__thumb' hoverClass='ln-pressed' onClick={onOpen}>
        {image && doc.url && !broken ? (
          <Image className='ln-doc__img' src={doc.url} mode='aspectFill' lazyLoad onError={() => setBroken(true)} />
        ) : (
          <View className={`ln-doc__pdf${image ? ' ln-doc__pdf--image' : ''}`}>
            <Text>{image ? '图片' : 'PDF'}</Text>
          </View>
        )}
        {onRemove && (
          <View
            className={`ln-doc__remove${busy ? ' ln-doc__remove--busy' : ''}`}
            onClick={(e) => {
              e.stopPropagation()
              if (!busy) onRemove()
            }}
          >
            <Text>×</Text>
          </View>
        )}
      </View>
      <Text className='ln-doc__name'>{doc.name}</Text>
      <Text className='ln-doc__size'>{fileSize(doc.size)}</Text>
    </View>
  )
}

export function DocumentsSection({ documents, onOpen }: { documents: LoanDocumentView[]; onOpen: (doc: LoanDocumentView) => void }) {
  return (
    <Section title='申请材料' extra={<Text>{documents.length} 份</Text>} className='ln-docs'>
      {DOCUMENT_KINDS.map((kind) => {
        const docs = documents.filter((d) => d.kind === kind)
        return (
          <View key={kind} className='ln-docs__group'>
            <Text className='ln-docs__label'>
              {DOCUMENT_LABELS[kind]}
              <Text className='ln-docs__count'>{docs.length > 0 ? ` ${docs.length} 份` : ' 未上传'}</Text>
            </Text>
            {docs.length > 0 && (
              <View className='ln-docs__tiles'>
                {docs.map((doc) => (
                  <DocTile key={doc.id} doc={doc} onOpen={() => onOpen(doc)} />
                ))}
              </View>
            )}
          </View>
        )
      })}
      <Text className='ln-hint'>点击图片可放大查看，PDF 将用文档查看器打开。</Text>
    </Section>
  )
}

// ---- approval, disbursement, repayments -------------------------------------------------------

export function LendingFacts({ d }: { d: LoanDetail }) {
  const a = d.approval
  const x = d.disbursement
  if (!a && !x) return null
  return (
    <Section title={x ? '放款信息' : '银行批准'} className='ln-lending'>
      {a && !x && (
        <>
          <Row label='批准金额'>{yuan(a.amountFen)}</Row>
          <Row label='执行年利率'>{percent(a.rateBp)}</Row>
          <Row label='贷款期限'>{a.termMonths} 个月</Row>
          <Row label='批准时间'>{dateTime(a.at, '—')}</Row>
        </>
      )}
      {x && (
        <>
          <Row label='放款金额'>{yuan(x.amountFen)}</Row>
          <Row label='放款日期'>{x.disbursedOn}</Row>
          <Row label='到期日期'>{x.maturityOn}</Row>
          <Row label='执行年利率'>{percent(x.rateBp)}</Row>
          <Row label='还款方式'>{REPAYMENT_LABELS[x.repaymentType]}</Row>
          <Row label='适用 LPR'>
            <Text>
              {x.lprTenor === '1y' ? '1 年期' : '5 年期以上'} {percent(x.lprBp)}
              <Text className='ln-muted'>（{x.lprDate} 起执行）</Text>
            </Text>
          </Row>
          <Row label='贴息利率' className='ln-lending__rate'>
            <Text className='ln-strong'>{percent(x.subsidyRateBp)}</Text>
            <Text className='ln-muted ln-block'>
              取执行利率 {percent(x.rateBp)} 与 LPR + {percent(x.spreadBp)}（{percent(x.lprBp + x.spreadBp)}）的较低者，据实贴息
            </Text>
          </Row>
          <Row label='剩余本金'>{yuan(d.outstandingFen)}</Row>
        </>
      )}
    </Section>
  )
}
