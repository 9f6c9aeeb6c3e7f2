// What a command produces: the text to print (or write to --output) and the exit code.

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export interface CommandOutcome {
  readonly exitCode: number;
  /** The report (standard output, or the --output file). */
  readonly stdout: string;
  /** Problems and notes for the person at the terminal (always standard error). */
  readonly stderr?: string;
  readonly outputFile?: string;
}
