// Terraform-exact syntax errors from hashicorp/hcl (via @cdktf/hcl2json), with our ranges.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDiagnostics, terraformSyntaxErrors } from '../../../server/src/node/hcl2json';

void describe('terraformSyntaxErrors', () => {
  void it('is empty for a valid file, and for JSON files', async () => {
    assert.deepEqual(await terraformSyntaxErrors('main.tf', 'resource "a" "b" {\n  x = 1\n}\n'), []);
    assert.deepEqual(await terraformSyntaxErrors('main.tf.json', '{ broken'), []);
  });

  void it('returns each of hcl\'s diagnostics with a 0-based UTF-16 range', async () => {
    const text = 'a = 1\nb = "😀\\q"\nc = "x\n';
    assert.deepEqual(await terraformSyntaxErrors('main.tf', text), [
      {
        message: 'Invalid multi-line string: Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.',
        range: { start: { line: 2, character: 6, offset: 23 }, end: { line: 3, character: 0, offset: 24 } },
      },
      {
        message: 'Invalid escape sequence: The symbol "q" is not a valid escape sequence selector.',
        range: { start: { line: 1, character: 7, offset: 13 }, end: { line: 1, character: 9, offset: 15 } },
      },
      {
        message: 'Unterminated template string: No closing marker was found for the string.',
        range: { start: { line: 2, character: 6, offset: 23 }, end: { line: 3, character: 0, offset: 24 } },
      },
    ]);
  });

  void it('keeps an unrecognised rejection as one error at the start', () => {
    assert.deepEqual(parseDiagnostics('parse config: something else', 'a = 1\n'), [
      { message: 'something else', range: { start: { line: 0, character: 0, offset: 0 }, end: { line: 0, character: 0, offset: 0 } } },
    ]);
  });
});
