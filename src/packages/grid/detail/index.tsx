// 上报详情: one matter — what was reported, the photos, the place, how the township handled it and
// the timeline; for the township's staff, the steps they may take now (from the grid machine).
import { View } from '@tarojs/components'
import { NoteDialog } from '@/components/ui/Dialog'
import { PageStates } from '@/components/ui/PageStates'
import { AssignDialog, CloseDialog } from './dialogs'
import { Handling, Hero, Photos, Place, Progress, StaffBar } from './sections'
import { useGridDetail } from './use-grid-detail'

import './index.scss'

export default function GridDetailPage() {
  const detail = useGridDetail()
  const { state, retry, open, setOpen } = detail
  const staff = state.kind === 'ready' && Object.values(state.data.can).some(Boolean)
  return (
    <View className={`gd-page${staff ? ' gd-page--with-bar' : ''}`}>
      <PageStates state={state} retry={retry} notFound={{ title: '找不到这件上报事项' }}>
        {(m) => (
          <>
            <Hero m={m} />
            <Photos title='现场照片' urls={m.photos} />
            <Place m={m} />
            <Handling m={m} />
            <Photos title='办结照片' urls={m.resolutionPhotos} />
            <Progress m={m} />
            <StaffBar m={m} detail={detail} />
            <AssignDialog visible={open === 'assign'} onSend={detail.assign} onClose={() => setOpen(null)} />
            <CloseDialog visible={open === 'close'} onSend={detail.close} onClose={() => setOpen(null)} />
            <NoteDialog
              visible={open === 'decline'}
              title='不予受理'
              message='请说明原因，上报人会看到。'
              required
              danger
              confirmText='不予受理'
              maxLength={200}
              onConfirm={detail.decline}
              onClose={() => setOpen(null)}
            />
          </>
        )}
      </PageStates>
    </View>
  )
}
