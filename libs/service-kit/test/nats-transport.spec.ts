import { Controller, type INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, MessagePattern } from '@nestjs/microservices';
import { connect, type NatsConnection, StringCodec } from 'nats';
import { firstValueFrom } from 'rxjs';
import { NamespacedNatsClient, NamespacedNatsServer } from '../src/nats-transport';
import { testDevstack } from './devstack';

const heard: string[] = [];

@Controller()
class EchoController {
  @MessagePattern('echo.say')
  say(data: { text: string }) {
    return { echoed: data.text };
  }

  @EventPattern('echo.heard')
  hear(data: { text: string }) {
    heard.push(data.text);
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

describe('NamespacedNatsServer / NamespacedNatsClient', () => {
  const { natsUrl, unique } = testDevstack();
  const namespace = unique('ns');
  let app: INestMicroservice;
  let client: NamespacedNatsClient;
  let raw: NatsConnection;

  beforeAll(async () => {
    app = await NestFactory.createMicroservice(EchoModule, {
      strategy: new NamespacedNatsServer({ servers: [natsUrl], queue: 'echo', gracefulShutdown: true, gracePeriod: 1_500 }, namespace),
      logger: false,
    });
    await app.listen();
    client = new NamespacedNatsClient({ servers: [natsUrl], namespace });
    await client.connect();
    raw = await connect({ servers: natsUrl });
  });

  afterAll(async () => {
    await client.close();
    await app?.close();
    await raw.close();
  });

  it('answers requests and hears events on the namespaced subjects only', async () => {
    expect(await firstValueFrom(client.send('echo.say', { text: 'hi' }))).toEqual({ echoed: 'hi' });
    await firstValueFrom(client.emit('echo.heard', { text: 'event' }));
    for (const deadline = Date.now() + 5_000; !heard.length && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(heard).toEqual(['event']);
    // Nobody listens on the bare subject: another deployment's requests are not answered here.
    await expect(raw.request('echo.say', StringCodec().encode('{}'), { timeout: 500 })).rejects.toThrow();
  });

  it('stops taking requests as a graceful close begins, while its connection stays open for in-flight ones', async () => {
    const closing = app.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const request = { id: '1', pattern: `${namespace}.echo.say`, data: { text: 'late' } };
    await expect(raw.request(`${namespace}.echo.say`, StringCodec().encode(JSON.stringify(request)), { timeout: 500 })).rejects.toThrow(
      /503|no responders/i,
    );
    await closing;
  });
});
