// Fuzzing the settings, station and service functions (see fuzz.ts).
import { fuzzFunctions } from './fuzz-setup'

fuzzFunctions(['settings', 'station', 'service'], 'service')
