// County (县、市、区) → township (镇、街道) in one bottom sheet: counties on the left, the
// chosen county's townships on the right; choosing a township closes it.
import { PlacePanes, type Counties } from './PlacePanes'
import { Sheet } from './Sheet'

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
    <Sheet visible={visible} title={title} className='place' onClose={onClose}>
      <PlacePanes visible={visible} counties={counties} countyCode={countyCode} townshipCode={townshipCode} onChoose={onChoose} />
    </Sheet>
  )
}
