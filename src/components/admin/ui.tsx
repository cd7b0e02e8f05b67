// Small building blocks of the league-admin pages: state panels (no permission, error,
// empty), skeleton cards, list footers, a bottom option sheet and the reason dialog.
import { useEffect, useState, type ReactNode } from 'react'
import { View, Text, ScrollView, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Dialog, Empty, Popup, TextArea } from '@nutui/nutui-react-taro'
import { Checked, Failure, MaskClose, NetworkError, Order, Search, Warning } from '@/components/icons'
import { ROUTES } from '@/constants/routes'

import './admin.scss'

export { ListFooter } from '@/components/ui/ListFooter'

type Tone = 'brand' | 'muted' | 'warn'

/** A drawn illustration for NutUI's Empty (its default images are on a remote CDN). */
function Art({ icon, tone }: { icon: ReactNode; tone: Tone }) {
  return (
    <View className={`adm-art adm-art--${tone}`}>
      <View className='adm-art__ring' />
      <View className='adm-art__disc'>{icon}</View>
    </View>
  )
}

export interface PanelProps {
  kind: 'empty' | 'error' | 'denied' | 'no-identity'
  title: string
  description?: string
  action?: { text: string; onClick: () => void }
  className?: string
}

/** Empty lists, errors and "无权限", one look for all of them. */
export function StatePanel({ kind, title, description, action, className }: PanelProps) {
  const art =
    kind === 'denied' ? (
      <Art tone='warn' icon={<Warning size={30} color='#e0861c' />} />
    ) : kind === 'error' ? (
      <Art tone='brand' icon={<NetworkError size={30} color='#d93a2b' />} />
    ) : kind === 'no-identity' ? (
      <Art tone='brand' icon={<Failure size={30} color='#d93a2b' />} />
    ) : (
      <Art tone='muted' icon={<Order size={30} color='#b3b7bf' />} />
    )
  return (
    <View className={`adm-panel adm-panel--${kind} ${className ?? ''}`}>
      <Empty image={art} imageSize={76} title={title} description={description ?? ''} />
      {action && (
        <View className='adm-panel__action'>
          <Button type='primary' fill='outline' size='small' onClick={action.onClick}>
            {action.text}
          </Button>
        </View>
      )}
    </View>
  )
}

/** Where a page stands before it can show itself (the caller's scope loading, refused, or failed). */
export type GateState = { kind: 'loading' | 'denied' | 'no-identity' | 'ready' } | { kind: 'error'; message: string }

const ADMINS_ONLY = { text: '此功能仅向县（市、区）团委和团市委开放。如需开通，请联系上级团委发送邀请。', className: 'adm-denied' }

/** What a page shows while it cannot show itself: loading, not for this person (`denied` says who it is for), no persona, an error. */
export function ScopeGate({ state, retry, denied = ADMINS_ONLY }: { state: GateState; retry: () => void; denied?: { text: string; className: string } }) {
  if (state.kind === 'loading') return <CardSkeleton count={3} />
  if (state.kind === 'denied') {
    return <StatePanel kind='denied' className={denied.className} title='无权限' description={denied.text} action={{ text: '返回我的', onClick: () => void Taro.switchTab({ url: ROUTES.mine }) }} />
  }
  if (state.kind === 'no-identity') {
    return (
      <StatePanel
        kind='no-identity'
        title='请先选择演示身份'
        description='本地开发环境需要先选择一个演示身份'
        action={process.env.TARO_APP_DEV_TOOLS === 'true' ? { text: '去选择', onClick: () => void Taro.navigateTo({ url: ROUTES.personas }) } : undefined}
      />
    )
  }
  if (state.kind === 'error') return <StatePanel kind='error' title='加载失败' description={state.message} action={{ text: '重试', onClick: retry }} />
  return null
}

/** A shimmering placeholder block (sized by its class). */
export function Skel({ className }: { className?: string }) {
  return <View className={`adm-skel ${className ?? ''}`} />
}

/** Cards standing in for a list (or a detail page) while its first page loads. */
export function CardSkeleton({ count = 3 }: { count?: number }) {
  return (
    <View className='adm-skeleton'>
      {Array.from({ length: count }, (_, i) => (
        <View key={i} className='adm-skeleton__card'>
          <View className='adm-skeleton__head'>
            <Skel className='adm-skel--title' />
            <Skel className='adm-skel--tag' />
          </View>
          <Skel className='adm-skel--line adm-skel--w72' />
          <Skel className='adm-skel--line adm-skel--w56' />
          <Skel className='adm-skel--line adm-skel--w64' />
        </View>
      ))}
    </View>
  )
}

