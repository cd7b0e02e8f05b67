// Step 1 of the application: the amount, term and bank, and the payee of the subsidy.
import { Text, View } from '@tarojs/components'
import { wan } from '@/components/loan/format'
import { Field, PickList, UnitInput } from '@/components/loan/ui'
import { TERMS, type Bank } from './draft'
import { TextRow } from './text-row'
import type { LoanDraft } from './use-draft'

export function LoanStep({ draft, banks }: { draft: LoanDraft; banks: Bank[] }) {
  const { fields, checked, set, touch, errorOf } = draft
  const amountPreview = checked.body.amountFen !== undefined ? `${wan(checked.body.amountFen)} 万元` : ''
  return (
    <View className='ln-form apply__form'>
      <View className='ln-form__title'>
        <Text>贷款金额与银行</Text>
        <Text className='ln-form__sub'>单笔最高 {wan(draft.ceiling)} 万元</Text>
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
      <TextRow draft={draft} name='branch' field='branch' label='经办网点' aside='选填' hint='如已联系银行，可填写网点名称，例如 清城支行' className='apply__branch' placeholder='网点名称' maxLength={40} />
    </View>
  )
}

export function PayeeStep({ draft }: { draft: LoanDraft }) {
  const { fields } = draft
  const savedMasked = fields.payeeSaved.split('|')[2]
  return (
    <View className='ln-form apply__form apply__payee'>
      <View className='ln-form__title'>
        <Text>贴息收款账户</Text>
        <Text className='ln-form__sub'>贴息资金打入本人账户</Text>
      </View>
      <TextRow draft={draft} name='payeeName' field='payee.accountName' label='户名' required className='apply__payee-name' placeholder='账户持有人姓名' maxLength={20} />
      <TextRow draft={draft} name='payeeBank' field='payee.bankName' label='开户行' required hint='写到支行，例如 邮储银行清远市清城支行' className='apply__payee-bank' placeholder='开户银行及支行' maxLength={40} />
      <TextRow
        draft={draft}
        name='payeeAccount'
        field='payee.accountNumber'
        label='收款账号'
        required
        hint={fields.payeeSaved && !fields.payeeAccount ? `已保存 ${savedMasked}，如需更换请重新填写` : '账号加密保存，只显示前后四位；审核人员查看完整账号会留痕'}
        type='number'
        className='apply__payee-account'
        placeholder={fields.payeeSaved ? savedMasked : '银行卡号或账号'}
        maxLength={34}
        clean={(v) => v.replace(/[^\d ]/g, '')}
      />
    </View>
  )
}
