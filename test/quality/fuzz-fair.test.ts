// Fuzzing the fair function (see fuzz.ts).
import { fuzzFunctions } from './fuzz-setup'

fuzzFunctions(['fair'], 'fair')
