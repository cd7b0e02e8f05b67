// Registration drafts kept on the phone (Taro storage) while someone fills the form: never the
// ID number, never the consents. Cleared on a successful submit and when the account is closed.
import Taro from '@tarojs/taro'

export type DraftKind = 'volunteer' | 'rural_youth'

export const draftKey = (kind: DraftKind) => `xq.register.draft.${kind}`

export function readDraft<T extends { savedAt: number }>(kind: DraftKind): T | null {
  try {
    const d = Taro.getStorageSync(draftKey(kind)) as T | ''
    return d && typeof d === 'object' && typeof d.savedAt === 'number' ? d : null
  } catch {
    return null
  }
}

export function writeDraft(kind: DraftKind, draft: object) {
  try {
    Taro.setStorageSync(draftKey(kind), { ...draft, savedAt: Date.now() })
  } catch {
    // Storage full or unavailable: the draft is a convenience only.
  }
}

export function clearDraft(kind: DraftKind) {
  try {
    Taro.removeStorageSync(draftKey(kind))
  } catch {
    // nothing to clear
  }
}

export function clearAllDrafts() {
  clearDraft('volunteer')
  clearDraft('rural_youth')
}
