// The fair form's invited employers, by type (a tap invites or drops one), and the way to the
// employers' page to add or change them.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { EmployerView } from '@contract/fair'
import { EMPLOYER_TYPES } from '@contract/vocabulary'
import { ROUTES } from '@/constants/routes'
import { Tick } from '@/components/ui/Tick'
import { EmployerTypeTag, Notice } from '@/components/fair/ui'
import type { FairForm } from '../fields'

export function EmployersCard({ form, employers }: { form: FairForm; employers: EmployerView[] }) {
  const { fields, set } = form
  const error = form.errorOf('employers')
  const toggle = (id: string) => set('employerIds', fields.employerIds.includes(id) ? fields.employerIds.filter((x) => x !== id) : [...fields.employerIds, id], 'employers')
  return (
    <View className='form-card' id='field-employers'>
      <View className='form-card__title fair-edit__orgs-title'>
        <Text>邀请用人单位</Text>
        <Text className='fair-edit__orgs-count'>已选 {fields.employerIds.length} 家</Text>
      </View>
      {error && (
        <View className='fair-edit__orgs-error'>
          <Notice tone='error'>
            <Text>{error}</Text>
          </Notice>
        </View>
      )}
      {employers.length === 0 ? (
        <Text className='fair-edit__orgs-none'>还没有用人单位，请先添加。</Text>
      ) : (
        EMPLOYER_TYPES.filter((t) => employers.some((e) => e.type === t)).map((t) => (
          <View key={t} className='fair-edit__group'>
            <EmployerTypeTag type={t} className='fair-edit__group-type' />
            {employers
              .filter((e) => e.type === t)
              .map((e) => {
                const on = fields.employerIds.includes(e.id)
                return (
                  <View key={e.id} className={`fair-edit__org ${on ? 'fair-edit__org--on' : ''}`} onClick={() => toggle(e.id)}>
                    <Tick on={on} />
                    <View className='fair-edit__org-main'>
                      <Text className='fair-edit__org-name'>{e.name}</Text>
                      {e.countyName && <Text className='fair-edit__org-county'>{e.countyName}</Text>}
                    </View>
                  </View>
                )
              })}
          </View>
        ))
      )}
      <View className='fair-edit__manage' onClick={() => void Taro.navigateTo({ url: ROUTES.fairEmployers })}>
        <Text>管理用人单位（新增、修改、邀请其工作人员）</Text>
        <Text className='form-row__arrow'>›</Text>
      </View>
    </View>
  )
}