export interface SheetOption {
  value: string
  label: string
  hint?: string
}

/** A bottom sheet of options with the current one ticked (filters and pickers). */
export function OptionSheet({ visible, title, options, value, onSelect, onClose }: { visible: boolean; title: string; options: SheetOption[]; value: string; onSelect: (value: string) => void; onClose: () => void }) {
  return (
    <Popup visible={visible} position='bottom' round title={title} closeable onClose={onClose} className='adm-sheet'>
      <ScrollView scrollY className='adm-sheet__list'>
        {options.map((o) => (
          <View
            key={o.value || 'all'}
            className={`adm-sheet__item ${o.value === value ? 'adm-sheet__item--on' : ''}`}
            hoverClass='adm-sheet__item--pressed'
            onClick={() => {
              onSelect(o.value)
              onClose()
            }}
          >
            <View className='adm-sheet__main'>
              <Text className='adm-sheet__label'>{o.label}</Text>
              {o.hint && <Text className='adm-sheet__hint'>{o.hint}</Text>}
            </View>
            {o.value === value && <Checked size={18} color='#d93a2b' />}
          </View>
        ))}
      </ScrollView>
    </Popup>
  )
}

export interface ReasonDialogProps {
  visible: boolean
  title: string
  /** What will happen, shown above the reason. */
  message?: ReactNode
  placeholder?: string
  confirmText?: string
  /** Sends the decision; throwing keeps the dialog open (the caller shows the error). */
  onConfirm: (reason: string) => Promise<void>
  onClose: () => void
}

/** Asks why (at least 2 characters, at most 200) before a rejection or a revocation. */
export function ReasonDialog({ visible, title, message, placeholder, confirmText = '确认驳回', onConfirm, onClose }: ReasonDialogProps) {
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState('')
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (visible) {
      setReason('')
      setProblem('')
      setBusy(false)
    }
  }, [visible])

  const confirm = async () => {
    const text = reason.trim()
    if (text.length < 2) {
      setProblem('请填写理由（至少 2 个字）')
      throw new Error('reason too short')
    }
    setBusy(true)
    try {
      await onConfirm(text)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog
      className='adm-reason'
      visible={visible}
      title={title}
      confirmText={busy ? '提交中…' : confirmText}
      cancelText='取消'
      disableConfirmButton={busy}
      closeOnOverlayClick={!busy}
      beforeCancel={() => !busy}
      onConfirm={confirm}
      onCancel={onClose}
      onClose={onClose}
    >
      <View className='adm-reason__body'>
        {message && <View className='adm-reason__message'>{message}</View>}
        <TextArea
          className={`adm-reason__input ${problem ? 'adm-reason__input--error' : ''}`}
          value={reason}
          placeholder={placeholder ?? '请填写理由，申请人将收到通知'}
          maxLength={200}
          showCount
          rows={3}
          onChange={(v) => {
            setReason(v)
            if (problem && v.trim().length >= 2) setProblem('')
          }}
        />
        {problem && <Text className='adm-reason__error'>{problem}</Text>}
      </View>
    </Dialog>
  )
}

/** A labelled value row (detail pages and cards). */
export function Field({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <View className={`adm-field ${className ?? ''}`}>
      <Text className='adm-field__label'>{label}</Text>
      <View className='adm-field__value'>{children}</View>
    </View>
  )
}

/** A soft status tag in one of the page's tones. */
export function Badge({ tone, children, className }: { tone: 'brand' | 'green' | 'grey' | 'amber' | 'blue'; children: ReactNode; className?: string }) {
  return (
    <View className={`adm-badge adm-badge--${tone} ${className ?? ''}`}>
      <Text>{children}</Text>
    </View>
  )
}

/** A search box (lighter than NutUI's SearchBar): filters as you type, or at once on 搜索. */
export function SearchField({ value, placeholder, onChange, onSearch, className }: { value: string; placeholder: string; onChange: (v: string) => void; onSearch: (v: string) => void; className?: string }) {
  return (
    <View className={`adm-searchfield ${className ?? ''}`}>
      <Search size={15} color='#8a8f99' />
      <Input
        className='adm-searchfield__input'
        value={value}
        placeholder={placeholder}
        placeholderClass='adm-searchfield__placeholder'
        confirmType='search'
        maxlength={20}
        onInput={(e) => onChange(e.detail.value)}
        onConfirm={(e) => onSearch(e.detail.value)}
      />
      {value && (
        <View
          className='adm-searchfield__clear'
          onClick={() => {
            onChange('')
            onSearch('')
          }}
        >
          <MaskClose size={16} color='#c4c7cc' />
        </View>
      )}
    </View>
  )
}
