// A centred dialog (title, content, 取消 and a confirming button), and the one that asks for a
// note or a reason before a decision. Drawn with our own views: no NutUI Dialog.
import { useEffect, useState, type ReactNode } from 'react'
import { Text, Textarea, View } from '@tarojs/components'

import './dialog.scss'

interface DialogProps {
  visible: boolean
  title: string
  children?: ReactNode
  confirmText?: string
  /** '' for a dialog that only tells (one button). */
  cancelText?: string
  danger?: boolean
  /** Sending: neither button nor the mask does anything, and the button says so. */
  busy?: boolean
  /** Not yet confirmable (e.g. until a box is ticked). */
  disabled?: boolean
  className?: string
  onConfirm: () => void
  onCancel: () => void
}

export function Dialog({ visible, title, children, confirmText = '确定', cancelText = '取消', danger, busy, disabled, className, onConfirm, onCancel }: DialogProps) {
  if (!visible) return null
  const off = !!(busy || disabled)
  const cancel = () => !busy && onCancel()
  return (
    <View className={`ui-dialog ${className ?? ''}`} catchMove>
      <View className='ui-dialog__mask' onClick={cancel} />
      <View className='ui-dialog__box'>
        <Text className='ui-dialog__title'>{title}</Text>
        <View className='ui-dialog__body'>{children}</View>
        <View className='ui-dialog__buttons'>
          {cancelText ? (
            <View className='ui-dialog__cancel' hoverClass='ui-dialog__pressed' onClick={cancel}>
              <Text>{cancelText}</Text>
            </View>
          ) : null}
          <View
            className={`ui-dialog__ok${danger ? ' ui-dialog__ok--danger' : ''}${off ? ' ui-dialog__ok--off' : ''}`}
            hoverClass={off ? 'none' : 'ui-dialog__pressed'}
            aria-disabled={off || undefined}
            onClick={() => !off && onConfirm()}
          >
            <Text>{busy ? '提交中…' : confirmText}</Text>
          </View>
        </View>
      </View>
    </View>
  )
}

export interface NoteDialogProps {
  visible: boolean
  title: string
  /** What will happen, above the note. */
  message?: ReactNode
  /** A note of at least 2 characters is required (a rejection, a return, a suspension). */
  required?: boolean
  placeholder?: string
  confirmText: string
  danger?: boolean
  maxLength?: number
  className?: string
  /** Sends it; throwing keeps the dialog open and shows the error's message. */
  onConfirm: (note: string) => Promise<void>
  onClose: () => void
}

/** Asks for a note (or, `required`, a reason) before a decision. */
export function NoteDialog({ visible, title, message, required, placeholder, confirmText, danger, maxLength = 300, className, onConfirm, onClose }: NoteDialogProps) {
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

  const confirm = async () => {
    const text = note.trim()
    if (required && text.length < 2) {
      setProblem('请填写理由（至少 2 个字）')
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
    <Dialog visible={visible} title={title} confirmText={confirmText} danger={danger} busy={busy} className={`ui-note ${className ?? ''}`} onConfirm={() => void confirm()} onCancel={onClose}>
      {message ? <View className='ui-dialog__message'>{message}</View> : null}
      <Textarea
        className={`ui-dialog__input${problem ? ' ui-dialog__input--error' : ''}`}
        value={note}
        placeholder={placeholder ?? (required ? '请填写理由（必填）' : '审核意见（选填）')}
        placeholderClass='ui-dialog__placeholder'
        maxlength={maxLength}
        fixed
        onInput={(e) => {
          setNote(e.detail.value)
          if (problem) setProblem('')
        }}
      />
      <View className='ui-dialog__meta'>
        {problem ? <Text className='ui-dialog__error'>{problem}</Text> : <Text className='ui-dialog__hint'>{required ? '必填' : '选填'}</Text>}
        <Text className='ui-dialog__count'>
          {note.length}/{maxLength}
        </Text>
      </View>
    </Dialog>
  )
}
