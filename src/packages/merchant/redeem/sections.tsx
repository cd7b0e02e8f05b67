// The states of 核销优惠: checking, no code, the code valid (with its live countdown) or expired,
// refused, no answer to the confirmation, and done; each with the scanned perk's ticket.
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { OutputOf } from '@contract/index'
import { PERK_CODE_SECONDS } from '@contract/vocabulary'
import type { ScanView } from '@/components/perk/shared'
import { Stars } from '@/components/perk/ui'
import { Button } from '@/components/ui/Button'
import { Skeleton } from '@/components/ui/StateView'
import { dateTime } from '@/components/ui/format'
import { countdownRatio, countdownText, type CodeStatus } from './code-state'

const isWeapp = process.env.TARO_ENV === 'weapp'

/** Where the scanned code stands: checked (valid or refused), or confirmed (done, or no answer). */
export type Check =
  /** `expiresAt`: when the code dies, on this phone's clock. */
  | { kind: 'valid'; scan: ScanView; expiresAt: number }
  | { kind: 'refused'; reason: string; scan: ScanView | null }
  | { kind: 'unknown'; scan: ScanView }
  | { kind: 'done'; redemption: OutputOf<'perk.confirm'>; scan: ScanView }

/** While the code is being checked. */
export const CHECKING = (
  <>
    <View className='rd-checking'>
      <View className='rd-checking__spinner' />
      <Text className='rd-checking__text'>正在核验优惠码…</Text>
    </View>
    <Skeleton count={1} />
  </>
)

function Ticket({ scan, children, tone }: { scan: ScanView; children?: ReactNode; tone: 'valid' | 'expired' | 'refused' | 'done' }) {
  return (
    <View className={`rd-ticket rd-ticket--${tone}`}>
      <Text className='rd-ticket__label'>{tone === 'refused' || tone === 'expired' ? '扫到的优惠' : '请为志愿者提供'}</Text>
      <Text className='rd-ticket__perk'>{scan.perkTitle}</Text>
      {scan.terms ? <Text className='rd-ticket__terms'>{scan.terms}</Text> : null}
      <View className='rd-ticket__who'>
        <Text className='rd-ticket__who-label'>志愿者</Text>
        <Text className='rd-ticket__name'>{scan.volunteerName}</Text>
        <Stars star={scan.star} className='rd-ticket__stars' />
        <Text className='rd-ticket__level'>{scan.star > 0 ? `${scan.star} 星` : '未定级'}</Text>
      </View>
      {children}
    </View>
  )
}

/** The big mark, title and words at the top of a state. */
function StateHead({ mark, tone, title, children }: { mark: string; tone: 'muted' | 'ok' | 'warn' | 'error'; title: string; children: ReactNode }) {
  return (
    <View className='rd-state'>
      <View className={`rd-state__mark rd-state__mark--${tone}`}>
        <Text>{mark}</Text>
      </View>
      <Text className='rd-state__title'>{title}</Text>
      {children}
    </View>
  )
}

export function NoCode({ onScan }: { onScan: () => void }) {
  return (
    <>
      <StateHead mark='?' tone='muted' title='没有待核销的优惠码'>
        <Text className='rd-state__text'>请在商家工作台点「扫码核销」，扫描志愿者出示的优惠码。</Text>
      </StateHead>
      <View className='rd-actions'>
        <Button onClick={onScan}>{isWeapp ? '扫码核销' : '返回商家工作台'}</Button>
      </View>
    </>
  )
}

export function Done({ phase, onScan, onRecords }: { phase: Extract<Check, { kind: 'done' }>; onScan: () => void; onRecords: () => void }) {
  return (
    <>
      <StateHead mark='✓' tone='ok' title='核销成功'>
        <Text className='rd-state__text'>{dateTime(phase.redemption.at, '', true)} 已记录，志愿者会收到核销通知。</Text>
      </StateHead>
      <Ticket scan={phase.scan} tone='done' />
      <View className='rd-actions'>
        <Button className='rd-next' onClick={onScan}>
          继续扫码
        </Button>
        <Button kind='plain' className='rd-records' onClick={onRecords}>
          查看今日核销
        </Button>
      </View>
    </>
  )
}

export function NotDone({ phase, onScan, onAgain, onHome }: { phase: Extract<Check, { kind: 'refused' | 'unknown' }>; onScan: () => void; onAgain: () => void; onHome: () => void }) {
  const unknown = phase.kind === 'unknown'
  return (
    <>
      <StateHead mark={unknown ? '!' : '✕'} tone={unknown ? 'warn' : 'error'} title={unknown ? '没有收到核销结果' : '无法核销'}>
        <Text className='rd-state__reason'>{unknown ? '网络不稳定，这次核销可能已经记录。请先不要重复提供优惠，点「重新核验」查看这个码的状态。' : phase.reason}</Text>
      </StateHead>
      {phase.scan && <Ticket scan={phase.scan} tone='refused' />}
      <View className='rd-actions'>
        {unknown ? (
          <Button className='rd-again' onClick={onAgain}>
            重新核验
          </Button>
        ) : (
          <Button className='rd-next' onClick={onScan}>
            继续扫码
          </Button>
        )}
        <Button kind='plain' onClick={onHome}>
          返回商家工作台
        </Button>
      </View>
    </>
  )
}

export function Valid({ scan, status, expired, confirming, onScan, onConfirm }: { scan: ScanView; status: CodeStatus; expired: boolean; confirming: boolean; onScan: () => void; onConfirm: () => void }) {
  return (
    <>
      <View className={`rd-valid ${expired ? 'rd-valid--expired' : ''}`}>
        <View className='rd-valid__mark'>
          <Text>{expired ? '!' : '✓'}</Text>
        </View>
        <Text className='rd-valid__text'>{expired ? '优惠码已过期' : '优惠码有效'}</Text>
      </View>
      <Ticket scan={scan} tone={expired ? 'expired' : 'valid'}>
        <View className={`rd-ticket__expires ${expired ? 'rd-ticket__expires--dead' : status.kind === 'live' && status.soon ? 'rd-ticket__expires--soon' : ''}`}>
          <View className='rd-ticket__track'>
            <View className='rd-ticket__fill' style={{ width: `${Math.round(countdownRatio(status, PERK_CODE_SECONDS) * 100)}%` }} />
          </View>
          <Text className='rd-ticket__countdown'>{countdownText(status)}</Text>
        </View>
      </Ticket>
      <Text className='rd-hint'>{expired ? '过期的优惠码不能核销。志愿者的页面会自动换新码，请重新扫码。' : '请核对志愿者姓名与优惠内容，提供优惠后再确认核销。'}</Text>
      <View className='pk-bar-bottom'>
        <View className='pk-bar-bottom__row'>
          <Button kind={expired ? 'primary' : 'outline'} className='pk-bar-bottom__btn rd-cancel' disabled={confirming} onClick={onScan}>
            {isWeapp ? '重新扫码' : '返回'}
          </Button>
          <Button kind={expired ? 'outline' : 'primary'} className='pk-bar-bottom__btn rd-confirm' busy={confirming} disabled={expired} onClick={onConfirm}>
            {confirming ? '正在核销…' : expired ? '已过期' : '确认核销'}
          </Button>
        </View>
      </View>
    </>
  )
}
