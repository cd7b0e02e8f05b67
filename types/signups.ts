// One person on a sign-up list, as the job fairs' list and door (fair.signups) and a training
// session's roster (training.roster) both show them: the two programmes share the sign-up engine
// (cloudfunctions/_shared/signups.ts), and their lists start from this row, each adding its own.
import { SIGNUP_STATUSES } from './vocabulary'
import * as z from './zod'

export const SignupRowBase = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['volunteer', 'rural_youth']),
  townshipName: z.string(),
  /** 139****1234: enough for the door to tell two people of one name apart. */
  mobileMasked: z.string(),
  status: z.enum(SIGNUP_STATUSES),
  /** Place on the waiting list (1 = next), 0 when not waiting. */
  waitingRank: z.number(),
  /** When they came in at the door ('' not yet). */
  checkedInAt: z.string(),
})
export type SignupRowBase = z.infer<typeof SignupRowBase>
