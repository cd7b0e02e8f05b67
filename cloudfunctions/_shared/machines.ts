// Moving an entity through the states its machine declares (types/machines.ts): the step a
// call may take from the entity's state, where it may land, and which fields it may change.
import { allowedStep, stepsFor, type Machine, type Step, type StepRole } from '../../types/machines'
import { AppError, forbidden } from './errors'

export interface StepCall<S extends string> {
  action: string
  variant?: string
  from: S
  /** The caller's roles toward this entity: `owner`, and each role they hold within its reach. */
  roles: readonly StepRole[]
}

/**
 * The declared step this call takes, or a refusal: when no step of the action leaves the
 * entity's state, `wrongState()` (a CONFLICT naming the state); when none is the caller's to
 * take, `notTheirs()` (FORBIDDEN unless the caller should not learn the entity exists).
 */
export function takeStep<S extends string>(m: Machine<S>, call: StepCall<S>, wrongState: () => AppError, notTheirs: () => AppError = () => forbidden()): Step<S> {
  if (stepsFor(m, call.action, call.variant, call.from).length === 0) throw wrongState()
  const step = allowedStep(m, call.action, call.variant, call.from, call.roles)
  if (!step) throw notTheirs()
  return step
}

/** Whether the caller could take this step now (for the `can` flags pages show). */
export function mayStep<S extends string>(m: Machine<S>, call: StepCall<S>): boolean {
  return allowedStep(m, call.action, call.variant, call.from, call.roles) !== null
}

/** Fields every change keeps up to date besides what the step declares. */
const BOOKKEEPING = new Set(['status', 'version', 'updatedAt', 'history'])

/**
 * Checks a change against its step before it is written: it lands in a state the step
 * declares and touches only the fields it declares. Anything else is a bug in the function,
 * refused before it reaches the data.
 */
export function checkChange<S extends string>(step: Step<S>, from: S, change: Record<string, unknown>, derived: readonly string[] = []): void {
  const to = (change.status as S | undefined) ?? from
  if (!step.to.includes(to)) throw new Error(`${step.action} may not move from ${from} to ${to}`)
  const allowed = new Set([...(step.fields ?? []), ...derived])
  const stray = Object.keys(change)
    .map((key) => key.split('.')[0])
    .filter((key) => !BOOKKEEPING.has(key) && !allowed.has(key))
  if (stray.length > 0) throw new Error(`${step.action} may not change ${stray.join(', ')} in ${from}`)
}
