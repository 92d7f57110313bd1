import { DomainError } from '@conversations/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { CALL_SETTINGS_MODEL, CallSettingsDocument } from './call-settings.schema';

export type CallSettings = Pick<CallSettingsDocument, 'recordCalls' | 'voicemail' | 'voicemailGreeting' | 'defaultNumber'>;

/** Recording is off until a tenant turns it on (consent rules differ by place); voicemail is on. */
export const DEFAULT_CALL_SETTINGS: CallSettings = {
  recordCalls: false,
  voicemail: true,
  voicemailGreeting:
    'Sorry, no one can take your call right now. Please leave a message after the tone, and press the hash key when you are done.',
  defaultNumber: null,
};

const E164 = /^\+[1-9][0-9]{6,14}$/;

@Injectable()
export class CallSettingsService {
  constructor(@InjectModel(CALL_SETTINGS_MODEL) private readonly settings: Model<CallSettingsDocument>) {}

  async get(tenantId: string): Promise<CallSettings> {
    const stored = await this.settings.findOne({ _id: tenantId, tenantId }).lean<CallSettingsDocument>();
    if (!stored) return { ...DEFAULT_CALL_SETTINGS };
    return {
      recordCalls: stored.recordCalls,
      voicemail: stored.voicemail,
      voicemailGreeting: stored.voicemailGreeting,
      defaultNumber: stored.defaultNumber,
    };
  }

  /** Provisioning (seed, admin tooling, tests): merges `changes` into the tenant's settings. */
  async update(tenantId: string, changes: Partial<CallSettings>): Promise<CallSettings> {
    const fields: Record<string, string[]> = {};
    if (changes.defaultNumber != null && !E164.test(changes.defaultNumber))
      fields.defaultNumber = ['defaultNumber must be a phone number in E.164 form, e.g. +14155550100'];
    if (changes.voicemailGreeting !== undefined && !changes.voicemailGreeting.trim())
      fields.voicemailGreeting = ['voicemailGreeting must not be empty'];
    if (Object.keys(fields).length) throw DomainError.validation(fields);
    const next = { ...(await this.get(tenantId)), ...changes };
    await this.settings.updateOne({ _id: tenantId, tenantId }, { $set: { ...next, updatedAt: new Date() } }, { upsert: true });
    return next;
  }
}
