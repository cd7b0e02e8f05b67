// The web build's stand-in for WeChat's subscribe-message dialog (development builds only, as
// the web build serves local development and browser tests): the same question, 允许 or 取消,
// and the answer recorded by the local cloud for this development identity, so that the
// functions' sends meet the consent rules WeChat applies.
import Taro from '@tarojs/taro'
import type { NoticeTemplate } from '@contract/notices'

export async function requestSubscription(tmplIds: string[], templates: NoticeTemplate[]): Promise<Record<string, string>> {
  if (process.env.TARO_APP_DEV_TOOLS !== 'true') return {}
  const { confirm } = await Taro.showModal({
    title: '乡青汇想给你发送消息',
    content: templates.map((t) => `「${t.title}」${t.why}`).join('；'),
    confirmText: '允许',
    cancelText: '取消',
    confirmColor: '#07c160',
  })
  const answers = Object.fromEntries(tmplIds.map((id) => [id, confirm ? 'accept' : 'reject']))
  const res = await fetch(`${process.env.TARO_APP_GATEWAY_URL}/dev/subscribe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify({ answers }),
  })
  const body = (await res.json()) as { errCode?: number; errMsg?: string }
  if (body.errCode) throw new Error(body.errMsg)
  return answers
}
