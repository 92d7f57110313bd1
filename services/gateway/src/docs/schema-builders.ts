import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/**
 * Small builders for the hand-written OpenAPI schemas of the response views. The views are TypeScript
 * interfaces in contracts (no runtime metadata to generate from), so `objectOf<View>` checks each schema's
 * property list against its interface at compile time: a field added to a view and not documented fails
 * the typecheck.
 */
export type Schema = SchemaObject | ReferenceObject;
export type PropertiesOf<View> = { [Key in keyof Required<View>]: Schema };

const described = (description?: string) => (description ? { description } : {});

export const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });
export const string = (description?: string, extra: SchemaObject = {}): SchemaObject => ({
  type: 'string',
  ...described(description),
  ...extra,
});
export const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });
export const dateTime = (description?: string) => string(description, { format: 'date-time' });
export const integer = (description?: string): SchemaObject => ({ type: 'integer', ...described(description) });
export const boolean = (description?: string): SchemaObject => ({ type: 'boolean', ...described(description) });
export const objectOf = <View>(properties: PropertiesOf<View>, description?: string): SchemaObject => ({
  type: 'object',
  ...described(description),
  properties,
  required: Object.keys(properties),
});
/** A cursor page of `item`s (see Page in contracts). */
export const page = (item: string): SchemaObject => ({
  type: 'object',
  properties: {
    items: { type: 'array', items: ref(item) },
    nextCursor: nullable(string('pass as `cursor` for the next page; null on the last page')),
  },
  required: ['items', 'nextCursor'],
});
