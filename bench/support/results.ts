import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './processes.js';

/**
 * Appends a bench's dated section to bench/RESULTS.md, between markers naming the bench and
 * the run's time. Earlier runs stay: the file is a record, a new run never replaces one. The
 * file is then formatted as the lint step wants it (CI fails on an unformatted table).
 */
export function appendResults(bench: string, body: string): string {
  const path = join(ROOT, 'bench/RESULTS.md');
  const at = new Date().toISOString();
  const section = `<!-- bench:${bench} ${at} -->\n${body}\n<!-- /bench:${bench} ${at} -->`;
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmark results\n';
  writeFileSync(path, `${current.trimEnd()}\n\n${section}\n`);
  execFileSync(join(ROOT, 'node_modules/.bin/prettier'), ['--write', path], { stdio: 'ignore' });
  return path;
}

/** One line on the machine a run had, with the load average it started under. */
export function machineLine(pgVersion: string): string {
  const [one, five] = loadavg();
  return (
    `Machine: ${cpus().length} CPUs (\`nproc\`), ${(totalmem() / 2 ** 30).toFixed(1)} GB memory, ` +
    `${cpus()[0]?.model ?? 'unknown CPU'}; Node ${process.version}; PostgreSQL ${pgVersion} and ` +
    `Redis on the same machine; load average ${one!.toFixed(1)} / ${five!.toFixed(1)} (1 / 5 min) ` +
    'at the end of the run (other sessions share the machine).'
  );
}
