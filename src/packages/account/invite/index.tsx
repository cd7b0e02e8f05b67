// 接受邀请：工作人员（镇街干事、县团委、商家、银行、用人单位）的身份只来自一次性邀请。
// The code comes from ?code=, from a 小程序码 (?scene=inv%3DCODE), from a scan, or typed in.
import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { INVITATION_CODE } from '@contract/vocabulary'
import { TextInput } from '@/components/ui/TextInput'
import { FormRow } from '@/components/ui/FormRow'
import { FormBanner } from '@/components/account/FormBanner'
import { cleanCode, invitationCodeFrom } from '@/components/account/format'
import { call, CallError } from '@/services/cloud'
import { Button } from '@/components/ui/Button'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { useSubmit } from '@/components/ui/submit'
import { acceptQuestion, nameProblem, type Preview } from './roles'
import { Accepted, EnterCode, InvitationCard } from './sections'

import './index.scss'

type Grant = OutputOf<'grants.redeemInvitation'>['grant']

const ROWS = ['name'] as const
const rowOfField = (field: string) => (field === 'name' ? 'name' : null)

/** The invitation, or why it cannot be looked up: a code that is not one reads as 找不到, not as a failure to retry. */
async function lookUpInvitation(code: string): Promise<Preview> {
  try {
    return await call('grants.previewInvitation', { code })
  } catch (err) {
    if (err instanceof CallError && err.code === 'INVALID_INPUT') throw new CallError({ code: 'NOT_FOUND', message: err.message })
    throw err
  }
}

export default function Invite() {
  const router = useRouter()
  /** The code being looked at ('' while one is typed in): from the link, a scan or the field. */
  const [code, setCode] = useState(() => invitationCodeFrom(router.params))
  const { state, retry, reload } = usePageState(() => lookUpInvitation(code), [code], !!code)
  const [done, setDone] = useState<{ grant: Grant; phoneBound: boolean } | null>(null)
  const [typed, setTyped] = useState('')
  const [typedError, setTypedError] = useState('')
  const [name, setName] = useState('')
  const form = useSubmit<'name'>(ROWS, rowOfField)

  // Someone who already gave their name (registering, or an earlier invitation) need not type it again.
  useEffect(() => {
    call('account.me', {})
      .then((me) => setName((typedName) => typedName || me.realName))
      .catch(() => undefined)
  }, [])

  const lookUp = () => {
    const next = cleanCode(typed)
    if (!next) return setTypedError('请输入邀请码')
    if (!INVITATION_CODE.test(next)) return setTypedError('邀请码应为 10 位字母或数字')
    setTypedError('')
    setCode(next)
  }

  const scan = async () => {
    try {
      // 'wxCode' (小程序码) is a WeChat scan type Taro's typings do not list.
      const res = await Taro.scanCode({ scanType: ['wxCode', 'qrCode'] as unknown as (keyof Taro.scanCode.ScanType)[] })
      // A 小程序码 gives the page path with its scene; a plain code gives the text.
      const query = (res.path ?? '').split('?')[1] ?? ''
      const params = Object.fromEntries(query.split('&').filter(Boolean).map((kv) => kv.split('=') as [string, string]))
      const scanned = invitationCodeFrom(params) || cleanCode(res.result ?? '')
      if (INVITATION_CODE.test(scanned)) setCode(scanned)
      else void Taro.showToast({ title: '没有识别到邀请码', icon: 'none' })
    } catch {
      // Cancelled.
    }
  }

  const accept = (p: Preview) =>
    form.submit({
      // The contract's rule for a name, checked before the confirmation; it stays until the name is edited.
      check: () => {
        const problem = nameProblem(name)
        if (problem) form.markError('name', problem)
        return { name: problem }
      },
      confirm: async () => (await Taro.showModal({ title: '接受邀请', content: acceptQuestion(p), confirmText: '接受', confirmColor: '#d93a2b' })).confirm,
      send: async () => {
        try {
          const { grant } = await call('grants.redeemInvitation', { code, name: name.trim() })
          const me = await call('account.me', {}).catch(() => null)
          setDone({ grant, phoneBound: !!me?.mobileMasked })
          void Taro.showToast({ title: '已接受邀请', icon: 'success' })
        } catch (err) {
          // Someone else may have used it meanwhile: show where it stands now.
          if (err instanceof CallError && err.code === 'CONFLICT') void reload(true)
          throw err
        }
      },
    })

  const again = () => {
    setTyped('')
    setCode('')
  }

  if (done) return <Accepted grant={done.grant} phoneBound={done.phoneBound} />

  if (code) {
    return (
      <View className='form-page invite invite--preview'>
        <PageStates state={state} retry={retry} skeleton={1} notFound={{ title: '无法使用这个邀请', action: { text: '输入其他邀请码', onClick: again } }}>
          {(p) => (
            <>
              <InvitationCard p={p} code={code} />

              {p.usable ? (
                <>
                  <View className='form-card invite__who'>
                    <FormRow field='name' label='你的姓名' error={form.serverErrors.name} hint='管理员据此确认是你本人，授权名单中也显示这个姓名'>
                      <TextInput
                        className='invite__name'
                        value={name}
                        placeholder='真实姓名'
                        maxLength={20}
                        onChange={(v) => {
                          setName(v)
                          form.clearError('name')
                        }}
                      />
                    </FormRow>
                  </View>
                  <Text className='form-note'>邀请只能使用一次。接受后，该身份与你当前的微信账号绑定，管理员可以随时撤销。</Text>
                  <Button busy={form.busy} className='invite__accept' onClick={() => void accept(p)}>
                    接受邀请
                  </Button>
                </>
              ) : (
                <>
                  <FormBanner tone='rejected' className='invite__problem' title={p.problem} text='请联系邀请人重新发送一个邀请。' />
                  <Button kind='outline' className='invite__again' onClick={again}>
                    输入其他邀请码
                  </Button>
                </>
              )}
            </>
          )}
        </PageStates>
      </View>
    )
  }

  return (
    <EnterCode
      typed={typed}
      error={typedError}
      onType={(v) => {
        setTyped(v.toUpperCase())
        setTypedError('')
      }}
      onLookUp={lookUp}
      onScan={() => void scan()}
    />
  )
}
