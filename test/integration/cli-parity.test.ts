// The editor and the CI gate report the same findings on the same files: the bundled CLI's JSON
// report on examples/insecure-project and the bundled server's diagnostics for the same project
// name the same policies at the same places with the same messages.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { fileUri, LspTestClient, repoRoot } from './lsp-harness';

const project = path.join(repoRoot, 'examples/insecure-project');

interface CliFinding {
  policyId: string;
  message: string;
  file: string;
  resource: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
  related: { file: string; range: CliFinding['range']; kind?: string }[];
}

/** One finding as "file:line:col-line:col policy message", 1-based as the CLI prints it. */
function key(file: string, policyId: string, message: string, r: CliFinding['range']): string {
  return `${file}:${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column} ${policyId} ${message}`;
}

function fromDiagnostic(file: string, d: Diagnostic): string {
  const r = { start: { line: d.range.start.line + 1, column: d.range.start.character + 1 }, end: { line: d.range.end.line + 1, column: d.range.end.character + 1 } };
  return key(file, String(d.code), typeof d.message === 'string' ? d.message : d.message.value, r);
}

void test('tfpolicy scan --format json and the language server agree on examples/insecure-project', async () => {
  const cli = spawnSync(process.execPath, [path.join(repoRoot, 'dist/cli.js'), 'scan', project, '--format', 'json'], { encoding: 'utf8' });
  assert.equal(cli.status, 1, `findings exit with 1: ${cli.stderr}`);
  const report = JSON.parse(cli.stdout) as { findings: CliFinding[] };
  // The editor also flags the module call argument that passes a finding's value (related kind
  // "module-argument"), with the resource's address added to the message.
  const mirrored = report.findings.flatMap((f) => f.related.filter((r) => r.kind === 'module-argument').map((r) => ({ ...f, file: r.file, range: r.range, message: `${f.message} (in ${f.resource})` })));
  const expected = [...report.findings, ...mirrored].map((f) => key(f.file, f.policyId, f.message, f.range)).sort();
  assert.ok(expected.length >= 5, `the example project has findings: ${expected.length}`);

  const { client } = await LspTestClient.start(project, { debounceMs: 10 });
  try {
    // One open file per module directory: each analysis publishes for every file of its module.
    const moduleDirs = [...new Set(report.findings.map((f) => path.posix.dirname(f.file)))];
    for (const dir of ['.', ...moduleDirs]) {
      const first = fs.readdirSync(path.join(project, dir)).filter((f) => f.endsWith('.tf')).sort()[0];
      assert.ok(first, `a .tf file in ${dir}`);
      await client.open(path.join(project, dir, first), fs.readFileSync(path.join(project, dir, first), 'utf8'));
    }
    const actual: string[] = [];
    for (const file of [...new Set([...report.findings, ...mirrored].map((f) => f.file))]) {
      const wanted = [...report.findings, ...mirrored].filter((f) => f.file === file).length;
      const uri = fileUri(path.join(project, file));
      const diagnostics = await client.waitForDiagnostics(uri, (d) => d.filter((x) => isFinding(x)).length >= wanted, `${wanted} findings in ${file}`);
      actual.push(...diagnostics.filter(isFinding).map((d) => fromDiagnostic(file, d)));
    }
    // Files the CLI found nothing in show no findings in the editor either.
    const withFindings = new Set([...report.findings, ...mirrored].map((f) => f.file));
    for (const dir of ['.', ...moduleDirs]) {
      for (const name of fs.readdirSync(path.join(project, dir)).filter((f) => f.endsWith('.tf'))) {
        const file = path.posix.join(dir, name);
        if (withFindings.has(file)) continue;
        const published = client.diagnostics(fileUri(path.join(project, file))) ?? [];
        actual.push(...published.filter(isFinding).map((d) => fromDiagnostic(file, d)));
      }
    }
    assert.deepEqual(actual.sort(), expected);
  } finally {
    await client.stop();
  }
});

function isFinding(d: Diagnostic): boolean {
  return (d.data as { kind?: string } | undefined)?.kind === 'finding';
}
