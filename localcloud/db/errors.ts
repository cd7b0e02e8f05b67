// Errors in the shape the platform returns them: `{code, message}` in the reply body,
// which node-sdk turns into a thrown error and wx-server-sdk maps to its errCode
// (DATABASE_COLLECTION_NOT_EXIST → -502005, DATABASE_REQUEST_FAILED → -502001, ...).
export type DbErrorCode =
  | 'INVALID_PARAM'
  | 'INVALID_ACTION'
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_INVALID_OPERRATOR'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_DUPLICATE_WRITE'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'DATABASE_DOCUMENT_TOO_LARGE'
  | 'STORAGE_FILE_NONEXIST'
  | 'STORAGE_REQUEST_FAIL'
  | 'FUNCTIONS_EXECUTE_FAIL'
  | 'FUNCTIONS_REQUEST_FAIL'
  | 'SYS_ERR'

export class DbError extends Error {
  constructor(
    readonly code: DbErrorCode,
    message: string,
  ) {
    super(message)
  }

  static invalidParam(message: string): DbError {
    return new DbError('INVALID_PARAM', message)
  }

  static collectionMissing(name: string): DbError {
    // The platform's own wording for a query on a collection that was never created.
    return new DbError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}`)
  }

  static failed(message: string): DbError {
    return new DbError('DATABASE_REQUEST_FAILED', message)
  }

  /**
   * A transaction wrote a document that another open transaction has written, or that changed
   * after its snapshot: the platform's code and text (node-sdk's own integration tests against
   * the platform assert both). wx-server-sdk reports it from an operation as -501001 with this
   * text in errMsg; runTransaction retries it only when commit returns it.
   */
  static transactionConflict(): DbError {
    return new DbError(
      'DATABASE_TRANSACTION_CONFLICT',
      '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.',
    )
  }

  /** An operation on a transaction that was committed, aborted, or outlived its lifetime: the platform's code and text. */
  static transactionNotExist(lifetimeSeconds: number): DbError {
    return new DbError(
      'DATABASE_TRANSACTION_FAIL',
      `[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in ${lifetimeSeconds} seconds. Please check your request, but if the problem persists, contact us.`,
    )
  }

  static duplicateKey(collection: string, index: string, key: string): DbError {
    // MongoDB's E11000 text, which the platform passes through in the message.
    return new DbError(
      'DATABASE_REQUEST_FAILED',
      `E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${key}`,
    )
  }
}
