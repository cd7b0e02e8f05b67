// 签到码 (?id=, &mode=kiosk to open straight into kiosk mode): the station's printed 小程序码
// on a poster with the station's name, and kiosk mode — a phone left at the station shows the
// rotating check-in code full screen, fetching the next one before the current one runs out.
// The poster is usePoster's, kiosk mode useKiosk's; the tabs are in tabs.tsx.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { ROUTES } from '@/constants/routes'
import { call, CallError } from '@/services/cloud'
import { decodeParam } from '@/components/admin/shared'
import { useStaffScope } from '@/components/township/shared'
import { staffDenied } from '@/components/township/ui'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { goBackOr } from '@/services/navigation'
import { KioskView } from './KioskView'
import { KioskTab, PrintTab } from './tabs'
import { useKiosk } from './use-kiosk'
import { usePoster } from './use-poster'

import './index.scss'

type Station = OutputOf<'station.get'>
type Tab = 'print' | 'kiosk'

export default function StationCodes() {
  const { params } = useRouter()
  const id = decodeParam(params.id)
  const { state, reload: reloadScope } = useStaffScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const [tab, setTab] = useState<Tab>(params.mode === 'kiosk' ? 'kiosk' : 'print')
  const kiosk = useKiosk(id)

  const station = usePageState<Station>(
    async () => {
      if (!id) throw new CallError({ code: 'NOT_FOUND', message: '缺少驿站编号，请从驿站列表进入' })
      const s = await call('station.get', { id })
      if (params.mode === 'kiosk' && s.active) kiosk.enter(true)
      return s
    },
    [id],
    !!scope,
  )
  const { poster, retry, preview } = usePoster(id, station.state.kind === 'ready' && tab === 'print')

  const tabItem = (value: Tab, label: string) => (
    <View className={`panel-tabs__item codes__tab ${tab === value ? 'panel-tabs__item--on' : ''}`} onClick={() => setTab(value)}>
      <Text>{label}</Text>
    </View>
  )

  return (
    <View className='panel-page codes'>
      <PageStates
        gate={state}
        state={station.state}
        retry={() => void (scope ? station.reload() : reloadScope(true))}
        skeleton={2}
        denied={staffDenied(state)}
        notFound={{ title: '驿站不存在', action: { text: '返回驿站列表', onClick: () => goBackOr(ROUTES.stations) } }}
      >
        {(s) =>
          kiosk.on ? (
            <KioskView station={s} kiosk={kiosk} />
          ) : (
            <>
              <View className='panel-top'>
                <View className='panel-tabs'>
                  {tabItem('print', '张贴签到码')}
                  {tabItem('kiosk', '现场签到码')}
                </View>
              </View>
              {tab === 'print' ? <PrintTab station={s} poster={poster} onRetry={retry} onPreview={preview} /> : <KioskTab station={s} onEnter={() => kiosk.enter(s.active)} />}
            </>
          )
        }
      </PageStates>
    </View>
  )
}
