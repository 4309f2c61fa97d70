import type { ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/**
 * Where the CPU went during a bench's measured window: our own processes, Postgres, Redis and
 * the load generator, read from Linux /proc before and after.
 */

/** CPU seconds (user + system) a process has used so far (Linux /proc/<pid>/stat, 100 ticks/s). */
function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at ") "; utime and stime are
  // fields 14 and 15 of the line, 12 and 13 after it.
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * The whole machine's busy, stolen and total CPU seconds so far (/proc/stat, every core).
 * Stolen: time the hypervisor gave this VM's CPUs to others (counted in busy).
 */
function machineCpuSeconds(): { busy: number; steal: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  const idle = ticks[3]! + ticks[4]!; // idle + iowait
  return { busy: (total - idle) / 100, steal: ticks[7]! / 100, total: total / 100 };
}

/**
 * CPU seconds used so far by every live process whose command is `command` (e.g. `postgres`:
 * the server and its backends). A process that exits takes its count with it, so compare two
 * readings over a window in which the pools stay open.
 */
function cpuSecondsOfCommand(command: string): number {
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

export interface CpuSnapshot {
  processes: number[];
  postgres: number;
  redis: number;
  generator: number;
  machine: { busy: number; steal: number; total: number };
}

/**
 * Cores in use over a window: each of our processes (API first, then workers), Postgres (all
 * its backends), Redis, this load generator, and the whole machine.
 */
export interface CpuShares {
  processes: number[];
  postgres: number;
  redis: number;
  generator: number;
  machine: number;
  steal: number;
  cores: number;
}

export function cpuSnapshot(children: readonly ChildProcess[]): CpuSnapshot {
  const own = process.cpuUsage();
  return {
    processes: children.map((c) => cpuSecondsOf(c.pid!)),
    postgres: cpuSecondsOfCommand('postgres'),
    redis: cpuSecondsOfCommand('redis-server'),
    generator: (own.user + own.system) / 1e6,
    machine: machineCpuSeconds(),
  };
}

export function cpuShares(before: CpuSnapshot, after: CpuSnapshot): CpuShares {
  const cores = availableParallelism();
  const wall = (after.machine.total - before.machine.total) / cores;
  const share = (key: 'postgres' | 'redis' | 'generator') => (after[key] - before[key]) / wall;
  return {
    processes: after.processes.map((s, i) => (s - before.processes[i]!) / wall),
    postgres: share('postgres'),
    redis: share('redis'),
    generator: share('generator'),
    machine: (after.machine.busy - before.machine.busy) / wall,
    steal: (after.machine.steal - before.machine.steal) / wall,
    cores,
  };
}

export const describeCpu = (cpu: CpuShares): string =>
  `API ${cpu.processes[0]!.toFixed(2)} cores, workers ${cpu.processes
    .slice(1)
    .map((c) => c.toFixed(2))
    .join(' / ')}, Postgres ${cpu.postgres.toFixed(2)}, Redis ${cpu.redis.toFixed(2)}, ` +
  `load generator ${cpu.generator.toFixed(2)}; the machine ${cpu.machine.toFixed(2)} of ` +
  `${cpu.cores} busy (of which stolen by the hypervisor ${cpu.steal.toFixed(2)})`;
