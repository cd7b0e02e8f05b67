// 注册：乡村振兴志愿者（?kind=volunteer，默认）或农村青年（?kind=rural_youth）。
// The form is checked on the phone with the same zod schema the function uses; the function's
// own errors (with a field) land under that field. A draft (never the ID number, never the
// consents) survives leaving the page.
import { useEffect, useMemo, useState } from 'react'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import type { MyRegistration, RegistrationKind } from '@contract/registration'
import { PlaceSheet } from '@/components/ui/PlaceSheet'
import { call } from '@/services/cloud'
import { askForNotices } from '@/services/notices'
import { Button } from '@/components/ui/Button'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { useSubmit } from '@/components/ui/submit'
import { checkRegistration, COPY, MAX_SKILLS, ROWS, rowOfField, toggledSkills, type Consents, type Fields, type Row } from './form'
import { useRegistrationDraft } from './use-registration-draft'
import { BasicCard, EducationCard, idFacts, Intro, SkillsCard } from './sections'
import { ConsentsCard } from './consents'
import { Approved, Submitted } from './approved'

import './index.scss'

type Counties = OutputOf<'directory.divisions'>['counties']

/** What the page found: the caller's registration of this kind (if any), and whether a draft was restored over it. */
interface Loaded {
  existing: MyRegistration | null
  restored: boolean
}

const NO_CONSENTS: Consents = { privacy: false, sensitive: false }

export default function Register() {
  const router = useRouter()
  const kind: RegistrationKind = router.params.kind === 'rural_youth' ? 'rural_youth' : 'volunteer'
  const copy = COPY[kind]

  const [done, setDone] = useState<MyRegistration | null>(null)
  const [counties, setCounties] = useState<Counties>([])
  const [consents, setConsents] = useState<Consents>(NO_CONSENTS)
  const [idBlurred, setIdBlurred] = useState(false)
  const [placeOpen, setPlaceOpen] = useState(false)
  const draft = useRegistrationDraft(kind)
  const { fields } = draft
  const form = useSubmit<Row>(ROWS, rowOfField, { verb: '提交' })

  const { state, retry, setData } = usePageState<Loaded>(async () => {
    const [mine, divisions] = await Promise.all([call('registration.mine', { revealId: true }), call('directory.divisions', {})])
    setCounties(divisions.counties)
    const reg = kind === 'volunteer' ? mine.volunteer : mine.ruralYouth
    if (reg?.status === 'approved') return { existing: reg, restored: false }
    return { existing: reg, restored: draft.start(reg) }
  }, [kind])
  const loaded = state.kind === 'ready' ? state.data : null
  const editing = !!loaded && loaded.existing?.status !== 'approved' && !done

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: kind === 'volunteer' ? '志愿者注册' : '农村青年登记' })
  }, [kind])

  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => {
    draft.edit({ [key]: value } as Partial<Fields>)
    const row = rowOfField(key)
    if (row) form.clearError(row)
  }

  const clientErrors = useMemo(() => (form.tried ? checkRegistration(kind, fields, consents).errors : {}), [form.tried, kind, fields, consents])
  // The ID number is checked as soon as it is complete (or left), before any submit.
  const { id, problem: idProblem } = idFacts(fields.idNumber)
  const idEarly = idProblem && (id.length >= 18 || idBlurred) ? idProblem : ''
  const errorOf = (row: Row): string | undefined => form.serverErrors[row] || clientErrors[row] || (row === 'idNumber' ? idEarly || undefined : undefined)

  const toggleSkill = (skill: string) => {
    const next = toggledSkills(fields.skills, skill)
    if (next) set('skills', next)
    else void Taro.showToast({ title: `特长最多选 ${MAX_SKILLS} 项`, icon: 'none' })
  }

  const submit = () =>
    form.submit({
      check: () => checkRegistration(kind, fields, consents).errors,
      // Asked in the tap (WeChat asks only there); the answer does not stop the submit.
      // A volunteer is also asked for 事项提醒: the notice 30 days before the service term ends (registration's remindTermEnd).
      confirm: () => askForNotices(kind === 'volunteer' ? ['review', 'reminder'] : ['review']).then(() => true),
      send: async () => {
        const checked = checkRegistration(kind, fields, consents)
        const reg = checked.kind === 'volunteer' ? await call('registration.submitVolunteer', checked.data!) : await call('registration.submitRuralYouth', checked.data!)
        draft.sent()
        setDone(reg)
        void Taro.showToast({ title: '提交成功', icon: 'success' })
      },
    })

  const discardDraft = () => {
    draft.discard(loaded?.existing ?? null)
    setData((d) => ({ ...d, restored: false }))
  }

  if (done) return <Submitted reg={done} />

  const volunteer = kind === 'volunteer'
  const sections = { fields, set, errorOf }

  return (
    <View className={`form-page register${editing ? ' form-page--with-bar' : ''}`}>
      <PageStates state={state} retry={retry}>
        {({ existing, restored }) =>
          existing?.status === 'approved' ? (
            <Approved reg={existing} title={copy.title} />
          ) : (
            <>
              <Intro existing={existing} restored={restored} copy={copy} onDiscard={discardDraft} />
              <BasicCard
                {...sections}
                copy={copy}
                volunteer={volunteer}
                first={!existing}
                counties={counties}
                onIdBlur={() => setIdBlurred(true)}
                onPlace={() => setPlaceOpen(true)}
              />
              {volunteer && <EducationCard {...sections} />}
              {volunteer && <SkillsCard fields={fields} errorOf={errorOf} onToggle={toggleSkill} />}
              <ConsentsCard
                consents={consents}
                errorOf={errorOf}
                onChange={(which, on) => {
                  setConsents((c) => ({ ...c, [which]: on }))
                  form.clearError(which === 'privacy' ? 'privacyVersion' : 'sensitiveVersion')
                }}
              />

              <View className='form-bar'>
                <Button busy={form.busy} className='register__submit' onClick={() => void submit()}>
                  {form.busy ? '正在提交…' : existing?.status === 'rejected' ? '修改后重新提交' : existing ? '更正后重新提交' : copy.submit}
                </Button>
              </View>

              <PlaceSheet
                visible={placeOpen}
                title={`选择${copy.place}`}
                counties={counties}
                countyCode={fields.countyCode}
                townshipCode={fields.townshipCode}
                onClose={() => setPlaceOpen(false)}
                onChoose={(c, t) => {
                  draft.edit({ countyCode: c, townshipCode: t })
                  form.clearError('townshipCode')
                  setPlaceOpen(false)
                }}
              />
            </>
          )
        }
      </PageStates>
    </View>
  )
}
