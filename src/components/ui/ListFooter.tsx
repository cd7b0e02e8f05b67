// The end of a paged list: 加载更多 with how many are shown, or that all are. No NutUI, so that
// subpackages which avoid it can use it too.
import { Text, View } from '@tarojs/components'

import './list-footer.scss'

export function ListFooter({ count, total, hasMore, loadingMore, onMore }: { count: number; total: number; hasMore: boolean; loadingMore: boolean; onMore: () => void }) {
  if (count === 0) return null
  return (
    <View className='panel-footer'>
      {loadingMore ? (
        <Text className='panel-footer__text'>加载中…</Text>
      ) : hasMore ? (
        <View className='panel-footer__more' onClick={onMore}>
          <Text>加载更多（已显示 {count} / {total}）</Text>
        </View>
      ) : (
        <Text className='panel-footer__text'>— 共 {total} 条，已全部显示 —</Text>
      )}
    </View>
  )
}
