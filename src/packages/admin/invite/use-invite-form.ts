// The invitation being written: role, scope, expiry and note, checked on the phone before the
// function is asked; what was found wrong stays at its row until the scope is chosen again.
import { useEffect, useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import type { GrantableRole, OrganisationOption } from '@contract/grants'
import { call, CallError } from '@/services/cloud'
import { markChanged } from '@/services/changes'
import { useSubmit } from '@/components/ui/submit'
import { countiesInReach, type AdminScope, type Divisions } from '@/components/admin/shared'
import { checkInvitation, isOrganisationRole, ORGANISATION_NOUN, rolesFor, ROWS, rowOfField, scopeIdOf, type InviteFields, type Row } from './check'

export type Invitation = OutputOf<'grants.listInvitations'>['items'][number]

const START: InviteFields = { role: 'township_staff', countyCode: '', townshipCode: '', organisation: null, days: 7, note: '' }

/** `onCreated`: the new invitation, to show. */
export function useInviteForm(scope: AdminScope | null, divisions: Divisions | null, onCreated: (inv: Invitation) => void) {
  const [fields, setFields] = useState<InviteFields>(START)
  const form = useSubmit<Row>(ROWS, rowOfField)
  const { markError, clearError } = form

  const counties = useMemo(() => (scope ? countiesInReach(scope, divisions) : []), [scope, divisions])
  const roles = scope ? rolesFor(scope) : []
  // A county admin of one county: that county is the only choice.
  const countyFixed = !!scope && !scope.city && scope.counties.length === 1
  useEffect(() => {
    if (scope && !scope.city && scope.counties.length === 1) setFields((f) => ({ ...f, countyCode: scope.counties[0].code }))
  }, [scope])
  const county = counties.find((c) => c.code === fields.countyCode)
  const township = county?.townships.find((t) => t.code === fields.townshipCode)

  /** A new choice of scope starts the check over. */
  const choose = (patch: Partial<InviteFields>) => {
    setFields((f) => ({ ...f, ...patch }))
    for (const row of ROWS) clearError(row)
  }
  const pickRole = (r: GrantableRole) =>
    choose({
      role: r,
      ...(r !== fields.role ? { organisation: null } : {}),
      ...(!countyFixed && r !== 'township_staff' && r !== 'county_admin' ? { countyCode: '' } : {}),
    })

  const submit = () =>
    form.submit({
      check: () => {
        const errors = checkInvitation(fields)
        for (const row of ROWS) if (errors[row]) markError(row, errors[row])
        return errors
      },
      send: async () => {
        const { role, days, note, organisation } = fields
        try {
          const inv = await call('grants.createInvitation', { role, scopeId: scopeIdOf(fields), expiresInDays: days, note: note.trim() })
          void Taro.showToast({ title: '邀请已生成', icon: 'success' })
          markChanged('home')
          onCreated(inv)
          setFields((f) => ({ ...f, note: '' }))
        } catch (err) {
          // A typed organisation id that names no active organisation: say so in those words.
          if (err instanceof CallError && err.field === 'scopeId' && isOrganisationRole(role)) {
            throw new CallError({ code: err.code, field: err.field, message: `「${organisation?.name ?? ''}」已不是有效的${ORGANISATION_NOUN[role]}，请重新选择` })
          }
          throw err
        }
      },
    })

  return {
    fields,
    roles,
    counties,
    county,
    township,
    countyFixed,
    errors: form.serverErrors,
    busy: form.busy,
    submit,
    pickRole,
    pickCounty: (code: string) => choose({ countyCode: code, townshipCode: '' }),
    pickTownship: (code: string) => choose({ townshipCode: code }),
    pickOrganisation: (o: OrganisationOption) => choose({ organisation: o }),
    setDays: (days: number) => setFields((f) => ({ ...f, days })),
    setNote: (note: string) => setFields((f) => ({ ...f, note })),
  }
}

export type InviteForm = ReturnType<typeof useInviteForm>
