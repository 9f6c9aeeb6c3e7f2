// `tfpolicy parse PATH... --format json`: what our parser sees, in @cdktf/hcl2json's shape.

import type { Command } from 'commander';
import { Option } from 'commander';
import { runParseCommand } from './parse-command';
import type { CommandOutcome } from './outcome';

export function registerParseCommand(program: Command, onOutcome: (outcome: CommandOutcome) => void): void {
  program.command('parse')
    .description("print our parser's view of Terraform files (hcl2json's JSON shape) and their syntax errors")
    .argument('<paths...>', 'files or directories (walked recursively for .tf and .tf.json files)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['json']).default('json'))
    .action((paths: string[]) => {
      const { exitCode, json } = runParseCommand(paths, process.cwd());
      onOutcome({ exitCode, stdout: JSON.stringify(json, null, 2) + '\n' });
    });
}
