// The scheduler's contract, with mocked timers (no real waiting): keystrokes within the debounce
// window give one analysis, a directory is never queued twice, and analyses never overlap.

import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { ModuleScheduler } from '../../../server/src/lsp/scheduler';

void test('debounced edits of one directory give one analysis after the quiet period', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const runs: string[] = [];
    const scheduler = new ModuleScheduler((dir) => {
      runs.push(dir);
      return Promise.resolve();
    });
    scheduler.debounce('/ws/a', 300);
    mock.timers.tick(200);
    scheduler.debounce('/ws/a', 300);
    scheduler.debounce('/ws/b', 300);
    mock.timers.tick(299);
    assert.deepEqual(runs, []);
    mock.timers.tick(1);
    await scheduler.enqueue('/ws/c');
    assert.deepEqual(runs, ['/ws/a', '/ws/b', '/ws/c']);
    scheduler.dispose();
  } finally {
    mock.timers.reset();
  }
});

void test('enqueue runs at once, skips a directory already waiting, and never overlaps analyses', async () => {
  const runs: string[] = [];
  let running = 0;
  let maxRunning = 0;
  const scheduler = new ModuleScheduler(async (dir) => {
    running += 1;
    maxRunning = Math.max(maxRunning, running);
    runs.push(dir);
    await Promise.resolve();
    running -= 1;
  });
  const all = [scheduler.enqueue('/ws/a'), scheduler.enqueue('/ws/b'), scheduler.enqueue('/ws/a')];
  await Promise.all(all);
  assert.deepEqual(runs, ['/ws/a', '/ws/b']);
  assert.equal(maxRunning, 1);
});

void test('an analysis that throws does not stop the queue', async () => {
  const runs: string[] = [];
  const scheduler = new ModuleScheduler((dir) => {
    runs.push(dir);
    return dir === '/ws/bad' ? Promise.reject(new Error('boom')) : Promise.resolve();
  });
  await Promise.all([scheduler.enqueue('/ws/bad'), scheduler.enqueue('/ws/good')]);
  assert.deepEqual(runs, ['/ws/bad', '/ws/good']);
});
