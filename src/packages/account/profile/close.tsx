// 撤回同意并注销账号: what closing deletes, an optional reason, and a confirmation that must be
// ticked first; the drafts on the phone go with the account.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Tick } from '@/components/ui/Tick'
import { clearAllDrafts } from '@/components/account/drafts'
import { ROUTES } from '@/constants/routes'
import { call, errorMessage } from '@/services/cloud'
import { Button } from '@/components/ui/Button'
import { Sheet } from '@/components/ui/Sheet'

const CLOSE_REASONS = ['不再参加相关项目', '更换了微信账号', '担心个人信息安全', '其他原因']

export function CloseAccount() {
  const [closing, setClosing] = useState(false)
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [understood, setUnderstood] = useState(false)

  const start = () => {
    setReason('')
    setUnderstood(false)
    setOpen(true)
  }

  const close = async () => {
    if (!understood || closing) return
    setClosing(true)
    try {
      await call('account.close', { confirm: true, reason })
      clearAllDrafts()
      setOpen(false)
      await Taro.showToast({ title: '账号已注销', icon: 'success', duration: 1200 })
      setTimeout(() => void Taro.switchTab({ url: ROUTES.mine }), 1200)
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      setClosing(false)
    }
  }

  return (
    <>
      <View className='form-card profile__danger'>
        <Text className='form-card__title profile__danger-title'>撤回同意并注销账号</Text>
        <Text className='form-card__body profile__danger-text'>撤回对隐私政策的同意，删除你在乡青汇的个人信息和全部身份。注销后无法恢复；以后再使用需要重新注册。</Text>
        <View className='profile__danger-action'>
          <Button kind='danger' className='profile__close' onClick={start}>
            撤回同意并注销账号
          </Button>
        </View>
      </View>

      <Sheet visible={open} title='确定注销账号？' className='profile__sheet' closable={!closing} onClose={() => setOpen(false)}>
        <View className='profile__sheet-body'>
          <Text className='profile__sheet-lead'>注销后将立即删除：</Text>
          <Text className='profile__sheet-item'>姓名、身份证号、手机号、学校专业、特长等注册信息，头像、昵称，以及你的全部身份和工作台权限。</Text>
          <Text className='profile__sheet-item'>只保留不能识别你的匿名记录（如驿站服务时长统计），以保证他人记录完整。注销后无法恢复。</Text>
          <Text className='profile__sheet-lead'>注销原因（选填）</Text>
          <View className='profile__reasons'>
            {CLOSE_REASONS.map((r) => (
              <View key={r} className={`profile__reason${reason === r ? ' profile__reason--on' : ''}`} onClick={() => setReason(reason === r ? '' : r)}>
                <Text>{r}</Text>
              </View>
            ))}
          </View>
          <View className={`profile__understood${understood ? ' profile__understood--on' : ''}`} onClick={() => setUnderstood(!understood)}>
            <Tick on={understood} className='profile__tick' />
            <Text>我已了解，注销后无法恢复</Text>
          </View>
          <View className='profile__sheet-actions'>
            <Button kind='plain' className='profile__sheet-cancel' disabled={closing} onClick={() => setOpen(false)}>
              再想想
            </Button>
            <Button kind='primary' className='profile__sheet-confirm' disabled={!understood} busy={closing} onClick={() => void close()}>
              {closing ? '正在注销…' : '确认注销'}
            </Button>
          </View>
        </View>
      </Sheet>
    </>
  )
}
