/**
 * One statement of an idempotent demo-data seed for `bulkWrite`: inserts the document under `_id` unless
 * it exists, and never overwrites what a user changed since. The filter is `_id` alone, which FerretDB
 * answers from its primary key (any other field makes it scan the collection for every statement);
 * seeded ids are unique across tenants, and the tenant goes into the inserted document.
 */
export function insertIfAbsent<Id>(tenantId: string, _id: Id, document: Record<string, unknown>) {
  return { updateOne: { filter: { _id }, update: { $setOnInsert: { ...document, tenantId } }, upsert: true } };
}
