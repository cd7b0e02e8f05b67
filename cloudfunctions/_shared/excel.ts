// Reports as Excel workbooks: each sheet a table with a bold header, saved to cloud storage and
// handed back as a temporary link. exceljs loads only when a report is exported.
import crypto from 'node:crypto'
import { files } from './cloud'

export interface Sheet {
  title: string
  columns: { header: string; key: string; width: number }[]
  rows: Record<string, unknown>[]
}

/** A sheet's column: its header, the row key it shows and its width in characters. */
export const col = (header: string, key: string, width = 14): Sheet['columns'][number] => ({ header, key, width })

/**
 * A workbook's file name from what it holds (what, for whom or where, which period):
 * 「岗位对接会统计-2026届乡村振兴志愿者岗位对接会-清远市青少年宫-2026-12-09.xlsx」. Parts are
 * kept readable; characters no file system takes and empty parts are left out.
 */
export function workbookName(...parts: (string | null | undefined)[]): string {
  const clean = parts
    .map((p) => (p ?? '').replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 40))
    .filter(Boolean)
  return `${clean.join('-') || '导出'}.xlsx`
}

/** Writes the sheets as a workbook to storage under `folder` (reports/<folder>/<file name>): its file id. */
export async function writeWorkbook(folder: string, fileName: string, sheets: Sheet[]): Promise<string> {
  const { default: ExcelJS } = await import('exceljs')
  const book = new ExcelJS.Workbook()
  book.creator = '乡青汇'
  for (const s of sheets) {
    const sheet = book.addWorksheet(s.title)
    sheet.columns = s.columns
    sheet.getRow(1).font = { bold: true }
    for (const r of s.rows) sheet.addRow(r)
  }
  return files.upload(`reports/${folder}/${fileName}`, Buffer.from(await book.xlsx.writeBuffer()))
}

/** A workbook written now and handed back as a temporary link. */
export async function exportWorkbook(fileName: string, sheets: Sheet[]): Promise<{ fileUrl: string; fileName: string }> {
  const fileId = await writeWorkbook(crypto.randomUUID(), fileName, sheets)
  return { fileUrl: (await files.tempUrls([fileId])).get(fileId) ?? '', fileName }
}
