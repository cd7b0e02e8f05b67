// What the bar at the bottom of a fair's page offers: sign up, change the positions, cancel or the
// entry code, a disabled reason, or nothing (then the page leaves no room for it). No Taro here:
// unit-tested in Node.
import type { FairView } from '@contract/fair'

export type BarMode = 'none' | 'change' | 'mine' | 'upcoming' | 'closed' | 'register' | 'signup'

export interface BarFacts {
  /** The positions chosen differ from my sign-up's. */
  changed: boolean
  /** An approved volunteer or rural youth. */
  applicant: boolean
  /** Who the caller is has loaded (a registration link is offered only then). */
  whoReady: boolean
}

export function barMode(fair: Pick<FairView, 'status' | 'phase' | 'mine'>, { changed, applicant, whoReady }: BarFacts): BarMode {
  if (fair.status !== 'published') return 'none'
  if (fair.mine) {
    if (fair.mine.checkedInAt) return 'none'
    return changed && fair.phase === 'open' ? 'change' : 'mine'
  }
  if (fair.phase === 'upcoming') return 'upcoming'
  if (fair.phase !== 'open') return 'closed'
  if (!applicant) return whoReady ? 'register' : 'none'
  return 'signup'
}
