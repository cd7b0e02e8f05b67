// The perk's picture on the form: chosen from the album (or the camera), refused at its row when
// it is no JPG or PNG within 2 MB, and uploaded only when the form is sent.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { CallError, errorMessage } from '@/services/cloud'
import { uploadFile, uploadPath } from '@/services/files'
import { pickPictures, pictureProblem } from '@/services/pictures'
import { loadAccount } from '@/components/admin/shared'

export interface PerkPicture {
  /** The chosen picture's local path ('' when none was chosen). */
  path: string
  choose: () => Promise<void>
  /** Uploads the chosen picture (undefined when none); a failure is a refusal at the picture's row. */
  upload: () => Promise<string | undefined>
}

export function usePicture(markError: (row: 'pictureFileId', message: string) => void, clearError: (row: 'pictureFileId') => void): PerkPicture {
  const [picture, setPicture] = useState<{ path: string; name: string } | null>(null)

  const choose = async () => {
    try {
      const [picked] = await pickPictures(1)
      if (!picked) return
      const problem = pictureProblem(picked)
      if (problem) {
        markError('pictureFileId', problem)
        return
      }
      setPicture({ path: picked.path, name: picked.name })
      clearError('pictureFileId')
    } catch {
      void Taro.showToast({ title: '没有选到图片，请重试', icon: 'none' })
    }
  }

  const upload = async () => {
    if (!picture) return undefined
    try {
      const { userId } = await loadAccount()
      return await uploadFile(uploadPath(userId, picture.name), picture.path)
    } catch (err) {
      throw new CallError({ code: 'INVALID_INPUT', message: errorMessage(err), field: 'pictureFileId' })
    }
  }

  return { path: picture?.path ?? '', choose, upload }
}
