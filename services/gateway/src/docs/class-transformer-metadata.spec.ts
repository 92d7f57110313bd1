import 'reflect-metadata';
import { Exclude, Expose, Type } from 'class-transformer';
import { classTransformerMetadata } from './class-transformer-metadata';

class Nested {
  value!: string;
}

class Outer {
  @Type(() => Nested)
  nested!: Nested;

  @Expose({ name: 'shown' })
  exposed!: string;

  @Exclude()
  hidden!: string;
}

describe('class-transformer metadata storage (private; what class-validator-jsonschema reads)', () => {
  it('holds what the public decorators record, behind the three lookups the schema generator calls', () => {
    expect(classTransformerMetadata.findTypeMetadata(Outer, 'nested')?.typeFunction()).toBe(Nested);
    expect(classTransformerMetadata.getExposedMetadatas(Outer).map(({ propertyName, options }) => [propertyName, options.name])).toEqual([
      ['exposed', 'shown'],
    ]);
    expect(classTransformerMetadata.findExcludeMetadata(Outer, 'hidden')).toBeDefined();
    expect(classTransformerMetadata.findExcludeMetadata(Outer, 'exposed')).toBeUndefined();
  });
});
