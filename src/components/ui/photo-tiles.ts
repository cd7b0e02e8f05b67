// Choosing photos for a form's tiles (PhotoTiles): up to the room left, each checked to be a
// picture the functions take; a file that is not one is named (a modal, or the form's own line),
// the others kept. Nothing chosen (cancelled or failed): [] (a failure said in a toast).
import Taro from '@tarojs/taro'
import { isCancelled, pickPictures, pictureProblem } from '@/services/pictures'

export interface PickOptions {
  /** Where a file that is not a picture is named (e.g. a dialog's own line); a modal otherwise. */
  problem?: (message: string) => void
  /** What the form calls them: 照片 (taken on the spot) or 图片 (a cover, a screenshot). */
  noun?: '照片' | '图片'
}

/** The local paths of the pictures chosen, at most `room` of them. */
export async function pickPhotos(room: number, options: PickOptions = {}): Promise<string[]> {
  if (room <= 0) return []
  const noun = options.noun ?? '照片'
  try {
    const picked = await pickPictures(room)
    const bad = picked.find((p) => pictureProblem(p))
    if (bad) {
      if (options.problem) options.problem(pictureProblem(bad))
      else void Taro.showModal({ title: `这不是${noun}`, content: pictureProblem(bad), showCancel: false, confirmText: '重新选择' })
    }
    return picked
      .filter((p) => !pictureProblem(p))
      .map((p) => p.path)
      .slice(0, room)
  } catch (err) {
    if (!isCancelled(err)) void Taro.showToast({ title: `没有选到${noun}，请重试`, icon: 'none' })
    return []
  }
}
