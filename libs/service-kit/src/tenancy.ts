import type { Aggregate, Query, Schema } from 'mongoose';

export class TenantScopeError extends Error {
  constructor(operation: string, model: string) {
    super(`${model}.${operation} ran without a tenantId filter; every query must be tenant-scoped`);
    this.name = 'TenantScopeError';
  }
}

const QUERY_OPERATIONS = [
  'countDocuments',
  'deleteMany',
  'deleteOne',
  'distinct',
  'estimatedDocumentCount',
  'find',
  'findOne',
  'findOneAndDelete',
  'findOneAndReplace',
  'findOneAndUpdate',
  'replaceOne',
  'updateMany',
  'updateOne',
] as const;

/**
 * Makes a tenant-less query impossible: every query and aggregate on the schema must filter on a
 * non-empty `tenantId`, and every document must carry one. The only exception is the query option
 * `{ crossTenant: true }`, reserved for system jobs (the outbox relay) that never answer a user.
 */
export function tenantScopedPlugin(schema: Schema): void {
  if (!schema.path('tenantId')) {
    schema.add({ tenantId: { type: String, required: true, immutable: true } });
  }
  for (const operation of QUERY_OPERATIONS) {
    schema.pre(operation, function (this: Query<unknown, unknown>) {
      if (this.getOptions().crossTenant === true) return;
      const tenantId = this.getFilter().tenantId;
      if (typeof tenantId !== 'string' || tenantId.length === 0) {
        throw new TenantScopeError(operation, this.model.modelName);
      }
    });
  }
  schema.pre('aggregate', function (this: Aggregate<unknown>) {
    if (this.options.crossTenant === true) return;
    const first = this.pipeline()[0] as { $match?: { tenantId?: unknown } } | undefined;
    const tenantId = first?.$match?.tenantId;
    if (typeof tenantId !== 'string' || tenantId.length === 0) {
      throw new TenantScopeError('aggregate', this.model().modelName);
    }
  });
}

declare module 'mongoose' {
  interface QueryOptions {
    /** Skip the tenant check: system jobs only. */
    crossTenant?: boolean;
  }
  interface AggregateOptions {
    crossTenant?: boolean;
  }
}
