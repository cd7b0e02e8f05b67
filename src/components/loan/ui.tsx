// Small building blocks of the loan pages (applicant, league, bank): status chip, sections and
// rows, a bottom sheet and an option sheet, a dialog that asks for a note, choice chips, a
// stepper, banners and loading / empty / gate states. Taro components and our own styles only:
// no NutUI, so each subpackage stays light.
import { useEffect, useState, type ReactNode } from 'react'
import { Input, Picker, ScrollView, Text, Textarea, View } from '@tarojs/components'
import { LOAN_STATUS_LABELS, type LoanStatus } from '@contract/vocabulary'
import { STATUS_TONE, type Tone } from './format'

import '@/components/admin/admin.scss'
// The sheet's header and body look like every other sheet's (ui.scss holds no NutUI).
import '@/components/ui/ui.scss'
import './loan.scss'

export function Badge({ tone, children, className }: { tone: Tone; children: ReactNode; className?: string }) {
  return (
    <View className={`adm-badge adm-badge--${tone} ${className ?? ''}`}>
      <Text>{children}</Text>
    </View>
  )
}

/** An application's status as a soft chip (the vocabulary's words). */
export function StatusChip({ status, className }: { status: LoanStatus; className?: string }) {
  return (
    <Badge tone={STATUS_TONE[status]} className={`ln-status ln-status--${status} ${className ?? ''}`}>
      {LOAN_STATUS_LABELS[status]}
    </Badge>
  )
}

/** A white card with a title. */
export function Section({ title, extra, children, className }: { title: ReactNode; extra?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <View className={`adm-section ln-section ${className ?? ''}`}>
      <View className='adm-section__title'>
        <Text>{title}</Text>
        {extra !== undefined && <View className='adm-section__extra'>{extra}</View>}
      </View>
      {children}
    </View>
  )
}

