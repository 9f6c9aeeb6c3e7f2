// Code actions from the data a finding carries: the policy's fix (only on the text it was
// computed for), "Suppress …" comments (exact text and place, the document's line ending) and
// "Show documentation".

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeActionParams, Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActionsFor } from '../../../server/src/lsp/code-actions';
import type { FindingData } from '../../../server/src/lsp/diagnostics';

const uri = 'file:///ws/main.tf';
const range = { start: { line: 6, character: 8 }, end: { line: 6, character: 21 } };
const docsUri = 'file:///ext/policies/aws/aws-s3-bucket-public-acl/README.md';

function finding(data: Partial<FindingData> = {}): Diagnostic {
  const full: FindingData = {
    kind: 'finding', policyId: 'aws-s3-bucket-public-acl', resource: 'aws_s3_bucket.logs', docsUri, version: 3,
    fix: { title: 'Set acl = "private"', edits: [{ uri, range, newText: '"private"' }] },
    ...data,
  };
  return { range, severity: 1, source: 'tfpolicy', code: full.policyId, message: 'public ACL', data: full };
}

/** An open document at `version` (the text only matters to suppress actions). */
const doc = (version: number, text = ''): (() => TextDocument) => () => TextDocument.create(uri, 'terraform', version, text);

function params(diagnostics: Diagnostic[], only?: string[]): CodeActionParams {
  return { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } };
}

void test('a finding with a fix gets a preferred quick fix and a docs action', () => {
  const d = finding();
  assert.deepEqual(codeActionsFor(params([d]), doc(3)), [
    { title: 'Set acl = "private"', kind: 'quickfix', diagnostics: [d], isPreferred: true, edit: { changes: { [uri]: [{ range, newText: '"private"' }] } } },
    {
      title: 'Show documentation for aws-s3-bucket-public-acl', kind: 'quickfix', diagnostics: [d],
      command: { title: 'Show documentation for aws-s3-bucket-public-acl', command: 'tfpolicy.showPolicyDocs', arguments: [docsUri] },
    },
  ]);
});

void test('no fix when the document changed since the finding was computed; docs once per policy', () => {
  const actions = codeActionsFor(params([finding(), finding()]), doc(4));
  assert.deepEqual(actions.map((a) => a.title), ['Show documentation for aws-s3-bucket-public-acl']);
});

void test('other sources, syntax errors and non-quickfix requests get nothing', () => {
  const foreign: Diagnostic = { ...finding(), source: 'terraform-ls' };
  const syntax: Diagnostic = { range, severity: 1, source: 'tfpolicy', code: 'syntax', message: 'Invalid expression' };
  assert.deepEqual(codeActionsFor(params([foreign, syntax]), doc(3)), []);
  assert.deepEqual(codeActionsFor(params([finding()], ['source.organizeImports']), doc(3)), []);
  assert.equal(codeActionsFor(params([finding()], ['quickfix']), doc(3)).length, 2);
});

void test('malformed data sent back by a client gives no fix, not an exception', () => {
  const broken = { ...finding(), data: { kind: 'finding', policyId: 'aws-s3-bucket-public-acl', fix: { title: 'x', edits: 'nope' } } };
  assert.deepEqual(codeActionsFor(params([broken as Diagnostic]), doc(3)), []);
});

void test('a fix with any malformed edit is not offered (no exception); the docs action still is', () => {
  const edit = { uri, range, newText: '"private"' };
  const malformed: unknown[] = [
    [null], [edit, null], [edit, 7], [{ ...edit, uri: 1 }], [{ ...edit, newText: null }], [{ ...edit, range: null }],
    [{ ...edit, range: { start: { line: 0 }, end: range.end } }], [{ ...edit, range: { start: { line: -1, character: 0 }, end: range.end } }],
  ];
  for (const edits of malformed) {
    const d = finding({ fix: { title: 'Set acl = "private"', edits } as unknown as FindingData['fix'] });
    assert.deepEqual(codeActionsFor(params([d]), doc(3)).map((a) => a.title), ['Show documentation for aws-s3-bucket-public-acl'], JSON.stringify(edits));
  }
  const untitled = finding({ fix: { title: 7, edits: [edit] } as unknown as FindingData['fix'] });
  assert.equal(codeActionsFor(params([untitled]), doc(3)).length, 1);
});

