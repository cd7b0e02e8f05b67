// Files people upload: the app puts them in cloud storage under `uploads/<userId>/…` (the only
// place its storage rule lets a user write), then names the file in a call. The function reads
// it back, checks what it really is and how big, moves it to a private path the app cannot
// read, and deletes the upload. Nothing is trusted from the file name or the client's word.
import { files } from './cloud'
import { invalid } from './errors'

export type SniffedType = 'image/jpeg' | 'image/png' | 'application/pdf'

const EXTENSIONS: Record<SniffedType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' }

/** What a file is, from its first bytes (not its name). */
export function sniffType(content: Buffer): SniffedType | null {
  if (content.length >= 3 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'image/jpeg'
  if (content.length >= 8 && content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  if (content.length >= 5 && content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf'
  return null
}

/** The cloud path of a file ID (cloud://env.bucket/path → path). */
export function cloudPathOf(fileId: string): string {
  const rest = fileId.replace(/^cloud:\/\/[^/]+\//, '')
  return rest === fileId ? '' : rest
}

/** The folder a user's uploads go to (the app builds the same path). */
export const uploadFolder = (userId: string) => `uploads/${userId}/`

/**
 * Moves a user's upload to `dest` (without extension) once it checks out; returns the new file
 * and what it is. Refuses, naming `field`, a file of someone else, of the wrong type or too big.
 */
export async function adoptUpload(
  fileId: string,
  opts: { userId: string; field: string; dest: string; types: readonly SniffedType[]; maxBytes: number },
): Promise<{ fileId: string; type: SniffedType; size: number }> {
  const path = cloudPathOf(fileId)
  if (!path.startsWith(uploadFolder(opts.userId)) || path.includes('..')) throw invalid(opts.field, '文件无效，请重新上传')
  let content: Buffer
  try {
    content = await files.download(fileId)
  } catch {
    throw invalid(opts.field, '文件不存在或已过期，请重新上传')
  }
  const discard = () => files.remove([fileId]).catch(() => undefined)
  if (content.length > opts.maxBytes) {
    await discard()
    throw invalid(opts.field, `文件不能超过 ${Math.floor(opts.maxBytes / 1024 / 1024)} MB`)
  }
  const type = sniffType(content)
  if (!type || !opts.types.includes(type)) {
    await discard()
    throw invalid(opts.field, `只能上传 ${opts.types.map((t) => EXTENSIONS[t].toUpperCase()).join('、')} 文件`)
  }
  const adopted = await files.upload(`${opts.dest}.${EXTENSIONS[type]}`, content)
  await discard()
  return { fileId: adopted, type, size: content.length }
}
