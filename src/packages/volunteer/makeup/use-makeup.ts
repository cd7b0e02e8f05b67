// The 补签 form: the stations served at lately and the form preset from the link, the fields and
// their check, this month's allowance and the daily cap, the photo, and the send (through the
// kit's useSubmit: the check first, a confirmation, the photo uploaded, the function's refusal at
// its row or, for anything else, in the banner).
import { useEffect, useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { call, CallError, errorMessage } from '@/services/cloud'
import { markChanged } from '@/services/changes'
import { uploadFile, uploadPath } from '@/services/files'
import { askForNotices } from '@/services/notices'
import { usePageState, type PageState } from '@/components/ui/page-state'
import { pickPhotos } from '@/components/ui/photo-tiles'
import { useSubmit, type RowErrors } from '@/components/ui/submit'
import { duration, minutesBetween, nowClock, relativeDay, today } from '@/components/ui/format'
import { decodeTwice, stationIdFromParams } from '../shared/scan'
import { loadSettings, loadStation, type Allowance, type SessionView } from '../shared/volunteer'

/** A station to choose: from the records or the stations nearby. */
export interface Choice {
  id: string
  name: string
  place: string
}

export interface Fields {
  station: Choice | null
  date: string
  start: string
  end: string
  reason: string
}

/** The form's rows, in the order they stand (named as the function names the fields). */
export const ROWS = ['stationId', 'date', 'start', 'end', 'reason', 'photoFileId'] as const
export type Row = (typeof ROWS)[number]

/** The row of a field the function named ('stationId', 'date'…). */
export function rowOfField(field: string): Row | null {
  const top = field.split('.')[0]
  return (ROWS as readonly string[]).includes(top) ? (top as Row) : null
}

/** How far back a make-up may go (the function's rule). */
export const MAX_DAYS_BACK = 30

/** The form's own check, as the function's rules read (a make-up is for service already over). */
export function check(f: Fields): RowErrors<Row> {
  const e: RowErrors<Row> = {}
  if (!f.station) e.stationId = '请选择驿站'
  if (!f.date) e.date = '请选择服务日期'
  if (!f.start) e.start = '请选择开始时间'
  if (!f.end) e.end = '请选择结束时间'
  if (f.start && f.end && f.end <= f.start) e.end = '结束时间应晚于开始时间'
  else if (f.date === today() && f.end && f.end > nowClock()) e.end = '只能补签已经结束的服务'
  const reason = f.reason.trim()
  if (reason.length < 4) e.reason = reason ? '补签原因至少 4 个字' : '请填写补签原因'
  return e
}

/** HH:mm `h` hours later, at most 23:59 (where the end picker opens). */
export function plusHours(t: string, h: number): string {
  const m = Math.min(23 * 60 + 59, Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5)) + h * 60)
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
}

export interface MakeupForm {
  /** The page: the stations served at lately. */
  state: PageState<Choice[]>
  retry: () => void
  fields: Fields
  set: <K extends keyof Fields>(key: K, value: Fields[K]) => void
  /** What a row shows: the function's word, or (after a send was asked for) the form's own check. */
  errorOf: (row: Row) => string | undefined
  /** The service's length, 0 until both times are chosen. */
  minutes: number
  allowance: Allowance | null
  capMinutes: number | null
  photo: string
  choosePhoto: () => Promise<void>
  removePhoto: () => void
  /** A refusal that names no field. */
  banner: string
  busy: boolean
  submit: () => Promise<boolean>
  /** The record filed. */
  done: SessionView | null
}