// The finding of `range` (line 6): `acl` inside a nested block of the resource at line 4.
const TEXT = ['', '', '', '', '  resource "aws_s3_bucket" "logs" {', '    grant {', '\t  acl = "public-read"', '    }', '  }', ''];
const ID = 'aws-s3-bucket-public-acl';
const insert = (line: number, newText: string): object => ({ changes: { [uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText }] } });
const suppressions = (d: Diagnostic, text: string, version = 3): { title: string; edit: unknown; isPreferred: unknown }[] =>
  codeActionsFor(params([d]), doc(version, text)).filter((a) => a.title.startsWith('Suppress')).map((a) => ({ title: a.title, edit: a.edit, isPreferred: a.isPreferred }));

void test('suppress on this line (above the offending line) and for the resource (above its header), with their indentation, not preferred', () => {
  const d = finding({ suppress: { headerLine: 4, item: { line: 6, name: 'acl' } } });
  const actions = codeActionsFor(params([d]), doc(3, TEXT.join('\n')));
  assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred]), [
    ['Set acl = "private"', 'quickfix', true],
    [`Suppress ${ID} on this line`, 'quickfix', false],
    [`Suppress ${ID} for aws_s3_bucket.logs`, 'quickfix', false],
    [`Show documentation for ${ID}`, 'quickfix', undefined],
  ]);
  assert.deepEqual(actions[1]?.edit, insert(6, `\t  # tfpolicy:ignore ${ID} -- TODO: reason\n`));
  assert.deepEqual(actions[2]?.edit, insert(4, `  # tfpolicy:ignore ${ID} -- TODO: reason\n`));
  assert.deepEqual(actions[1]?.diagnostics, [d]);
});

void test('a CRLF document gets CRLF comment lines', () => {
  const d = finding({ suppress: { headerLine: 4, item: { line: 6, name: 'acl' } } });
  assert.deepEqual(suppressions(d, TEXT.join('\r\n')).map((a) => a.edit), [
    insert(6, `\t  # tfpolicy:ignore ${ID} -- TODO: reason\r\n`),
    insert(4, `  # tfpolicy:ignore ${ID} -- TODO: reason\r\n`),
  ]);
});

void test('a finding on the header gets the resource action only; one in a multi-line value names its attribute; instances share one action', () => {
  const text = TEXT.join('\n');
  assert.deepEqual(suppressions(finding({ suppress: { headerLine: 4 } }), text).map((a) => a.title), [`Suppress ${ID} for aws_s3_bucket.logs`]);
  const inList = finding({ suppress: { headerLine: 4, item: { line: 5, name: 'grant' } } });
  assert.deepEqual(suppressions(inList, text), [
    { title: `Suppress ${ID} for grant`, edit: insert(5, `    # tfpolicy:ignore ${ID} -- TODO: reason\n`), isPreferred: false },
    { title: `Suppress ${ID} for aws_s3_bucket.logs`, edit: insert(4, `  # tfpolicy:ignore ${ID} -- TODO: reason\n`), isPreferred: false },
  ]);
  const instances = ['[0]', '[1]'].map((key) => finding({ resource: `aws_s3_bucket.logs${key}`, suppress: { headerLine: 4 } }));
  const titles = codeActionsFor(params(instances), doc(3, text)).filter((a) => a.title.startsWith('Suppress')).map((a) => a.title);
  assert.deepEqual(titles, [`Suppress ${ID} for aws_s3_bucket.logs`]);
});

void test('a module call argument gets "for module" above the module block', () => {
  const text = ['module "logs" {', '  source = "./modules/logs"', '  acl    = "public-read"', '}', ''].join('\n');
  const d = finding({ resource: 'module.logs.aws_s3_bucket.this', suppress: { headerLine: 0, module: 'logs' } });
  assert.deepEqual(suppressions(d, text), [
    { title: `Suppress ${ID} for module "logs"`, edit: insert(0, `# tfpolicy:ignore ${ID} -- TODO: reason\n`), isPreferred: false },
  ]);
});

