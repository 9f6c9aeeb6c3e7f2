// `tfpolicy` — the CI face of the engine. Exit codes (design.md): 0 clean, 1 findings at or above
// --fail-on, 2 usage errors or anything the tool could not do.

import { Command, CommanderError, Option } from 'commander';
import { runScanCommand } from './scan-command';
import { runPoliciesCommand } from './policies-command';
import { runTestCommand } from './test-command';
import { registerParseCommand } from './parse-registration';
import { SEVERITIES } from '../engine/types';
import { EXIT_USAGE, type CommandOutcome } from './outcome';
import { writeOutput } from './output';
import { VERSION } from './version';

function buildProgram(onOutcome: (outcome: CommandOutcome) => void): Command {
  const program = new Command('tfpolicy')
    .description('Terraform policy-as-code: scan Terraform for security problems.')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();

  program.command('scan')
    .description('scan Terraform directories (recursively; each directory is a module) and report findings')
    .argument('[paths...]', 'directories or files to scan', ['.'])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif', 'junit', 'github']).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding at or above this severity remains').choices([...SEVERITIES]).default('low'))
    .option('--show-passed', 'also report passed and unknown results', false)
    .option('-p, --policy-dir <dir...>', 'extra directories of policy.yaml files')
    .option('--var-file <file...>', 'extra .tfvars files, applied after the automatic ones (like terraform -var-file)')
    .option('-e, --exclude <glob...>', 'paths to skip (globs relative to each scanned directory)')
    .option('--no-color', 'plain text output')
    .action((paths: string[], options: Record<string, unknown>) => {
      onOutcome(runScanCommand(paths, options, process.cwd(), process.env));
    });

  program.command('policies')
    .description('list the policies (built-in and from --policy-dir)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('-p, --policy-dir <dir...>', 'extra directories of policy.yaml files')
    .action((options: Record<string, unknown>) => {
      onOutcome(runPoliciesCommand(options, process.cwd()));
    });

  program.command('test')
    .description("run policies' fixtures (the built-in pack when no directory is given) and report each")
    .argument('[dirs...]', 'policy directories')
    .action((dirs: string[]) => {
      onOutcome(runTestCommand(dirs, process.cwd()));
    });

  registerParseCommand(program, onOutcome);
  return program;
}

export function main(argv: readonly string[]): number {
  let outcome: CommandOutcome | undefined;
  const program = buildProgram((o) => (outcome = o));
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    process.stderr.write(`tfpolicy: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    return EXIT_USAGE;
  }
  if (!outcome) return 0;
  if (!writeOutput(outcome)) return EXIT_USAGE;
  return outcome.exitCode;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
