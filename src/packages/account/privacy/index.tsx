// 隐私政策：收集什么、为什么、谁能看到、如何保存、保存多久、你的权利、如何联系我们。
// Its version is PRIVACY_VERSION: a registration records the version the user agreed to, and a
// new version asks for consent again at the next submit.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PRIVACY_VERSION, SENSITIVE_CONSENT_VERSION } from '@contract/vocabulary'
import { ROUTES } from '@/constants/routes'
import { chineseDate } from '@/components/ui/format'

import './index.scss'

interface Section {
  title: string
  paragraphs?: string[]
  items?: [string, string][]
}

const SECTIONS: Section[] = [
  {
    title: '一、我们收集哪些信息',
    items: [
      ['注册乡村振兴志愿者时', '姓名、身份证号、手机号、服务镇街、毕业院校、所学专业、毕业年份、政治面貌、特长和服务期；性别和出生日期由身份证号自动识别，不需另外填写。'],
      ['登记农村青年时', '姓名、身份证号、手机号、所在镇街、从事的行业或项目。'],
      ['微信账号信息', '微信为本小程序分配的用户标识（OpenID）；你主动设置的头像和昵称；经你授权后由微信提供的手机号。'],
      ['签到时的位置', '只在你点击「签到」「签退」的那一刻读取一次，用于确认你在志愿服务驿站的签到范围内；不会在后台持续定位。'],
      ['你上传的照片和文件', '例如志愿网格员上报问题时拍的照片、申请创业贴息贷款时提交的材料。'],
      ['服务与参与记录', '签到签退时间、服务时长、星级、爱心商家优惠的核销记录，以及岗位对接会、培训的报名记录。'],
    ],
  },
  {
    title: '二、为什么收集',
    paragraphs: [
      '用于核验你的身份并防止同一人重复注册；由县（市、区）团委审核你的注册；记录和统计志愿服务时长与星级；核销爱心商家优惠；办理创业贴息贷款和岗位对接；把审核结果等通知发送给你（仅在你同意订阅后）。',
      '我们不会把你的个人信息用于与上述项目无关的目的，不会出售，也不会用于商业营销。',
    ],
  },
  {
    title: '三、谁能看到你的信息',
    items: [
      ['你本人', '可以查看自己提交的全部信息。'],
      ['负责审核的县（市、区）团委', '审核你的注册时可以查看完整的身份证号；每一次查看都会记录查看人和时间。'],
      ['镇街团委干事', '可以看到在本镇街服务的志愿者姓名、签到记录和服务时长，用于审核签到。'],
      ['其他人', '包括爱心商家、合作银行和用人单位，只能看到脱敏后的身份证号（如 4418**********123X）和手机号（如 138****8000），以及办理具体业务所必需的信息。'],
    ],
  },
  {
    title: '四、如何保存和保护',
    paragraphs: [
      '身份证号加密保存（AES-256），防重复注册使用不可逆的索引，不以明文保存。所有数据保存在中华人民共和国境内的微信云开发环境中。',
      '不同身份只能访问各自职责范围内的数据；每一次审核、驳回和对服务时长的调整都会记录操作人、时间和理由。',
    ],
  },
  {
    title: '五、保存多久',
    paragraphs: [
      '在你使用乡青汇期间保存。你注销账号后，我们会删除你的姓名、身份证号、手机号、学校、专业、特长、头像和昵称等个人信息；为保证驿站服务时长统计、商家核销对账等他人记录的完整，只保留不能识别到你的匿名记录。法律法规另有规定的，从其规定。',
    ],
  },
  {
    title: '六、你的权利',
    items: [
      ['查阅和更正', '在「我的」页面查看注册状态；审核通过前可以自行更正后重新提交，通过后如需更正请联系所在县（市、区）团委。'],
      ['撤回同意、注销账号', '在「我的 → 编辑资料 → 撤回同意并注销账号」操作，我们会按第五条删除你的个人信息。撤回同意不影响撤回前已经进行的处理。'],
      ['拒绝通知和定位', '订阅消息可以随时在微信设置中关闭；也可以关闭位置权限，但将无法在驿站签到。'],
    ],
  },
  {
    title: '七、敏感个人信息与未成年人',
    paragraphs: [
      '身份证号属于敏感个人信息。我们在你注册时单独征求你的同意，只用于核验身份和防止重复注册。',
      '乡青汇的服务对象是成年青年。如你未满 18 周岁，请在监护人同意和指导下使用。',
    ],
  },
  {
    title: '八、联系我们',
    paragraphs: [
      '乡青汇由共青团清远市委员会（团清远市委）运营。对本政策或你的个人信息有任何疑问、意见或投诉，可以联系团清远市委乡村振兴项目办，或你所在县（市、区）团委。我们会在 15 个工作日内答复。',
    ],
  },
  {
    title: '九、政策更新',
    paragraphs: ['本政策更新后版本号会改变。你下次提交个人信息时，我们会请你重新阅读并同意新版本；重大变化会在小程序内显著提示。'],
  },
]

export default function Privacy() {
  const back = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
    else void Taro.switchTab({ url: ROUTES.mine })
  }

  return (
    <View className='privacy'>
      <View className='privacy__head'>
        <Text className='privacy__title'>乡青汇隐私政策</Text>
        <View className='privacy__meta'>
          <Text className='privacy__version' data-version={PRIVACY_VERSION}>
            版本 {PRIVACY_VERSION}
          </Text>
          <Text className='privacy__date'>{chineseDate(PRIVACY_VERSION)}起生效</Text>
        </View>
        <Text className='privacy__intro'>
          乡青汇是团清远市委为乡村振兴青年项目提供服务的微信小程序。我们只收集办理这些项目所必需的个人信息，并按本政策保护它们。请你在注册前仔细阅读。
        </Text>
      </View>

      <View className='privacy__summary'>
        <Text className='privacy__summary-title'>要点</Text>
        <Text className='privacy__summary-line'>· 身份证号加密保存，其他人只能看到脱敏号码</Text>
        <Text className='privacy__summary-line'>· 只在签到时读取一次位置</Text>
        <Text className='privacy__summary-line'>· 可随时撤回同意并注销账号</Text>
      </View>

      {SECTIONS.map((s) => (
        <View key={s.title} className='privacy__section'>
          <Text className='privacy__h'>{s.title}</Text>
          {s.paragraphs?.map((p) => (
            <Text key={p} className='privacy__p'>
              {p}
            </Text>
          ))}
          {s.items?.map(([k, v]) => (
            <View key={k} className='privacy__item'>
              <Text className='privacy__item-key'>{k}</Text>
              <Text className='privacy__item-text'>{v}</Text>
            </View>
          ))}
        </View>
      ))}

      <Text className='privacy__foot'>
        隐私政策版本 {PRIVACY_VERSION} · 敏感个人信息授权版本 {SENSITIVE_CONSENT_VERSION}
      </Text>
      <View className='privacy__back' hoverClass='privacy__back--pressed' onClick={back}>
        <Text>我已了解</Text>
      </View>
    </View>
  )
}
