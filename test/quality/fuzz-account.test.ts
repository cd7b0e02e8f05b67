// Fuzzing the account, directory and grants functions (see fuzz.ts).
import { fuzzFunctions } from './fuzz-setup'

fuzzFunctions(['account', 'directory', 'grants'], 'account-grants')
