import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
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

/** CPU seconds (user + system) a process has used so far (Linux /proc/<pid>/stat, 100 ticks/s). */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at ") "; utime and stime are
  // fields 14 and 15 of the line, 12 and 13 after it.
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The whole machine's busy and total CPU seconds so far (/proc/stat, every core). */
export function machineCpuSeconds(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  const idle = ticks[3]! + ticks[4]!; // idle + iowait
  return { busy: (total - idle) / 100, total: total / 100 };
}

/**
 * CPU seconds used so far by every live process whose command is `command` (e.g. `postgres`:
 * the server and its backends). A process that exits takes its count with it, so compare two
 * readings over a window in which the pools stay open.
 */
export function cpuSecondsOfCommand(command: string): number {
  let seconds = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === command)
        seconds += cpuSecondsOf(Number(entry));
    } catch {
      // exited between the listing and the read
    }
  }
  return seconds;
}
