// The township's dialogs on a matter: 交办 (a department or a person, an optional phone, a note)
// and 办结 (what was done, optional photos). 不予受理 is the kit's NoteDialog.
import { useEffect, useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import { GRID_ASSIGNEE, GRID_MAX_PHOTOS, GRID_RESOLUTION } from '@contract/grid-rules'
import { Dialog } from '@/components/ui/Dialog'
import { PhotoTiles } from '@/components/ui/PhotoTiles'
import { pickPhotos } from '@/components/ui/photo-tiles'
import { TextInput } from '@/components/ui/TextInput'
import type { Assignee } from './use-grid-detail'

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/

export function AssignDialog({ visible, onSend, onClose }: { visible: boolean; onSend: (a: Assignee, note: string) => Promise<void>; onClose: () => void }) {
  const [kind, setKind] = useState<Assignee['kind']>('department')
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  const [note, setNote] = useState('')
  const [problem, setProblem] = useState('')
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    if (visible) [setName, setPhone, setNote, setProblem].forEach((set) => set(''))
  }, [visible])

  const send = async () => {
    const n = name.trim()
    if (n.length < GRID_ASSIGNEE.min) return setProblem(kind === 'department' ? '请填写承办部门（至少 2 个字）' : '请填写承办人姓名（至少 2 个字）')
    if (phone.trim() && !PHONE.test(phone.trim())) return setProblem('联系电话应为手机号或带区号的座机号')
    setBusy(true)
    try {
      await onSend({ kind, name: n, phone: phone.trim() }, note.trim())
    } catch (err) {
      setProblem(err instanceof Error ? err.message : '提交失败，请稍后再试')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog visible={visible} title='交办' confirmText='交办' busy={busy} className='grid-dialog' onConfirm={() => void send()} onCancel={onClose}>
      <View className='grid-dialog__kinds'>
        {(['department', 'person'] as const).map((k) => (
          <Text key={k} className={`grid-dialog__kind${kind === k ? ' grid-dialog__kind--on' : ''}`} data-kind={k} onClick={() => setKind(k)}>
            {k === 'department' ? '交给部门' : '交给个人'}
          </Text>
        ))}
      </View>
      <TextInput className='grid-dialog__input grid-dialog__name' value={name} maxLength={GRID_ASSIGNEE.max} placeholder={kind === 'department' ? '承办部门，如：凤城街道城管办' : '承办人姓名'} onChange={setName} />
      <TextInput className='grid-dialog__input grid-dialog__phone' type='tel' value={phone} maxLength={13} placeholder='联系电话（选填，对上报人只显示部分号码）' onChange={setPhone} />
      <TextInput className='grid-dialog__input grid-dialog__note' value={note} maxLength={200} placeholder='交办说明（选填），如：请三日内处理' onChange={setNote} />
      {problem ? <Text className='ui-dialog__error grid-dialog__problem'>{problem}</Text> : null}
    </Dialog>
  )
}

export function CloseDialog({ visible, onSend, onClose }: { visible: boolean; onSend: (resolution: string, photos: string[]) => Promise<void>; onClose: () => void }) {
  const [text, setText] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const [problem, setProblem] = useState('')
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    if (visible) {
      setText('')
      setPhotos([])
      setProblem('')
    }
  }, [visible])

  const add = async () => {
    const good = await pickPhotos(GRID_MAX_PHOTOS - photos.length, { problem: setProblem })
    if (good.length) setPhotos((ps) => [...ps, ...good].slice(0, GRID_MAX_PHOTOS))
  }

  const send = async () => {
    if (text.trim().length < GRID_RESOLUTION.min) return setProblem(`请填写办理结果（至少 ${GRID_RESOLUTION.min} 个字）`)
    setBusy(true)
    try {
      await onSend(text.trim(), photos)
    } catch (err) {
      setProblem(err instanceof Error ? err.message : '提交失败，请稍后再试')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog visible={visible} title='办结' confirmText='办结' busy={busy} className='grid-dialog' onConfirm={() => void send()} onCancel={onClose}>
      <View className='ui-dialog__message'>写明怎么处理的、结果如何，上报人会看到；办结照片选填。</View>
      <Textarea
        className='ui-dialog__input grid-dialog__resolution'
        value={text}
        placeholder='办理结果（必填），如：已联系环卫站清运，并增设垃圾桶两个'
        placeholderClass='ui-dialog__placeholder'
        maxlength={GRID_RESOLUTION.max}
        fixed
        onInput={(e) => {
          setText(e.detail.value)
          setProblem('')
        }}
      />
      <PhotoTiles
        small
        className='grid-dialog__photos'
        photos={photos}
        max={GRID_MAX_PHOTOS}
        addText='办结照片'
        onAdd={() => void add()}
        onRemove={(i) => setPhotos((ps) => ps.filter((_p, j) => j !== i))}
      />
      {problem ? <Text className='ui-dialog__error grid-dialog__problem'>{problem}</Text> : null}
    </Dialog>
  )
}
