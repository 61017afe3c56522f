// vitest setup for every test file (vitest.config.ts `setupFiles`): runs in each worker before
// the file's imports are evaluated. Server processes a test spawns are not affected.
import { lowerPasswordCostForTests } from '../accounts/secrets.js';

lowerPasswordCostForTests();
