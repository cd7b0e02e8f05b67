// 补签: for service that could not be checked in or out (no signal indoors, a flat battery…): the
// station, the day (within 31 days), the start and end, the reason and, in WeChat, a photo. The
// township reviews it like any record; each month allows a few make-ups and appeals together.
import { useCallback, useEffect, useMemo, useState } from 'react'
import { Image, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { FormRow, PickedValue } from '@/components/ui/FormRow'
import { Sheet } from '@/components/ui/Sheet'
import { Tag } from '@/components/ui/Tag'
import { ROUTES } from '@/constants/routes'
import { call, CallError, errorMessage } from '@/services/cloud'
import { askForNotices } from '@/services/notices'
import { uploadFile, uploadPath } from '@/services/files'
import { pickPictures, pictureProblem } from '@/services/pictures'
import { hours as hoursText } from '@/components/ui/format'
import { LocationProblem, readLocation } from '@/services/location'
import { decodeTwice, stationIdFromParams } from '../shared/scan'
import { FlagList, NOT_VOLUNTEER, StatusTag } from '../shared/ui'
import { allowanceText, loadSettings, loadStation, type Allowance, type SessionView, type StationView } from '../shared/volunteer'
import { Button } from '@/components/ui/Button'
import { addDays, clock, dayLabel, distance, duration, minutesBetween, nowClock, relativeDay, today } from '@/components/ui/format'
import { markChanged } from '@/services/changes'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'

import './index.scss'

interface Choice {
  id: string
  name: string
  place: string
}

interface Fields {
  station: Choice | null
  date: string
  start: string
  end: string
  reason: string
}

type Errors = Partial<Record<'stationId' | 'date' | 'start' | 'end' | 'reason' | 'photoFileId', string>>
const FIELDS = ['stationId', 'date', 'start', 'end', 'reason', 'photoFileId'] as const
const FIELD_OF: Record<string, keyof Errors> = { stationId: 'stationId', date: 'date', start: 'start', end: 'end', reason: 'reason', photoFileId: 'photoFileId' }

/** How far back a make-up may go (the function's rule). */
const MAX_DAYS_BACK = 30

function check(f: Fields): Errors {
  const e: Errors = {}
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

const plusHours = (t: string, h: number) => {
  const m = Math.min(23 * 60 + 59, Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5)) + h * 60)
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
}


function StationSheet({ visible, recent, current, onChoose, onClose }: { visible: boolean; recent: Choice[]; current: string; onChoose: (c: Choice) => void; onClose: () => void }) {
  const [nearby, setNearby] = useState<StationView[] | null>(null)
  const [state, setState] = useState<'idle' | 'locating' | 'ready' | 'error'>('idle')
  const [problem, setProblem] = useState('')

  const find = useCallback(async () => {
    setState('locating')
    try {
      const r = await readLocation()
      const { items } = await call('station.nearby', { lat: r.lat, lng: r.lng, radiusKm: 30 })
      setNearby(items)
      setState('ready')
    } catch (err) {
      setProblem(err instanceof LocationProblem ? `${err.title}：${err.detail}` : errorMessage(err))
      setState('error')
    }
  }, [])

  useEffect(() => {
    if (visible && state === 'idle') void find()
  }, [visible, state, find])

  const row = (c: Choice, extra?: string) => (
    <View
      key={c.id}
      className={`mk-pick${c.id === current ? ' mk-pick--on' : ''}`}
      data-station={c.id}
      hoverClass='mk-pick--pressed'
      onClick={() => onChoose(c)}
    >
      <View className='mk-pick__main'>
        <Text className='mk-pick__name'>{c.name}</Text>
        <Text className='mk-pick__place'>{c.place}</Text>
      </View>
      {extra ? <Text className='mk-pick__extra'>{extra}</Text> : null}
      {c.id === current ? <Text className='mk-pick__check'>✓</Text> : null}
    </View>
  )

  return (
    <Sheet visible={visible} title='选择驿站' note='补签需选择当时服务的驿站' onClose={onClose} className='mk-sheet'>
      <View className='mk-sheet__body'>
        {recent.length > 0 && (
          <>
            <Text className='mk-sheet__section'>最近服务过的驿站</Text>
            {recent.map((c) => row(c))}
          </>
        )}
        <Text className='mk-sheet__section'>附近的驿站</Text>
        {state === 'locating' || state === 'idle' ? (
          <Text className='mk-sheet__hint'>正在定位并查找附近的驿站…</Text>
        ) : state === 'error' ? (
          <View className='mk-sheet__problem'>
            <Text className='mk-sheet__hint'>{problem}</Text>
            <Text className='mk-sheet__retry' onClick={() => void find()}>
              重试
            </Text>
          </View>
        ) : nearby && nearby.length > 0 ? (
          nearby.map((s) => row({ id: s.id, name: s.name, place: `${s.countyName} · ${s.townshipName}` }, s.distanceM !== null ? distance(s.distanceM) : undefined))
        ) : (
          <Text className='mk-sheet__hint'>30 公里内没有找到驿站</Text>
        )}
      </View>
    </Sheet>
  )
}

