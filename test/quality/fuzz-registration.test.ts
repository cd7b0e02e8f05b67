// Fuzzing the registration function (see fuzz.ts).
import { fuzzFunctions } from './fuzz-setup'

fuzzFunctions(['registration'], 'registration')
