// Fuzzing the grid function (see fuzz.ts).
import { fuzzFunctions } from './fuzz-setup'

fuzzFunctions(['grid'], 'grid')
