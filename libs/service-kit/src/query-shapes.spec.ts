import { checkQueryShapes, indexServes, shapesOf, type QueryShapeRecord } from './query-shapes';

const query = (shape: Partial<Omit<Extract<QueryShapeRecord, { kind: 'query' }>, 'kind'>>): QueryShapeRecord => ({
  kind: 'query',
  database: 'app',
  collection: 'contacts',
  method: 'find',
  equality: [],
  sort: [],
  range: [],
  ...shape,
});
const index = (keys: [string, number][], collection = 'contacts'): QueryShapeRecord => ({
  kind: 'index',
  database: 'app',
  collection,
  keys,
});

describe('query shapes (#15: queries index-bound for MongoDB)', () => {
  describe('shapesOf', () => {
    it('splits a filter into equality and range fields, with the sort from find options', () => {
      expect(
        shapesOf('app', 'contacts', 'find', [
          { tenantId: 't', status: { $in: ['a', 'b'] }, updatedAt: { $lt: new Date() }, name: /^jo/, deletedAt: { $exists: false } },
          { sort: { updatedAt: -1, _id: -1 }, limit: 50 },
        ]),
      ).toEqual([
        {
          kind: 'query',
          database: 'app',
          collection: 'contacts',
          method: 'find',
          equality: ['status', 'tenantId'],
          sort: [
            ['updatedAt', -1],
            ['_id', -1],
          ],
          range: ['name', 'updatedAt'],
        },
      ]);
    });

    it('gives one shape per $or branch, each with the fields around it, and reads findOneAndUpdate options at the third argument', () => {
      const shapes = shapesOf('app', 'contacts', 'findOneAndUpdate', [
        { tenantId: 't', $or: [{ _id: 'c1' }, { phone: '+1' }] },
        { $set: { x: 1 } },
        { sort: [['createdAt', 1]] },
      ]);
      expect(shapes.map((shape) => shape.kind === 'query' && [shape.equality, shape.sort])).toEqual([
        [['_id', 'tenantId'], [['createdAt', 1]]],
        [['phone', 'tenantId'], [['createdAt', 1]]],
      ]);
    });

    it('reads an aggregate’s first $match and $sort, each bulkWrite filter, and the indexes a model declares', () => {
      expect(shapesOf('app', 'calls', 'aggregate', [[{ $match: { tenantId: 't' } }, { $sort: { at: -1 } }, { $limit: 5 }]])).toMatchObject([
        { equality: ['tenantId'], sort: [['at', -1]] },
      ]);
      expect(
        shapesOf('app', 'calls', 'bulkWrite', [[{ updateOne: { filter: { _id: 'a' }, update: {} } }, { insertOne: { document: {} } }]]),
      ).toMatchObject([{ method: 'updateOne', equality: ['_id'] }]);
      expect(shapesOf('app', 'calls', 'createIndex', [{ tenantId: 1, at: -1 }, { background: true }])).toEqual([
        {
          kind: 'index',
          database: 'app',
          collection: 'calls',
          keys: [
            ['tenantId', 1],
            ['at', -1],
          ],
        },
      ]);
      expect(shapesOf('app', 'calls', 'insertOne', [{}])).toEqual([]);
    });
  });

  describe('indexServes (equality, sort, range)', () => {
    const listing = {
      equality: ['tenantId'],
      sort: [
        ['updatedAt', -1],
        ['_id', -1],
      ] as [string, 1 | -1][],
      range: ['updatedAt'],
    };

    it('serves a tenant listing from an index on the tenant then the sort, in either direction', () => {
      expect(
        indexServes(listing, [
          ['tenantId', 1],
          ['updatedAt', -1],
          ['_id', -1],
        ]),
      ).toBe('index');
      expect(
        indexServes(listing, [
          ['tenantId', 1],
          ['updatedAt', 1],
          ['_id', 1],
        ]),
      ).toBe('index');
      expect(
        indexServes(listing, [
          ['tenantId', 1],
          ['updatedAt', -1],
          ['_id', 1],
        ]),
      ).toBeUndefined(); // mixed directions
    });

    it('does not serve a query whose tenant is not in the index prefix, nor a sort the index does not hold', () => {
      expect(
        indexServes(listing, [
          ['updatedAt', -1],
          ['_id', -1],
        ]),
      ).toBeUndefined();
      expect(indexServes(listing, [['tenantId', 1]])).toBeUndefined();
      expect(indexServes({ equality: ['tenantId', 'phone'], sort: [], range: [] }, [['phone', 1]])).toBeUndefined();
    });

    it('serves a prefix search by equality then range, its few matches sorted in memory', () => {
      const search = { equality: ['tenantId'], sort: [['updatedAt', -1]] as [string, 1 | -1][], range: ['searchKeys'] };
      expect(
        indexServes(search, [
          ['tenantId', 1],
          ['searchKeys', 1],
        ]),
      ).toBe('index-then-sort');
    });

    it('serves a point lookup by _id whatever else the filter holds', () => {
      expect(indexServes({ equality: ['_id', 'tenantId'], sort: [], range: [] }, [['_id', 1]])).toBe('index');
    });
  });

  describe('checkQueryShapes', () => {
    it('reports what no declared index of that collection serves, once per shape', () => {
      const orphan = query({ equality: ['tenantId', 'tag'] });
      const result = checkQueryShapes([
        index([
          ['tenantId', 1],
          ['updatedAt', -1],
        ]),
        index(
          [
            ['tenantId', 1],
            ['tag', 1],
          ],
          'other',
        ),
        query({ equality: ['tenantId'], sort: [['updatedAt', -1]] }),
        query({ equality: ['_id'] }),
        orphan,
        { ...orphan, method: 'countDocuments' } as QueryShapeRecord,
      ]);
      expect(result.uncovered).toEqual([
        { database: 'app', collection: 'contacts', method: 'find', equality: ['tenantId', 'tag'], sort: [], range: [] },
      ]);
      expect(result.sortedInMemory).toEqual([]);
    });
  });
});
