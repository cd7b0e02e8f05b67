// 我担任的职务: the posts the league recorded for the volunteer, on their record (the hours page).
// Shows nothing until there is one, and nothing if they cannot be read (the page has its own states).
import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { call } from '@/services/cloud'
import { PostLine, type PostView } from './parts'

export function MyPosts() {
  const [posts, setPosts] = useState<PostView[]>([])
  useEffect(() => {
    call('care.myPosts', {})
      .then((r) => setPosts(r.items))
      .catch(() => undefined)
  }, [])
  if (posts.length === 0) return null
  return (
    <View className='care-mine'>
      <Text className='care-mine__title'>担任职务</Text>
      {posts.map((p) => (
        <PostLine key={p.id} p={p} />
      ))}
    </View>
  )
}
