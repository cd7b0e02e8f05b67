// The `directory` function: public reference data (Qingyuan's counties and townships).
import { action } from './common'
import * as z from './zod'

export const Township = z.object({ code: z.string(), name: z.string() })
export const County = z.object({ code: z.string(), name: z.string(), townships: z.array(Township) })
export type County = z.infer<typeof County>

export const directory = {
  divisions: action({
    summary: '清远市的县（市、区）与镇街',
    input: z.object({}),
    output: z.object({ city: z.object({ code: z.string(), name: z.string() }), counties: z.array(County) }),
    access: { who: 'anyone' },
  }),
}
