// Step 4 of the application: what is still missing (or that it is complete), and everything filled
// in, to check before submitting.
import { Text, View } from '@tarojs/components'
import { OUTSIDE_CITY } from '@contract/loan-rules'
import { DOCUMENT_KINDS, DOCUMENT_LABELS, PROJECT_TYPE_LABELS } from '@contract/vocabulary'
import { yuan } from '@/components/loan/format'
import { Banner } from '@/components/loan/ui'
import type { Bank, Counties } from './draft'
import { placeOf } from './project-step'
import type { LoanDraft } from './use-draft'

import './confirm-step.scss'

export function ConfirmStep({ draft, banks, counties }: { draft: LoanDraft; banks: Bank[]; counties: Counties }) {
  const { detail, fields, checked, documents, goStep } = draft
  const place = placeOf(counties, fields.townshipCode)
  return (
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
          <SumRow label='户籍所在地' value={placeOf(counties, fields.household)} />
          <SumRow label='项目地点' value={fields.townshipCode === OUTSIDE_CITY ? [place, fields.outsidePlace.trim()].filter(Boolean).join(' · ') : place} />
          {detail?.countyName ? <SumRow label='审核团委' value={`${detail.countyName}团委（${detail.reviewBasis === 'household' ? '户籍所在地' : '项目所在地'}）`} /> : null}
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
  )
}

function SumRow({ label, value }: { label: string; value: string }) {
  return (
    <View className='apply__sum-row'>
      <Text className='apply__sum-label'>{label}</Text>
      <Text className={`apply__sum-value${value ? '' : ' apply__sum-value--empty'}`}>{value || '未填写'}</Text>
    </View>
  )
}
