// Fuzzing the training function (see fuzz.ts).
import { fuzzFunctions } from './fuzz-setup'

fuzzFunctions(['training'], 'training')
