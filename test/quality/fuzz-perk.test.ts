// Fuzzing the perk function (see fuzz.ts).
import { fuzzFunctions } from './fuzz-setup'

fuzzFunctions(['perk'], 'perk')
