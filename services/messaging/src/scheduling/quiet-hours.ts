import type { ContactView } from '@conversations/contracts';
import { Injectable } from '@nestjs/common';

/** What quiet hours say about sending a scheduled message now. */
export type QuietHoursVerdict = { kind: 'send' } | { kind: 'defer'; until: Date } | { kind: 'cancel' };

/**
 * F42 — quiet hours per tenant in the contact's local time (fallback: the tenant's time zone), for
 * automated and scheduled sends — is not built yet. This is the one place a scheduled send asks whether it
 * may go now (ScheduledSender, through SendTimeChecks): F42 puts the tenant's allowed windows and its
 * policy here — `defer` to the next allowed time, or `cancel` (the message ends canceled, `quiet_hours`).
 * Until then every time is allowed.
 */
@Injectable()
export class QuietHours {
  async verdictFor(_tenantId: string, _contact: ContactView, _at: Date): Promise<QuietHoursVerdict> {
    return { kind: 'send' };
  }
}
