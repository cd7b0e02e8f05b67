// An export that keeps the file it made: a second tap while one is being made does nothing; the
// workbook opens at once (WeChat's document viewer, or a download on the web), and stays at hand
// to open again when that failed or was closed, until the figures it was made of change
// (`madeOf`: the report's filters). A refusal is said in its own words.
import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { errorMessage } from '@/services/cloud'
import { openWorkbook } from '@/services/files'

type Workbook = Parameters<typeof openWorkbook>[0]

/** `done` says what was exported (default 已导出 Excel). */
export function useWorkbookExport<File extends Workbook>(make: () => Promise<File>, { madeOf = '', done }: { madeOf?: string; done?: (file: File) => string } = {}) {
  const [exporting, setExporting] = useState(false)
  const [exported, setExported] = useState<File | null>(null)
  const sending = useRef(false)

  // Other filters: the workbook made before is not their figures.
  useEffect(() => setExported(null), [madeOf])

  const run = async () => {
    if (sending.current) return
    sending.current = true
    setExporting(true)
    try {
      const file = await make()
      setExported(file)
      try {
        await openWorkbook(file)
        void Taro.showToast({ title: done ? done(file) : '已导出 Excel', icon: 'none' })
      } catch {
        void Taro.showToast({ title: '文件已生成，但打开失败，请点「重新打开」', icon: 'none', duration: 2500 })
      }
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
    } finally {
      sending.current = false
      setExporting(false)
    }
  }

  const reopen = () => {
    if (exported) openWorkbook(exported).catch(() => void Taro.showToast({ title: '打开失败，请重新导出', icon: 'none' }))
  }

  return { exporting, exported, run, reopen }
}
