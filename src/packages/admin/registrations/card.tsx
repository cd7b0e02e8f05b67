// A registration in the queue: who (masked), where, school and skills, why it was refused or
// must be looked into; a tick to select it while it waits.
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { OutputOf } from '@contract/index'
import { GENDER_LABELS, KIND_SHORT } from '@/components/admin/shared'
import { Tag } from '@/components/ui/Tag'
import { Tick } from '@/components/ui/Tick'
import { ago, dateTime } from '@/components/ui/format'

export type Summary = OutputOf<'registration.list'>['items'][number]

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className='reg-card__row'>
      <Text className='reg-card__label'>{label}</Text>
      {children}
    </View>
  )
}

interface Props {
  reg: Summary
  /** null: not selectable (a decided registration). */
  selected: boolean | null
  onToggle: () => void
  onOpen: () => void
}

export function RegCard({ reg: r, selected, onToggle, onOpen }: Props) {
  return (
    <View className={`panel-card reg-card ${selected ? 'panel-card--selected' : ''}`} hoverClass='panel-card--pressed' onClick={onOpen}>
      <View className='reg-card__head'>
        {selected !== null && (
          <View
            className='reg-card__check'
            onClick={(e) => {
              e.stopPropagation()
              onToggle()
            }}
          >
            <Tick className='reg-card__checkbox' on={selected} />
          </View>
        )}
        <Text className='reg-card__name'>{r.name}</Text>
        <Tag tone={r.kind === 'volunteer' ? 'brand' : 'blue'}>{KIND_SHORT[r.kind]}</Tag>
        <Text className='reg-card__meta'>
          {GENDER_LABELS[r.gender]} · {r.age} 岁
        </Text>
        <Text className='reg-card__ago'>{ago(r.submittedAt)}</Text>
      </View>
      <View className='reg-card__rows'>
        <Row label='身份证'>
          <Text className='reg-card__value panel-num'>{r.idMasked}</Text>
        </Row>
        <Row label='手机号'>
          <Text className='reg-card__value panel-num'>{r.mobileMasked || '—'}</Text>
        </Row>
        <Row label='服务镇街'>
          <Text className='reg-card__value'>
            {r.countyName} · {r.townshipName}
          </Text>
        </Row>
        {r.school && (
          <Row label='毕业院校'>
            <Text className='reg-card__value'>{r.school}</Text>
          </Row>
        )}
        {r.skills.length > 0 && (
          <Row label='特长'>
            <View className='reg-card__skills'>
              {r.skills.map((s) => (
                <Text key={s} className='reg-card__skill'>
                  {s}
                </Text>
              ))}
            </View>
          </Row>
        )}
      </View>
      {r.idConflict && (
        <View className='reg-card__reason reg-card__reason--conflict'>
          <Text>身份证号已由另一微信账号注册，请打开详情核实后再审核</Text>
        </View>
      )}
      {r.status === 'rejected' && r.rejectReason && (
        <View className='reg-card__reason'>
          <Text>驳回理由：{r.rejectReason}</Text>
        </View>
      )}
      <View className='reg-card__foot'>
        <Text className='reg-card__time'>提交于 {dateTime(r.submittedAt, '—')}</Text>
        <Text className='reg-card__more'>查看详情 ›</Text>
      </View>
    </View>
  )
}
