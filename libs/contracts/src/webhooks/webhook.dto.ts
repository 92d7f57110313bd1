import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsInstant } from '../appointments/validators';
import { WEBHOOK_EVENT_TYPES } from './event-types';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'cancelled'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

const ENDPOINT_URL = { protocols: ['https', 'http'], require_protocol: true, require_tld: false, require_valid_protocol: true };
const URL_MESSAGE = 'url must be an https URL, e.g. https://crm.example.com/hooks/conversations';
const EVENT_TYPES_MESSAGE = `each eventTypes entry must be one of: ${WEBHOOK_EVENT_TYPES.join(', ')}`;

/** Fields an endpoint's create and update share. */
export class WebhookEndpointSettingsDto {
  /**
   * The event types to receive; omitted or `null` receives every type (also types added later). The
   * list of types is at GET /api/v1/webhook-event-types.
   */
  @IsOptional()
  @ArrayMinSize(1, { message: 'eventTypes must name at least one event type (or be null for all)' })
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique({ message: 'eventTypes must not repeat a type' })
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true, message: EVENT_TYPES_MESSAGE })
  eventTypes?: string[] | null;
  /** A disabled endpoint receives nothing; enabling it again clears the automatic-disable notice. */
  @IsOptional() @IsBoolean() enabled?: boolean;
  @IsOptional() @IsString() @MaxLength(500) description?: string | null;
}

export class CreateWebhookEndpointDto extends WebhookEndpointSettingsDto {
  /** https (http only to a loopback address outside production). Checked again at every delivery (SSRF). */
  @IsString({ message: URL_MESSAGE }) @IsUrl(ENDPOINT_URL, { message: URL_MESSAGE }) @MaxLength(2000) url!: string;
}

export class UpdateWebhookEndpointDto extends WebhookEndpointSettingsDto {
  @IsOptional() @IsString({ message: URL_MESSAGE }) @IsUrl(ENDPOINT_URL, { message: URL_MESSAGE }) @MaxLength(2000) url?: string;
}

export class RotateWebhookSecretDto {
  /** How long the previous secret keeps signing beside the new one (default 24 h; 0 ends it now). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(7 * 24 * 60) overlapMinutes?: number;
}

export class ListWebhookEndpointsQueryDto {
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class ListWebhookDeliveriesQueryDto {
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @IsOptional()
  @IsIn(WEBHOOK_DELIVERY_STATUSES, { message: `status must be one of: ${WEBHOOK_DELIVERY_STATUSES.join(', ')}` })
  status?: WebhookDeliveryStatus;
}

/** Deliver again every stored event that occurred in [from, to) and the endpoint subscribes to. */
export class ReplayWebhookEventsDto {
  @IsInstant() from!: string;
  @IsInstant() to!: string;
}
