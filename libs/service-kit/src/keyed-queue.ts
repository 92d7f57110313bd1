/**
 * Runs tasks one at a time per key, in arrival order, and different keys freely. Used around the
 * version-conditioned update of one document: atomic on MongoDB, but FerretDB v1 lets two conditional
 * updates of one document both succeed, so writes of one document from one process are queued here.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const mine = (this.tails.get(key) ?? Promise.resolve()).then(task);
    const settled = mine.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, settled);
    // The last task of a key removes it, so the map holds only keys with work in flight.
    void settled.then(() => {
      if (this.tails.get(key) === settled) this.tails.delete(key);
    });
    return mine;
  }

  /** Keys with a task queued or running. */
  get size(): number {
    return this.tails.size;
  }
}
