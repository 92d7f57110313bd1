import { EVENTS_STREAM } from '@conversations/contracts';
import { ErrorCode, NatsError } from 'nats';
import { EventBus } from '../src/event-bus';
import { isJetStreamNotFound, isJetStreamUnavailable, whileJetStreamStarts } from '../src/jetstream-admin';
import { createLogger } from '../src/logging';
import { testDevstack } from './devstack';

const logger = createLogger('jetstream-admin-spec', 'silent');

describe('JetStream admin calls at start', () => {
  const { natsUrl, unique } = testDevstack();
  let bus: EventBus;

  beforeAll(async () => {
    bus = await EventBus.connect(natsUrl, 'jetstream-admin-spec', logger);
  });
  afterAll(() => bus.close());

  it('tells a missing consumer or stream (an answer) from no answer', async () => {
    const missingConsumer = await bus.manager.consumers.info(EVENTS_STREAM, unique('missing')).catch((error: unknown) => error);
    const missingStream = await bus.manager.streams.info(unique('missing-stream')).catch((error: unknown) => error);
    for (const error of [missingConsumer, missingStream]) {
      expect(isJetStreamNotFound(error)).toBe(true);
      expect(isJetStreamUnavailable(error)).toBe(false);
    }
    expect(isJetStreamUnavailable(NatsError.errorForCode(ErrorCode.Timeout))).toBe(true);
    expect(isJetStreamNotFound(NatsError.errorForCode(ErrorCode.Timeout))).toBe(false);
  });

  it('asks again while JetStream does not answer, then returns the answer', async () => {
    let calls = 0;
    const answer = await whileJetStreamStarts(
      'a call',
      async () => {
        if (++calls < 3) throw NatsError.errorForCode(calls === 1 ? ErrorCode.Timeout : ErrorCode.NoResponders);
        return 'ready';
      },
      logger,
    );
    expect({ answer, calls }).toEqual({ answer: 'ready', calls: 3 });
  });

  it('passes a refusal through at once, and gives up on silence after its patience', async () => {
    let calls = 0;
    const refusal = async () => {
      calls++;
      throw new Error('bad config');
    };
    await expect(whileJetStreamStarts('a refused call', refusal, logger)).rejects.toThrow('bad config');
    expect(calls).toBe(1);
    await expect(
      whileJetStreamStarts(
        'a silent call',
        async () => {
          throw NatsError.errorForCode(ErrorCode.Timeout);
        },
        logger,
        300,
      ),
    ).rejects.toMatchObject({ code: ErrorCode.Timeout });
  });
});
