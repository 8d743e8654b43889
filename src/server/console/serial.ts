/**
 * One at a time per key, in this process: a multi-step task for one election (its private record's
 * read-modify-write, the practice election's creation) runs after the previous one for that key has
 * finished, so two organisers' clicks on one node do not interleave. (Across nodes, compare-and-set
 * keeps one outcome: the board's transitions, and the private record's revision.)
 *
 * @example
 * ```ts
 * const serial = new Serial();
 * await serial.run('leader-2026', async () => { … });
 * ```
 */
export class Serial {
  readonly #tails = new Map<string, Promise<unknown>>();

  /** Runs `task` after every earlier task of `key` has settled; resolves or rejects as it does. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const run = (this.#tails.get(key) ?? Promise.resolve()).then(task);
    const tail = run.catch(() => undefined);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return run;
  }
}