export default function Makeup() {
  const { params } = useRouter()
  const [fields, setFields] = useState<Fields>({ station: null, date: '', start: '', end: '', reason: '' })
  const [allowance, setAllowance] = useState<Allowance | null>(null)
  const [capMinutes, setCapMinutes] = useState<number | null>(null)
  const [photo, setPhoto] = useState('')
  const [tried, setTried] = useState(false)
  const [serverErrors, setServerErrors] = useState<Errors>({})
  const [banner, setBanner] = useState('')
  const [submitting, setSubmitting] = useState(false)
  const [sheet, setSheet] = useState(false)
  const [done, setDone] = useState<SessionView | null>(null)

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
    // Only on open: the page's query does not change.
  }, [])

  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => {
    setFields((f) => ({ ...f, [key]: value }))
    const field = key === 'station' ? 'stationId' : (key as keyof Errors)
    setServerErrors((e) => {
      const rest = { ...e }
      delete rest[field]
      if (key === 'start' || key === 'date') delete rest.end
      return rest
    })
    setBanner('')
  }

  const clientErrors = useMemo(() => (tried ? check(fields) : {}), [tried, fields])
  const errorOf = (f: keyof Errors) => serverErrors[f] || clientErrors[f]
  const minutes = fields.start && fields.end ? minutesBetween(fields.start, fields.end) : 0
  const min = addDays(today(), -MAX_DAYS_BACK)

  const choosePhoto = async () => {
    try {
      const [picked] = await pickPictures(1)
      if (!picked) return
      const problem = pictureProblem(picked)
      if (problem) void Taro.showModal({ title: '这不是照片', content: problem, showCancel: false, confirmText: '重新选择' })
      else setPhoto(picked.path)
    } catch {
      void Taro.showToast({ title: '没有选到照片，请重试', icon: 'none' })
    }
  }

  const submit = async () => {
    if (submitting) return
    setTried(true)
    const errors = check(fields)
    const first = FIELDS.find((f) => errors[f])
    if (first) {
      void Taro.showToast({ title: errors[first]!, icon: 'none' })
      return
    }
    const station = fields.station!
    const { confirm } = await Taro.showModal({
      title: '确认提交补签',
      content: `${relativeDay(fields.date)} ${fields.start}–${fields.end}（${duration(minutes)}），${station.name}。提交后由镇街团委审核${allowance ? `，将占用本月补签和申诉次数 1 次（还剩 ${allowance.left} 次）` : ''}。`,
      confirmText: '提交',
      confirmColor: '#d93a2b',
    })
    if (!confirm) return
    setSubmitting(true)
    setBanner('')
    await askForNotices(['review'])
    try {
      let photoFileId: string | undefined
      if (photo) {
        try {
          const { userId } = await call('account.me', {})
          photoFileId = await uploadFile(uploadPath(userId, 'photo.jpg'), photo)
        } catch {
          setServerErrors({ photoFileId: '照片上传失败，请重试，或删除照片后提交' })
          return
        }
      }
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
      const field = err instanceof CallError && err.field ? FIELD_OF[err.field.split('.')[0]] : undefined
      if (field) setServerErrors({ [field]: err instanceof Error ? err.message : '' })
      else {
        setBanner(errorMessage(err))
        void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
      }
    } finally {
      setSubmitting(false)
    }
  }

  if (done) {
    return (
      <View className='vol-page makeup'>
        <View className='mk-done' data-status={done.status}>
          <View className='mk-done__mark'>
            <Text>✓</Text>
          </View>
          <Text className='mk-done__title'>补签已提交</Text>
          <Text className='mk-done__desc'>等待{done.townshipName}团委审核，通过后计入服务时长，结果会通过微信服务通知告诉你。</Text>
          <View className='mk-done__card'>
            <View className='mk-done__row'>
              <Text className='mk-done__label'>驿站</Text>
              <Text className='mk-done__value'>{done.stationName}</Text>
            </View>
            <View className='mk-done__row'>
              <Text className='mk-done__label'>服务时间</Text>
              <Text className='mk-done__value'>
                {dayLabel(fields.date)} {clock(done.checkInAt)}–{clock(done.checkOutAt)}
              </Text>
            </View>
            <View className='mk-done__row'>
              <Text className='mk-done__label'>时长</Text>
              <Text className='mk-done__value'>{duration(done.minutes)}</Text>
            </View>
            <View className='mk-done__row'>
              <Text className='mk-done__label'>状态</Text>
              <StatusTag status={done.status} />
            </View>
          </View>
          <FlagList flags={done.flags} />
        </View>
        <Button className='makeup__to-hours' onClick={() => void Taro.redirectTo({ url: ROUTES.hours })}>
          查看服务记录
        </Button>
        <View className='vol-gap' />
        <Button kind='plain' onClick={() => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: ROUTES.volunteer }))}>
          返回
        </Button>
      </View>
    )
  }

  const chips = [0, -1, -2].map((d) => addDays(today(), d))

  return (
    <View className={`vol-page makeup${state.kind === 'ready' ? ' vol-page--with-bar' : ''}`}>
      <PageStates state={state} retry={retry} denied={NOT_VOLUNTEER}>
        {(recent) => (
          <>
            <View className='form-banner form-banner--info makeup__intro'>
              <View className='form-banner__main'>
                <Text className='form-banner__title'>什么时候需要补签</Text>
                <Text className='form-banner__text'>
                  室内没有信号、手机没电等原因没能签到或签退时，可在 31 天内补签，由镇街团委审核。
                </Text>
                {allowance && (
                  <Text className={`makeup__allowance${allowance.left === 0 ? ' makeup__allowance--spent' : ''}`} data-left={allowance.left}>
                    {allowanceText(allowance)}
                  </Text>
                )}
              </View>
            </View>

            {banner && (
              <View className='form-banner form-banner--rejected makeup__banner' data-error-for='form'>
                <View className='form-banner__icon'>
                  <Text className='form-banner__icon-text'>!</Text>
                </View>
                <View className='form-banner__main'>
                  <Text className='form-banner__title'>未能提交</Text>
                  <Text className='form-banner__text'>{banner}</Text>
                </View>
              </View>
            )}

            <View className='form-card'>
              <Text className='form-card__title'>服务信息</Text>
              <FormRow field='stationId' label='驿站' required error={errorOf('stationId')} onClick={() => setSheet(true)}>
                <PickedValue value={fields.station?.name ?? ''} placeholder='选择服务的驿站' />
              </FormRow>
              <Picker mode='date' value={fields.date || addDays(today(), -1)} start={min} end={today()} onChange={(e) => set('date', e.detail.value)}>
                <FormRow field='date' label='服务日期' required arrow error={errorOf('date')}>
                  <PickedValue value={fields.date ? `${dayLabel(fields.date)}${fields.date === today() ? '（今天）' : fields.date === addDays(today(), -1) ? '（昨天）' : ''}` : ''} placeholder='选择日期（31 天内）' />
                </FormRow>
              </Picker>
              <View className='makeup__chips'>
                {chips.map((d, i) => (
                  <Text key={d} className={`makeup__chip${fields.date === d ? ' makeup__chip--on' : ''}`} data-day={i} onClick={() => set('date', d)}>
                    {['今天', '昨天', '前天'][i]}
                  </Text>
                ))}
              </View>
              <Picker mode='time' value={fields.start || '09:00'} onChange={(e) => set('start', e.detail.value)}>
                <FormRow field='start' label='开始时间' required arrow error={errorOf('start')}>
                  <PickedValue value={fields.start} placeholder='例如 09:00' />
                </FormRow>
              </Picker>
              <Picker mode='time' value={fields.end || plusHours(fields.start || '09:00', 2)} onChange={(e) => set('end', e.detail.value)}>
                <FormRow
                  field='end'
                  label='结束时间'
                  required
                  arrow
                  error={errorOf('end')}
                  hint={minutes > 0 ? `共 ${duration(minutes)}${capMinutes && minutes > capMinutes ? `，每天最多计入 ${hoursText(capMinutes)} 小时` : ''}` : undefined}
                >
                  <PickedValue value={fields.end} placeholder='例如 11:30' />
                </FormRow>
              </Picker>
            </View>

            <View className='form-card'>
              <Text className='form-card__title'>补签原因</Text>
              <FormRow field='reason' label='' stacked error={errorOf('reason')} hint='写清楚当时的服务内容和未能签到的原因，便于镇街团委核实'>
                <View className='makeup__textarea'>
                  <Textarea
                    className='makeup__textarea-input'
                    value={fields.reason}
                    placeholder='例如：在村委会会议室协助直播带货，室内没有信号，未能签到'
                    placeholderClass='makeup__placeholder'
                    maxlength={200}
                    autoHeight
                    onInput={(e) => set('reason', e.detail.value)}
                  />
                  <Text className='makeup__count'>{fields.reason.length}/200</Text>
                </View>
              </FormRow>
            </View>

            <View className='form-card'>
              <Text className='form-card__title'>
                证明照片<Text className='form-card__title-note'>选填</Text>
              </Text>
              <FormRow field='photoFileId' label='' stacked error={errorOf('photoFileId')} hint='活动现场照片、签到表等，可帮助审核'>
                <View className='makeup__photos'>
                  {photo ? (
                    <View className='makeup__photo'>
                      <Image className='makeup__photo-img' src={photo} mode='aspectFill' onClick={() => void Taro.previewImage({ urls: [photo] })} />
                      <Text className='makeup__photo-del' onClick={() => setPhoto('')}>
                        ×
                      </Text>
                    </View>
                  ) : (
                    <View className='makeup__add' hoverClass='makeup__add--pressed' onClick={() => void choosePhoto()}>
                      <Text className='makeup__add-plus'>+</Text>
                      <Text className='makeup__add-text'>添加照片</Text>
                    </View>
                  )}
                </View>
              </FormRow>
            </View>

            {fields.station && fields.date && fields.start && fields.end && minutes > 0 && (
              <View className='makeup__summary'>
                <Tag tone='blue'>预览</Tag>
                <Text className='makeup__summary-text'>
                  {relativeDay(fields.date)} {fields.start}–{fields.end} · {duration(minutes)} · {fields.station.name}
                </Text>
              </View>
            )}

            <View className='form-bar'>
              <Button busy={submitting} disabled={allowance?.left === 0} className='makeup__submit' onClick={() => void submit()}>
                {submitting ? '正在提交…' : allowance?.left === 0 ? '本月补签次数已用完' : '提交补签'}
              </Button>
            </View>

            <StationSheet
              visible={sheet}
              recent={recent}
              current={fields.station?.id ?? ''}
              onClose={() => setSheet(false)}
              onChoose={(c) => {
                set('station', c)
                setSheet(false)
              }}
            />
          </>
        )}
      </PageStates>
    </View>
  )
}
