// Building blocks of the loan pages (applicant, league, bank): status chip, sections and rows,
// banners, choice chips, a stepper and form fields. Generic parts (states, sheets, dialogs,
// buttons, tags) are the kit's (components/ui). No NutUI, so each subpackage stays light.
import { useEffect, useState, type ReactNode } from 'react'
import { Input, Picker, Text, View } from '@tarojs/components'
import { LOAN_STATUS_LABELS, type LoanStatus } from '@contract/vocabulary'
import { Button } from '@/components/ui/Button'
import { OptionSheet } from '@/components/ui/OptionSheet'
import { Tag } from '@/components/ui/Tag'
import { STATUS_TONE } from './format'

import '@/components/ui/panel.scss'
import './loan.scss'
import './fields.scss'

/** An application's status as a soft chip (the vocabulary's words). */
export function StatusChip({ status, className }: { status: LoanStatus; className?: string }) {
  return (
    <Tag tone={STATUS_TONE[status]} className={`ln-status ln-status--${status} ${className ?? ''}`}>
      {LOAN_STATUS_LABELS[status]}
    </Tag>
  )
}

/** A white card with a title. */
export function Section({ title, extra, children, className }: { title: ReactNode; extra?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <View className={`panel-section ln-section ${className ?? ''}`}>
      <View className='panel-section__title'>
        <Text>{title}</Text>
        {extra !== undefined && <View className='panel-section__extra'>{extra}</View>}
      </View>
      {children}
    </View>
  )
}

/** A labelled value. */
export function Row({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <View className={`panel-field ln-row ${className ?? ''}`}>
      <Text className='panel-field__label'>{label}</Text>
      <View className='panel-field__value'>{typeof children === 'string' || typeof children === 'number' ? <Text>{children}</Text> : children}</View>
    </View>
  )
}

/** A coloured strip: a returned application's note, a rejection, a hint. */
export function Banner({ tone, title, children, action, className }: { tone: 'amber' | 'red' | 'green' | 'blue' | 'grey'; title: string; children?: ReactNode; action?: { text: string; onClick: () => void }; className?: string }) {
  return (
    <View className={`ln-banner ln-banner--${tone} ${className ?? ''}`}>
      <View className='ln-banner__main'>
        <Text className='ln-banner__title'>{title}</Text>
        {children ? <View className='ln-banner__text'>{children}</View> : null}
      </View>
      {action && (
        <View className='ln-banner__action' hoverClass='ln-pressed' onClick={action.onClick}>
          <Text>{action.text}</Text>
        </View>
      )}
    </View>
  )
}

