// A test-only function over the caller's context (cloudfunctions/_shared/context.ts): it reads the
// caller's account and, beside it, their registrations, either joined to the account's own read
// (`joined: true`, as registration.review and fair.signUp/cancel do) or asked for afterwards.
// `asOther`: the action asks for a join other than the call's. Built by registration-caller-join.test.ts.
import { cloud } from '../../cloudfunctions/_shared/cloud'
import { COLLECTIONS } from '../../cloudfunctions/_shared/collections'
import { CallContext, joiningCaller, type CallerJoin } from '../../cloudfunctions/_shared/context'

interface Event {
  joined?: boolean
  asOther?: boolean
}

const theirRegistrations = (as: string): CallerJoin => ({
  as: [as, 'regKey'],
  stages: (caller) => caller.addFields({ regKey: '$_id' }).lookup({ from: COLLECTIONS.registrations, localField: 'regKey', foreignField: 'userId', as }),
})

async function run(event: Event): Promise<unknown> {
  const ctx = new CallContext(cloud.getWXContext().OPENID ?? '', new Date())
  const user = await ctx.user()
  const parts = await ctx.joined<{ regs?: { _id: string }[]; other?: { _id: string }[]; regKey: string }>(theirRegistrations(event.asOther ? 'other' : 'regs'))
  return { user, parts }
}

export const main = joiningCaller(run, (event: Event) => (event.joined ? theirRegistrations('regs') : null))
