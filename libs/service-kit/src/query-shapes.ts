import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';

/**
 * The shape of one query as an index sees it (MongoDB's ESR rule): fields compared for equality, the
 * sort, and fields compared by range. `$or` is one shape per branch, each with the fields around it.
 */
export interface QueryShape {
  database: string;
  collection: string;
  method: string;
  equality: string[];
  sort: [string, 1 | -1][];
  range: string[];
}

/** An index a process declared (`createIndex`), as recorded next to the shapes. */
export interface DeclaredIndex {
  database: string;
  collection: string;
  keys: [string, number][];
}

export type QueryShapeRecord = ({ kind: 'query' } & QueryShape) | ({ kind: 'index' } & DeclaredIndex);

/** Where each collection method takes its filter, and (for the ones that sort) its options. */
const ARGUMENTS: Record<string, { filter: number; options?: number }> = {
  find: { filter: 0, options: 1 },
  findOne: { filter: 0, options: 1 },
  findOneAndDelete: { filter: 0, options: 1 },
  findOneAndUpdate: { filter: 0, options: 2 },
  findOneAndReplace: { filter: 0, options: 2 },
  updateOne: { filter: 0 },
  updateMany: { filter: 0 },
  replaceOne: { filter: 0 },
  deleteOne: { filter: 0 },
  deleteMany: { filter: 0 },
  countDocuments: { filter: 0 },
  distinct: { filter: 1 },
};
const RANGE_OPERATORS = new Set(['$gt', '$gte', '$lt', '$lte', '$regex']);
const EQUALITY_OPERATORS = new Set(['$eq', '$in']);

let capturing = false;

/**
 * With QUERY_SHAPES_DIR set, records every query shape and declared index this process sends through
 * mongoose to <dir>/<pid>.jsonl, each once, for `npm run check:query-shapes` — which is how queries stay
 * index-bound for MongoDB while the devstack's FerretDB (which uses no index) is all that runs here.
 */
