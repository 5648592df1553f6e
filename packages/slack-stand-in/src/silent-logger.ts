// A Logger for @slack/web-api / Bolt that prints nothing (tests provoke errors on purpose).
import { LogLevel } from '@slack/web-api';
import type { Logger } from '@slack/web-api';

export function silentLogger(): Logger {
  const noop = () => undefined;
  return { debug: noop, info: noop, warn: noop, error: noop, setLevel: noop, getLevel: () => LogLevel.ERROR, setName: noop };
}
