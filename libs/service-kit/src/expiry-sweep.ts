import type { Model, QueryFilter } from 'mongoose';
import type { Logger } from 'pino';

/**
 * Deletes the documents whose `field` is before `cutoff`, in bounded batches. FerretDB v1 filters
 * anything but `_id` equality in memory, so the range is only ever read (reads run beside the devstack's
 * serialised writes); each delete names one `_id` alone, the filter it pushes down to SQL, so the write
 * side never scans. One call deletes at most `batchSize × maxBatches`; the next call goes on.
 * A system job across tenants: it reads with `crossTenant` and deletes by `_id` only.
 */
export async function deleteOlderThan<T>(
  model: Model<T>,
  field: keyof T & string,
  cutoff: Date,
  options: { batchSize?: number; maxBatches?: number } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  const maxBatches = options.maxBatches ?? 10;
  let deleted = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const expired = await model
      .find({ [field]: { $lt: cutoff } } as QueryFilter<T>, { _id: 1 })
      .setOptions({ crossTenant: true })
      .limit(batchSize)
      .lean<{ _id: unknown }[]>();
    if (!expired.length) break;
    const result = await model.bulkWrite(
      expired.map(({ _id }) => ({ deleteOne: { filter: { _id } } })) as Parameters<Model<T>['bulkWrite']>[0],
      { ordered: false },
    );
    deleted += result.deletedCount;
    if (expired.length < batchSize) break;
  }
  return deleted;
}

export interface PeriodicSweep {
  /** Stops the timer and waits for a round in progress. */
  stop: () => Promise<void>;
}

/**
 * Runs `sweep` every `intervalMs` (and at once with `runNow`), one round at a time, on an unref'd timer
 * (it never keeps a process alive); a failed round is logged and the next one tries again. `sweep` may
 * answer how many documents it handled (logged when any).
 */
export function startPeriodicSweep(
  name: string,
  sweep: () => Promise<number | void>,
  options: { intervalMs: number; logger: Logger; runNow?: boolean },
): PeriodicSweep {
  const { intervalMs, logger } = options;
  let running: Promise<void> | undefined;
  const round = async () => {
    try {
      const handled = await sweep();
      if (handled) logger.info({ sweep: name, documents: handled }, 'sweep round handled documents');
    } catch (error) {
      logger.warn({ err: error, sweep: name }, 'sweep failed; the next round retries');
    }
  };
  const start = () => void (running ??= round().finally(() => (running = undefined)));
  if (options.runNow) start();
  const timer = setInterval(start, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
