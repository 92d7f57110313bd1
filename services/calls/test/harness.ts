import {
  teamMemberKey,
  CallsSubjects,
  type CarrierCallAnswer,
  type CarrierCallRecording,
  type CarrierCallStatus,
  type CarrierXmlResponse,
  ContactsSubjects,
  type ContactView,
  type ErrorBody,
  type RequestContext,
} from '@conversations/contracts';
import { bootstrapService, createLogger, type RunningService } from '@conversations/service-kit';
import { freePort, RpcTestClient, runSeed, spawnService, testServiceConfig, uniqueId, type ServiceProcess } from '@conversations/testing';
import mongoose, { type Connection, Types } from 'mongoose';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NatsConnection } from 'nats';
import { validateV3Signature } from 'plivo';
import { AppModule } from '../src/app.module';
import { type CallDocument } from '../src/calls/call.schema';
import { newCall } from '../src/calls/call.view';
import { CallsRepository } from '../src/calls/calls.repository';
import { type CallsConfig, callsConfigSchema } from '../src/config';
import { type CallSettings, CallSettingsService } from '../src/settings/call-settings.service';

const AUTH_ID = 'MACALLSTEST';

/**
 * The calls service booted in-process against the test run's devstack, with the real contacts and
 * messaging services and the carrier simulator as their own processes in the same NATS namespace, and
 * a webhook relay on loopback in the gateway's place: it checks each webhook's V3 signature with the
 * plivo SDK, turns Plivo's form parameters into the contracts' Carrier* payloads and answers the XML
 * the calls service returns — what the gateway's voice webhooks do.
 */
export class CallsHarness extends RpcTestClient {
  private constructor(
    readonly config: CallsConfig,
    readonly service: RunningService,
    private readonly processes: ServiceProcess[],
    readonly relay: WebhookRelay,
    readonly simulatorUrl: string,
    private readonly databases: { contacts: Connection; messaging: Connection },
    private readonly peerEnv: { contacts: Record<string, string>; messaging: Record<string, string> },
    client: RpcTestClient['client'],
    nats: NatsConnection,
  ) {
    super(client, nats, config.NATS_NAMESPACE);
  }

  static async start(): Promise<CallsHarness> {
    const base = testServiceConfig();
    const token = `calls-test-${uniqueId('token')}`;
    const simulatorPort = await freePort();
    const simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
    const relay = new WebhookRelay(token);
    const relayUrl = await relay.listen();
    // Services log at info: spawnService waits for their "ready" line.
    const shared = { MONGO_URL: base.MONGO_URL, NATS_URL: base.NATS_URL, NATS_NAMESPACE: base.NATS_NAMESPACE };
    const contactsDb = uniqueId('calls_contacts').replace('-', '_');
    const messagingDb = uniqueId('calls_messaging').replace('-', '_');
    const echo = { echo: !!process.env.ECHO_SERVICES };
    const processes = await Promise.all([
      spawnService('contacts', { ...shared, MONGO_DB: contactsDb }, echo),
      spawnService(
        'messaging',
        {
          ...shared,
          MONGO_DB: messagingDb,
          SEND_WORKER: 'off',
          SIMULATOR_URL: simulatorUrl,
          PLIVO_AUTH_ID: AUTH_ID,
          PLIVO_AUTH_TOKEN: token,
        },
        echo,
      ),
      spawnService(
        'carrier-simulator',
        {
          SIMULATOR_PORT: String(simulatorPort),
          PLIVO_AUTH_ID: AUTH_ID,
          PLIVO_AUTH_TOKEN: token,
          INBOUND_WEBHOOK_URL: `${relayUrl}/api/v1/webhooks/plivo/inbound`,
          VOICE_STEP_DELAY_MS: '20',
          TALK_SECONDS: '37',
        },
        echo,
      ),
    ]);
    const config: CallsConfig = {
      ...callsConfigSchema.parse({ MONGO_URL: base.MONGO_URL }),
      ...base,
      MONGO_DB: uniqueId('calls').replace('-', '_'),
      CARRIER: 'simulator',
      SIMULATOR_URL: simulatorUrl,
      PLIVO_AUTH_ID: AUTH_ID,
      PLIVO_AUTH_TOKEN: token,
      PUBLIC_WEBHOOK_BASE_URL: relayUrl,
      CARRIER_TIMEOUT_MS: 3_000,
      OUTBOX_SWEEP_MS: 60_000,
    };
    const logger = createLogger('calls', config.LOG_LEVEL);
    const service = await bootstrapService('calls', AppModule.register(config, logger), config, logger);
    const { client, nats } = await RpcTestClient.connectClient(config);
    relay.client = client;
    const connect = (dbName: string) => mongoose.createConnection(base.MONGO_URL, { dbName }).asPromise();
    return new CallsHarness(
      config,
      service,
      processes,
      relay,
      simulatorUrl,
      { contacts: await connect(contactsDb), messaging: await connect(messagingDb) },
      { contacts: { ...shared, MONGO_DB: contactsDb }, messaging: { ...shared, MONGO_DB: messagingDb } },
      client,
      nats,
    );
  }

