/** A `planwatch serve` child process (the built CLI) for tests of several processes on one store. */
import { spawn, type ChildProcess } from 'node:child_process';

/** Starts the server on a free port with these environment variables; resolves to its address. */
export function spawnServe(env: Record<string, string>, procs: ChildProcess[]): Promise<string> {
  const child = spawn(process.execPath, ['bin/planwatch.js', 'serve', '--port', '0'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  procs.push(child);
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = err.match(/已启动：(http:\/\/[^\s]+)/);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}
