import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (bench modules run from dist/bench/…). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** How a bench starts a built app (dist/, as production runs it). */
export interface AppProcessOptions {
  env: NodeJS.ProcessEnv;
  /** Extra node flags (e.g. `--cpu-prof`), before the script. */
  nodeFlags?: readonly string[];
}

/** Starts `dist/apps/<app>/src/main.js` as its own process, its output on the bench's. */
export function startApp(app: 'api' | 'worker', options: AppProcessOptions): ChildProcess {
  return spawn(
    process.execPath,
    [...(options.nodeFlags ?? []), join(ROOT, `dist/apps/${app}/src/main.js`)],
    { env: options.env, stdio: ['ignore', 'inherit', 'inherit'] },
  );
}

/** Splits a `--api-flags "…"` option into node flags. */
export const splitFlags = (flags: string | undefined): string[] =>
  (flags ?? '').split(/\s+/).filter(Boolean);

/** Waits until the API answers `GET /health`. */
export async function waitForHealth(baseUrl: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`${baseUrl}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the API did not become healthy within ${timeoutMs / 1000} s`);
}

/** Current and peak resident set of a process (Linux /proc: `VmRSS`, `VmHWM`), in bytes. */
export function memoryOf(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
  return { now: kb('VmRSS'), peak: kb('VmHWM') };
}

export const mb = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);
export const ms = (value: number): string => value.toFixed(1);
