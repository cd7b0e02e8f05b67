// Fuzzing the loan function (see fuzz.ts).
import { fuzzFunctions } from './fuzz-setup'

fuzzFunctions(['loan'], 'loan')