export function captureQueryShapes(dir = process.env.QUERY_SHAPES_DIR): void {
  if (!dir || capturing) return;
  capturing = true;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${process.pid}.jsonl`);
  const seen = new Set<string>();
  const record = (entry: QueryShapeRecord) => {
    const line = JSON.stringify(entry);
    if (seen.has(line)) return;
    seen.add(line);
    appendFileSync(file, `${line}\n`);
  };
  mongoose.set('debug', function (this: { conn?: { name?: string } }, collection: string, method: string, ...args: unknown[]) {
    for (const entry of shapesOf(this.conn?.name ?? '', collection, method, args)) record(entry);
  });
}

/** What one collection call tells the check: the query shapes it sends, or the indexes it declares. */
export function shapesOf(database: string, collection: string, method: string, args: unknown[]): QueryShapeRecord[] {
  const where = { database, collection };
  if (method === 'createIndex') return [{ kind: 'index', ...where, keys: indexKeys(args[0]) }];
  if (method === 'createIndexes')
    return ((args[0] as { key: unknown }[]) ?? []).map((index) => ({ kind: 'index', ...where, keys: indexKeys(index.key) }));
  if (method === 'aggregate') {
    const [first, second] = (args[0] as Record<string, unknown>[]) ?? [];
    const sort = first?.$sort ?? (first?.$match ? second?.$sort : undefined);
    return branches((first?.$match ?? {}) as Record<string, unknown>).map((branch) => ({
      kind: 'query',
      ...where,
      method,
      ...branch,
      sort: sortOf(sort),
    }));
  }
  if (method === 'bulkWrite') {
    return ((args[0] as Record<string, { filter?: Record<string, unknown> }>[]) ?? []).flatMap((operation) => {
      const [name, body] = Object.entries(operation)[0] ?? [];
      return body?.filter ? shapesOf(database, collection, name, [body.filter]) : [];
    });
  }
  const positions = ARGUMENTS[method];
  if (!positions) return [];
  const filter = (args[positions.filter] ?? {}) as Record<string, unknown>;
  const sort = sortOf(positions.options === undefined ? undefined : (args[positions.options] as { sort?: unknown } | undefined)?.sort);
  return branches(filter).map((branch) => ({ kind: 'query', ...where, method, ...branch, sort }));
}

type Branch = Pick<QueryShape, 'equality' | 'range'>;

/** The filter as index branches: one per `$or` alternative (nested `$and`s merged). */
function branches(filter: Record<string, unknown>): Branch[] {
  let result: Branch[] = [{ equality: [], range: [] }];
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and') {
      for (const part of condition as Record<string, unknown>[]) result = product(result, branches(part));
    } else if (field === '$or') {
      result = product(
        result,
        (condition as Record<string, unknown>[]).flatMap((part) => branches(part)),
      );
    } else if (!field.startsWith('$')) {
      const kind = conditionKind(condition);
      if (kind) result = result.map((branch) => ({ ...branch, [kind]: [...branch[kind], field] }));
    }
  }
  return result.map((branch) => ({ equality: [...new Set(branch.equality)].sort(), range: [...new Set(branch.range)].sort() }));
}

function product(left: Branch[], right: Branch[]): Branch[] {
  return left.flatMap((a) => right.map((b) => ({ equality: [...a.equality, ...b.equality], range: [...a.range, ...b.range] })));
}

/** Equality, range, or neither (`$ne`, `$exists`, `$nin`…: an index cannot narrow by them). */
function conditionKind(condition: unknown): keyof Branch | undefined {
  if (condition instanceof RegExp) return 'range';
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) return 'equality';
  const operators = Object.keys(condition);
  if (!operators.every((operator) => operator.startsWith('$'))) return 'equality'; // a sub-document value
  if (operators.some((operator) => EQUALITY_OPERATORS.has(operator))) return 'equality';
  if (operators.some((operator) => RANGE_OPERATORS.has(operator))) return 'range';
  return undefined;
}

function sortOf(sort: unknown): [string, 1 | -1][] {
  if (!sort || typeof sort !== 'object') return [];
  const entries = sort instanceof Map ? [...sort.entries()] : Array.isArray(sort) ? sort : Object.entries(sort);
  return entries.map(([field, direction]) => [String(field), Number(direction) < 0 || direction === 'desc' ? -1 : 1]);
}

function indexKeys(keys: unknown): [string, number][] {
  return Object.entries((keys ?? {}) as Record<string, unknown>).map(([field, direction]) => [field, Number(direction) || 1]);
}

/**
 * How an index with `keys` serves `shape`, by MongoDB's rules: `index` — equality fields first, then the
 * sort in key order (or all reversed), then a range; `index-then-sort` — equality fields, then a range
 * (a selective prefix search, not a range over the sort field), the few matches sorted in memory;
 * undefined — an equality field (the tenant, say) is not in its key prefix, or it does not narrow the
 * query, so the query would scan.
 */
export function indexServes(
  shape: Pick<QueryShape, 'equality' | 'sort' | 'range'>,
  keys: [string, number][],
): 'index' | 'index-then-sort' | undefined {
  if (keys[0]?.[0] === '_id' && shape.equality.includes('_id')) return 'index'; // a point lookup
  let position = 0;
  while (position < keys.length && shape.equality.includes(keys[position][0])) position++;
  // Every equality field in the key prefix: one left over would be filtered document by document.
  if (position < shape.equality.length) return undefined;
  const sort = shape.sort.filter(([field]) => !shape.equality.includes(field));
  const sortFields = new Set(sort.map(([field]) => field));
  if (sort.length > 0) {
    const next = keys.slice(position, position + sort.length);
    const sameOrder = (flip: 1 | -1) =>
      next.length === sort.length &&
      sort.every(([field, direction], i) => next[i][0] === field && Math.sign(next[i][1]) === direction * flip);
    if (sameOrder(1) || sameOrder(-1)) return 'index';
    const searched = keys[position]?.[0];
    return position > 0 && shape.range.includes(searched) && !sortFields.has(searched) ? 'index-then-sort' : undefined;
  }
  const ranged = shape.range.includes(keys[position]?.[0]);
  return position > 0 || ranged || (shape.equality.length === 0 && shape.range.length === 0) ? 'index' : undefined;
}

/** The query shapes no declared index serves, and those served with an in-memory sort of the matches. */
export function checkQueryShapes(records: QueryShapeRecord[]): { uncovered: QueryShape[]; sortedInMemory: QueryShape[] } {
  const indexes = new Map<string, [string, number][][]>();
  const where = (record: { database: string; collection: string }) => `${record.database}.${record.collection}`;
  for (const record of records)
    if (record.kind === 'index') indexes.set(where(record), [...(indexes.get(where(record)) ?? []), record.keys]);
  const uncovered: QueryShape[] = [];
  const sortedInMemory: QueryShape[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    if (record.kind !== 'query') continue;
    const { kind: _kind, ...shape } = record;
    const key = JSON.stringify({ ...shape, method: undefined });
    if (seen.has(key)) continue;
    seen.add(key);
    const candidates = [[['_id', 1]] as [string, number][], ...(indexes.get(where(shape)) ?? [])];
    const served = candidates.map((keys) => indexServes(shape, keys));
    if (served.includes('index')) continue;
    (served.includes('index-then-sort') ? sortedInMemory : uncovered).push(shape);
  }
  return { uncovered, sortedInMemory };
}
