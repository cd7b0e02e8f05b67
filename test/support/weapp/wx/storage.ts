import type { AsyncApi } from './async-api'

export function storageApis(asyncApi: AsyncApi, storage: Map<string, unknown>) {
  return {
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, v: unknown) => void storage.set(key, v),
    removeStorageSync: (key: string) => void storage.delete(key),
    clearStorageSync: () => storage.clear(),
    getStorage: asyncApi('getStorage', (o) => {
      if (!storage.has(o.key)) throw { errMsg: 'getStorage:fail data not found' }
      return { data: storage.get(o.key) }
    }),
    setStorage: asyncApi('setStorage', (o) => void storage.set(o.key, o.data)),
    removeStorage: asyncApi('removeStorage', (o) => void storage.delete(o.key)),
    clearStorage: asyncApi('clearStorage', () => storage.clear()),
    getStorageInfoSync: () => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 }),
  }
}
