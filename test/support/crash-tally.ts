// Vitest global setup: the crash-point files each print their own tally; this adds them up into the one line the
// suite is judged by ("N crash points, 0 lost, 0 duplicated"), printed once the whole run is over.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface CrashTally {
  points: number;
  lost: string[];
  duplicated: string[];
}

export const CRASH_TALLY_DIR = 'GOODTIME_HELP_CRASH_TALLY_DIR';

export function setup(): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goodtime-help-crash-tally-'));
  process.env[CRASH_TALLY_DIR] = dir; // the forked test workers inherit it
  return () => {
    const tallies = fs.readdirSync(dir).map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as CrashTally);
    fs.rmSync(dir, { recursive: true, force: true });
    if (tallies.length === 0) return;
    const sum = (pick: (t: CrashTally) => number) => tallies.reduce((total, t) => total + pick(t), 0);
    console.log(`crash-point suite (${tallies.length} files): ${sum((t) => t.points)} crash points, ${sum((t) => t.lost.length)} lost, ${sum((t) => t.duplicated.length)} duplicated`);
  };
}

/** A crash-point file's tally, for the line above. */
export function saveCrashTally(name: string, tally: CrashTally): void {
  const dir = process.env[CRASH_TALLY_DIR];
  if (dir && fs.existsSync(dir)) fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(tally));
}
