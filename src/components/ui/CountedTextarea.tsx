// A multi-line input with its count under it (12/200): the forms' longer texts (an occupation, a
// reason, a position's requirements). The page names its own classes, drawn in its stylesheet.
import { Text, Textarea, View } from '@tarojs/components'

interface Props {
  value: string
  placeholder: string
  maxLength: number
  onChange: (value: string) => void
  /** The box around the input and its count. */
  className: string
  inputClassName: string
  placeholderClass: string
  countClassName: string
  autoHeight?: boolean
}

export function CountedTextarea({ value, placeholder, maxLength, onChange, className, inputClassName, placeholderClass, countClassName, autoHeight }: Props) {
  return (
    <View className={className}>
      <Textarea
        className={inputClassName}
        value={value}
        placeholder={placeholder}
        placeholderClass={placeholderClass}
        maxlength={maxLength}
        autoHeight={autoHeight}
        onInput={(e) => onChange(e.detail.value)}
      />
      <Text className={countClassName}>
        {value.length}/{maxLength}
      </Text>
    </View>
  )
}
