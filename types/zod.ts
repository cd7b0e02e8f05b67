// The one place zod is configured. Schema modules import it as a namespace,
// `import * as z from './zod'`, which lets bundlers keep only the parts of zod in use
// (a named `z` object would drag in all of zod, every locale included).
import { config } from 'zod'
import zhCN from 'zod/v4/locales/zh-CN.js'

// The mini program forbids `new Function`: zod must not compile validators at run time.
// Messages default to Chinese; our schemas add field-specific ones where it matters.
config({ jitless: true, ...zhCN() })

export * from 'zod'
