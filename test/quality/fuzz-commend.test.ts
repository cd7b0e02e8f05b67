// Fuzzing the commend function (see fuzz.ts).
import { fuzzFunctions } from './fuzz-setup'

fuzzFunctions(['commend'], 'commend')