void test('no suppress action on a changed or closed document, without anchors, or with malformed ones', () => {
  const d = finding({ suppress: { headerLine: 4, item: { line: 6, name: 'acl' } } });
  assert.deepEqual(suppressions(d, TEXT.join('\n'), 4), []);
  assert.deepEqual(codeActionsFor(params([d]), () => undefined).map((a) => a.title), ['Set acl = "private"', `Show documentation for ${ID}`]);
  assert.deepEqual(suppressions(finding(), TEXT.join('\n')), []);
  const json = codeActionsFor({ ...params([d]), textDocument: { uri: 'file:///ws/main.tf.json' } }, doc(3, '{}'));
  assert.deepEqual(json.filter((a) => a.title.startsWith('Suppress')), [], 'JSON has no comments');
  const malformed: unknown[] = [null, 3, {}, { headerLine: -1 }, { headerLine: 1.5 }, { headerLine: 4, module: 7 }, { headerLine: 4, item: { line: 6 } }, { headerLine: 4, item: 'x' }];
  for (const suppress of malformed) {
    assert.deepEqual(suppressions(finding({ suppress: suppress as FindingData['suppress'] }), TEXT.join('\n')), [], JSON.stringify(suppress));
  }
});

// Fix all: the fixes of every finding of the file (from what the server published, not only the
// request's range) combined into one edit of this document.
const FIX_ALL = 'Fix all tfpolicy problems in this file';
const at = (line: number, character: number, endCharacter = character): typeof range =>
  ({ start: { line, character }, end: { line, character: endCharacter } });
const fixOf = (title: string, ...edits: { range: typeof range; newText: string; uri?: string }[]): FindingData['fix'] =>
  ({ title, edits: edits.map((e) => ({ uri, ...e })) });
const fixAllOf = (published: Diagnostic[], version = 3, only = ['source.fixAll.tfpolicy'], request: Diagnostic[] = []) =>
  codeActionsFor(params(request, only), doc(version), () => published);

void test('source.fixAll.tfpolicy combines every fix of the file, in document order, naming the findings it fixes', () => {
  const acl = finding();
  const encrypted = finding({ policyId: 'aws-ebs-volume-unencrypted', resource: 'aws_ebs_volume.data', fix: fixOf('Set encrypted = true', { range: at(12, 0), newText: '  encrypted = true\n' }) });
  const publicDb = finding({ policyId: 'aws-rds-publicly-accessible', resource: 'aws_db_instance.db', fix: fixOf('Set publicly_accessible = false', { range: at(2, 24, 28), newText: 'false' }) });
  const noFix = finding({ policyId: 'aws-rds-deletion-protection-disabled', fix: undefined });
  const syntax: Diagnostic = { range, severity: 1, source: 'tfpolicy', code: 'syntax', message: 'Invalid expression' };
  assert.deepEqual(fixAllOf([acl, encrypted, noFix, syntax, publicDb]), [{
    title: FIX_ALL, kind: 'source.fixAll.tfpolicy', diagnostics: [acl, encrypted, publicDb],
    edit: { changes: { [uri]: [{ range: at(2, 24, 28), newText: 'false' }, { range, newText: '"private"' }, { range: at(12, 0), newText: '  encrypted = true\n' }] } },
  }]);
  // Parent kinds ask for it too; a plain quick-fix request or an unrelated kind does not get it as a source action.
  for (const only of [['source'], ['source.fixAll'], ['']]) assert.equal(fixAllOf([acl, encrypted], 3, only)[0]?.kind, 'source.fixAll.tfpolicy', only.join());
  assert.deepEqual(fixAllOf([acl, encrypted], 3, ['source.organizeImports']), []);
  assert.deepEqual(fixAllOf([acl, encrypted], 3, ['source.fixAll.eslint']), []);
});

