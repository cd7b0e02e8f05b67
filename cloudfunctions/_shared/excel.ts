// Reports as Excel workbooks: each sheet a table with a bold header, saved to cloud storage and
// handed back as a temporary link. exceljs loads only when a report is exported.
import crypto from 'node:crypto'
import { files } from './cloud'

export interface Sheet {
  title: string
  columns: { header: string; key: string; width: number }[]
  rows: Record<string, unknown>[]
}

export async function exportWorkbook(fileName: string, sheets: Sheet[]): Promise<{ fileUrl: string; fileName: string }> {
  const { default: ExcelJS } = await import('exceljs')
  const book = new ExcelJS.Workbook()
  book.creator = '乡青汇'
  for (const s of sheets) {
    const sheet = book.addWorksheet(s.title)
    sheet.columns = s.columns
    sheet.getRow(1).font = { bold: true }
    for (const r of s.rows) sheet.addRow(r)
  }
  const fileContent = Buffer.from(await book.xlsx.writeBuffer())
  const fileId = await files.upload(`reports/${crypto.randomUUID()}/${fileName}`, fileContent)
  return { fileUrl: (await files.tempUrls([fileId])).get(fileId) ?? '', fileName }
}
