// 上报问题 (志愿网格员): category, urgency, description, the place, photos; the form's state and
// send are useGridReport's, the sections draw it.
import { View } from '@tarojs/components'
import { Button } from '@/components/ui/Button'
import { PageStates } from '@/components/ui/PageStates'
import { DescriptionCard, Intro, KindCard, PhotoCard, PlaceCard } from './sections'
import { useGridReport } from './use-grid-report'

import './index.scss'

const NOT_VOLUNTEER = { title: '仅限乡村振兴志愿者', text: '注册成为乡村振兴志愿者并通过审核后，即可作为志愿网格员上报问题。' }

export default function GridReport() {
  const form = useGridReport()
  return (
    <View className={`grid-report form-page${form.state.kind === 'ready' ? ' grid-report--with-bar' : ''}`}>
      <PageStates state={form.state} retry={form.retry} denied={NOT_VOLUNTEER}>
        {({ dueHours, reported }) => (
          <>
            <Intro reported={reported} />
            <KindCard form={form} dueHours={dueHours} />
            <DescriptionCard form={form} />
            <PlaceCard form={form} />
            <PhotoCard form={form} />
            <View className='form-bar'>
              <Button busy={form.busy} className='grid-report__submit' onClick={() => void form.submit()}>
                {form.busy ? '正在上报…' : '上报'}
              </Button>
            </View>
          </>
        )}
      </PageStates>
    </View>
  )
}
