// Plan and apply: compare the declaration with what a target reads, list every item as create,
// update or unchanged, and apply only the changes. Nothing the declaration does not name is
// dropped: a collection, index, function or trigger found only in the environment is listed as
// kept. Applying the plan of a freshly read state twice changes nothing the second time.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import divisions from '../data/qingyuan-divisions.json'
import { INVITATION_CODE } from '../types/vocabulary'
import type { EnvironmentDeclaration, IndexDeclaration } from './environment'
import type { FunctionBundle, InvitationDocument, LiveState, Target } from './target'

export type Change = 'create' | 'update' | 'unchanged'

export interface PlanItem {
  /** What kind of thing: collection, index, rule, storage rule, function, settings, trigger, invitation. */
  kind: string
  name: string
  change: Change
  /** What differs (never a secret's value). */
  detail: string
  run?: (target: Target) => Promise<void>
}

export interface Plan {
  items: PlanItem[]
  /** Found in the environment, not declared: kept as it is. */
  kept: string[]
}

export interface PlanInputs {
  declaration: EnvironmentDeclaration
  /** Each declared function's build. */
  bundles: Record<string, FunctionBundle>
  /** The functions' environment variables (from the secrets file; locally the local cloud's own). */
  variables: Record<string, string>
  /** Draw a one-time city admin invitation when nobody holds or is invited to the role. */
  bootstrap: boolean
  now?: Date
}

/**
 * The hash of a built function's code and its open-API permissions (which the upload carries in
 * config.json): what tells the next deploy this build is already there. Timeout, memory and
 * triggers are compared as settings, so config.json's layout does not matter.
 */
export function functionBundle(dir: string): FunctionBundle {
  const hash = crypto.createHash('sha256')
  const code = fs.readFileSync(path.join(dir, 'index.js'))
  const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as { permissions?: { openapi?: string[] } }
  hash.update(code).update('\0').update(fs.readFileSync(path.join(dir, 'package.json'))).update('\0')
  hash.update(JSON.stringify([...(config.permissions?.openapi ?? [])].sort()))
  return { dir, hash: hash.digest('hex').slice(0, 16), bytes: code.length }
}

/** Key order matters in an index; nothing else about the objects (where they were made, key order of a rule) does. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v))
const sameRule = (a: unknown, b: unknown) => canonical(a) === canonical(b)

const sameIndex = (a: IndexDeclaration, b: IndexDeclaration) =>
  JSON.stringify(Object.entries(a.keys)) === JSON.stringify(Object.entries(b.keys)) && !!a.unique === !!b.unique && !!a.sparse === !!b.sparse

const describeIndex = (index: IndexDeclaration) =>
  `${Object.entries(index.keys)
    .map(([k, d]) => `${k} ${d === 1 ? '↑' : '↓'}`)
    .join(', ')}${index.unique ? ' unique' : ''}${index.sparse ? ' sparse' : ''}`

const ALPHABET = INVITATION_CODE.source.match(/\[([^\]]+)\]/)![1]

/** A code as grants draws them (10 characters, no 0/O/1/I), valid once. */
function newInvitationCode(): string {
  const code = Array.from({ length: 10 }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]).join('')
  if (!INVITATION_CODE.test(code)) throw new Error('invitation alphabet mismatch')
  return code
}

/** The first city admin's invitation: 30 days to redeem it in the app's 输入邀请码. */
export function cityAdminInvitation(now: Date): InvitationDocument {
  return {
    _id: newInvitationCode(),
    role: 'city_admin',
    scopeType: 'city',
    scopeId: divisions.city.code,
    scopeName: divisions.city.name,
    countyCode: '',
    note: '部署时生成：第一位市级管理员',
    status: 'open',
    expiresAt: new Date(now.getTime() + 30 * 86400_000),
    createdBy: 'deploy',
    createdByName: '部署',
    createdAt: now,
    usedBy: '',
    usedByName: '',
    usedAt: null,
  }
}

