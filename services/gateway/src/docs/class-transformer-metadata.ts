import { defaultMetadataStorage } from 'class-transformer/cjs/storage';

/**
 * Where class-transformer keeps what `@Type()`, `@Expose()` and `@Exclude()` record. It is module-private
 * (class-transformer 0.5 exports no accessor), and class-validator-jsonschema needs it to describe nested
 * DTOs, so this is the one place that reaches in; class-transformer-metadata.spec.ts asserts the shape
 * relied on, so an upgrade that moves or changes it fails there rather than in the API docs.
 */
export const classTransformerMetadata = defaultMetadataStorage;
