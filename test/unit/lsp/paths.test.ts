// URIs and paths: only file: URIs map to paths, and the server answers with the URI spelling the
// client used for documents it opened.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToUri, UriMapper, uriToPath } from '../../../server/src/lsp/paths';

void test('file URIs become normalized absolute paths; other schemes do not', () => {
  assert.equal(uriToPath('file:///ws/infra/main.tf'), '/ws/infra/main.tf');
  assert.equal(uriToPath('file:///ws/my%20infra/./main.tf'), '/ws/my infra/main.tf');
  assert.equal(uriToPath('untitled:Untitled-1'), undefined);
  assert.equal(uriToPath('git:/ws/main.tf?%7B%7D'), undefined);
  assert.equal(pathToUri('/ws/my infra/main.tf'), 'file:///ws/my%20infra/main.tf');
});

void test('the mapper answers with the client\'s spelling of an opened document', () => {
  const uris = new UriMapper();
  // VS Code percent-encodes characters Node leaves alone, e.g. `@` in a folder name.
  assert.equal(uris.remember('file:///ws/%40team/main.tf'), '/ws/@team/main.tf');
  assert.equal(uris.toUri('/ws/@team/main.tf'), 'file:///ws/%40team/main.tf');
  assert.equal(uris.toUri('/ws/@team/variables.tf'), 'file:///ws/@team/variables.tf');
});
