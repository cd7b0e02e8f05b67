// 驿站签到: opened by a station's 小程序码 (`?scene=st%3D<id>`), by `?stationId=` (after a scan on
// the volunteer home, `&kiosk=<code>` when it was the station's rotating code), or with nothing
// (choose from the stations nearby). Shows the station and its opening hours, reads the location,
// previews the fence with the functions' own rule, checks in with a fresh fix and when it was
// taken (one request id per attempt) and, while the session runs, shows the time and 签退.
// The states and steps are useCheckIn's; the sections draw them.
import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { PageStates } from '@/components/ui/PageStates'
import { DevPanel } from '../shared/DevPanel'
import { NOT_VOLUNTEER } from '../shared/ui'
import { NearbySection } from './NearbySection'
import { CheckedOut, LiveSession } from './SessionSection'
import { StationSection } from './StationSection'
import { useCheckIn } from './use-check-in'

import './index.scss'

export default function CheckIn() {
  const { params } = useRouter()
  const page = useCheckIn(params)

  const devPanel =
    process.env.TARO_APP_DEV_TOOLS === 'true' && process.env.TARO_ENV === 'h5' ? (
      <DevPanel station={page.station} onLocationChange={page.relocate} onScanned={(t) => void page.handleScanned(t)} />
    ) : null

  if (page.done) return <CheckedOut done={page.done} />

  return (
    <View className='vol-page checkin'>
      <PageStates state={page.state} retry={page.retry} skeleton={2} denied={NOT_VOLUNTEER}>
        {(session) => (
          <>
            {session ? (
              <LiveSession
                session={session}
                station={page.station}
                elsewhere={!!page.stationId && page.stationId !== session.stationId}
                now={page.now}
                checkingOut={page.checkingOut}
                onCheckOut={() => void page.finish()}
              />
            ) : page.stationId ? (
              <StationSection page={page} />
            ) : (
              <NearbySection page={page} />
            )}
            {devPanel}
          </>
        )}
      </PageStates>
    </View>
  )
}
