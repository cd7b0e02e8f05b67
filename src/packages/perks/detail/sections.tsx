// The sections of 优惠详情: the head (title, shop, star and county tags, whether the volunteer may
// use it), the perk's cards (what it gives, limits and validity, the shop, the records link) and
// the bottom bar with 出示优惠码.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ROUTES } from '@/constants/routes'
import { minStarLabel, type PerkView } from '@/components/perk/shared'
import { Limits, MinStar } from '@/components/perk/ui'
import { Button } from '@/components/ui/Button'
import { chineseDate } from '@/components/ui/format'

const isWeapp = process.env.TARO_ENV === 'weapp'

const toRecords = () => void Taro.navigateTo({ url: ROUTES.perkRecords })

export function DetailHead({ p, counties }: { p: PerkView; counties: string }) {
  return (
    <View className='detail-head'>
      <Text className='detail-head__title'>{p.title}</Text>
      <View className='detail-head__merchant'>
        <Text className='detail-head__name'>{p.merchantName}</Text>
        <Text className='detail-head__category'>{p.category}</Text>
      </View>
      <View className='detail-head__tags'>
        <MinStar minStar={p.minStar} />
        {counties && <Text className='detail-head__county'>限{counties}志愿者</Text>}
      </View>
      <View className={`pk-note ${p.eligible ? 'pk-note--ok' : 'pk-note--warn'} detail-head__eligibility`}>
        <Text className='pk-note__icon'>{p.eligible ? '✓' : '!'}</Text>
        <Text className='pk-note__text'>{p.eligible ? '你可以使用这项优惠：到店后点「出示优惠码」，由店员扫码核销。' : p.reason}</Text>
      </View>
    </View>
  )
}

function DetailRow({ label, children }: { label: string; children: string }) {
  return (
    <View className='detail-row'>
      <Text className='detail-row__label'>{label}</Text>
      <Text className='detail-row__value'>{children}</Text>
    </View>
  )
}

export function PerkCards({ p, counties }: { p: PerkView; counties: string }) {
  const navigate = () => {
    if (!p.location) return
    Taro.openLocation({ latitude: p.location.lat, longitude: p.location.lng, name: p.merchantName, address: p.address, scale: 16 }).catch(() => undefined)
  }
  return (
    <>
      <View className='pk-card'>
        <View className='pk-card__title'>
          <Text>优惠内容</Text>
        </View>
        <Text className='pk-card__text'>{p.description}</Text>
        {p.terms ? (
          <>
            <View className='pk-card__title detail__subtitle'>
              <Text>使用说明</Text>
            </View>
            <Text className='pk-card__text'>{p.terms}</Text>
          </>
        ) : null}
      </View>

      <View className='pk-card'>
        <View className='pk-card__title'>
          <Text>使用限制</Text>
        </View>
        <Limits perDay={p.perDay} perMonth={p.perMonth} quota={p.quota} redeemed={p.redeemed} />
        <View className='detail-rows'>
          <DetailRow label='有效期'>{`${chineseDate(p.validFrom)} 至 ${chineseDate(p.validTo)}`}</DetailRow>
          <DetailRow label='星级要求'>{minStarLabel(p.minStar)}</DetailRow>
          <DetailRow label='适用地区'>{p.counties.length ? counties || '部分县（市、区）' : '全市志愿者'}</DetailRow>
        </View>
      </View>

      <View className='pk-card detail-shop'>
        <View className='pk-card__title'>
          <Text>商家地址</Text>
          {isWeapp && p.location && (
            <Text className='pk-card__link' onClick={navigate}>
              导航到店 ›
            </Text>
          )}
        </View>
        <Text className='detail-shop__name'>{p.merchantName}</Text>
        <Text className='detail-shop__address'>{p.address}</Text>
      </View>

      <View className='pk-card detail-links'>
        <View className='detail-links__item' hoverClass='detail-links__item--pressed' onClick={toRecords}>
          <Text>我的优惠使用记录</Text>
          <Text className='detail-links__arrow'>›</Text>
        </View>
      </View>
    </>
  )
}

export function ShowBar({ p, onShow }: { p: PerkView; onShow: () => void }) {
  return (
    <View className='pk-bar-bottom'>
      {!p.eligible && p.reason ? <Text className='pk-bar-bottom__hint'>{p.reason}</Text> : null}
      <Button className='detail__show' disabled={!p.eligible} onClick={onShow}>
        {p.eligible ? '出示优惠码' : '暂不可用'}
      </Button>
    </View>
  )
}
