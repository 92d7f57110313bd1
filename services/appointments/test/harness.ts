import { ContactsSubjects, ContactView, ErrorBody, RequestContext } from '@conversations/contracts';
import { bootstrapService, createLogger, NamespacedNatsClient, RunningService } from '@conversations/service-kit';
import { spawnService, testServiceConfig, uniqueId, watchTenantEvents, type EventWatch, type ServiceProcess } from '@conversations/testing';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { connect, NatsConnection } from 'nats';
import { firstValueFrom } from 'rxjs';
import { AppModule } from '../src/app.module';
import { AppointmentsConfig } from '../src/config';

/**
 * The appointments service booted in-process against the test run's devstack, beside the real contacts
 * service as its own process (it must not be imported), both in a NATS namespace of their own.
 */
export class AppointmentsHarness {
  private constructor(
    readonly config: AppointmentsConfig,
    readonly service: RunningService,
    readonly contacts: ServiceProcess,
    /** The contacts service's database, for its seed entry point. */
    readonly contactsDatabase: string,
    readonly client: NamespacedNatsClient,
    readonly nats: NatsConnection,
  ) {}

  static async start(): Promise<AppointmentsHarness> {
    const base = testServiceConfig();
    const config: AppointmentsConfig = { ...base, MONGO_DB: uniqueId('appointments').replace('-', '_'), OUTBOX_SWEEP_MS: 60_000, CONTACTS_TIMEOUT_MS: 5_000 };
    const contactsDatabase = uniqueId('contacts').replace('-', '_');
    const contacts = await spawnService(
      'contacts',
      { MONGO_URL: base.MONGO_URL, NATS_URL: base.NATS_URL, NATS_NAMESPACE: base.NATS_NAMESPACE, MONGO_DB: contactsDatabase },
      { echo: !!process.env.ECHO_SERVICES },
    );
    const logger = createLogger('appointments', config.LOG_LEVEL);
    const service = await bootstrapService('appointments', AppModule.register(config, logger), config, logger);
    const client = new NamespacedNatsClient({ servers: [config.NATS_URL], namespace: config.NATS_NAMESPACE });
    await client.connect();
    const nats = await connect({ servers: config.NATS_URL });
    return new AppointmentsHarness(config, service, contacts, contactsDatabase, client, nats);
  }

  context(tenantId: string, userId = 'u-test'): RequestContext {
    return { tenantId, userId, requestId: randomUUID() };
  }

  call<T>(subject: string, ctx: RequestContext, data: unknown = {}): Promise<T> {
    return firstValueFrom(this.client.send<T>(subject, { ctx, data }));
  }

  /** Resolves to the ErrorBody the call failed with (fails the test if it succeeded). */
  async callError(subject: string, ctx: RequestContext, data: unknown = {}): Promise<ErrorBody> {
    try {
      await this.call(subject, ctx, data);
    } catch (error) {
      return error as ErrorBody;
    }
    throw new Error(`${subject} succeeded but was expected to fail`);
  }

  createContact(ctx: RequestContext, firstName = 'Ana'): Promise<ContactView> {
    return this.call<ContactView>(ContactsSubjects.create, ctx, { firstName });
  }

  /** Collects every event of `tenantId` from now on, straight from the JetStream stream. */
  watchEvents(tenantId: string): Promise<EventWatch> {
    return watchTenantEvents(this.nats, tenantId);
  }

  async stop(): Promise<void> {
    await this.client.close();
    await this.nats.close();
    await this.service.close();
    await this.contacts.stop();
  }
}


/** The next local date (≥ 2 days ahead, so it is bookable all day) that falls on `weekday` (1 = Monday). */
export function nextWeekday(zone: string, weekday: number, from = DateTime.now()): DateTime {
  let date = from.setZone(zone).startOf('day').plus({ days: 2 });
  while (date.weekday !== weekday) date = date.plus({ days: 1 });
  return date;
}

/** The instant of a local wall-clock time on a local date, as ISO UTC. */
export function at(date: DateTime, time: string): string {
  const [hour, minute] = time.split(':').map(Number);
  return date.set({ hour, minute, second: 0, millisecond: 0 }).toUTC().toISO() as string;
}

/** The next US daylight-saving start (second Sunday of March) and end (first Sunday of November) still ahead. */
export function nextUsDstChanges(now = DateTime.now()): { march: DateTime; november: DateTime } {
  const zone = 'America/New_York';
  const nth = (year: number, month: number, n: number) => {
    let date = DateTime.fromObject({ year, month, day: 1 }, { zone });
    while (date.weekday !== 7) date = date.plus({ days: 1 });
    return date.plus({ weeks: n - 1 });
  };
  const ahead = (pick: (year: number) => DateTime) => (pick(now.year).minus({ days: 3 }) > now ? pick(now.year) : pick(now.year + 1));
  return { march: ahead((year) => nth(year, 3, 2)), november: ahead((year) => nth(year, 11, 1)) };
}
