// Writing a command's outcome: the report to stdout or --output, notes to stderr.

import fs from 'node:fs';
import type { CommandOutcome } from './outcome';
import { describeFsError } from '../node/files';

/** Returns false when the report could not be written (the caller exits 2). */
export function writeOutput(outcome: CommandOutcome): boolean {
  if (outcome.stderr) process.stderr.write(outcome.stderr);
  if (outcome.outputFile) {
    try {
      fs.writeFileSync(outcome.outputFile, outcome.stdout);
    } catch (error) {
      process.stderr.write(`tfpolicy: cannot write ${outcome.outputFile}: ${describeFsError(error)}\n`);
      return false;
    }
    return true;
  }
  process.stdout.write(outcome.stdout);
  return true;
}
