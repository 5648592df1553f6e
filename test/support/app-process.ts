// The real app as a child process (`node --import tsx src/main.ts`), so a test can SIGKILL it mid-broadcast and
// start it again against the same database and Slack fake.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface AppProcess {
  url: string;
  child: ChildProcess;
  /** Every JSON log line the process wrote. */
  logs: { msg?: string; [key: string]: unknown }[];
  kill(signal: NodeJS.Signals): Promise<void>;
}

export async function startAppProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: AppProcess['logs'] = [];
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app did not start within ${timeoutMs} ms:\n${stderr.join('')}`)), timeoutMs);
    void exited.then((code) => reject(new Error(`the app exited with ${code} before starting:\n${stderr.join('')}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as AppProcess['logs'][number];
        logs.push(entry);
        if (entry.msg === 'goodtime-help is running') {
          clearTimeout(timer);
          resolve(Number(entry.port));
        }
      } catch {
        logs.push({ msg: line });
      }
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    logs,
    async kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}
