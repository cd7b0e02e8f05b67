// Subscribe messages (订阅消息). A message that cannot be delivered (the user did not subscribe,
// quota used up) is logged and never fails the action that sent it.
import { cloud } from './cloud'
import { config } from './config'

/** WeChat's limits for template fields: thing ≤ 20 characters, phrase ≤ 5. */
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s)

export async function notify(openid: string, template: 'review' | 'role', page: string, fields: Record<string, string>): Promise<boolean> {
  if (!openid || openid.startsWith('closed:')) return false
  const data = Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, { value: k.startsWith('phrase') ? clip(v, 5) : k.startsWith('thing') ? clip(v, 20) : v }]),
  )
  try {
    await cloud.openapi.subscribeMessage.send({
      touser: openid,
      templateId: config.template(template),
      page,
      data,
      miniprogramState: config.miniprogramState(),
    } as never)
    return true
  } catch (err) {
    console.warn(`subscribe message ${template} not delivered: ${(err as { errCode?: number }).errCode ?? ''}`)
    return false
  }
}