/** Pick one of a few (project type, repayment type, decision). */
export function Chips<T extends string>({ options, value, onChange, className }: { options: { value: T; label: string }[]; value: T | '' | null; onChange: (v: T) => void; className?: string }) {
  return (
    <View className={`ln-chips ${className ?? ''}`}>
      {options.map((o) => (
        <View key={o.value} className={`ln-chip${o.value === value ? ' ln-chip--on' : ''}`} hoverClass='ln-pressed' data-value={o.value} onClick={() => onChange(o.value)}>
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  )
}

/** − n + for counts (jobs, households); the number can also be typed. */
export function Stepper({ value, min = 0, max = 10_000, onChange, className }: { value: number | null; min?: number; max?: number; onChange: (n: number) => void; className?: string }) {
  const [text, setText] = useState(value === null ? '' : String(value))
  useEffect(() => setText(value === null ? '' : String(value)), [value])
  const n = value ?? min
  const minus = () => onChange(value === null ? min : Math.max(min, n - 1))
  const plus = () => onChange(value === null ? Math.min(max, min + 1) : Math.min(max, n + 1))
  return (
    <View className={`ln-stepper ${className ?? ''}`}>
      <View className={`ln-stepper__btn ln-stepper__minus${value !== null && n <= min ? ' ln-stepper__btn--off' : ''}`} hoverClass='ln-pressed' onClick={minus}>
        <Text>−</Text>
      </View>
      <Input
        className='ln-stepper__value'
        type='number'
        value={text}
        placeholder='0'
        placeholderClass='ln-placeholder'
        maxlength={5}
        onInput={(e) => {
          const v = e.detail.value.replace(/\D/g, '')
          setText(v)
          if (v !== '') onChange(Math.min(max, Math.max(min, Number(v))))
        }}
        onBlur={() => setText(value === null ? '' : String(value))}
      />
      <View className={`ln-stepper__btn ln-stepper__plus${n >= max ? ' ln-stepper__btn--off' : ''}`} hoverClass='ln-pressed' onClick={plus}>
        <Text>+</Text>
      </View>
    </View>
  )
}

/**
 * A form field: label, control and the field's error (or a hint) under it. `field` names the
 * contract's field: the field gets id `field-<field>` and data-field (a stable hook for tests).
 */
export function Field({ field, label, required, aside, error, hint, children, className }: { field: string; label: string; required?: boolean; aside?: ReactNode; error?: string; hint?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <View id={`field-${field.replace(/\./g, '-')}`} data-field={field} className={`ln-field${error ? ' ln-field--invalid' : ''} ${className ?? ''}`}>
      <View className='ln-field__label'>
        <Text>
          {label}
          {required && <Text className='ln-field__req'>*</Text>}
        </Text>
        {aside ? <View className='ln-field__aside'>{aside}</View> : null}
      </View>
      {children}
      {error ? (
        <View className='ln-field__error' data-error-for={field}>
          <Text className='ln-field__error-dot'>!</Text>
          <Text>{error}</Text>
        </View>
      ) : hint ? (
        <View className='ln-field__hint'>{hint}</View>
      ) : null}
    </View>
  )
}

/** Choose one of a few, as cards with a radio mark. */
export function PickList<T extends string>({ options, value, onChange, className }: { options: { value: T; label: string; hint?: string }[]; value: T | ''; onChange: (v: T) => void; className?: string }) {
  return (
    <View className={`ln-picklist ${className ?? ''}`}>
      {options.map((o) => (
        <View key={o.value} className={`ln-pick${o.value === value ? ' ln-pick--on' : ''}`} hoverClass='ln-pressed' data-value={o.value} onClick={() => onChange(o.value)}>
          <View className='ln-pick__radio'>
            <Text>{o.value === value ? '✓' : ''}</Text>
          </View>
          <View className='ln-pick__main'>
            <Text className='ln-pick__label'>{o.label}</Text>
            {o.hint ? <Text className='ln-pick__hint'>{o.hint}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  )
}

/** A box for an amount, a rate or a term, with its unit after it (元, %, 个月). */
export function UnitInput({ value, unit, type = 'digit', placeholder, maxLength, className, onInput, onBlur }: { value: string; unit: string; type?: 'digit' | 'number'; placeholder?: string; maxLength: number; className: string; onInput: (value: string) => void; onBlur?: () => void }) {
  return (
    <View className='ln-field__box'>
      <Input className={`ln-field__input ${className}`} type={type} value={value} placeholder={placeholder} placeholderClass='ln-placeholder' maxlength={maxLength} onInput={(e) => onInput(e.detail.value)} onBlur={onBlur} />
      <Text className='ln-field__unit'>{unit}</Text>
    </View>
  )
}

/** A day chosen with the platform's date picker, from `start` to `end` (YYYY-MM-DD). */
export function DatePick({ value, start, end, className, onChange }: { value: string; start: string; end: string; className: string; onChange: (value: string) => void }) {
  return (
    <Picker mode='date' value={value} start={start} end={end} onChange={(e) => onChange(String(e.detail.value))}>
      <View className={`ln-field__box ${className}`}>
        <Text className='ln-field__pick'>{value}</Text>
        <Text className='ln-field__arrow'>›</Text>
      </View>
    </Picker>
  )
}

/**
 * The bottom bar of a page that exports its figures: what will be exported until a workbook is
 * made, then 重新打开 beside 重新导出. `className` prefixes the buttons' classes (__export, __reopen).
 */
export function ExportBar({ label, value, exporting, exported, onExport, onReopen, className }: { label: string; value: ReactNode; exporting: boolean; exported: boolean; onExport: () => void; onReopen: () => void; className: string }) {
  return (
    <View className='ln-bar'>
      {!exported && (
        <View className='ln-bar__info'>
          <Text className='ln-bar__label'>{label}</Text>
          <Text className='ln-bar__value'>{value}</Text>
        </View>
      )}
      {exported && (
        <Button kind='plain' className={`${className}__reopen`} onClick={onReopen}>
          重新打开
        </Button>
      )}
      <Button busy={exporting} className={`${className}__export`} onClick={onExport}>
        {exported ? '重新导出' : '导出 Excel'}
      </Button>
    </View>
  )
}

/** The city's choice of a county for a report (全市 or one county). */
export function CountySheet({ visible, counties, value, onSelect, onClose }: { visible: boolean; counties: { code: string; name: string }[]; value: string; onSelect: (code: string) => void; onClose: () => void }) {
  return <OptionSheet visible={visible} title='县（市、区）' options={[{ value: '', label: '全市' }, ...counties.map((c) => ({ value: c.code, label: c.name }))]} value={value} onSelect={onSelect} onClose={onClose} />
}
