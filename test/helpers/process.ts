import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

export interface BotProcess {
  url: string;
  child: ChildProcess;
  output: string[];
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** Starts `bot/main.ts` (or another server script) as its own process and waits until it listens. */
export async function spawnBot(env: Record<string, string>, timeoutMs = 30_000, script = path.join(root, 'bot', 'main.ts')): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', script], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot did not start:\n${output.join('')}`)), timeoutMs);
    let listening = false;
    const onData = (chunk: Buffer): void => {
      output.push(chunk.toString());
      // Only until the server listens: joining all output on every chunk would cost the load generator
      // more and more CPU under load, as the bot logs a line per turn.
      if (listening) return;
      const match = /"event":"listening".*?"url":"http:\/\/localhost:(\d+)\/api\/messages"/.exec(output.join(''));
      if (match) {
        listening = true;
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => output.push(c.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`bot exited with ${code}:\n${output.join('')}`));
    });
  });
  return { url, child, output, exited };
}
