// 参赛作品 (?contest=&id=): the captain enters the contest or edits the work until the deadline —
// a name, the https link of the video or live stream, up to 6 pictures, a description.
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { call } from '@/services/cloud'
import { param } from '@/components/fair/format'
import { Button } from '@/components/ui/Button'
import { CountedTextarea } from '@/components/ui/CountedTextarea'
import { FormRow } from '@/components/ui/FormRow'
import { PageStates } from '@/components/ui/PageStates'
import { PhotoTiles } from '@/components/ui/PhotoTiles'
import { TextInput } from '@/components/ui/TextInput'
import { usePageState } from '@/components/ui/page-state'
import { CONTEST_LIMITS } from '@/components/contest/labels'
import { useEntry } from './use-entry'

import '@/components/ui/form.scss'
import '@/components/ui/panel.scss'
import '@/components/contest/contest.scss'

function EntryForm({ got }: { got: OutputOf<'contest.get'> }) {
  const { contest: c, myEntry } = got
  const f = useEntry(c.id, myEntry)
  return (
    <View className='ct-form ct-entry-form'>
      <Text className='ct-card__muted'>
        {c.title} · {c.rounds[c.round]?.name} {c.rounds[c.round]?.entryDeadline} 截止，截止前可修改
      </Text>
      <FormRow field='title' label='作品名称' required error={f.err('title')}>
        <TextInput value={f.fields.title} maxLength={CONTEST_LIMITS.entryTitle} placeholder='如：英西峰林慢直播' onChange={f.set.title} />
      </FormRow>
      <FormRow field='workUrl' label='作品链接' required error={f.err('workUrl')} stacked hint='视频号、抖音等平台的视频或直播回放网址，以 https:// 开头'>
        <TextInput value={f.fields.workUrl} maxLength={CONTEST_LIMITS.url} placeholder='https://' onChange={f.set.workUrl} />
      </FormRow>
      <FormRow field='pictureFileIds' label={`作品图片（最多 ${CONTEST_LIMITS.pictures} 张）`} error={f.err('pictureFileIds')} stacked hint='封面、直播截图等，JPG 或 PNG，每张不超过 5 MB'>
        <PhotoTiles photos={f.fields.pics.map((p) => p.src)} max={CONTEST_LIMITS.pictures} addText='添加图片' onAdd={() => void f.addPictures()} onRemove={f.removePic} />
      </FormRow>
      <FormRow field='description' label='作品介绍' required error={f.err('description')} stacked>
        <CountedTextarea value={f.fields.description} maxLength={CONTEST_LIMITS.description} placeholder='作品展示的村镇、景点和特色产品，团队分工……' onChange={f.set.description} className='ct-textarea' inputClassName='ct-textarea__input' placeholderClass='ct-textarea__placeholder' countClassName='ct-textarea__count' autoHeight />
      </FormRow>
      <View className='ct-bar'>
        <Button className='ct-entry-form__save' busy={f.busy} onClick={() => void f.save()}>
          {myEntry ? '保存修改' : '报名并保存作品'}
        </Button>
        {!myEntry && <Text className='ct-card__muted'>保存后在大赛页「提交作品」；团队参赛须先有队友加入。</Text>}
      </View>
    </View>
  )
}

export default function Entry() {
  const id = param(useRouter().params.contest)
  const page = usePageState(() => call('contest.get', { id }), [id], !!id)
  return (
    <View className='panel-page contest-entry'>
      <PageStates state={page.state} retry={page.retry} notFound={{ title: '没有找到这场大赛' }}>
        {(got) => <EntryForm got={got} />}
      </PageStates>
    </View>
  )
}
