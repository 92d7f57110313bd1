/**
 * `npm run simulate:inbound -- --from +13125550199 --to +14155550100 --text "Hi"`: the carrier simulator
 * posts an inbound SMS (or `--type whatsapp`) to the gateway's webhook, signed like Plivo. `--times 3`
 * delivers the same webhook three times (the inbox stores it once).
 */
import { parseArgs } from 'node:util';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      to: { type: 'string', default: '+14155550100' },
      text: { type: 'string' },
      type: { type: 'string', default: 'sms' },
      times: { type: 'string', default: '1' },
      simulator: { type: 'string', default: process.env.SIMULATOR_URL ?? `http://127.0.0.1:${process.env.SIMULATOR_PORT ?? '4010'}` },
    },
  });
  if (!values.from || values.text === undefined) {
    throw new Error('usage: npm run simulate:inbound -- --from <phone> [--to <our number, default +14155550100>] --text <message> [--type sms|whatsapp] [--times N]');
  }
  const response = await fetch(`${values.simulator}/simulate/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: values.from, to: values.to, text: values.text, type: values.type, times: Number(values.times) }),
  }).catch(() => {
    throw new Error(`The carrier simulator does not answer at ${values.simulator}; is \`npm start\` running?`);
  });
  const result = (await response.json()) as { messageUuid?: string; deliveries?: number[]; error?: string };
  if (!response.ok) throw new Error(`The simulator refused: ${result.error ?? response.status}`);
  const delivered = result.deliveries ?? [];
  process.stdout.write(`Inbound ${values.type} ${result.messageUuid} from ${values.from} to ${values.to}: webhook answered ${delivered.join(', ')}\n`);
  if (delivered.some((status) => status < 200 || status >= 300)) process.exitCode = 1;
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
