// npm run db:embedded [-- --port 27017] [--data-dir ./data] — run the embedded MongoDB-compatible server until
// Ctrl-C / SIGTERM. Without --data-dir (or with :memory:) the data lives in memory only.
import { IN_MEMORY, startEmbeddedMongo } from '@goodtime-help/embedded-mongo';

function option(argv: string[], name: string): string | undefined {
  const index = argv.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
  if (index < 0) return undefined;
  const arg = argv[index] ?? '';
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
}

function portFromArgs(argv: string[]): number {
  const value = option(argv, '--port') ?? process.env.EMBEDDED_MONGO_PORT ?? '0';
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${String(value)}`);
  return port;
}

const argv = process.argv.slice(2);
const server = await startEmbeddedMongo({
  port: portFromArgs(argv),
  dataDir: option(argv, '--data-dir') ?? IN_MEMORY,
  logger: { warn: (obj, msg) => console.warn(`[embedded-mongo] ${msg ?? ''}`, obj) },
});
console.log(server.uri);
console.error(
  server.dataDir
    ? `[embedded-mongo] data in ${server.dataDir} (${server.recovery?.documents ?? 0} documents recovered in ${server.recovery?.ms ?? 0} ms); press Ctrl-C to stop`
    : '[embedded-mongo] serving in memory only (data is lost on exit); press Ctrl-C to stop',
);

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
