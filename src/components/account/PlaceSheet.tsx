// County (县、市、区) → township (镇、街道) in one bottom sheet: counties on the left, the
// chosen county's townships on the right; choosing a township closes it.
import { Text, View } from '@tarojs/components'
import { Popup } from '@nutui/nutui-react-taro'
import { PlacePanes, type Counties } from '@/components/ui/PlacePanes'

import './account.scss'

interface Props {
  visible: boolean
  title: string
  counties: Counties
  countyCode: string
  townshipCode: string
  onClose: () => void
  onChoose: (countyCode: string, townshipCode: string) => void
}

export function PlaceSheet({ visible, title, counties, countyCode, townshipCode, onClose, onChoose }: Props) {
  return (
    <Popup visible={visible} position='bottom' round onClose={onClose}>
      <View className='acct-sheet place'>
        <View className='acct-sheet__head'>
          <Text className='acct-sheet__title'>{title}</Text>
          <Text className='acct-sheet__close' onClick={onClose}>
            取消
          </Text>
        </View>
        <PlacePanes visible={visible} counties={counties} countyCode={countyCode} townshipCode={townshipCode} onChoose={onChoose} />
      </View>
    </Popup>
  )
}
