import { ContactsSubjects, type ContactView, type RequestContext } from '@conversations/contracts';
import { bootstrapService, createLogger, type NamespacedNatsClient, type RunningService } from '@conversations/service-kit';
import { RpcTestClient, spawnService, testServiceConfig, uniqueId, type ServiceProcess } from '@conversations/testing';
import { DateTime } from 'luxon';
import type { NatsConnection } from 'nats';
import { AppModule } from '../src/app.module';
import { type AppointmentsConfig } from '../src/config';

/**
 * The appointments service booted in-process against the test run's devstack, beside the real contacts
 * service as its own process (it must not be imported), both in a NATS namespace of their own.
 */
export class AppointmentsHarness extends RpcTestClient {
  private constructor(
    readonly config: AppointmentsConfig,
    readonly service: RunningService,
    readonly contacts: ServiceProcess,
    /** The contacts service's database, for its seed entry point. */
    readonly contactsDatabase: string,
    client: NamespacedNatsClient,
    nats: NatsConnection,
  ) {
    super(client, nats, config.NATS_NAMESPACE);
  }

  static async start(): Promise<AppointmentsHarness> {
    const base = testServiceConfig();
    const config: AppointmentsConfig = {
      ...base,
      MONGO_DB: uniqueId('appointments').replace('-', '_'),
      OUTBOX_SWEEP_MS: 60_000,
      CONTACTS_TIMEOUT_MS: 5_000,
    };
    const contactsDatabase = uniqueId('contacts').replace('-', '_');
    const contacts = await spawnService(
      'contacts',
      { MONGO_URL: base.MONGO_URL, NATS_URL: base.NATS_URL, NATS_NAMESPACE: base.NATS_NAMESPACE, MONGO_DB: contactsDatabase },
      { echo: !!process.env.ECHO_SERVICES },
    );
    const logger = createLogger('appointments', config.LOG_LEVEL);
    const service = await bootstrapService('appointments', AppModule.register(config, logger), config, logger);
    const { client, nats } = await RpcTestClient.connectClient(config);
    return new AppointmentsHarness(config, service, contacts, contactsDatabase, client, nats);
  }

  createContact(ctx: RequestContext, firstName = 'Ana'): Promise<ContactView> {
    return this.call<ContactView>(ContactsSubjects.create, ctx, { firstName });
  }

  async stop(): Promise<void> {
    await this.closeClient();
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
