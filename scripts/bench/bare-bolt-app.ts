// The reference for `npm run bench:ack`: a bare Bolt app doing the same Slack work as the product for the requests
// the bench sends (acknowledge /goodtime-help, then open a modal of the product's size; acknowledge modal
// submissions; receive message events), with nothing else. Built to JavaScript and run as its own process, like
// `npm start` runs the product. Env: PORT, SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL, MODAL_BYTES.
import type { Server } from 'node:http';
import { App, HTTPReceiver, LogLevel, type Logger } from '@slack/bolt';

const quiet: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: (...args: unknown[]) => console.error(...args),
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

/** A modal of `bytes` bytes of JSON: one input and a context block carrying the padding. */
function modal(bytes: number) {
  const view = (padding: string) => ({
    type: 'modal' as const,
    callback_id: 'bare_ask',
    title: { type: 'plain_text' as const, text: 'Ask the project team' },
    submit: { type: 'plain_text' as const, text: 'Send' },
    blocks: [
      { type: 'input', block_id: 'question', label: { type: 'plain_text', text: 'Question' }, element: { type: 'plain_text_input', action_id: 'value', multiline: true } },
      // Context text is limited to 3,000 characters per element; two carry any padding a modal needs.
      { type: 'context', elements: [padding.slice(0, 3_000) || ' ', padding.slice(3_000) || ' '].map((text) => ({ type: 'mrkdwn', text })) },
    ],
  });
  const base = JSON.stringify(view('')).length - 2; // less the two one-space placeholders
  return view('x'.repeat(Math.max(0, Math.min(6_000, bytes - base))));
}

const port = Number(process.env.PORT ?? 0);
const receiver = new HTTPReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
  logger: quiet,
  customRoutes: [{ path: '/healthz', method: ['GET'], handler: (_req, res) => void res.writeHead(200).end('{"status":"ok"}') }],
});
const app = new App({ token: process.env.SLACK_BOT_TOKEN, receiver, clientOptions: { slackApiUrl: process.env.SLACK_API_URL }, logger: quiet });
const askModal = modal(Number(process.env.MODAL_BYTES ?? 3_300));

app.command('/goodtime-help', async ({ ack, body, client }) => {
  await ack();
  await client.views.open({ trigger_id: body.trigger_id, view: askModal });
});
app.view('bare_ask', async ({ ack }) => {
  await ack();
});
app.event('message', async () => {});

const server = (await app.start(port)) as Server;
const address = server.address();
console.log(JSON.stringify({ msg: 'bare bolt app is running', port: typeof address === 'object' && address ? address.port : port }));
process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
