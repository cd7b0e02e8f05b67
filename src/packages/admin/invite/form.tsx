// 创建邀请: the role, where it applies (a township, a county, the city or an organisation), the
// expiry and a note; with the sheets that pick the scope.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Input, InputNumber } from '@nutui/nutui-react-taro'
import { ROLE_LABELS } from '@contract/roles'
import type { AdminScope } from '@/components/admin/shared'
import { OptionSheet } from '@/components/ui/OptionSheet'
import { Button } from '@/components/ui/Button'
import { dateTime } from '@/components/ui/format'
import { isOrganisationRole, ORGANISATION_NOUN, ROLE_DESC } from './check'
import { OrganisationSheet } from './OrganisationSheet'
import type { InviteForm } from './use-invite-form'

import './form.scss'

type SheetName = 'county' | 'township' | 'organisation'

/** A chosen scope or the question for it, as a chip that opens its sheet. */
function Pick({ on, text, className = '', onClick }: { on: boolean; text: string; className?: string; onClick: () => void }) {
  return (
    <View className={`panel-chip invite-form__pick ${className} ${on ? 'panel-chip--on' : ''}`} onClick={onClick}>
      <Text className='panel-chip__text'>{text}</Text>
      <Text className='panel-chip__arrow'>▼</Text>
    </View>
  )
}

function Scope({ form, scope, open }: { form: InviteForm; scope: AdminScope; open: (s: SheetName) => void }) {
  const { fields, county, township, countyFixed, errors } = form
  const orgRole = isOrganisationRole(fields.role) ? fields.role : null
  if (fields.role === 'city_admin') {
    return (
      <View className='invite-form__static'>
        <Text>清远市（全市）</Text>
      </View>
    )
  }
  if (orgRole) {
    const org = fields.organisation
    return (
      <View className='invite-form__org'>
        <Pick on={!!org} className='invite-form__org-pick' text={org ? `${org.name} · ${org.countyName}` : `选择${ORGANISATION_NOUN[orgRole]}`} onClick={() => open('organisation')} />
        {errors.scopeId && <Text className='invite-form__error'>{errors.scopeId}</Text>}
        <Text className='invite-form__hint'>按名称查找{ORGANISATION_NOUN[orgRole]}。{scope.city ? '' : '只能邀请本县（市、区）的商家。'}</Text>
      </View>
    )
  }
  return (
    <>
      <View className='invite-form__scope'>
        {countyFixed ? (
          <View className='invite-form__static invite-form__static--inline'>
            <Text>{county?.name ?? scope.counties[0].name}</Text>
          </View>
        ) : (
          <Pick on={!!fields.countyCode} text={county?.name ?? '选择县（市、区）'} onClick={() => open('county')} />
        )}
        {fields.role === 'township_staff' && (
          <Pick
            on={!!fields.townshipCode}
            className='invite-form__township'
            text={township?.name ?? '选择镇街'}
            onClick={() => (county ? open('township') : void Taro.showToast({ title: '请先选择县（市、区）', icon: 'none' }))}
          />
        )}
      </View>
      {errors.scopeId && <Text className='invite-form__error'>{errors.scopeId}</Text>}
    </>
  )
}

export function InviteFormSection({ form, scope }: { form: InviteForm; scope: AdminScope }) {
  const { fields, errors, county } = form
  const [sheet, setSheet] = useState<SheetName | null>(null)
  const orgRole = isOrganisationRole(fields.role) ? fields.role : null
  const expiresAt = new Date(Date.now() + fields.days * 86400_000).toISOString()
  return (
    <>
      <View className='panel-section invite-form'>
        <View className='panel-section__title'>
          <Text>创建邀请</Text>
          <Text className='panel-section__extra'>一次性 · 可作废</Text>
        </View>

        <Text className='invite-form__label'>邀请角色</Text>
        <View className='invite-form__roles'>
          {form.roles.map((r) => (
            <View key={r} className={`invite-role ${fields.role === r ? 'invite-role--on' : ''}`} onClick={() => form.pickRole(r)}>
              <Text className='invite-role__name'>{ROLE_LABELS[r]}</Text>
              <Text className='invite-role__desc'>{ROLE_DESC[r]}</Text>
            </View>
          ))}
        </View>

        <Text id='field-scopeId' className='invite-form__label'>
          授权范围
        </Text>
        <Scope form={form} scope={scope} open={setSheet} />

        <Text id='field-expiresInDays' className='invite-form__label'>
          有效期
        </Text>
        <View className='invite-form__days'>
          <InputNumber className='invite-form__stepper' value={fields.days} min={1} max={30} onChange={(v) => form.setDays(Math.min(30, Math.max(1, Number(v) || 1)))} />
          <Text className='invite-form__days-unit'>天</Text>
          <Text className='invite-form__days-until'>至 {dateTime(expiresAt, '—')}</Text>
        </View>
        {errors.expiresInDays && <Text className='invite-form__error'>{errors.expiresInDays}</Text>}

        <Text id='field-note' className='invite-form__label'>
          备注（选填）
        </Text>
        <View className={`invite-form__input ${errors.note ? 'invite-form__input--error' : ''}`}>
          <Input value={fields.note} placeholder='例如：东城街道团委干事 王小明' maxLength={60} clearable onChange={(v) => form.setNote(v)} />
        </View>
        {errors.note && <Text className='invite-form__error'>{errors.note}</Text>}

        <Button className='invite-form__submit' busy={form.busy} disabled={form.busy} onClick={() => void form.submit()}>
          {form.busy ? '正在生成…' : '生成邀请码'}
        </Button>
      </View>

        {orgRole && <OrganisationSheet visible={sheet === 'organisation'} role={orgRole} value={fields.organisation?.id ?? ''} onSelect={form.pickOrganisation} onClose={() => setSheet(null)} />}
        <OptionSheet
          visible={sheet === 'county'}
          title='县（市、区）'
          options={form.counties.map((c) => ({ value: c.code, label: c.name, hint: `${c.townships.length} 个镇街` }))}
          value={fields.countyCode}
          onSelect={form.pickCounty}
          onClose={() => setSheet(null)}
        />
        <OptionSheet
          visible={sheet === 'township'}
          title={`${county?.name ?? ''}镇街`}
          options={(county?.townships ?? []).map((t) => ({ value: t.code, label: t.name }))}
          value={fields.townshipCode}
          onSelect={form.pickTownship}
          onClose={() => setSheet(null)}
        />
    </>
  )
}
