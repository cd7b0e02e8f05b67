// Development builds only (XQ_DEV_TOOLS=1): choose which demo persona the local cloud's
// gateway treats you as. In WeChat, identity is the real WeChat user and this page says so.
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Cell, CellGroup, Tag, Skeleton } from '@nutui/nutui-react-taro'
import { CallError } from '@/services/cloud'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'

import '@/styles/nutui-theme.scss'
import './index.scss'

interface PersonaItem {
  id: string
  name: string
  description: string
}

const gateway = process.env.TARO_APP_GATEWAY_URL
const h5 = process.env.TARO_ENV === 'h5'

async function loadPersonas(): Promise<{ personas: PersonaItem[]; current: string | null }> {
  let body: { personas: PersonaItem[]; current: { personaId: string } | null }
  try {
    body = await (await fetch(`${gateway}/dev/personas`, { credentials: 'same-origin' })).json()
  } catch {
    throw new CallError({ code: 'NETWORK', message: '无法连接本地云，请确认已运行 npm start' })
  }
  return { personas: body.personas, current: body.current?.personaId ?? null }
}

export default function Personas() {
  // In WeChat there is nothing to load (see below).
  const { state, retry, setData } = usePageState(loadPersonas, [], h5)

  const choose = async (persona: PersonaItem) => {
    const res = await fetch(`${gateway}/dev/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ persona: persona.id }),
    })
    if (!res.ok) {
      Taro.showToast({ title: '切换失败', icon: 'error' })
      return
    }
    setData((d) => ({ ...d, current: persona.id }))
    await Taro.showToast({ title: `已切换为 ${persona.name}`, icon: 'none' })
    setTimeout(() => void Taro.switchTab({ url: '/pages/mine/index' }), 600)
  }

  if (!h5) {
    return (
      <View className='personas'>
        <Text className='personas__tip'>在微信中使用的是你真实的微信身份，无需切换。</Text>
      </View>
    )
  }

  return (
    <View className='personas'>
      <Text className='personas__tip'>开发专用：选择一个演示身份，之后的所有操作都以该身份调用云函数。</Text>
      <PageStates state={state} retry={retry} skeleton={<Skeleton rows={6} animated />}>
        {({ personas, current }) => (
          <CellGroup>
            {personas.map((p) => (
              <Cell
                key={p.id}
                className='personas__cell'
                title={
                  <View className='personas__title'>
                    <Text>{p.name}</Text>
                    {current === p.id && (
                      <Tag type='primary' className='personas__tag'>
                        当前
                      </Tag>
                    )}
                  </View>
                }
                description={p.description}
                clickable
                onClick={() => void choose(p)}
              />
            ))}
          </CellGroup>
        )}
      </PageStates>
    </View>
  )
}
