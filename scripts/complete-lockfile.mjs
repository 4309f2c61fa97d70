#!/usr/bin/env node
// Completes package-lock.json with entries for other platforms' optional native packages.
//
// Why: the npm registry mirror reachable from heqi's machines serves only the linux-x64 builds of
// platform packages (e.g. @oxlint/binding-darwin-arm64 is a 404 there). npm 11 then leaves those
// optional packages out of the lock file, and `npm ci` refuses the lock as "out of sync". An entry
// tagged with its os/cpu is enough: `npm ci` skips packages for other platforms without fetching.
// Run after every `npm install` that changes dependencies (`npm run lock:complete`).
import { readFileSync, writeFileSync } from 'node:fs';

const OS = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'sunos', 'win32', 'aix', 'netbsd'];
const CPU = ['arm64', 'arm', 'x64', 'ia32', 'ppc64', 'riscv64', 's390x', 'loong64', 'mips64el'];

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;
let added = 0;

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p) || p === 'windows' || p === 'win');
  const cpu = parts.find((p) => CPU.includes(p));
  return {
    os: os ? [os === 'windows' || os === 'win' ? 'win32' : os] : undefined,
    cpu: cpu ? [cpu] : undefined,
  };
}

for (const [path, entry] of Object.entries(packages)) {
  for (const [dep, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = path ? `${path}/node_modules/` : 'node_modules/';
    if (packages[`${base}${dep}`] || packages[`node_modules/${dep}`]) continue;
    const { os, cpu } = platformOf(dep);
    if (!os && !cpu) continue; // not a platform package: leave npm's decision alone
    const version = range.replace(/^[\^~=]/, '');
    packages[`node_modules/${dep}`] = {
      version,
      optional: true,
      ...(os && { os }),
      ...(cpu && { cpu }),
    };
    added++;
  }
}

lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
console.log(`complete-lockfile: added ${added} platform entries`);
