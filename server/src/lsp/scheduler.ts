// When module analyses run. Keystrokes are debounced per module directory; open and save run at
// once. Analyses never overlap (they share the parse cache and the diagnostic store), and a
// directory already waiting in the queue is not queued twice.

export class ModuleScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly queued = new Set<string>();
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly analyse: (dir: string) => Promise<void>) {}

  /** Analyse `dir` after `delayMs` of quiet; a newer call for the same directory restarts the wait. */
  debounce(dir: string, delayMs: number): void {
    const existing = this.timers.get(dir);
    if (existing) clearTimeout(existing);
    this.timers.set(dir, setTimeout(() => {
      this.timers.delete(dir);
      void this.enqueue(dir);
    }, delayMs));
  }

  /** Analyse `dir` as soon as the analyses before it are done; resolves when it has run. */
  enqueue(dir: string): Promise<void> {
    const pending = this.timers.get(dir);
    if (pending) {
      clearTimeout(pending);
      this.timers.delete(dir);
    }
    if (this.queued.has(dir)) return this.tail;
    this.queued.add(dir);
    this.tail = this.tail.then(async () => {
      // Let pending messages (a cancellation, newer keystrokes) in between two analyses.
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.queued.delete(dir);
      await this.analyse(dir);
    }).catch(() => undefined); // analyse() reports its own errors; the queue must keep moving
    return this.tail;
  }

  /** Resolves once the queue is empty, including analyses queued while waiting. */
  async idle(): Promise<void> {
    for (let tail = this.tail; ; tail = this.tail) {
      await tail;
      if (tail === this.tail) return;
    }
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
