// Photos a form sends, as square tiles: each opens large on a tap and has its × to remove it; the
// last tile adds more (with how many of how many) until the form's limit. The pictures are chosen
// with pickPhotos (photo-tiles.ts); the form keeps the list and uploads it when it sends.
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'

import './photo-tiles.scss'

interface Props {
  /** Local paths (just chosen) or links (kept), in order. */
  photos: string[]
  /** How many the form takes: the add tile goes at the limit. */
  max: number
  onAdd: () => void
  onRemove: (index: number) => void
  /** The add tile's words. */
  addText?: string
  /** Smaller tiles, for a dialog. */
  small?: boolean
  className?: string
}

export function PhotoTiles({ photos, max, onAdd, onRemove, addText = '添加照片', small, className }: Props) {
  return (
    <View className={`ui-photos${small ? ' ui-photos--small' : ''}${className ? ` ${className}` : ''}`} data-count={photos.length}>
      {photos.map((p, i) => (
        <View key={`${i}:${p}`} className='ui-photos__item'>
          <Image className='ui-photos__img' src={p} mode='aspectFill' onClick={() => void Taro.previewImage({ urls: photos, current: p })} />
          <Text className='ui-photos__del' onClick={() => onRemove(i)}>
            ×
          </Text>
        </View>
      ))}
      {photos.length < max && (
        <View className='ui-photos__add' hoverClass='ui-photos__add--pressed' onClick={onAdd}>
          <Text className='ui-photos__plus'>+</Text>
          <Text className='ui-photos__add-text'>{addText}</Text>
          {max > 1 && (
            <Text className='ui-photos__count'>
              {photos.length}/{max}
            </Text>
          )}
        </View>
      )}
    </View>
  )
}