export function useMakeup(params: Record<string, string | undefined>): MakeupForm {
  const [fields, setFields] = useState<Fields>({ station: null, date: '', start: '', end: '', reason: '' })
  const [allowance, setAllowance] = useState<Allowance | null>(null)
  const [capMinutes, setCapMinutes] = useState<number | null>(null)
  const [photo, setPhoto] = useState('')
  const [banner, setBanner] = useState('')
  const [done, setDone] = useState<SessionView | null>(null)
  const form = useSubmit(ROWS, rowOfField)

  // The stations served at lately (to choose from), and the form preset from the link (?stationId, ?date) or the latest one.
  const { state, retry } = usePageState(async (): Promise<Choice[]> => {
    const { items } = await call('service.history', { page: 1, pageSize: 20 })
    const seen = new Map<string, Choice>()
    for (const s of items) if (!seen.has(s.stationId)) seen.set(s.stationId, { id: s.stationId, name: s.stationName, place: s.townshipName })
    const choices = [...seen.values()].slice(0, 5)
    const wanted = stationIdFromParams(params)
    let preset: Choice | null = choices[0] ?? null
    if (wanted) {
      const st = await loadStation(wanted).catch(() => null)
      if (st) preset = { id: st.id, name: st.name, place: `${st.countyName} · ${st.townshipName}` }
    }
    const date = params.date ? decodeTwice(params.date) : ''
    setFields((f) => ({ ...f, station: f.station ?? preset, date: f.date || (/^\d{4}-\d{2}-\d{2}$/.test(date) ? date : '') }))
    return choices
    // Only on open: the page's query does not change.
  }, [])

  useEffect(() => {
    loadSettings()
      .then((s) => setCapMinutes(s.dailyCapMinutes))
      .catch(() => undefined)
    call('service.allowance', {})
      .then(setAllowance)
      .catch(() => undefined)
  }, [])

  const { clearError } = form
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => {
    setFields((f) => ({ ...f, [key]: value }))
    clearError(key === 'station' ? 'stationId' : (key as Row))
    // The end is checked against the start and the day.
    if (key === 'start' || key === 'date') clearError('end')
    setBanner('')
  }

  const clientErrors = useMemo(() => (form.tried ? check(fields) : {}), [form.tried, fields])
  const errorOf = (row: Row) => form.serverErrors[row] || clientErrors[row]
  const minutes = fields.start && fields.end ? minutesBetween(fields.start, fields.end) : 0

  const choosePhoto = async () => {
    const [picked] = await pickPhotos(1)
    if (picked) setPhoto(picked)
  }

  const send = async () => {
    const station = fields.station!
    setBanner('')
    await askForNotices(['review'])
    let photoFileId: string | undefined
    if (photo) {
      try {
        const { userId } = await call('account.me', {})
        photoFileId = await uploadFile(uploadPath(userId, 'photo.jpg'), photo)
      } catch {
        throw new CallError({ code: 'INVALID_INPUT', message: '照片上传失败，请重试，或删除照片后提交', field: 'photoFileId' })
      }
    }
    try {
      const record = await call('service.makeup', {
        stationId: station.id,
        date: fields.date,
        start: fields.start,
        end: fields.end,
        reason: fields.reason.trim(),
        ...(photoFileId ? { photoFileId } : {}),
      })
      markChanged('volunteer-home', 'volunteer-hours')
      setDone(record)
      void Taro.showToast({ title: '补签已提交', icon: 'success' })
    } catch (err) {
      // A refusal of no field of the form stays in the banner as well as the toast.
      if (!(err instanceof CallError && err.field && rowOfField(err.field))) setBanner(errorMessage(err))
      throw err
    }
  }

  const submit = () =>
    form.submit({
      check: () => check(fields),
      confirm: async () => {
        const { confirm } = await Taro.showModal({
          title: '确认提交补签',
          content: `${relativeDay(fields.date)} ${fields.start}–${fields.end}（${duration(minutes)}），${fields.station!.name}。提交后由镇街团委审核${allowance ? `，将占用本月补签和申诉次数 1 次（还剩 ${allowance.left} 次）` : ''}。`,
          confirmText: '提交',
          confirmColor: '#d93a2b',
        })
        return confirm
      },
      send,
    })

  return {
    state,
    retry,
    fields,
    set,
    errorOf,
    minutes,
    allowance,
    capMinutes,
    photo,
    choosePhoto,
    removePhoto: () => setPhoto(''),
    banner,
    busy: form.busy,
    submit,
    done,
  }
}
