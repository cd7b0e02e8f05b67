// The strip under a report saying which workbook was just made (useWorkbookExport's `exported`),
// with 重新打开. Its look is the page block's (`@include workbook-export-strip` in
// _workbook-export.scss), so `block` names that block: 'report' gives .report__exported.
import { Text, View } from '@tarojs/components'

export function ExportedNote({ block, exported, reopen, rows = true }: { block: string; exported: { fileName: string; rows: number } | null; reopen: () => void; rows?: boolean }) {
  if (!exported) return null
  return (
    <View className={`${block}__exported`}>
      <Text className={`${block}__exported-text`}>
        已生成 {exported.fileName}
        {rows ? `（${exported.rows} 行）` : ''}
      </Text>
      <Text className={`${block}__exported-again`} onClick={reopen}>
        重新打开
      </Text>
    </View>
  )
}
