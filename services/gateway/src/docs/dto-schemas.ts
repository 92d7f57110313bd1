import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ValidationTypes } from 'class-validator';
import { targetConstructorToSchema, validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { MAX_CUSTOM_FIELDS } from '@conversations/contracts';
import { classTransformerMetadata } from './class-transformer-metadata';

type Schema = SchemaObject | ReferenceObject;
type Dto = abstract new (...args: never[]) => object;

/**
 * Request schemas come from the class-validator rules of the contracts DTOs themselves (the rules that
 * run on every request), so the documentation cannot drift from the validation. The contracts'
 * custom validators get schemas here, since a generator cannot read a validation function.
 */
const options: Parameters<typeof validationMetadatasToSchemas>[0] = {
  refPointerPrefix: '#/components/schemas/',
  classTransformerMetadataStorage: classTransformerMetadata,
  additionalConverters: {
    // `@IsOptional()` also admits null, which clears the field on update.
    [ValidationTypes.CONDITIONAL_VALIDATION]: { nullable: true },
    isIanaTimeZone: { type: 'string', description: 'IANA time zone', example: 'America/New_York' },
    isInstant: {
      type: 'string',
      format: 'date-time',
      description: 'ISO 8601 date-time with an offset (Z or ±hh:mm)',
      example: '2027-03-15T13:00:00Z',
    },
    isFiveMinuteMultiple: { multipleOf: 5 },
    isWorkingHours: { description: 'per weekday, non-overlapping intervals that end after they start' },
    isPastCalendarDate: { type: 'string', format: 'date', description: 'a past date, YYYY-MM-DD', example: '1990-04-21' },
    isCustomFields: {
      type: 'object',
      description: `up to ${MAX_CUSTOM_FIELDS} keys (letters, digits, _; starting with a letter); values text (≤ 500 characters), numbers, booleans or null`,
      maxProperties: MAX_CUSTOM_FIELDS,
      additionalProperties: { nullable: true, oneOf: [{ type: 'string', maxLength: 500 }, { type: 'number' }, { type: 'boolean' }] },
    },
  },
};

/** The DTOs the routes take, registered by `@ApiJsonBody` / `@ApiQueryOf` as controllers load. */
const documentedDtos = new Set<Dto>();

export function registerDocumentedDto(dto: Dto): void {
  documentedDtos.add(dto);
}

export function dtoSchema(dto: Dto): SchemaObject {
  return withNullableReferences(targetConstructorToSchema(dto as unknown as new () => object, options) as SchemaObject);
}

/** OpenAPI 3.0 ignores keywords beside `$ref`, so a nullable nested DTO is written `allOf: [$ref]`. */
function withNullableReferences(schema: SchemaObject): SchemaObject {
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([name, property]) => {
      const { $ref, ...rest } = property as SchemaObject & { $ref?: string };
      return [name, $ref && Object.keys(rest).length ? { ...rest, allOf: [{ $ref }] } : property];
    }),
  );
  return schema.properties ? { ...schema, properties } : schema;
}

/**
 * Every class with validation rules (nested ones such as AddressDto included), plus each documented DTO
 * by its own name with its inherited rules (a subclass without rules of its own is otherwise absent).
 */
export function dtoSchemas(): Record<string, Schema> {
  const schemas = Object.fromEntries(
    Object.entries(validationMetadatasToSchemas(options)).map(([name, schema]) => [name, withNullableReferences(schema as SchemaObject)]),
  ) as Record<string, Schema>;
  for (const dto of documentedDtos) schemas[dto.name] = dtoSchema(dto);
  return schemas;
}
