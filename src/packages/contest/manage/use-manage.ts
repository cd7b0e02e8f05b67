// The host's desk for one contest: the contest, its round's entries (paged), the next step of the
// contest machine (asked first), and judges invited by a one-time code (grants.createInvitation).
import { useState } from 'react'
import Taro from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { call, errorMessage } from '@/services/cloud'
import { markChanged } from '@/services/changes'
import { usePageState } from '@/components/ui/page-state'
import { usePaged } from '@/components/ui/paged'

export type EntryRow = OutputOf<'contest.entries'>['items'][number]

export function useManage(id: string) {
  const page = usePageState(() => call('contest.get', { id }), [id], !!id)
  const entries = usePaged<EntryRow>((p, pageSize) => call('contest.entries', { contestId: id, page: p, pageSize }), id, !!id)
  const [busy, setBusy] = useState('')
  const [invitation, setInvitation] = useState<{ code: string; expiresAt: string } | null>(null)

  async function advance(to: 'open' | 'judging' | 'published' | 'next'): Promise<boolean> {
    setBusy('advance')
    try {
      await call('contest.advance', { id, to })
      markChanged('contests')
      await Promise.all([page.reload(true), entries.reload(true)])
      return true
    } catch (err) {
      void Taro.showModal({ title: '没有成功', content: errorMessage(err), showCancel: false, confirmText: '知道了' })
      return false
    } finally {
      setBusy('')
    }
  }

  async function inviteJudge(note: string): Promise<void> {
    const inv = await call('grants.createInvitation', { role: 'judge', scopeId: id, expiresInDays: 7, note })
    setInvitation({ code: inv.code, expiresAt: inv.expiresAt.slice(0, 10) })
  }

  return { page, entries, busy, advance, inviteJudge, invitation, closeInvitation: () => setInvitation(null) }
}
