import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsMongoId,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCustomFields, IsIanaTimeZone, IsPastCalendarDate } from './validators';

/** Loose shape check only; the contacts service normalises to E.164 with the tenant's default country. */
const PHONE_CHARACTERS = /^\+?[0-9\s().\-]{3,30}$/;
const PHONE_MESSAGE = 'phone must be a phone number, e.g. +14155550100 or (415) 555-0100';

export class AddressDto {
  @IsOptional() @IsString() @MaxLength(200) line1?: string | null;
  @IsOptional() @IsString() @MaxLength(200) line2?: string | null;
  @IsOptional() @IsString() @MaxLength(100) city?: string | null;
  @IsOptional() @IsString() @MaxLength(100) region?: string | null;
  @IsOptional() @IsString() @MaxLength(20) postalCode?: string | null;
  /** ISO 3166-1 alpha-2 */
  @IsOptional() @Matches(/^[A-Z]{2}$/, { message: 'country must be a two-letter country code such as US' }) country?: string | null;
}

/** Fields shared by create and update. `null` on update clears an optional field. */
export class ContactFieldsDto {
  @IsOptional() @IsString() @MaxLength(100) firstName?: string | null;
  @IsOptional() @IsString() @MaxLength(100) lastName?: string | null;
  @IsOptional() @IsString() @Matches(PHONE_CHARACTERS, { message: PHONE_MESSAGE }) phone?: string | null;
  @IsOptional() @IsEmail({}, { message: 'email must be an email address, e.g. ana@example.com' }) @MaxLength(254) email?: string | null;
  @IsOptional() @IsString() @MaxLength(200) company?: string | null;
  @IsOptional() @ValidateNested() @Type(() => AddressDto) address?: AddressDto | null;
  @IsOptional() @IsIanaTimeZone() timeZone?: string | null;
  @IsOptional() @IsPastCalendarDate() dateOfBirth?: string | null;
  @IsOptional() @IsString() @MaxLength(100) source?: string | null;
  @IsOptional() @IsCustomFields() customFields?: Record<string, string | number | boolean | null> | null;
}

export class CreateContactDto extends ContactFieldsDto {}
export class UpdateContactDto extends ContactFieldsDto {}

export class ListContactsQueryDto {
  /** Name words (prefix, case/accent-insensitive) or a phone number in any format. */
  @IsOptional() @IsString() @MaxLength(100) q?: string;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  /** Deep link (F5): this contact comes first on the first page and never again on later pages. */
  @IsOptional() @IsMongoId({ message: 'pinned must be a contact id' }) pinned?: string;
}

export class FindOrCreateByPhoneDto {
  @IsString() @Matches(PHONE_CHARACTERS, { message: PHONE_MESSAGE }) phone!: string;
  @IsOptional() @IsString() @MaxLength(100) source?: string;
}

export class SetContactTagsDto {
  @IsMongoId({ each: true, message: 'each tagIds entry must be a tag id' })
  @Type(() => String)
  tagIds!: string[];
}

export class SetDispositionDto {
  /** null clears the disposition. */
  @ValidateIf((_, value) => value !== null)
  @IsMongoId({ message: 'dispositionId must be a disposition id or null' })
  dispositionId!: string | null;
}

export class UpdateDndDto {
  @IsOptional() @IsBoolean() all?: boolean;
  @IsOptional() @IsBoolean() email?: boolean;
  @IsOptional() @IsBoolean() sms?: boolean;
  @IsOptional() @IsBoolean() calls?: boolean;
  @IsOptional() @IsBoolean() inboundCallsAndSms?: boolean;
}

export const ASSIGNMENT_TYPES = ['unassigned', 'company', 'user'] as const;
export type AssignmentType = (typeof ASSIGNMENT_TYPES)[number];

export class SetAssignmentDto {
  @IsIn(ASSIGNMENT_TYPES, { message: 'type must be one of unassigned, company, user' }) type!: AssignmentType;
  @ValidateIf((dto: SetAssignmentDto) => dto.type === 'user')
  @IsString({ message: 'userId is required when type is user' })
  @MinLength(1, { message: 'userId is required when type is user' })
  @MaxLength(100)
  userId?: string;
}

export class PageQueryDto {
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class NoteBodyDto {
  @IsString() @MinLength(1, { message: 'body must not be empty' }) @MaxLength(10_000) body!: string;
}

export class CreateTagDto {
  @IsString() @MinLength(1, { message: 'name must not be empty' }) @MaxLength(50) name!: string;
  @IsOptional() @Matches(/^#[0-9a-fA-F]{6}$/, { message: 'color must be a hex colour such as #3366ff' }) color?: string;
}

export class UpdateTagDto {
  @IsOptional() @IsString() @MinLength(1, { message: 'name must not be empty' }) @MaxLength(50) name?: string;
  @IsOptional() @Matches(/^#[0-9a-fA-F]{6}$/, { message: 'color must be a hex colour such as #3366ff' }) color?: string;
}

export class CreateDispositionDto {
  @IsString() @MinLength(1, { message: 'name must not be empty' }) @MaxLength(50) name!: string;
}
export class UpdateDispositionDto extends CreateDispositionDto {}
