import { spawn, type ChildProcess } from 'node:child_process';

const STOP_GRACE_MS = 20_000;

/**
 * Runs the API and the worker as child processes, as production runs them separately. If one
 * dies, the other is stopped too: a half-running heqi is worse than a stopped one.
 */
export class ProcessSupervisor {
  private readonly children = new Map<string, ChildProcess>();
  private stopping = false;

  constructor(private readonly onAllStopped: (code: number) => void) {}

  start(name: string, script: string, env: NodeJS.ProcessEnv, nodeFlags: string[] = []): void {
    const child = spawn(process.execPath, [...nodeFlags, script], { env, stdio: 'inherit' });
    this.children.set(name, child);
    child.once('exit', (code, signal) => {
      this.children.delete(name);
      if (!this.stopping) {
        console.error(`heqi ${name} exited unexpectedly (code ${code}, signal ${signal})`);
        void this.stop(1);
      } else if (this.children.size === 0) {
        this.onAllStopped(0);
      }
    });
  }

  /** Asks every child to finish its in-flight work (SIGTERM), killing it after a grace period. */
  async stop(code = 0): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const waits = [...this.children.values()].map(
      (child) =>
        new Promise<void>((resolve) => {
          const kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
          child.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    );
    await Promise.all(waits);
    this.onAllStopped(code);
  }
}
