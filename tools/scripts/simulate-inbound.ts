/**
 * `npm run simulate:inbound -- --from +13125550199 --to +14155550100 --text "Hi"`: the carrier simulator
 * posts an inbound SMS (or `--type whatsapp`) to the gateway's webhook, signed like Plivo. `--times 3`
 * delivers the same webhook three times (the inbox stores it once).
 *
 * `npm run simulate:inbound -- --from +13125550199 --call [--answer no-answer] [--seconds 40]`: a phone call
 * to our number instead — the simulator plays our answer XML (rings the assigned team member, voicemail
 * when nobody answers, rejected under DND inbound) and reports how it ended.
 */
import { parseArgs } from 'node:util';

const USAGE =
  'usage: npm run simulate:inbound -- --from <phone> [--to <our number, default +14155550100>] ' +
  '(--text <message> [--type sms|whatsapp] [--times N] | --call [--answer answer|busy|no-answer|failed] [--seconds N])';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      to: { type: 'string', default: '+14155550100' },
      text: { type: 'string' },
      type: { type: 'string', default: 'sms' },
      times: { type: 'string', default: '1' },
      call: { type: 'boolean', default: false },
      answer: { type: 'string' },
      seconds: { type: 'string' },
      simulator: { type: 'string', default: process.env.SIMULATOR_URL ?? `http://127.0.0.1:${process.env.SIMULATOR_PORT ?? '4010'}` },
    },
  });
  if (!values.from || (!values.call && values.text === undefined)) throw new Error(USAGE);
  const [path, body] = values.call
    ? [
        '/simulate/inbound-call',
        { from: values.from, to: values.to, answer: values.answer, talkSeconds: values.seconds ? Number(values.seconds) : undefined },
      ]
    : ['/simulate/inbound', { from: values.from, to: values.to, text: values.text, type: values.type, times: Number(values.times) }];
  const response = await fetch(`${values.simulator}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).catch(() => {
    throw new Error(`The carrier simulator does not answer at ${values.simulator}; is \`npm start\` running?`);
  });
  const result = (await response.json()) as Record<string, unknown> & { error?: string };
  if (!response.ok) throw new Error(`The simulator refused: ${result.error ?? response.status}`);
  if (values.call) {
    const call = result as { callUuid: string; status: string; durationSeconds: number; callbacks: { kind: string; status: number }[] };
    process.stdout.write(
      `Inbound call ${call.callUuid} from ${values.from} to ${values.to}: ${call.status}, ${call.durationSeconds} s; webhooks answered ${call.callbacks.map((callback) => `${callback.kind} ${callback.status}`).join(', ')}\n`,
    );
    if (call.callbacks.some((callback) => callback.status < 200 || callback.status >= 300)) process.exitCode = 1;
    return;
  }
  const delivered = (result.deliveries as number[] | undefined) ?? [];
  process.stdout.write(
    `Inbound ${values.type} ${String(result.messageUuid)} from ${values.from} to ${values.to}: webhook answered ${delivered.join(', ')}\n`,
  );
  if (delivered.some((status) => status < 200 || status >= 300)) process.exitCode = 1;
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