  /** The demo tenants of the contacts seed and messaging's demo numbers, written by those services' own seed entry points. */
  async seedPeers(): Promise<void> {
    await runSeed('contacts', this.peerEnv.contacts);
    await runSeed('messaging', { ...this.peerEnv.messaging, SEED_NUMBERS_ONLY: 'true' });
  }

  /** Provisioning has no API in contacts or messaging: tests write team members and numbers into their stores. */
  async addTeamMember(tenantId: string, fields: { id?: string; name?: string; phone: string | null }): Promise<string> {
    const id = fields.id ?? uniqueId('u');
    await this.databases.contacts.collection('team_members').insertOne({
      _id: teamMemberKey(tenantId, id) as never,
      tenantId,
      userId: id,
      name: fields.name ?? 'Team Member',
      email: `${id}@calls.test`,
      phone: fields.phone,
      timeZone: 'UTC',
      role: 'agent',
    });
    return id;
  }

  async addNumber(tenantId: string, number: string, capabilities: { sms?: boolean; whatsapp?: boolean; voice?: boolean }): Promise<void> {
    await this.databases.messaging.collection('sender_numbers').insertOne({
      tenantId,
      number,
      label: 'Main line',
      capabilities: { sms: false, whatsapp: false, voice: false, ...capabilities },
      createdAt: new Date(),
      outbox: [],
    });
  }

  createContact(ctx: RequestContext, fields: Record<string, unknown>): Promise<ContactView> {
    return this.call<ContactView>(ContactsSubjects.create, ctx, fields);
  }

  setCallSettings(tenantId: string, changes: Partial<CallSettings>): Promise<CallSettings> {
    return this.service.app.get(CallSettingsService).update(tenantId, changes);
  }

  /** A stored call as click-to-call leaves it before the carrier calls back (for callback tests that must not race the simulator). */
  async insertCall(tenantId: string, contact: ContactView, fields: Partial<CallDocument> = {}): Promise<CallDocument> {
    const now = new Date();
    const _id = new Types.ObjectId();
    const call = newCall(
      {
        _id,
        tenantId,
        direction: 'outbound',
        from: '+14155550100',
        to: contact.phone ?? '+14155550199',
        status: 'initiated',
        userId: 'u-test',
        agentPhone: '+14155550111',
        ...fields,
      },
      contact,
      now,
    );
    await this.service.app.get(CallsRepository).insert(call, { userId: call.userId ?? 'u-test' });
    return call;
  }

