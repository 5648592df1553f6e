import { DateTime } from 'luxon';

/** The only source of "now": business rules take it as an argument so tests can move time. */
export interface Clock {
  now(): DateTime;
}

export const systemClock: Clock = {
  now: () => DateTime.utc(),
};

/** A clock that starts at `start` and moves only when told to (tests, demos). */
export function createManualClock(start: DateTime): Clock & { advance(ms: number): void; set(t: DateTime): void } {
  let current = start.toUTC();
  return {
    now: () => current,
    advance(ms) {
      current = current.plus({ milliseconds: ms });
    },
    set(t) {
      current = t.toUTC();
    },
  };
}
