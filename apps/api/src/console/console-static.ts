import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { consoleBundleDir } from './console-bundle.js';

/** Paths the API itself answers: never the console's index.html. */
const API_PATHS = /^\/(api|docs|docs-json|health)(\/|$|-)/;

const MISSING_BUNDLE_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>和气 · 控制台未构建</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto;line-height:1.6">
<h1>和气 · 网页控制台尚未构建</h1>
<p>API 正常运行，但没有找到控制台的构建产物（dist/console）。</p>
<p>请在项目根目录运行 <code>npm run build</code>（或 <code>npm start</code>）后刷新本页。</p>
<p>接口文档见 <a href="/docs">/docs</a>。</p>
</body></html>`;

/**
 * Serves the web console (apps/console, built by Vite) at `/`: its files as they are, and
 * index.html for any other GET outside /api, /docs and /health so client-side routes survive a
 * reload. Without a bundle, `/` explains how to build it instead of failing.
 */
export function serveConsole(app: NestExpressApplication, dir: string = consoleBundleDir()): void {
  const index = join(dir, 'index.html');
  if (existsSync(index)) {
    // Hashed asset names: cache them for long; index.html must always be fresh.
    app.useStaticAssets(dir, { index: false, maxAge: '365d', immutable: true });
  }
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path)) return next();
    if (req.path.startsWith('/assets/')) return next();
    res.setHeader('cache-control', 'no-cache');
    if (!existsSync(index)) {
      res.status(200).type('html').send(MISSING_BUNDLE_PAGE);
      return;
    }
    res.sendFile(index);
  });
}
