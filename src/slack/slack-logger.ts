// Slack's SDK logs through this adapter. Its debug output can include payloads (personal data): that goes to
// pino's trace level, which production never enables.
import { LogLevel, type Logger as SlackLogger } from '@slack/logger';
import type { Logger } from '../logger';

export function toSlackLogger(logger: Logger): SlackLogger {
  return {
    debug: (...msg) => logger.trace(msg.map(String).join(' ')),
    info: (...msg) => logger.info(msg.map(String).join(' ')),
    warn: (...msg) => logger.warn(msg.map(String).join(' ')),
    error: (...msg) => logger.error(msg.map(String).join(' ')),
    setLevel: () => undefined,
    getLevel: () => LogLevel.DEBUG,
    setName: () => undefined,
  };
}