void test('fix all: equal edits (instances of one resource) are taken once; a fix overlapping or touching a taken edit waits for the next run', () => {
  const insert = { range: at(9, 0), newText: '  encrypted = true\n' };
  const instances = ['[0]', '[1]'].map((key) => finding({ resource: `aws_ebs_volume.data${key}`, fix: fixOf('Set encrypted = true', insert) }));
  // Shares the insert, adds an edit of its own: the shared one is not repeated.
  const shared = finding({ resource: 'aws_ebs_volume.data', fix: fixOf('Set both', insert, { range: at(4, 10, 15), newText: 'true' }) });
  const overlapping = finding({ resource: 'aws_s3_bucket.a', fix: fixOf('Overlaps', { range: at(4, 12, 20), newText: 'x' }) });
  const sameSpot = finding({ resource: 'aws_s3_bucket.b', fix: fixOf('Inserts at the same place', { range: at(9, 0), newText: '  other = 1\n' }) });
  const adjacent = finding({ resource: 'aws_s3_bucket.c', fix: fixOf('Touches', { range: at(4, 15, 16), newText: 'y' }) });
  // All or nothing: its first edit is free, its second overlaps.
  const half = finding({ resource: 'aws_s3_bucket.d', fix: fixOf('Half', { range: at(1, 0, 3), newText: 'z' }, { range: at(4, 11), newText: 'w' }) });
  const [action] = fixAllOf([...instances, shared, overlapping, sameSpot, adjacent, half]);
  assert.deepEqual(action?.edit, { changes: { [uri]: [{ range: at(4, 10, 15), newText: 'true' }, insert] } });
  assert.deepEqual(action?.diagnostics, [...instances, shared]);
});

void test('fix all is not offered when no fix applies: the document changed, fixes in other files only, no fixes', () => {
  const acl = finding();
  const other = finding({ fix: fixOf('Edits the module', { range, newText: '"private"', uri: 'file:///ws/modules/logs/main.tf' }) });
  const both = finding({ fix: fixOf('Edits two files', { range: at(1, 0), newText: 'a' }, { range, newText: '"private"', uri: 'file:///ws/modules/logs/main.tf' }) });
  assert.deepEqual(fixAllOf([acl, finding({ resource: 'aws_s3_bucket.b', fix: fixOf('x', { range: at(1, 0, 2), newText: 'b' }) })], 4), []);
  assert.deepEqual(fixAllOf([other, both]), []);
  assert.deepEqual(fixAllOf([finding({ fix: undefined })]), []);
  assert.deepEqual(fixAllOf([]), []);
  // A finding computed on another version is skipped, the current ones still combine.
  const stale = finding({ version: 2, fix: fixOf('stale', { range: at(1, 0), newText: 'a' }) });
  assert.deepEqual(fixAllOf([stale, acl])[0]?.diagnostics, [acl]);
});

void test('the quick-fix menu lists "Fix all" last when the file has two fixable findings or more, one of them in the request', () => {
  const acl = finding();
  const encrypted = finding({ policyId: 'aws-ebs-volume-unencrypted', docsUri: undefined, fix: fixOf('Set encrypted = true', { range: at(12, 0), newText: '  encrypted = true\n' }) });
  const withMenu = fixAllOf([acl, encrypted], 3, ['quickfix'], [acl]);
  assert.deepEqual(withMenu.map((a) => [a.title, a.kind]), [
    ['Set acl = "private"', 'quickfix'], ['Show documentation for aws-s3-bucket-public-acl', 'quickfix'], [FIX_ALL, 'quickfix'],
  ]);
  assert.deepEqual(withMenu[2]?.edit, { changes: { [uri]: [{ range, newText: '"private"' }, { range: at(12, 0), newText: '  encrypted = true\n' }] } });
  assert.equal(codeActionsFor(params([acl]), doc(3), () => [acl, encrypted]).at(-1)?.title, FIX_ALL, 'no `only`: the quick fixes');
  // One fixable finding: its own fix is enough. A stale document: no fix, no fix-all.
  assert.deepEqual(fixAllOf([acl, finding({ fix: undefined })], 3, ['quickfix'], [acl]).map((a) => a.title), ['Set acl = "private"', 'Show documentation for aws-s3-bucket-public-acl']);
  assert.deepEqual(fixAllOf([acl, encrypted], 4, ['quickfix'], [acl]).map((a) => a.title), ['Show documentation for aws-s3-bucket-public-acl']);
  // The request's diagnostic has no fix (a module argument): nothing to fix here, no menu entry.
  const argument = finding({ fix: undefined });
  assert.deepEqual(fixAllOf([acl, encrypted, argument], 3, ['quickfix'], [argument]).map((a) => a.title), ['Show documentation for aws-s3-bucket-public-acl']);
});
