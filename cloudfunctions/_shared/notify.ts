// Subscribe messages (订阅消息), filled as types/notices.ts declares each template. WeChat delivers
// one only if the user accepted that template beforehand (the app asks at the moment that leads to
// it); a message that is refused (no accept left: 43101; data that does not fit: 47003) is logged
// and never fails the action that sent it.
import { fitField, NOTICE_TEMPLATES, type NoticeName, type NoticeValues } from '../../types/notices'
import { cloud } from './cloud'
import { config } from './config'

export async function notify<N extends NoticeName>(openid: string, template: N, page: string, values: NoticeValues<N>): Promise<boolean> {
  if (!openid || openid.startsWith('closed:')) return false
  const fields = NOTICE_TEMPLATES[template].fields as Record<string, { type: Parameters<typeof fitField>[0] }>
  const data = Object.fromEntries(Object.entries(values as Record<string, string>).map(([k, v]) => [k, { value: fitField(fields[k].type, v) }]))
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
    const e = err as { errCode?: number; errMsg?: string }
    console.warn(`subscribe message ${template} not delivered: ${e.errCode ?? ''} ${e.errMsg ?? ''}`)
    return false
  }
}
