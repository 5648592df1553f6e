// npm run db:embedded [-- --port 27017] — run the embedded MongoDB-compatible server until Ctrl-C / SIGTERM.
// Data lives in memory only: for tests, demos and trials, never production.
import { startEmbeddedMongo } from '@goodtime-help/embedded-mongo';

function portFromArgs(argv: string[]): number {
  const index = argv.findIndex((arg) => arg === '--port' || arg.startsWith('--port='));
  if (index < 0) return Number(process.env.EMBEDDED_MONGO_PORT ?? 0);
  const arg = argv[index] ?? '';
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${String(value)}`);
  return port;
}

const server = await startEmbeddedMongo({
  port: portFromArgs(process.argv.slice(2)),
  logger: { warn: (obj, msg) => console.warn(`[embedded-mongo] ${msg ?? ''}`, obj) },
});
console.log(server.uri);
console.error('[embedded-mongo] serving in memory only (data is lost on exit); press Ctrl-C to stop');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.error(`[embedded-mongo] ${signal}: stopping`);
  await server.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
