// 驿站信息 (?id= to edit, none to create; ?township= preselects one): name, address, township,
// the GCJ-02 location picked on WeChat's map, the check-in radius, opening hours and whether
// volunteers may check in. The function's errors land under the field they name.
// The form's state and save are useStationForm's; its cards are in sections.tsx.
import { useEffect, useState } from 'react'
import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { PlaceSheet } from '@/components/ui/PlaceSheet'
import { ROUTES } from '@/constants/routes'
import { goBackOr } from '@/services/navigation'
import { decodeParam } from '@/components/admin/shared'
import { useStaffScope } from '@/components/township/shared'
import { staffDenied } from '@/components/township/ui'
import { Button } from '@/components/ui/Button'
import { PageStates } from '@/components/ui/PageStates'
import { BasicsCard, CodesLink, LocationCard, OpeningCard, StationHero } from './sections'
import { useStationForm } from './use-station-form'

import './index.scss'

export default function StationForm() {
  const { params } = useRouter()
  const id = decodeParam(params.id)
  const { state, reload: reloadScope } = useStaffScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const form = useStationForm(id, decodeParam(params.township), scope)
  const { load, original } = form
  const [placeOpen, setPlaceOpen] = useState(false)

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '编辑驿站' : '新建驿站' })
  }, [])

  usePullDownRefresh(() => {
    // A form being filled in is not thrown away by a pull: only a failed load is retried.
    const retry = !scope ? reloadScope(true) : load.state.kind !== 'ready' && load.state.kind !== 'loading' ? load.reload() : Promise.resolve()
    void retry.finally(() => Taro.stopPullDownRefresh())
  })

  return (
    <View className={scope && load.state.kind === 'ready' ? 'form-page form-page--with-bar station-form' : 'panel-page'}>
      <PageStates
        gate={state}
        state={load.state}
        retry={() => void (scope ? load.reload() : reloadScope(true))}
        denied={staffDenied(state)}
        notFound={{ title: '驿站不存在', action: { text: '返回驿站列表', onClick: () => goBackOr(ROUTES.stations) } }}
      >
        {() => (
          <>
            {id && original && <StationHero station={original} />}
            <BasicsCard form={form} singleName={scope?.single?.name} onPickPlace={() => setPlaceOpen(true)} />
            <LocationCard form={form} />
            <OpeningCard form={form} />
            {id && original && <CodesLink id={id} />}

            <View className='form-bar'>
              <Button busy={form.saving} className='station-form__save' onClick={() => void form.save()}>
                {form.saving ? '正在保存…' : id ? '保存修改' : '创建驿站'}
              </Button>
            </View>

            <PlaceSheet
              visible={placeOpen}
              title='选择所属镇街'
              counties={form.places}
              countyCode={form.county?.code ?? ''}
              townshipCode={form.fields.townshipCode}
              onClose={() => setPlaceOpen(false)}
              onChoose={(_c, t) => {
                form.set('townshipCode', t)
                setPlaceOpen(false)
              }}
            />
          </>
        )}
      </PageStates>
    </View>
  )
}
