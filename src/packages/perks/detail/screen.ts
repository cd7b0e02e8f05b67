// The phone's screen while a perk code is shown (WeChat only; the web has no such APIs): kept on
// and bright, put back as it was after; a screenshot of a code is useless (it expires and is
// single-use), and the volunteer is told so.
import Taro from '@tarojs/taro'

const isWeapp = process.env.TARO_ENV === 'weapp'

let savedBrightness: number | null = null

export function screenForCode(on: boolean): void {
  if (!isWeapp) return
  Taro.setKeepScreenOn({ keepScreenOn: on }).catch(() => undefined)
  if (on) {
    Taro.getScreenBrightness()
      .then((res) => {
        if (savedBrightness === null) savedBrightness = res.value
        return Taro.setScreenBrightness({ value: Math.max(res.value, 0.9) })
      })
      .catch(() => undefined)
  } else if (savedBrightness !== null) {
    Taro.setScreenBrightness({ value: savedBrightness }).catch(() => undefined)
    savedBrightness = null
  }
}

function onCapture() {
  void Taro.showToast({ title: '截图的优惠码无效，请在店内当场出示', icon: 'none', duration: 2500 })
}

/** Says a screenshot is useless while `showing`; returns the undo for an effect. */
export function warnOnCapture(showing: boolean): (() => void) | undefined {
  if (!isWeapp || !showing) return
  try {
    Taro.onUserCaptureScreen(onCapture)
  } catch {
    return
  }
  return () => {
    try {
      Taro.offUserCaptureScreen(onCapture)
    } catch {
      // nothing to undo
    }
  }
}
