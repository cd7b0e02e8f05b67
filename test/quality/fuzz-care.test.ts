// Fuzzing the care function (see fuzz.ts).
import { fuzzFunctions } from './fuzz-setup'

fuzzFunctions(['care'], 'care')
