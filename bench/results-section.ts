import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Writes one bench's section of bench/RESULTS.md between its own `start` and `end` markers,
 * replacing that bench's previous run and leaving every other bench's text alone. A new section
 * goes at the end, i.e. after the notes marker that benches rewriting the file keep.
 */
export function writeResultsSection(path: string, start: string, end: string, body: string): void {
  const section = `${start}\n${body}\n${end}`;
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmark results\n';
  const at = current.indexOf(start);
  const stop = current.indexOf(end);
  const next =
    at >= 0 && stop > at
      ? current.slice(0, at) + section + current.slice(stop + end.length)
      : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, next);
}
