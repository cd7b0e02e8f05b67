// Fuzzing the contest function (see fuzz.ts).
import { fuzzFunctions } from './fuzz-setup'

fuzzFunctions(['contest'], 'contest')
