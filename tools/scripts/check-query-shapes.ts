/**
 * `npm run check:query-shapes [dir]`: every query shape the services sent during a test run (recorded with
 * QUERY_SHAPES_DIR=dir, see captureQueryShapes) checked against the indexes they declared, by MongoDB's
 * equality-sort-range rule. Fails, listing them, when a query no index serves; lists those whose few
 * matches are sorted in memory (selective prefix searches) as a note.
 */
import { checkQueryShapes, type QueryShape, type QueryShapeRecord } from '@conversations/service-kit';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? process.env.QUERY_SHAPES_DIR;
if (!dir) throw new Error('usage: npm run check:query-shapes -- <dir recorded with QUERY_SHAPES_DIR>');

const records: QueryShapeRecord[] = readdirSync(dir)
  .filter((name) => name.endsWith('.jsonl'))
  .flatMap((name) =>
    readFileSync(join(dir, name), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as QueryShapeRecord),
  );
const queries = records.filter((record) => record.kind === 'query');
const collections = new Set(queries.map((query) => `${query.database}.${query.collection}`));
const { uncovered, sortedInMemory } = checkQueryShapes(records);

const describe = (shape: QueryShape) =>
  `  ${shape.database}.${shape.collection} ${shape.method}: equality [${shape.equality.join(', ')}]` +
  (shape.sort.length ? ` sort [${shape.sort.map(([field, direction]) => `${field} ${direction}`).join(', ')}]` : '') +
  (shape.range.length ? ` range [${shape.range.join(', ')}]` : '');
console.log(`${queries.length} query shapes on ${collections.size} collections, recorded in ${dir}`);
if (sortedInMemory.length) console.log(`served by an index, the matches sorted in memory:\n${sortedInMemory.map(describe).join('\n')}`);
if (queries.length === 0) {
  console.error('no query shapes recorded: was the test run started with QUERY_SHAPES_DIR?');
  process.exit(1);
}
if (uncovered.length) {
  console.error(`no declared index serves these ${uncovered.length} query shapes:\n${uncovered.map(describe).join('\n')}`);
  process.exit(1);
}
console.log('every query shape is served by a declared index');
