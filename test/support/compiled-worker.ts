import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { AppConfig } from '@heqi/core';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

/**
 * The apps compiled as production runs them (`tsc` + `tsc-alias`, like `npm run build`), into a
 * private directory so a concurrent `npm run build` or another test run cannot clobber them or
 * their incremental state. The directory links the repository's node_modules and declares ESM.
 */
export async function buildApps(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'heqi-apps-'));
  const node = process.execPath;
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const alias = join(ROOT, 'node_modules/tsc-alias/dist/bin/index.js');
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  // Only what the worker imports: work in progress elsewhere in the tree cannot break the build.
  const project = join(dir, 'tsconfig.json');
  await writeFile(
    project,
    JSON.stringify({
      extends: join(ROOT, 'tsconfig.build.json'),
      compilerOptions: { rootDir: ROOT, outDir: dir, tsBuildInfoFile: join(dir, '.tsbuildinfo') },
      files: [join(ROOT, 'apps/worker/src/main.ts')],
      include: [],
    }),
  );
  try {
    await run(node, [tsc, '-p', project], { cwd: ROOT });
    // Rewrites `@heqi/*` to relative paths, reading the aliases where they are declared.
    await run(node, [alias, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', dir], {
      cwd: ROOT,
    });
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    const { stdout, stderr } = err as { stdout?: string; stderr?: string };
    throw new Error(`building the worker failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A worker process of the compiled app. */
export interface ChildWorker {
  process: ChildProcess;
  /** The last lines it wrote to stdout/stderr, to explain a failure. */
  output(): string;
  /** Resolves with the exit code or signal once it has exited. */
  exited: Promise<number | NodeJS.Signals | null>;
  /** SIGTERM, then waits for the exit (graceful shutdown finishes running jobs). */
  stop(): Promise<void>;
}

/**
 * Starts `node <dir>/apps/worker/src/main.js` with the test config's database, Redis and key
 * prefix (and `env` on top), exactly as `npm run start:worker` runs in production.
 */
export function spawnWorker(
  dir: string,
  config: AppConfig,
  env: Record<string, string> = {},
): ChildWorker {
  const child = spawn(process.execPath, [join(dir, 'apps/worker/src/main.js')], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: config.databaseUrl,
      REDIS_URL: config.redisUrl,
      HEQI_REDIS_PREFIX: config.redisPrefix,
      HEQI_OUTBOX_POLL_MS: String(config.outboxPollMs),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  return {
    process: child,
    output: () => lines.join('\n'),
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
