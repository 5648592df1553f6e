// Fault injection for the crash-point suite (test/crash/): with CRASH_AT=<point>, the process kills itself with
// SIGKILL the first time it reaches that point, as a power cut would. Unset, every point is a no-op.
let armed: string | undefined;

export function armCrashPoint(point: string | undefined): void {
  armed = point || undefined;
}

export function crashPoint(point: string): void {
  if (armed === point) process.kill(process.pid, 'SIGKILL');
}