export function plan(inputs: PlanInputs, live: LiveState, target: Pick<Target, 'keepsScale'>): Plan & { invitation?: InvitationDocument } {
  const { declaration } = inputs
  const items: PlanItem[] = []
  const kept: string[] = []
  const item = (kind: string, name: string, change: Change, detail: string, run?: PlanItem['run']) =>
    items.push({ kind, name, change, detail, ...(change === 'unchanged' ? {} : { run }) })

  for (const [name, declared] of Object.entries(declaration.collections)) {
    const current = live.collections[name]
    item('collection', name, current ? 'unchanged' : 'create', current ? '' : 'new collection', (t) => t.createCollection(name))
    for (const index of declared.indexes) {
      const existing = current?.indexes.find((i) => i.name === index.name)
      const change: Change = !existing ? 'create' : sameIndex(existing, index) ? 'unchanged' : 'update'
      const detail = change === 'update' ? `${describeIndex(existing!)} → ${describeIndex(index)}` : change === 'create' ? describeIndex(index) : ''
      item('index', `${name}.${index.name}`, change, detail, (t) => t.setIndex(name, index, change === 'update'))
    }
    for (const index of current?.indexes ?? []) if (!declared.indexes.some((i) => i.name === index.name)) kept.push(`index ${name}.${index.name}`)
    const ruleChange: Change = !current ? 'create' : sameRule(current.rule, declared.rule) ? 'unchanged' : 'update'
    item('rule', name, ruleChange, ruleChange === 'unchanged' ? '' : JSON.stringify(declared.rule), (t) => t.setCollectionRule(name, declared.rule))
    if (target.keepsScale && (current?.scale ?? undefined) !== declared.scale) {
      item('scale', name, current ? 'update' : 'create', declared.scale ?? 'normal', (t) => t.setCollectionScale(name, declared.scale))
    }
  }
  for (const name of Object.keys(live.collections)) if (!declaration.collections[name]) kept.push(`collection ${name}`)

  const storageChange: Change = live.storageRule === null ? 'create' : sameRule(live.storageRule, declaration.storageRule) ? 'unchanged' : 'update'
  item('storage rule', 'storage', storageChange, storageChange === 'unchanged' ? '' : JSON.stringify(declaration.storageRule), (t) => t.setStorageRule(declaration.storageRule))

  for (const [name, fn] of Object.entries(declaration.functions)) {
    const bundle = inputs.bundles[name]
    if (!bundle) throw new Error(`function ${name} has no build (npm run build:functions)`)
    const current = live.functions[name]
    const codeChange: Change = !current ? 'create' : current.bundle === bundle.hash ? 'unchanged' : 'update'
    item('function', name, codeChange, codeChange === 'unchanged' ? '' : `build ${bundle.hash} (${Math.round(bundle.bytes / 1024)} KiB)`, (t) => t.uploadFunction(name, bundle))
    const variables = Object.fromEntries(fn.variables.map((v) => [v, inputs.variables[v] ?? '']))
    const differences = [
      ...(current && current.timeout !== fn.timeout ? [`timeout ${current.timeout} → ${fn.timeout} s`] : []),
      ...(current && current.memorySize !== fn.memorySize ? [`memory ${current.memorySize} → ${fn.memorySize} MB`] : []),
      ...fn.variables.filter((v) => current && current.variables[v] !== variables[v]).map((v) => `${v} ${current!.variables[v] === undefined ? 'set' : 'changed'}`),
      ...(current && codeChange !== 'unchanged' ? ['build recorded'] : []),
    ]
    const settingsChange: Change = !current ? 'create' : differences.length ? 'update' : 'unchanged'
    item('settings', name, settingsChange, current ? differences.join('; ') : `timeout ${fn.timeout} s, memory ${fn.memorySize} MB, ${fn.variables.length} variables`, (t) =>
      t.configureFunction(name, { timeout: fn.timeout, memorySize: fn.memorySize, variables, bundle: bundle.hash }),
    )
    for (const trigger of fn.triggers) {
      const existing = current?.triggers.find((tr) => tr.name === trigger.name)
      const change: Change = !existing ? 'create' : existing.config === trigger.config ? 'unchanged' : 'update'
      item('trigger', `${name}.${trigger.name}`, change, change === 'unchanged' ? '' : `${existing ? `${existing.config} → ` : ''}${trigger.config} (UTC)`, (t) =>
        t.setTrigger(name, trigger, change === 'update'),
      )
    }
    for (const trigger of current?.triggers ?? []) if (!fn.triggers.some((tr) => tr.name === trigger.name)) kept.push(`trigger ${name}.${trigger.name}`)
  }
  for (const name of Object.keys(live.functions)) if (!declaration.functions[name]) kept.push(`function ${name}`)

  let invitation: InvitationDocument | undefined
  if (inputs.bootstrap) {
    if (!live.cityAdmin) throw new Error('bootstrap needs the target to read whether a city admin exists')
    if (live.cityAdmin === 'none') {
      invitation = cityAdminInvitation(inputs.now ?? new Date())
      const doc = invitation
      item('invitation', 'city_admin', 'create', 'a one-time code for the first city admin (printed once)', (t) => t.addInvitation(doc))
    } else item('invitation', 'city_admin', 'unchanged', live.cityAdmin === 'present' ? 'a city admin exists' : 'an unused invitation waits')
  }
  return { items, kept, invitation }
}

/** Applies a plan's changes in order (collections before their indexes, code before settings and triggers). */
export async function apply(target: Target, planned: Plan): Promise<PlanItem[]> {
  const done: PlanItem[] = []
  for (const step of planned.items) {
    if (step.change === 'unchanged' || !step.run) continue
    try {
      await step.run(target)
    } catch (err) {
      throw new Error(`${step.kind} ${step.name}: ${(err as Error).message}`, { cause: err })
    }
    done.push(step)
  }
  return done
}

const MARK: Record<Change, string> = { create: '+', update: '~', unchanged: '=' }

/**
 * The plan as the deploy prints it: changes first (or, with `all`, every item in order, unchanged
 * ones marked =), a count of what is unchanged, then what is kept.
 */
export function describePlan(planned: Plan, target: Pick<Target, 'description'>, options: { all?: boolean } = {}): string {
  const changes = planned.items.filter((i) => i.change !== 'unchanged')
  const unchanged = planned.items.length - changes.length
  const lines = [`${target.description}: ${changes.length} to change, ${unchanged} unchanged`]
  for (const i of options.all ? planned.items : changes) lines.push(`  ${MARK[i.change]} ${i.change.padEnd(9)} ${i.kind} ${i.name}${i.detail ? `  (${i.detail})` : ''}`)
  for (const k of planned.kept) lines.push(`  · kept (not declared) ${k}`)
  return lines.join('\n')
}
