// The entry form's fields and its send: the captain's work (title, https link, up to 6 pictures,
// a description). New pictures are uploaded first, kept ones sent as they are; consent to be told
// is asked before a new entry; the function's refusal shows at its row.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import type { EntryView } from '@contract/contest'
import { call, CallError } from '@/services/cloud'
import { markChanged } from '@/services/changes'
import { uploadFile, uploadPath } from '@/services/files'
import { askForNotices } from '@/services/notices'
import { pickPhotos } from '@/components/ui/photo-tiles'
import { useSubmit } from '@/components/ui/submit'
import { CONTEST_LIMITS, entryProblems } from '@/components/contest/labels'

export const ROWS = ['title', 'workUrl', 'pictureFileIds', 'description'] as const
type Row = (typeof ROWS)[number]
const rowOf = (field: string): Row | null => (ROWS as readonly string[]).find((r) => field === r || field.startsWith(`${r}.`)) as Row | null

/** A picture on the form: one the entry has (its file id and link) or one just picked (a local path). */
export interface Pic {
  fileId?: string
  src: string
}

export function useEntry(contestId: string, entry: EntryView | null) {
  const [title, setTitle] = useState(entry?.title ?? '')
  const [workUrl, setWorkUrl] = useState(entry?.workUrl ?? '')
  const [description, setDescription] = useState(entry?.description ?? '')
  const [pics, setPics] = useState<Pic[]>(entry?.pictures.map((p) => ({ fileId: p.fileId, src: p.url })) ?? [])
  const form = useSubmit(ROWS, rowOf)
  const local = () => entryProblems({ title, workUrl, description, pictures: pics.map((p) => p.src) })
  const err = (r: Row) => form.serverErrors[r] ?? (form.tried ? local()[r] : undefined)

  const addPictures = async () => {
    const good = await pickPhotos(CONTEST_LIMITS.pictures - pics.length, { noun: '图片' })
    if (good.length) setPics((ps) => [...ps, ...good.map((src) => ({ src }))].slice(0, CONTEST_LIMITS.pictures))
  }

  const send = async () => {
    if (!entry) await askForNotices(['review', 'reminder'])
    let pictureFileIds: string[] = []
    try {
      const { userId } = await call('account.me', {})
      pictureFileIds = await Promise.all(pics.map((p) => p.fileId ?? uploadFile(uploadPath(userId, 'work.jpg'), p.src)))
    } catch {
      throw new CallError({ code: 'INVALID_INPUT', message: '图片上传失败，请重试，或删除图片后保存', field: 'pictureFileIds' })
    }
    const saved = await call('contest.saveEntry', { ...(entry ? { id: entry.id } : {}), contestId, title: title.trim(), workUrl: workUrl.trim(), description: description.trim(), pictureFileIds })
    markChanged('contest-entry', 'contest-mine')
    void Taro.showToast({ title: entry ? '已保存' : '已报名', icon: 'success' })
    void Taro.navigateBack().catch(() => Taro.redirectTo({ url: `/packages/contest/detail/index?id=${saved.contestId}` }))
  }

  return {
    fields: { title, workUrl, description, pics },
    set: { title: setTitle, workUrl: setWorkUrl, description: setDescription },
    removePic: (i: number) => setPics((ps) => ps.filter((_p, k) => k !== i)),
    addPictures,
    err,
    busy: form.busy,
    save: () => form.submit({ check: local, send }),
  }
}
