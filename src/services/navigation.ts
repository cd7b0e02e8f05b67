// Page navigation the role subpackages share.
import Taro from '@tarojs/taro'

/** Back to the page that opened this one, or to `fallback` when it was opened directly (a shared link, a scan). */
export function goBackOr(fallback: string): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.redirectTo({ url: fallback })
}

/** Scrolls a form row (`#field-<name>`) into view, so that the error shown next to it is seen. */
export function scrollToField(field: string): void {
  try {
    void Taro.pageScrollTo({ selector: `#field-${field}`, offsetTop: -80, duration: 250 }).catch(() => undefined)
  } catch {
    // Older clients without selector scrolling: the error is still shown next to the field.
  }
}

/** Decodes a value that may arrive URL-encoded once or twice (a 小程序码 scene, a wrapped link). */
export function decodeTwice(value: string): string {
  let out = value
  for (let i = 0; i < 2 && /%[0-9A-Fa-f]{2}/.test(out); i++) {
    try {
      out = decodeURIComponent(out)
    } catch {
      break
    }
  }
  return out
}
