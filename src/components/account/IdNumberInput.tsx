// The ID number as typed: WeChat's ID-card keyboard in the mini program, plain text on the web.
import { TextInput } from '@/components/ui/TextInput'

export function IdNumberInput({ value, onChange, onBlur }: { value: string; onChange: (v: string) => void; onBlur?: () => void }) {
  return (
    <TextInput
      type={process.env.TARO_ENV === 'weapp' ? 'idcard' : 'text'}
      value={value}
      placeholder='18 位居民身份证号'
      maxLength={18}
      onChange={onChange}
      onBlur={onBlur}
    />
  )
}
