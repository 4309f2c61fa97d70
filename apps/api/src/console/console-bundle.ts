import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where `vite build` (npm run build) writes the web console: `dist/console` under the repository
 * root. Found by walking up from this module to the directory holding package.json, so it is the
 * same whether the API runs compiled (dist/apps/api/...) or from source (tests).
 */
export function consoleBundleDir(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'console');
    const parent = dirname(dir);
    if (parent === dir) return join(process.cwd(), 'dist', 'console');
    dir = parent;
  }
}