/** A labelled value. */
export function Row({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <View className={`adm-field ln-row ${className ?? ''}`}>
      <Text className='adm-field__label'>{label}</Text>
      <View className='adm-field__value'>{typeof children === 'string' || typeof children === 'number' ? <Text>{children}</Text> : children}</View>
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

/** Shimmering cards while something loads. */
export function Skeleton({ count = 3 }: { count?: number }) {
  return (
    <View className='adm-skeleton ln-skeleton'>
      {Array.from({ length: count }, (_, i) => (
        <View key={i} className='adm-skeleton__card'>
          <View className='adm-skeleton__head'>
            <View className='adm-skel adm-skel--title' />
            <View className='adm-skel adm-skel--tag' />
          </View>
          <View className='adm-skel adm-skel--line adm-skel--w72' />
          <View className='adm-skel adm-skel--line adm-skel--w56' />
          <View className='adm-skel adm-skel--line adm-skel--w64' />
        </View>
      ))}
    </View>
  )
}

type Mark = 'empty' | 'error' | 'denied' | 'ok' | 'brand'
const MARKS: Record<Mark, string> = { empty: '…', error: '!', denied: '!', ok: '✓', brand: '贷' }

/** A centred state: empty list, failed load, no access. */
export function StateBlock({ mark, title, desc, action, secondary, className }: { mark: Mark; title: string; desc?: ReactNode; action?: { text: string; onClick: () => void }; secondary?: { text: string; onClick: () => void }; className?: string }) {
  return (
    <View className={`ln-state ln-state--${mark} ${className ?? ''}`}>
      <View className='ln-state__mark'>
        <Text>{MARKS[mark]}</Text>
      </View>
      <Text className='ln-state__title'>{title}</Text>
      {desc ? <Text className='ln-state__desc'>{desc}</Text> : null}
      {action && (
        <View className='ln-btn ln-btn--primary ln-state__action' hoverClass='ln-pressed' onClick={action.onClick}>
          <Text>{action.text}</Text>
        </View>
      )}
      {secondary && (
        <View className='ln-state__secondary' onClick={secondary.onClick}>
          <Text>{secondary.text}</Text>
        </View>
      )}
    </View>
  )
}

/** A button in our styles (a View: no platform button look to undo). */
export function Button({ kind = 'primary', small, busy, disabled, className, onClick, children }: { kind?: 'primary' | 'outline' | 'plain' | 'danger' | 'green'; small?: boolean; busy?: boolean; disabled?: boolean; className?: string; onClick?: () => void; children: ReactNode }) {
  const off = !!(busy || disabled)
  return (
    <View
      className={`ln-btn ln-btn--${kind}${small ? ' ln-btn--small' : ''}${off ? ' ln-btn--off' : ''} ${className ?? ''}`}
      hoverClass={off ? 'none' : 'ln-pressed'}
      aria-disabled={off || undefined}
      onClick={() => !off && onClick?.()}
    >
      {busy && <View className='ln-btn__spinner' />}
      <Text>{children}</Text>
    </View>
  )
}

/** A bottom sheet: a mask and a panel with a title and 取消. */
export function Sheet({ visible, title, note, onClose, closable = true, className, children }: { visible: boolean; title: string; note?: ReactNode; onClose: () => void; closable?: boolean; className?: string; children: ReactNode }) {
  if (!visible) return null
  const close = () => closable && onClose()
  return (
    <View className={`ln-sheet ${className ?? ''}`} catchMove>
      <View className='ln-sheet__mask' onClick={close} />
      <View className='ln-sheet__panel'>
        <View className='ui-sheet__head'>
          <View className='ui-sheet__titles'>
            <Text className='ui-sheet__title'>{title}</Text>
            {note ? <Text className='ui-sheet__note'>{note}</Text> : null}
          </View>
          <Text className={`ui-sheet__close${closable ? '' : ' ui-sheet__close--off'}`} onClick={close}>
            取消
          </Text>
        </View>
        <View className='ui-sheet__body'>{children}</View>
      </View>
    </View>
  )
}

export interface Option {
  value: string
  label: string
  hint?: string
}

/** A bottom sheet of options with the current one ticked (filters). */
export function OptionSheet({ visible, title, options, value, onSelect, onClose }: { visible: boolean; title: string; options: Option[]; value: string; onSelect: (value: string) => void; onClose: () => void }) {
  return (
    <Sheet visible={visible} title={title} onClose={onClose} className='ln-options'>
      <ScrollView scrollY className='ln-options__list'>
        {options.map((o) => (
          <View
            key={o.value || 'all'}
            className={`ln-options__item${o.value === value ? ' ln-options__item--on' : ''}`}
            hoverClass='ln-options__item--pressed'
            onClick={() => {
              onSelect(o.value)
              onClose()
            }}
          >
            <View className='ln-options__main'>
              <Text className='ln-options__label'>{o.label}</Text>
              {o.hint && <Text className='ln-options__hint'>{o.hint}</Text>}
            </View>
            {o.value === value && <Text className='ln-options__tick'>✓</Text>}
          </View>
        ))}
      </ScrollView>
    </Sheet>
  )
}

export interface NoteDialogProps {
  visible: boolean
  title: string
  message?: ReactNode
  /** A note of at least 2 characters is required (return, reject). */
  required?: boolean
  placeholder?: string
  confirmText: string
  danger?: boolean
  maxLength?: number
  /** Sends it; throwing keeps the dialog open (the caller shows why). */
  onConfirm: (note: string) => Promise<void>
  onClose: () => void
  className?: string
}

/** A centred dialog asking for a note before a decision. */
export function NoteDialog({ visible, title, message, required, placeholder, confirmText, danger, maxLength = 300, onConfirm, onClose, className }: NoteDialogProps) {
  const [note, setNote] = useState('')
  const [problem, setProblem] = useState('')
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    if (visible) {
      setNote('')
      setProblem('')
      setBusy(false)
    }
  }, [visible])
  if (!visible) return null

  const confirm = async () => {
    if (busy) return
    const text = note.trim()
    if (required && text.length < 2) {
      setProblem('请写明理由（至少 2 个字），申请人会看到')
      return
    }
    setBusy(true)
    try {
      await onConfirm(text)
    } catch (err) {
      setProblem(err instanceof Error && err.message ? err.message : '提交失败，请稍后再试')
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className={`ln-dialog ${className ?? ''}`} catchMove>
      <View className='ln-dialog__mask' onClick={() => !busy && onClose()} />
      <View className='ln-dialog__box'>
        <Text className='ln-dialog__title'>{title}</Text>
        {message ? <View className='ln-dialog__message'>{message}</View> : null}
        <Textarea
          className={`ln-dialog__input${problem ? ' ln-dialog__input--error' : ''}`}
          value={note}
          placeholder={placeholder ?? (required ? '请填写理由（必填）' : '审核意见（选填）')}
          placeholderClass='ln-placeholder'
          maxlength={maxLength}
          fixed
          onInput={(e) => {
            setNote(e.detail.value)
            if (problem) setProblem('')
          }}
        />
        <View className='ln-dialog__meta'>
          {problem ? <Text className='ln-dialog__error'>{problem}</Text> : <Text className='ln-dialog__hint'>{required ? '必填' : '选填'}</Text>}
          <Text className='ln-dialog__count'>
            {note.length}/{maxLength}
          </Text>
        </View>
        <View className='ln-dialog__buttons'>
          <View className='ln-dialog__cancel' hoverClass='ln-pressed' onClick={() => !busy && onClose()}>
            <Text>取消</Text>
          </View>
          <View className={`ln-dialog__ok${danger ? ' ln-dialog__ok--danger' : ''}${busy ? ' ln-dialog__ok--busy' : ''}`} hoverClass='ln-pressed' onClick={() => void confirm()}>
            <Text>{busy ? '提交中…' : confirmText}</Text>
          </View>
        </View>
      </View>
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
