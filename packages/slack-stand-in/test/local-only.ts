// The stand-in's tests talk to 127.0.0.1 only: a WebClient or Bolt app that reached the real Slack would be a bug.
import net from 'node:net';
import dns from 'node:dns';

const LOCAL = new Set(['127.0.0.1', 'localhost', '::1', '::ffff:127.0.0.1']);

function check(host: unknown): void {
  if (typeof host === 'string' && !LOCAL.has(host)) throw new Error(`Network access blocked in tests: ${host} is not 127.0.0.1`);
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function localOnly(this: net.Socket, ...args: unknown[]) {
  const [first, second] = (Array.isArray(args[0]) ? args[0] : args) as unknown[];
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; path?: string };
    if (!options.path) check(options.host ?? 'localhost');
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    check(typeof second === 'string' ? second : 'localhost');
  }
  return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

const lookup = dns.lookup;
(dns as { lookup: unknown }).lookup = function localLookup(hostname: string, ...rest: unknown[]) {
  check(hostname);
  return (lookup as (...a: unknown[]) => unknown)(hostname, ...rest);
};
