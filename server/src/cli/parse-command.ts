// `tfpolicy parse PATH... --format json`: what our parser sees, per file, in @cdktf/hcl2json's
// JSON shape, with our syntax errors (1-based lines and columns, as everywhere in the CLI).
// A debugging aid and the conformance harness's view; it never runs hcl2json itself.
import fs from 'node:fs';
import path from 'node:path';
import { type JsonValue, parseFile, type Range, toHcl2JsonShape } from '../hcl';
import { readTerraformFile, SKIPPED_DIRECTORIES } from '../node/files';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './outcome';

export interface ParseCommandError {
  readonly message: string;
  readonly range: { start: { line: number; column: number }; end: { line: number; column: number } };
}

export interface ParsedFileReport {
  /** Relative to the PATH given (for a directory), or the PATH itself (for a file); with `/`. */
  readonly file: string;
  /** null when the file could not be read. */
  readonly json: JsonValue | null;
  readonly errors: ParseCommandError[];
}

/** Exit code 0: every file parsed cleanly; 1: syntax errors; 2: a PATH is missing or unreadable. */
export function runParseCommand(paths: string[], cwd: string): { exitCode: number; json: { files: ParsedFileReport[] } } {
  const files: ParsedFileReport[] = [];
  let exitCode = EXIT_OK;
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      files.push(unreadable(toSlashes(given), 'no such file or directory'));
      exitCode = EXIT_USAGE;
      continue;
    }
    const targets = stat.isDirectory()
      ? terraformFilesUnder(absolute).map((file) => ({ file, shown: toSlashes(path.relative(absolute, file)) }))
      : [{ file: absolute, shown: toSlashes(given) }];
    for (const { file, shown } of targets) {
      const report = parseOne(file, shown);
      files.push(report);
      if (report.json === null) exitCode = EXIT_USAGE;
      else if (report.errors.length > 0 && exitCode === EXIT_OK) exitCode = EXIT_FINDINGS;
    }
  }
  return { exitCode, json: { files } };
}

function parseOne(file: string, shown: string): ParsedFileReport {
  const read = readTerraformFile(file);
  if (!read.ok) return unreadable(shown, read.message);
  const tree = parseFile(file, read.text);
  return {
    file: shown,
    json: toHcl2JsonShape(tree, read.text),
    errors: tree.errors.map((e) => ({ message: e.message, range: oneBased(e.range) })),
  };
}

function unreadable(file: string, message: string): ParsedFileReport {
  return { file, json: null, errors: [{ message, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } }] };
}

function oneBased(range: Range): ParseCommandError['range'] {
  return {
    start: { line: range.start.line + 1, column: range.start.character + 1 },
    end: { line: range.end.line + 1, column: range.end.character + 1 },
  };
}

/** `.tf` and `.tf.json` files under a directory, sorted, skipping .terraform, .git and node_modules. */
function terraformFilesUnder(dir: string): string[] {
  const found: string[] = [];
  const pending = [dir];
  for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) pending.push(full);
      } else if (entry.name.endsWith('.tf') || entry.name.endsWith('.tf.json')) {
        found.push(full);
      }
    }
  }
  return found.sort();
}

function toSlashes(p: string): string {
  return p.split(path.sep).join('/');
}
