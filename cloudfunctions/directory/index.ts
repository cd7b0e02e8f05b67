// 公共目录：清远市的县（市、区）与镇街，来自项目附带的区划数据。
import divisions from '../../data/qingyuan-divisions.json'
import { directory } from '../../types/directory'
import { defineFunction } from '../_shared/handler'

const counties = divisions.counties.map((c) => ({
  code: c.code,
  name: c.name,
  townships: c.townships.map((t) => ({ code: t.code, name: t.name })),
}))

export const main = defineFunction('directory', directory, {
  async divisions() {
    return { city: divisions.city, counties }
  },
})
