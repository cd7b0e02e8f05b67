// The application's documents: picked photos or files are checked, uploaded to the user's upload
// folder and attached (the function checks what they really are); each shows its stage until it
// is attached, or why it failed. Removing one asks first.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import type { LoanDocumentView } from '@contract/loan'
import { DOCUMENT_LABELS, type DocumentKind } from '@contract/vocabulary'
import { call, errorMessage } from '@/services/cloud'
import { uploadFile, uploadPath } from '@/services/files'
import { loadAccount } from '@/components/admin/shared'
import { checkPicked, keepableName, pickFiles, pickPhotos, type Picked } from '@/components/loan/pick'
import { changes, check, DEFAULT_CEILING_FEN, MAX_PER_KIND } from './draft'
import type { LoanDraft } from './use-draft'

export interface Upload {
  key: string
  kind: DocumentKind
  name: string
  stage: 'uploading' | 'checking' | 'failed'
  message: string
}

export function useDocuments(draft: LoanDraft) {
  const [uploads, setUploads] = useState<Upload[]>([])
  const [removing, setRemoving] = useState<string>('')
  const { documents, serial, detailRef, fieldsRef, setDetail } = draft

  const addFiles = async (kind: DocumentKind, how: 'photo' | 'file') => {
    const left = MAX_PER_KIND - documents.filter((d) => d.kind === kind).length - uploads.filter((u) => u.kind === kind && u.stage !== 'failed').length
    if (left <= 0) {
      void Taro.showToast({ title: `每类材料最多 ${MAX_PER_KIND} 份，请先删除不需要的`, icon: 'none' })
      return
    }
    let picked: Picked[]
    try {
      picked = how === 'photo' ? await pickPhotos(left) : await pickFiles(left)
    } catch {
      void Taro.showToast({ title: '没能打开文件选择，请稍后再试', icon: 'none' })
      return
    }
    if (picked.length === 0) return
    draft.clearErrors((k) => k === 'documents' || k === 'fileId')
    let userId = ''
    try {
      userId = (await loadAccount(true)).userId
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
      return
    }
    await Promise.all(
      picked.slice(0, left).map(async (p, i) => {
        const c = checkPicked(p)
        const ext = /\.([A-Za-z0-9]{1,5})$/.exec(p.name)?.[1]?.toLowerCase() ?? 'jpg'
        const name = process.env.TARO_ENV === 'weapp' && how === 'photo' ? `${DOCUMENT_LABELS[kind]}.${ext}` : keepableName(p.name, `${DOCUMENT_LABELS[kind]}.${ext}`)
        const key = `${Date.now().toString(36)}-${i}-${Math.random().toString(36).slice(2, 6)}`
        const update = (patch: Partial<Upload>) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...patch } : u)))
        setUploads((list) => [...list, { key, kind, name, stage: c.problem ? 'failed' : 'uploading', message: c.problem }])
        if (c.problem) return
        try {
          const fileId = await uploadFile(uploadPath(userId, name), p.path)
          update({ stage: 'checking' })
          const next = await serial(async () => {
            // The first document of a brand-new application creates its draft.
            let d = detailRef.current
            if (!d) {
              d = await call('loan.saveDraft', changes(check(fieldsRef.current, DEFAULT_CEILING_FEN).body, null))
              draft.created(d)
            }
            return call('loan.attachDocument', { id: d.id, kind, fileId, name })
          })
          setDetail(next)
          setUploads((list) => list.filter((u) => u.key !== key))
        } catch (err) {
          update({ stage: 'failed', message: errorMessage(err) })
        } finally {
          if (process.env.TARO_ENV === 'h5' && p.path.startsWith('blob:')) URL.revokeObjectURL(p.path)
        }
      }),
    )
  }

  const removeDocument = async (doc: LoanDocumentView) => {
    const d = detailRef.current
    if (!d || removing) return
    const { confirm } = await Taro.showModal({ title: '删除这份材料？', content: `「${doc.name}」将从申请中删除，删除后不能恢复。`, confirmText: '删除', confirmColor: '#d93a2b' })
    if (!confirm) return
    setRemoving(doc.id)
    try {
      setDetail(await serial(() => call('loan.removeDocument', { id: d.id, documentId: doc.id })))
      void Taro.showToast({ title: '已删除', icon: 'success' })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      setRemoving('')
    }
  }

  const dismiss = (key: string) => setUploads((list) => list.filter((x) => x.key !== key))

  return { uploads, removing, addFiles, removeDocument, dismiss }
}

export type Documents = ReturnType<typeof useDocuments>