  /** The carrier simulator's control API. */
  async simulator<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.simulatorUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`simulator ${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  carrierAnswer(data: Partial<CarrierCallAnswer>): Promise<CarrierXmlResponse> {
    return this.call(CallsSubjects.carrierAnswer, webhookContext(), { carrier: 'plivo', ...data });
  }

  carrierStatus(data: Partial<CarrierCallStatus>): Promise<CarrierXmlResponse> {
    return this.call(CallsSubjects.carrierStatus, webhookContext(), { carrier: 'plivo', ...data });
  }

  carrierRecording(data: Partial<CarrierCallRecording>): Promise<CarrierXmlResponse> {
    return this.call(CallsSubjects.carrierRecording, webhookContext(), { carrier: 'plivo', ...data });
  }

  carrierError(subject: string, data: unknown): Promise<ErrorBody> {
    return this.callError(subject, webhookContext(), { carrier: 'plivo', ...(data as object) });
  }

  async stop(): Promise<void> {
    await this.service.close();
    await Promise.all(this.processes.map((process) => process.stop()));
    await this.relay.close();
    await Promise.all(Object.values(this.databases).map((connection) => connection.close()));
    await this.closeClient();
  }
}

/** The context the gateway gives a webhook: no tenant (the service finds it), a system user. */
export function webhookContext(): RequestContext {
  return { tenantId: '', userId: 'system:carrier-webhook', requestId: uniqueId('webhook') };
}

export interface RelayedWebhook {
  path: string;
  ref: string | null;
  status: number;
  error: ErrorBody | null;
}

/** The gateway's voice webhooks, as the calls service expects them to be forwarded (the parameter mapping the gateway implements). */
export class WebhookRelay {
  client?: RpcTestClient['client'];
  readonly received: RelayedWebhook[] = [];
  private server?: Server;
  private base = '';

  constructor(private readonly token: string) {}

  async listen(): Promise<string> {
    this.server = createServer((request, response) => {
      void this.handle(request).then(([status, body]) => {
        response.writeHead(status, { 'content-type': 'application/xml' });
        response.end(body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.base;
  }

  private async handle(request: IncomingMessage): Promise<[number, string]> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    const url = new URL(request.url ?? '/', this.base);
    const ref = url.searchParams.get('ref');
    const signature = String(request.headers['x-plivo-signature-v3'] ?? '');
    const nonce = String(request.headers['x-plivo-signature-v3-nonce'] ?? '');
    if (validateV3Signature('POST', `${this.base}${request.url}`, nonce, this.token, signature, params) !== true) {
      this.received.push({ path: url.pathname, ref, status: 403, error: null });
      return [403, ''];
    }
    const forward = voiceWebhookPayload(url.pathname, params, ref);
    if (!forward) {
      this.received.push({ path: url.pathname, ref, status: 404, error: null });
      return [404, ''];
    }
    try {
      const { xml } = await new Promise<CarrierXmlResponse>((resolve, reject) =>
        this.client!.send<CarrierXmlResponse>(forward.subject, { ctx: webhookContext(), data: forward.data }).subscribe({
          next: resolve,
          error: reject,
        }),
      );
      this.received.push({ path: url.pathname, ref, status: 200, error: null });
      return [200, xml];
    } catch (error) {
      const body = error as ErrorBody;
      const status = body.code === 'VALIDATION_FAILED' ? 422 : body.code?.endsWith('NOT_FOUND') ? 404 : 500;
      this.received.push({ path: url.pathname, ref, status, error: body });
      return [status, ''];
    }
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/**
 * Plivo's form parameters → the contracts' payloads, per voice webhook path. Numbers stay as Plivo
 * writes them (digits without +): the calls service normalises them.
 */
export function voiceWebhookPayload(
  path: string,
  params: Record<string, string>,
  ref: string | null,
): { subject: string; data: unknown } | null {
  const number = (value: string | undefined) => (value ? Number(value) : null);
  const text = (value: string | undefined) => value || null;
  switch (path) {
    case '/api/v1/webhooks/plivo/voice/answer':
      return {
        subject: CallsSubjects.carrierAnswer,
        data: {
          carrier: 'plivo',
          providerCallId: params.CallUUID,
          from: params.From,
          to: params.To,
          direction: params.Direction as CarrierCallAnswer['direction'],
          ref,
        } satisfies CarrierCallAnswer,
      };
    case '/api/v1/webhooks/plivo/voice/hangup':
      return {
        subject: CallsSubjects.carrierStatus,
        data: {
          carrier: 'plivo',
          event: 'hangup',
          providerCallId: params.CallUUID,
          status: params.CallStatus,
          durationSeconds: number(params.Duration),
          hangupCause: text(params.HangupCause),
          from: text(params.From),
          to: text(params.To),
          ref,
        } satisfies CarrierCallStatus,
      };
    case '/api/v1/webhooks/plivo/voice/dial':
      return {
        subject: CallsSubjects.carrierStatus,
        data: {
          carrier: 'plivo',
          event: 'dial',
          providerCallId: params.DialALegUUID || params.CallUUID,
          status: params.DialStatus,
          durationSeconds: number(params.DialBLegDuration),
          hangupCause: text(params.DialHangupCause),
          dialLegCallId: text(params.DialBLegUUID),
          from: text(params.From),
          to: text(params.To),
          ref,
        } satisfies CarrierCallStatus,
      };
    case '/api/v1/webhooks/plivo/voice/recording':
      return {
        subject: CallsSubjects.carrierRecording,
        data: {
          carrier: 'plivo',
          providerCallId: params.CallUUID,
          recordingId: params.RecordingID,
          recordingUrl: params.RecordUrl,
          durationSeconds: Number(params.RecordingDuration ?? Number(params.RecordingDurationMs) / 1000),
          ref,
        } satisfies CarrierCallRecording,
      };
    default:
      return null;
  }
}

/** A call as the carrier simulator's GET /simulate/calls shows it (its JSON API; the simulator's code is another service's). */
export interface SimulatedCall {
  callUuid: string;
  direction: 'outbound' | 'inbound';
  from: string;
  to: string;
  status: string;
  legs: Array<{ leg: 'A' | 'B'; callUuid: string; from: string; to: string; outcome: string; talkSeconds: number }>;
  callbacks: Array<{ kind: string; url: string; params: Record<string, string>; status: number; xml: string | null }>;
  spoken: string[];
  recordings: Array<{ recordingId: string; url: string; durationSeconds: number }>;
  endedAt: string | null;
}

/** A fresh, valid US number (NANP 646 with a valid exchange), unique enough for one run. */
export function randomPhone(): string {
  return `+1646${2 + Math.floor(Math.random() * 8)}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
}

export { eventually } from '@conversations/testing';
