// Fuzzing the dashboard function (see fuzz.ts).
import { fuzzFunctions } from './fuzz-setup'

fuzzFunctions(['dashboard'], 'dashboard')
