// The contract: every cloud function and its actions, shared by the app and the functions.
// The app imports types only from here (`import type`), so no zod reaches the main package.
import { account } from './account'
import type { ActionDef } from './common'
import { directory } from './directory'
import { fair } from './fair'
import { grants } from './grants'
import { grid } from './grid'
import { dashboard } from './dashboard'
import { care } from './care'
import { commend } from './commend'
import { contest } from './contest'
import { loan } from './loan'
import { registration } from './registration'
import { perk } from './perk'
import { service } from './service'
import { settings } from './settings'
import { station } from './station'
import { training } from './training'
import type * as z from './zod'

export const contract = { account, directory, registration, grants, settings, station, service, perk, loan, fair, dashboard, commend, care, training, grid, contest } satisfies Record<string, Record<string, ActionDef>>

export type Contract = typeof contract
export type FunctionName = keyof Contract
export type ActionOf<F extends FunctionName> = keyof Contract[F] & string
/** 'account.me', 'directory.divisions', … */
export type ActionName = { [F in FunctionName]: `${F}.${ActionOf<F>}` }[FunctionName]

type DefOf<A extends ActionName> = A extends `${infer F extends FunctionName}.${infer N}`
  ? N extends keyof Contract[F]
    ? Contract[F][N]
    : never
  : never

/** What the caller sends (before defaults are applied). */
export type InputOf<A extends ActionName> = DefOf<A> extends ActionDef<infer I, z.ZodType> ? z.input<I> : never
/** What the caller receives. */
export type OutputOf<A extends ActionName> = DefOf<A> extends ActionDef<z.ZodType, infer O> ? z.output<O> : never

export type { Envelope, ErrorShape, ErrorCode, RoleGrant, Access } from './common'
export type { Role } from './roles'
