import { type MessageView, MessagingSubjects, type Page, type RequestContext } from '@conversations/contracts';
import { getModelToken } from '@nestjs/mongoose';
import { spawnService, type ServiceProcess, uniqueId } from '@conversations/testing';
import type { Model } from 'mongoose';
import { MESSAGE_MODEL, type MessageDocument } from '../src/messages/message.schema';
import { SimulatedCarrier } from './carrier';
import { demoPhone, eventually, FAST_SCHEDULES, inFromNow, MessagingHarness, senderNumber } from './harness';

/**
 * F38 durable and exactly once: the API in this process, the scheduler in two real worker processes
 * (`src/worker.ts`), the real carrier simulator counting every send. A worker is SIGKILLed while it holds
 * scheduled messages at their time; all workers are stopped across a schedule's time and one is started after.
 */
describe('F38: scheduled sends survive a killed worker and a restart, and go exactly once', () => {
  let carrier: SimulatedCarrier;
  let harness: MessagingHarness;
  let messages: Model<MessageDocument>;
  const workers: ServiceProcess[] = [];

  // A look every second: a worker claims what falls due in the next second and holds it until its time.
  const startWorker = async () => {
    const worker = await spawnService('messaging', harness.environment({ SCHEDULE_SWEEP_MS: 1_000 }), {
      entry: 'src/worker.ts',
      echo: !!process.env.ECHO_SERVICES,
    });
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    carrier = await SimulatedCarrier.start();
    // The API alone here (SEND_WORKER off): its outbox sweep republishes what a killed worker wrote but did not publish.
    harness = await MessagingHarness.start({ ...carrier.messagingConfig, ...FAST_SCHEDULES });
    carrier.relay.target = harness;
    messages = harness.service.app.get<Model<MessageDocument>>(getModelToken(MESSAGE_MODEL));
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await harness?.stop();
    await carrier?.stop();
  });

  async function tenantWithContacts(count: number) {
    const ctx = harness.context(uniqueId('tenant'));
    const sms = senderNumber();
    await harness.addNumber(ctx.tenantId, sms, { sms: true });
    const contacts = [];
    for (let index = 0; index < count; index++)
      contacts.push(
        await harness.createContact(ctx, { firstName: `Pat ${index}`, phone: demoPhone(['415', '212', '312', '646', '718'][index % 5]) }),
      );
    return { ctx, sms, contacts };
  }
  const schedule = (ctx: RequestContext, contactId: string, from: string, scheduledAt: string) =>
    harness.call<MessageView>(MessagingSubjects.send, ctx, {
      contactId,
      message: { channel: 'sms', from, body: 'Your table is ready', scheduledAt },
    });
  const statusesOf = async (ctx: RequestContext, sent: MessageView[]) =>
    Promise.all(
      sent.map(async (message) => {
        const page = await harness.call<Page<MessageView>>(MessagingSubjects.messagesList, ctx, { contactId: message.contactId });
        return page.items.find((item) => item.id === message.id)?.status;
      }),
    );
  const carrierSends = async (sent: MessageView[]) => Promise.all(sent.map(async (message) => (await carrier.sendsOf(message.id)).length));
  /** The process (pid) whose claim a scheduled message carries: the lease token is `<host>:<pid>/<uuid>`. */
  const holderPid = (token: string | null) => (token ? Number(token.split('/')[0].split(':').at(-1)) : null);

  it.each([
    ['as its sends start', 30],
    ['while its sends are at the carrier', 200],
  ])(
    'F38: the worker holding the schedules is SIGKILLed at their time (%s); the other sends each exactly once',
    async (_when, killAfterMs) => {
      while (workers.length < 2) await startWorker();
      // Slow carrier answers: the kill may land while a send is at the carrier.
      await carrier.setBehaviour({ apiDelayMs: 300 });
      const { ctx, sms, contacts } = await tenantWithContacts(5);
      const scheduledAt = inFromNow(3_000);
      const sent = await Promise.all(contacts.map((contact) => schedule(ctx, contact.id, sms, scheduledAt)));
      const ids = sent.map((message) => message.id);

      // Claimed ahead of their time by one of the workers (it holds them, then sends each at its time).
      const claimed = await eventually(
        () => messages.find({ _id: { $in: ids }, tenantId: ctx.tenantId }, { fireLeaseToken: 1 }).lean<MessageDocument[]>(),
        (rows) => rows.length === ids.length && rows.every((row) => row.fireLeaseToken),
        10_000,
        20,
      );
      const pids = claimed.map((row) => holderPid(row.fireLeaseToken));
      const holderPidOfMost = [...new Set(pids)].sort(
        (a, b) => pids.filter((pid) => pid === b).length - pids.filter((pid) => pid === a).length,
      )[0];
      const holder = workers.find((worker) => worker.child.pid === holderPidOfMost);
      expect(holder).toBeDefined();
      // Around the due time: its sends are starting (checks, queued), or at the carrier (answering in 300 ms).
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(scheduledAt) + killAfterMs - Date.now())));
      await holder!.stop('SIGKILL');
      workers.splice(workers.indexOf(holder!), 1);
      const killedAt = Date.now();
      const atKill = await messages.find({ _id: { $in: ids }, tenantId: ctx.tenantId }, { status: 1 }).lean<MessageDocument[]>();

      const statuses = await eventually(
        () => statusesOf(ctx, sent),
        (seen) => seen.every((status) => status === 'delivered'),
        30_000,
        200,
      );
      const recoveredMs = Date.now() - killedAt;
      expect(statuses).toEqual(sent.map(() => 'delivered'));
      // Settle: nothing late goes out a second time.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(await carrierSends(sent)).toEqual(sent.map(() => 1));
      expect(await statusesOf(ctx, sent)).toEqual(sent.map(() => 'delivered'));
      const interrupted = atKill.map((row) => row.status).join(', ');
      process.stdout.write(
        `F38 kill test (+${killAfterMs} ms): ${ids.length} schedules (at the kill: ${interrupted}), all delivered ${recoveredMs} ms after it, each sent once\n`,
      );
      await carrier.setBehaviour({ apiDelayMs: 0 });
    },
  );

  it('F38: a schedule whose time passes while no worker runs goes once when one starts again', async () => {
    if (!workers.length) await startWorker();
    const { ctx, sms, contacts } = await tenantWithContacts(1);
    // Far enough ahead that no worker claims it before the stop below (a worker claims a second before the time).
    const scheduledAt = inFromNow(4_000);
    const message = await schedule(ctx, contacts[0].id, sms, scheduledAt);
    // Stopped the way a deployment stops it (SIGTERM): the scheduler stops first and gives back what it holds.
    expect(Date.now()).toBeLessThan(Date.parse(scheduledAt) - 2_000);
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(scheduledAt) + 500 - Date.now())));
    expect(await statusesOf(ctx, [message])).toEqual(['scheduled']);
    expect((await messages.findOne({ _id: message.id, tenantId: ctx.tenantId }).lean<MessageDocument>())?.fireLeaseToken).toBeNull();

    const restartedAt = Date.now();
    await startWorker();
    expect(
      await eventually(
        () => statusesOf(ctx, [message]),
        ([status]) => status === 'delivered',
        15_000,
        200,
      ),
    ).toEqual(['delivered']);
    expect(await carrierSends([message])).toEqual([1]);
    process.stdout.write(`F38 restart test: delivered ${Date.now() - restartedAt} ms after the worker was started again\n`);
  });
});
