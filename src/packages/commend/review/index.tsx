// 县级审核 (and everyone's read-only list of the round's nominations):推荐 / 不推荐 within the county's quota.
import { View } from '@tarojs/components'
import { NominationList } from '@/components/commend/NominationList'

export default function CommendReview() {
  return (
    <View>
      <NominationList mode='review' />
    </View>
  )
}
