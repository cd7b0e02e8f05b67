// Step 3 of the application: the three kinds of documents, each with its tiles, the uploads under
// way and the buttons to add more.
import { Text, View } from '@tarojs/components'
import { DOCUMENT_KINDS, DOCUMENT_LABELS } from '@contract/vocabulary'
import { openDocument } from '@/components/loan/data'
import { DocTile } from '@/components/loan/parts'
import { DOC_HINTS, MAX_PER_KIND } from './draft'
import type { LoanDraft } from './use-draft'
import type { Documents, Upload } from './use-documents'

import './documents-step.scss'

export function DocumentsStep({ draft, files }: { draft: LoanDraft; files: Documents }) {
  const { documents, serverErrors, tried } = draft
  const { uploads, removing, addFiles, removeDocument } = files
  return (
    <View className='apply__docs'>
      <Text className='apply__docs-lead'>JPG、PNG 图片或 PDF 文件，每份不超过 4 MB，每类最多 {MAX_PER_KIND} 份。材料仅审核人员和贷款银行可见。</Text>
      {(serverErrors.documents || serverErrors.fileId) && (
        <View className='ln-field__error apply__docs-error' data-error-for='documents'>
          <Text className='ln-field__error-dot'>!</Text>
          <Text>{serverErrors.documents || serverErrors.fileId}</Text>
        </View>
      )}
      {DOCUMENT_KINDS.map((kind) => {
        const docs = documents.filter((d) => d.kind === kind)
        const busy = uploads.filter((u) => u.kind === kind)
        const room = MAX_PER_KIND - docs.length - busy.filter((u) => u.stage !== 'failed').length
        const missing = tried[2] && docs.length === 0
        return (
          <View key={kind} className={`ln-form apply-kind apply-kind--${kind}${missing ? ' apply-kind--missing' : ''}`} data-kind={kind}>
            <View className='ln-form__title'>
              <Text>
                {DOCUMENT_LABELS[kind]}
                <Text className='ln-field__req'>*</Text>
              </Text>
              <Text className='ln-form__sub'>
                {docs.length}/{MAX_PER_KIND}
              </Text>
            </View>
            <Text className='ln-form__lead'>{DOC_HINTS[kind]}</Text>
            <View className='apply-kind__tiles'>
              {docs.map((doc) => (
                <DocTile key={doc.id} doc={doc} busy={removing === doc.id} onOpen={() => void openDocument(doc, documents)} onRemove={() => void removeDocument(doc)} />
              ))}
              {busy.map((u) => (
                <UploadTile key={u.key} u={u} onDismiss={() => files.dismiss(u.key)} />
              ))}
              {room > 0 && (
                <View className='apply-add'>
                  <View className='apply-add__btn apply-add__photo' hoverClass='ln-pressed' onClick={() => void addFiles(kind, 'photo')}>
                    <Text className='apply-add__icon'>+</Text>
                    <Text>{process.env.TARO_ENV === 'weapp' ? '拍照/相册' : '选择图片'}</Text>
                  </View>
                  <View className='apply-add__btn apply-add__file' hoverClass='ln-pressed' onClick={() => void addFiles(kind, 'file')}>
                    <Text className='apply-add__icon'>+</Text>
                    <Text>{process.env.TARO_ENV === 'weapp' ? '聊天文件' : '选择 PDF'}</Text>
                  </View>
                </View>
              )}
            </View>
            {missing && (
              <View className='ln-field__error apply-kind__missing'>
                <Text className='ln-field__error-dot'>!</Text>
                <Text>请上传{DOCUMENT_LABELS[kind]}</Text>
              </View>
            )}
          </View>
        )
      })}
    </View>
  )
}

function UploadTile({ u, onDismiss }: { u: Upload; onDismiss: () => void }) {
  return (
    <View className={`apply-upload apply-upload--${u.stage}`}>
      <View className='apply-upload__box'>
        {u.stage === 'failed' ? (
          <Text className='apply-upload__fail'>!</Text>
        ) : (
          <>
            <View className='apply-upload__bar'>
              <View className={`apply-upload__fill apply-upload__fill--${u.stage}`} />
            </View>
            <Text className='apply-upload__stage'>{u.stage === 'uploading' ? '上传中…' : '校验中…'}</Text>
          </>
        )}
        {u.stage === 'failed' && (
          <View className='apply-upload__dismiss' onClick={onDismiss}>
            <Text>×</Text>
          </View>
        )}
      </View>
      <Text className='apply-upload__name'>{u.name}</Text>
      {u.stage === 'failed' && <Text className='apply-upload__message'>{u.message}</Text>}
    </View>
  )
}
