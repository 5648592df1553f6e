// Tests talk to 127.0.0.1 only: the local Slack fake, SMTP server and database. Anything else is a bug.
import net from 'node:net';
import dns from 'node:dns';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '::ffff:127.0.0.1']);

function refuse(host: unknown): never {
  throw new Error(`Network access blocked in tests: ${String(host)} is not 127.0.0.1`);
}

function hostOf(args: unknown[]): string | undefined {
  const [first, second] = args;
  if (typeof first === 'object' && first !== null && !Array.isArray(first)) {
    const options = first as { host?: string; path?: string };
    if (options.path) return undefined; // unix sockets are local
    return options.host ?? 'localhost';
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    return typeof second === 'string' ? second : 'localhost';
  }
  return undefined; // a unix socket path
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function patchedConnect(this: net.Socket, ...args: unknown[]) {
  const normalized = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  const host = hostOf(normalized);
  if (host !== undefined && !LOCAL_HOSTS.has(host)) refuse(host);
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

const originalLookup = dns.lookup;
(dns as { lookup: unknown }).lookup = function patchedLookup(hostname: string, ...rest: unknown[]) {
  if (!LOCAL_HOSTS.has(hostname)) refuse(hostname);
  return (originalLookup as (...a: unknown[]) => unknown)(hostname, ...rest);
};
