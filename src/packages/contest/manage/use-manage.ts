// The host's desk for one contest: the contest, its round's entries (paged), the next step of the
// contest machine (asked first), and judges invited by a one-time code (grants.createInvitation).
import { useState } from 'react'
import type { OutputOf } from '@contract/index'
import { call } from '@/services/cloud'
import { useAction } from '@/components/ui/action'
import { usePageState } from '@/components/ui/page-state'
import { usePaged } from '@/components/ui/paged'

export type EntryRow = OutputOf<'contest.entries'>['items'][number]

export function useManage(id: string) {
  const page = usePageState(() => call('contest.get', { id }), [id], !!id)
  const entries = usePaged<EntryRow>((p, pageSize) => call('contest.entries', { contestId: id, page: p, pageSize }), id, !!id)
  const { busy, run } = useAction({ changed: ['contests'], reload: () => Promise.all([page.reload(true), entries.reload(true)]) })
  const [invitation, setInvitation] = useState<{ code: string; expiresAt: string } | null>(null)

  const advance = (to: 'open' | 'judging' | 'published' | 'next') => run('advance', () => call('contest.advance', { id, to }))

  async function inviteJudge(note: string): Promise<void> {
    const inv = await call('grants.createInvitation', { role: 'judge', scopeId: id, expiresInDays: 7, note })
    setInvitation({ code: inv.code, expiresAt: inv.expiresAt.slice(0, 10) })
  }

  return { page, entries, busy, advance, inviteJudge, invitation, closeInvitation: () => setInvitation(null) }
}
