// The one declaration of the environment the product runs in, read from the files that already
// declare each part (nothing here is written twice): collections with their indexes and security
// rules (cloudfunctions/collections.json), the storage rule (cloudfunctions/storage.rules.json),
// each function's configuration (cloudfunctions/<name>/config.json), the variables the functions
// and the build read (cloudfunctions/_shared/config.ts, config/settings.ts), the subscribe-message
// templates (types/notices.ts) and the mini program's build. Checked with zod: a malformed file
// stops the deploy naming the file and the field.
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { FUNCTION_SETTINGS } from '../cloudfunctions/_shared/config'
import { BUILD_SETTINGS } from '../config/settings'
import { NOTICE_NAMES, NOTICE_TEMPLATES, templateIdVariable } from '../types/notices'

export const ROOT = path.resolve(__dirname, '..')

const name = z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/, 'a name of letters, digits, _ and -')

export const IndexDeclaration = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_]{1,64}$/, 'an index name of letters, digits and _'),
  keys: z.record(z.string().min(1), z.union([z.literal(1), z.literal(-1)])).refine((keys) => Object.keys(keys).length > 0, 'at least one key'),
  unique: z.boolean().optional(),
  sparse: z.boolean().optional(),
})
export type IndexDeclaration = z.infer<typeof IndexDeclaration>

/** A security rule: per operation, true/false or an expression of the rule language. */
const SecurityRule = z.record(z.string(), z.union([z.boolean(), z.string()]))

export const CollectionDeclaration = z.strictObject({
  rule: SecurityRule,
  indexes: z.array(IndexDeclaration).default([]),
  /** `large`: grows with the city over the years; every query on it must use an index. */
  scale: z.literal('large').optional(),
})
export type CollectionDeclaration = z.infer<typeof CollectionDeclaration>

export const CollectionsDeclaration = z.record(name, CollectionDeclaration).superRefine((collections, ctx) => {
  for (const [collection, spec] of Object.entries(collections)) {
    const seen = new Set<string>()
    for (const index of spec.indexes) {
      if (seen.has(index.name)) ctx.addIssue({ code: 'custom', path: [collection, 'indexes'], message: `index ${index.name} is declared twice` })
      seen.add(index.name)
    }
  }
})

export const StorageRuleDeclaration = z.strictObject({ read: z.union([z.boolean(), z.string()]), write: z.union([z.boolean(), z.string()]) })

/** A timer trigger: WeChat Cloud's 7-field cron (seconds … year), in UTC. */
export const TriggerDeclaration = z.strictObject({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/),
  type: z.literal('timer'),
  config: z.string().refine((cron) => cron.trim().split(/\s+/).length === 7, 'a 7-field cron expression (second minute hour day month weekday year)'),
})

export const FunctionConfigDeclaration = z.strictObject({
  /** Seconds; WeChat Cloud allows 1–60 (the console's 超时时间). */
  timeout: z.number().int().min(1).max(60),
  /** MB; the platform's default is 256. */
  memorySize: z.union([z.literal(128), z.literal(256), z.literal(512), z.literal(1024), z.literal(2048)]).default(256),
  permissions: z.strictObject({ openapi: z.array(z.string().regex(/^[a-zA-Z]+\.[a-zA-Z]+$/)).default([]) }).default({ openapi: [] }),
  triggers: z.array(TriggerDeclaration).default([]),
})

export interface FunctionDeclaration extends z.infer<typeof FunctionConfigDeclaration> {
  name: string
  /** The environment variables it reads (cloudfunctions/_shared/config.ts); their values come from the secrets file. */
  variables: string[]
}

export interface TemplateDeclaration {
  name: string
  title: string
  kind: 'one-time' | 'long-term'
  /** The variable (functions and build) that carries its id from the console. */
  variable: string
  keywords: string[]
}

export interface EnvironmentDeclaration {
  collections: Record<string, CollectionDeclaration>
  storageRule: z.infer<typeof StorageRuleDeclaration>
  functions: Record<string, FunctionDeclaration>
  templates: TemplateDeclaration[]
  /** Every variable a function reads, and every one the mini program's build reads. */
  functionVariables: string[]
  buildVariables: string[]
}

/** Where the declaration is read from (tests point it at copies). */
export interface DeclarationSources {
  functionsSource: string
}

export class DeclarationError extends Error {}

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (err) {
    throw new DeclarationError(`${path.relative(ROOT, file)}: cannot be read as JSON (${(err as Error).message})`)
  }
  const parsed = schema.safeParse(raw)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`)
    throw new DeclarationError(`${path.relative(ROOT, file)} is not a valid declaration:\n  ${problems.join('\n  ')}`)
  }
  return parsed.data
}

export function readCollections(file: string): Record<string, CollectionDeclaration> {
  return readJson(file, CollectionsDeclaration)
}

/** The environment as the repository declares it. */
export function readDeclaration(sources: DeclarationSources = { functionsSource: path.join(ROOT, 'cloudfunctions') }): EnvironmentDeclaration {
  const dir = sources.functionsSource
  const functionVariables = Object.keys(FUNCTION_SETTINGS)
  const functions: Record<string, FunctionDeclaration> = {}
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const configFile = path.join(dir, entry.name, 'config.json')
    if (!entry.isDirectory() || entry.name.startsWith('_') || !fs.existsSync(configFile)) continue
    functions[entry.name] = { name: entry.name, ...readJson(configFile, FunctionConfigDeclaration), variables: functionVariables }
  }
  return {
    collections: readCollections(path.join(dir, 'collections.json')),
    storageRule: readJson(path.join(dir, 'storage.rules.json'), StorageRuleDeclaration),
    functions,
    templates: NOTICE_NAMES.map((notice) => ({
      name: notice,
      title: NOTICE_TEMPLATES[notice].title,
      kind: NOTICE_TEMPLATES[notice].kind,
      variable: templateIdVariable(notice),
      keywords: Object.keys(NOTICE_TEMPLATES[notice].fields),
    })),
    functionVariables,
    buildVariables: Object.keys(BUILD_SETTINGS),
  }
}
