// One matter: loaded by its id, and the township's steps on it (受理, 交办, 办结, 不予受理), each
// sent with the version on screen. A step someone else took first reloads the matter and says so.
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import type { InputOf } from '@contract/index'
import { call, CallError, errorMessage } from '@/services/cloud'
import { markChanged } from '@/services/changes'
import { uploadFile, uploadPath } from '@/services/files'
import { usePageState } from '@/components/ui/page-state'
import type { GridMatter } from '@/components/grid/parts'

export type Step = 'accept' | 'assign' | 'close' | 'decline'
export type Assignee = InputOf<'grid.assign'>['assignee']

/** The photos of a closing, uploaded to the caller's folder: their file ids. */
async function uploadPhotos(paths: string[]): Promise<string[]> {
  if (paths.length === 0) return []
  const { userId } = await call('account.me', {})
  return Promise.all(paths.map((p) => uploadFile(uploadPath(userId, 'photo.jpg'), p)))
}

export function useGridDetail() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const page = usePageState(() => call('grid.get', { id }), [id])
  const [open, setOpen] = useState<Step | null>(null)
  const [busy, setBusy] = useState(false)

  /** Sends a step; a refusal is thrown (a dialog shows it), a stale view reloads. */
  const run = async (send: (m: GridMatter) => Promise<GridMatter>, done: string) => {
    if (page.state.kind !== 'ready') return
    setBusy(true)
    try {
      const next = await send(page.state.data)
      page.setData(() => next)
      setOpen(null)
      markChanged('grid-queue', 'grid-mine', 'township-home')
      void Taro.showToast({ title: done, icon: 'success' })
    } catch (err) {
      if (err instanceof CallError && err.code === 'CONFLICT') {
        setOpen(null)
        void page.reload(true)
        void Taro.showModal({ title: '未能提交', content: errorMessage(err), showCancel: false })
        return
      }
      throw new Error(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  const accept = async () => {
    const { confirm } = await Taro.showModal({ title: '受理这件事项', content: '受理后请尽快交办或办结；上报人会收到通知。', confirmText: '受理', confirmColor: '#d93a2b' })
    if (confirm) await run((m) => call('grid.accept', { id: m.id, version: m.version }), '已受理').catch((err: Error) => void Taro.showToast({ title: err.message, icon: 'none' }))
  }
  const assign = (assignee: Assignee, note: string) => run((m) => call('grid.assign', { id: m.id, version: m.version, assignee, note }), '已交办')
  const close = (resolution: string, photos: string[]) =>
    run(async (m) => {
      let photoFileIds: string[]
      try {
        photoFileIds = await uploadPhotos(photos)
      } catch {
        throw new CallError({ code: 'INVALID_INPUT', message: '照片上传失败，请重试，或删除照片后提交', field: 'photoFileIds' })
      }
      return call('grid.close', { id: m.id, version: m.version, resolution, photoFileIds })
    }, '已办结')
  const decline = (reason: string) => run((m) => call('grid.decline', { id: m.id, version: m.version, reason }), '已不予受理')

  return { ...page, open, setOpen, busy, accept, assign, close, decline }
}

export type GridDetail = ReturnType<typeof useGridDetail>
