// What a reviewer page shows before it can show itself (loading, not theirs, no persona, an
// error), and the queues' search box.
import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ROUTES } from '@/constants/routes'
import type { LoadState, ScopeState } from './data'
import { Skeleton, StateView } from '@/components/ui/StateView'

const WHO = {
  league: { title: '无权限', desc: '贷款审核仅向县（市、区）团委和团市委开放。如需开通，请联系上级团委发送邀请。' },
  city: { title: '仅团市委可用', desc: 'LPR 表由团市委项目办维护，县（市、区）团委和银行可在审核页查看贴息利率。' },
  bank: { title: '仅合作银行可用', desc: '贷款受理仅向合作银行（邮储银行、农商银行）的信贷人员开放。如需开通，请联系团市委发送邀请。' },
} as const

export function ReviewerGate({ state, who, retry }: { state: ScopeState; who: keyof typeof WHO; retry: () => void }) {
  if (state.kind === 'loading') return <Skeleton count={3} />
  if (state.kind === 'denied') {
    return <StateView tone='warn' className='ln-denied' title={WHO[who].title} desc={WHO[who].desc} action={{ text: '返回我的', onClick: () => void Taro.switchTab({ url: ROUTES.mine }) }} />
  }
  if (state.kind === 'no-identity') {
    return (
      <StateView
        tone='brand' mark='贷'
        title='请先选择演示身份'
        desc='本地开发环境需要先选择一个演示身份'
        action={process.env.TARO_APP_DEV_TOOLS === 'true' ? { text: '去选择', onClick: () => void Taro.navigateTo({ url: ROUTES.personas }) } : undefined}
      />
    )
  }
  if (state.kind === 'error') return <StateView tone='error' title='加载失败' desc={state.message} action={{ text: '重试', onClick: retry }} />
  return null
}

/** An application that could not be shown: gone or not the caller's (back to `listUrl`), or a failure to retry. */
export function LoanUnavailable({ state, listUrl, listText, retry }: { state: Extract<LoadState, { kind: 'error' }>; listUrl: string; listText: string; retry: () => void }) {
  const final = state.code === 'NOT_FOUND' || state.code === 'FORBIDDEN'
  const back = () => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: listUrl }))
  return (
    <StateView
      tone={state.code === 'FORBIDDEN' ? 'warn' : state.code === 'NOT_FOUND' ? 'muted' : 'error'}
      title={state.code === 'FORBIDDEN' ? '无权查看' : state.code === 'NOT_FOUND' ? '申请不存在' : '加载失败'}
      desc={state.message}
      action={final ? { text: listText, onClick: back } : { text: '重试', onClick: retry }}
    />
  )
}

/** A search box: filters as you type (the page debounces), or at once on 搜索. */
export function SearchBox({ value, placeholder, onChange, onSearch }: { value: string; placeholder: string; onChange: (v: string) => void; onSearch: (v: string) => void }) {
  return (
    <View className='adm-searchfield ln-search'>
      <View className='ln-search__icon' />
      <Input
        className='adm-searchfield__input ln-search__input'
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
          className='ln-search__clear'
          onClick={() => {
            onChange('')
            onSearch('')
          }}
        >
          <Text>×</Text>
        </View>
      )}
    </View>
  )
}
