import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleBundleDir } from './console-bundle.js';
import { serveConsole } from './console-static.js';

@Controller('api/v1/ping')
class PingController {
  @Get()
  ping(): { pong: true } {
    return { pong: true };
  }
}

@Module({ controllers: [PingController] })
class PingModule {}

async function appServing(dir: string): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(PingModule, { logger: false });
  serveConsole(app, dir);
  await app.init();
  return app;
}

describe('serveConsole', () => {
  let bundle: string;
  let empty: string;
  let withBundle: NestExpressApplication;
  let withoutBundle: NestExpressApplication;

  beforeAll(async () => {
    bundle = mkdtempSync(join(tmpdir(), 'heqi-console-bundle-'));
    mkdirSync(join(bundle, 'assets'));
    writeFileSync(join(bundle, 'index.html'), '<div id="root"></div>');
    writeFileSync(join(bundle, 'assets', 'index-abc.js'), 'console.log(1)');
    empty = mkdtempSync(join(tmpdir(), 'heqi-console-empty-'));
    withBundle = await appServing(bundle);
    withoutBundle = await appServing(empty);
  });

  afterAll(async () => {
    await withBundle?.close();
    await withoutBundle?.close();
    rmSync(bundle, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  });

  it('serves index.html at / and at client routes, the assets as files', async () => {
    const http = supertest(withBundle.getHttpServer());
    for (const path of ['/', '/cases/123', '/admin/users']) {
      const res = await http.get(path).expect(200);
      expect(res.text).toBe('<div id="root"></div>');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
    const asset = await http.get('/assets/index-abc.js').expect(200);
    expect(asset.text).toBe('console.log(1)');
    expect(asset.headers['cache-control']).toContain('immutable');
    await http.get('/assets/missing.js').expect(404);
  });

  it('leaves /api, /docs and /health to the API', async () => {
    const http = supertest(withBundle.getHttpServer());
    expect((await http.get('/api/v1/ping').expect(200)).body).toEqual({ pong: true });
    await http.get('/api/v1/nothing').expect(404);
    await http.get('/docs-json').expect(404);
    await http.get('/health').expect(404);
    await http.post('/cases/123').expect(404);
  });

  it('answers / with a Chinese page saying to build when there is no bundle', async () => {
    const res = await supertest(withoutBundle.getHttpServer()).get('/').expect(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('npm run build');
    expect(res.text).toContain('尚未构建');
  });

  it('finds the bundle under the repository root, from source or from dist', () => {
    const root = join(import.meta.dirname, '..', '..', '..', '..');
    expect(consoleBundleDir()).toBe(join(root, 'dist', 'console'));
    expect(consoleBundleDir(join(root, 'dist', 'apps', 'api', 'src', 'console'))).toBe(
      join(root, 'dist', 'console'),
    );
  });
});
