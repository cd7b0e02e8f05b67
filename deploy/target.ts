// Where a deploy goes: an environment it can read and change through a few operations. Two
// implementations, WeChat Cloud (wechat.ts) and the local cloud (local.ts); plan.ts decides what
// to change from the declaration and what a target reads, the same way for both.
import type { IndexDeclaration } from './environment'

export interface LiveCollection {
  indexes: IndexDeclaration[]
  /** The collection's security rule as the target keeps it; null: none set (the platform's default). */
  rule: Record<string, unknown> | null
  scale?: 'large'
}

export interface LiveTrigger {
  name: string
  type: 'timer'
  config: string
}

export interface LiveFunction {
  /** Which build is deployed (FunctionBundle.hash); null: unknown (then the code is uploaded again). */
  bundle: string | null
  timeout: number
  memorySize: number
  triggers: LiveTrigger[]
  /** Its environment variables (the plan compares values and never prints them). */
  variables: Record<string, string>
}

export interface LiveState {
  collections: Record<string, LiveCollection>
  storageRule: Record<string, unknown> | null
  functions: Record<string, LiveFunction>
  /**
   * Whether someone holds the city admin role, or an unused invitation to it waits (then no
   * bootstrap invitation is drawn); read only when the deploy bootstraps.
   */
  cityAdmin?: 'present' | 'invited' | 'none'
}

/** A built function folder (index.js, package.json, config.json) and the hash of its files. */
export interface FunctionBundle {
  dir: string
  hash: string
  bytes: number
}

/** The configuration a function gets besides its code. */
export interface FunctionSettings {
  timeout: number
  memorySize: number
  variables: Record<string, string>
  /** Recorded with the function so that the next deploy knows which build is there. */
  bundle: string
}

/** An invitation document as the grants function stores it (`invitations`, the code is its `_id`). */
export interface InvitationDocument {
  _id: string
  role: 'city_admin'
  scopeType: 'city'
  scopeId: string
  scopeName: string
  countyCode: ''
  note: string
  status: 'open'
  expiresAt: Date
  createdBy: string
  createdByName: string
  createdAt: Date
  usedBy: ''
  usedByName: ''
  usedAt: null
}

export interface Target {
  /** What the plan prints as the place it changes. */
  readonly description: string
  /** Whether it keeps a collection's `scale` (the local cloud's scan guard reads it; WeChat Cloud has no such setting). */
  readonly keepsScale: boolean
  read(options?: { cityAdmin?: boolean }): Promise<LiveState>
  createCollection(name: string): Promise<void>
  /** Creates an index, or replaces the one of the same name (`replacing`). */
  setIndex(collection: string, index: IndexDeclaration, replacing: boolean): Promise<void>
  setCollectionRule(collection: string, rule: Record<string, unknown>): Promise<void>
  setCollectionScale(collection: string, scale: 'large' | undefined): Promise<void>
  setStorageRule(rule: Record<string, unknown>): Promise<void>
  /** Uploads a function's code (creating the function if it is not there). */
  uploadFunction(name: string, bundle: FunctionBundle): Promise<void>
  configureFunction(name: string, settings: FunctionSettings): Promise<void>
  /** Creates a timer trigger, or replaces the one of the same name (`replacing`). */
  setTrigger(functionName: string, trigger: LiveTrigger, replacing: boolean): Promise<void>
  addInvitation(invitation: InvitationDocument): Promise<void>
}
