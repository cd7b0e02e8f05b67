// What a form does with a save the function refused.
import Taro from '@tarojs/taro'
import { CallError, errorMessage } from './cloud'
import { scrollToField } from './navigation'

/**
 * Shows a refused save where the person will see it: next to the row of the field the function
 * named (scrolled into view), or, for anything else, as a toast with the function's message.
 */
export function showSaveError<Row extends string>(err: unknown, rowOfField: (field: string) => Row | null, markRow: (row: Row, message: string) => void): void {
  const row = err instanceof CallError && err.field ? rowOfField(err.field) : null
  if (row) {
    markRow(row, (err as CallError).message)
    scrollToField(row)
    void Taro.showToast({ title: '请按提示修改后再保存', icon: 'none' })
  } else {
    void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
  }
}
