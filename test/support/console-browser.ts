import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CONSOLE_SRC = join(ROOT, 'apps', 'console');
const BUNDLE_INDEX = join(ROOT, 'dist', 'console', 'index.html');

/** Where the console e2e spec leaves its screenshots and downloads (gitignored). */
export const CONSOLE_ARTIFACTS = join(ROOT, 'test-artifacts', 'console');

/** The Debian chromium package (`.ci/run` installs it). */
export const CHROMIUM = '/usr/bin/chromium';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the console bundle (as `npm run build` does) unless it is there and newer than its sources. */
export function ensureConsoleBuilt(): void {
  if (existsSync(BUNDLE_INDEX) && statSync(BUNDLE_INDEX).mtimeMs >= newestMtime(CONSOLE_SRC)) {
    return;
  }
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'apps/console/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    // Under vitest NODE_ENV is "test": React would be bundled in its development build.
    { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
}

export interface ConsoleBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Headless Chromium with a fresh profile. On these machines Chromium must not try to reach the
 * network on its own (component updates, sync, QUIC probes), or its start-up stalls.
 */
export async function launchConsoleBrowser(): Promise<ConsoleBrowser> {
  mkdirSync(CONSOLE_ARTIFACTS, { recursive: true });
  const userDataDir = mkdtempSync(join(tmpdir(), 'heqi-console-chromium-'));
  // Chinese glyphs for the screenshots without a system CJK font: the Noto Sans SC the agreement
  // PDF already uses, added to the system's fontconfig setup.
  const fontsConf = join(userDataDir, 'fonts.conf');
  writeFileSync(
    fontsConf,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>` +
      `<include ignore_missing="yes">/etc/fonts/fonts.conf</include>` +
      ['400Regular', '700Bold']
        .map(
          (w) =>
            `<dir>${join(ROOT, 'node_modules', '@expo-google-fonts', 'noto-sans-sc', w)}</dir>`,
        )
        .join('') +
      `<cachedir>${join(userDataDir, 'fontconfig-cache')}</cachedir></fontconfig>\n`,
  );
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
    viewport: { width: 1024, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    env: { ...process.env, FONTCONFIG_FILE: fontsConf },
  });
  context.setDefaultTimeout(15_000);
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
