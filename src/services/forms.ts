// What a form does with a save the function refused.
import Taro from '@tarojs/taro'
import { CallError, errorMessage } from './cloud'
import { scrollToField } from './navigation'

/** What a form does with what the person filled in (the word its toasts use). */
export type FormVerb = '保存' | '提交'

/** The toast when rows of a form need mending before it is sent again. */
export function stopMessage(count: number, verb: FormVerb = '保存'): string {
  return count > 1 ? `还有 ${count} 项需要修改` : `请按提示修改后再${verb}`
}

/**
 * Shows a refused save where the person will see it: next to the row of the field the function
 * named (scrolled into view), or, for anything else, with `elsewhere` (a banner the form keeps)
 * or as a toast with the function's message.
 */
export function showSaveError<Row extends string>(
  err: unknown,
  rowOfField: (field: string) => Row | null,
  markRow: (row: Row, message: string) => void,
  { verb = '保存', elsewhere }: { verb?: FormVerb; elsewhere?: (message: string) => void } = {},
): void {
  const row = err instanceof CallError && err.field ? rowOfField(err.field) : null
  if (row) {
    markRow(row, (err as CallError).message)
    scrollToField(row)
    void Taro.showToast({ title: stopMessage(1, verb), icon: 'none' })
  } else if (elsewhere) {
    elsewhere(errorMessage(err))
  } else {
    void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
  }
}
