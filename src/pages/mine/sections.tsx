// The groups of 我的: the person's roles, registrations, the offer to join, their workbenches and links.
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ROLE_LABELS } from '@contract/roles'
import { ROUTES } from '@/constants/routes'
import { KINDS, LINKS, STATUS, type Account, type Registration, type ShownWorkspace } from './account-view'

const go = (url: string) => void Taro.navigateTo({ url })

/** 我的身份: the roles held, or what to do to have one. */
export function RolesGroup({ account, registrations }: { account: Account; registrations: Registration[] }) {
  return (
    <View className='mine__group'>
      <Text className='mine__group-title'>我的身份</Text>
      {account.roles.length === 0 ? (
        <View className='mine__empty'>
          <Text className='mine__empty-title'>还没有任何身份</Text>
          <Text className='mine__empty-desc'>
            {registrations.length > 0
              ? '注册通过县（市、区）团委审核后，你的身份会显示在这里。'
              : '注册成为乡村振兴志愿者，或登记为农村青年后开始使用；工作人员请使用邀请码加入。'}
          </Text>
        </View>
      ) : (
        <View className='mine__chips'>
          {account.roles.map((g) => (
            <View key={`${g.role}-${g.scopeId}`} className='mine__chip'>
              <Text>{ROLE_LABELS[g.role]}</Text>
              {g.scopeName && <Text className='mine__chip-scope'>{g.scopeName}</Text>}
            </View>
          ))}
        </View>
      )}
    </View>
  )
}

/** 注册与审核: each registration with its state and where it leads. */
export function RegistrationsGroup({ registrations }: { registrations: Registration[] }) {
  return (
    <View className='mine__group mine__group--spaced mine__regs'>
      <Text className='mine__group-title'>注册与审核</Text>
      {registrations.map((r) => {
        const k = KINDS[r.kind]
        const st = STATUS[r.status]
        return (
          <View key={r.kind} className={`mine__reg mine__reg--${r.status}`} data-kind={r.kind} data-status={r.status} hoverClass='mine__reg--pressed' onClick={() => go(k.url)}>
            <View className={`mine__mark mine__mark--${r.kind === 'volunteer' ? 'brand' : 'employer'}`}>
              <Text>{k.mark}</Text>
            </View>
            <View className='mine__row-main'>
              <View className='mine__reg-head'>
                <Text className='mine__row-title'>{k.title}</Text>
                <Text className={`mine__badge mine__badge--${st.tone}`}>{st.label}</Text>
              </View>
              {r.status === 'pending' && <Text className='mine__row-desc'>县（市、区）团委审核中，审核前可更正信息</Text>}
              {r.status === 'approved' && (
                <Text className='mine__row-desc mine__reg-place'>
                  {k.place}：{r.townshipName}
                </Text>
              )}
              {r.status === 'rejected' && (
                <>
                  <Text className='mine__reg-reason'>原因：{r.rejectReason || '未填写'}</Text>
                  <Text className='mine__reg-retry'>修改后重新提交</Text>
                </>
              )}
            </View>
            {r.status !== 'rejected' && <Text className='mine__arrow'>›</Text>}
          </View>
        )
      })}
    </View>
  )
}

/** 加入乡村振兴: the two ways in, for someone in neither program. */
export function JoinTiles() {
  return (
    <View className='mine__join'>
      <Text className='mine__join-title'>加入乡村振兴</Text>
      <View className='mine__tiles'>
        <View className='mine__tile mine__tile--volunteer' hoverClass='mine__tile--pressed' onClick={() => go(KINDS.volunteer.url)}>
          <Text className='mine__tile-title'>注册成为乡村振兴志愿者</Text>
          <Text className='mine__tile-desc'>高校毕业生服务乡村，驿站签到记时长、享商家优惠</Text>
          <Text className='mine__tile-go'>去注册 ›</Text>
        </View>
        <View className='mine__tile mine__tile--youth' hoverClass='mine__tile--pressed' onClick={() => go(KINDS.rural_youth.url)}>
          <Text className='mine__tile-title'>农村青年登记</Text>
          <Text className='mine__tile-desc'>申请创业贴息贷款，报名岗位对接会和培训</Text>
          <Text className='mine__tile-go'>去登记 ›</Text>
        </View>
      </View>
    </View>
  )
}

/** 我的工作台: where each role works. */
export function WorkspacesGroup({ workspaces }: { workspaces: ShownWorkspace[] }) {
  return (
    <View className='mine__group mine__group--spaced'>
      <Text className='mine__group-title'>我的工作台</Text>
      {workspaces.map((w) => (
        <View key={w.key} className='mine__row' hoverClass='mine__row--pressed' onClick={() => Taro.navigateTo({ url: w.url })}>
          <View className={`mine__mark mine__mark--${w.tone}`}>
            <Text>{w.mark}</Text>
          </View>
          <View className='mine__row-main'>
            <Text className='mine__row-title'>{w.title}</Text>
            <Text className='mine__row-desc'>
              {w.scope ? `${w.scope} · ` : ''}
              {w.desc}
            </Text>
          </View>
          <Text className='mine__arrow'>›</Text>
        </View>
      ))}
    </View>
  )
}

/** 消息 with its unread count, and everyone's account links. */
export function LinksGroup({ account }: { account: Account }) {
  return (
    <View className='mine__group mine__group--spaced mine__links'>
      <View className='mine__link mine__link--messages' hoverClass='mine__link--pressed' onClick={() => go(ROUTES.messages)}>
        <Text className='mine__link-title'>消息</Text>
        <View className='mine__link-end'>
          {account.unreadMessages > 0 && <Text className='mine__unread'>{account.unreadMessages > 99 ? '99+' : account.unreadMessages}</Text>}
          <Text className='mine__arrow'>›</Text>
        </View>
      </View>
      {LINKS.filter((l) => !l.roles || account.roles.some((g) => l.roles?.includes(g.role))).map((l) => (
        <View key={l.key} className={`mine__link mine__link--${l.key}`} hoverClass='mine__link--pressed' onClick={() => go(l.url)}>
          <Text className='mine__link-title'>{l.title}</Text>
          <Text className='mine__arrow'>›</Text>
        </View>
      ))}
    </View>
  )
}
