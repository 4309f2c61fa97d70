import type { Server } from 'node:http';
import { RequestMethod, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@heqi/core';
import { ApiModule } from './api.module.js';
import { serveConsole } from './console/console-static.js';

export const API_PREFIX = 'api/v1';

/**
 * How long an idle keep-alive connection stays open. Node's default (5 s) is shorter than most
 * clients' and proxies' idle timeouts (nginx 60 s, many HTTP clients more), so a client could
 * send its next request on a socket the server was just closing and get ECONNRESET instead of
 * an answer — seen in bench/assignment as a lost push. The server must be the last to close.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Large enough for a 1,000-order hotline batch; anything bigger is a 413, not a crash. */
const JSON_LIMIT = '10mb';

/**
 * Builds the API application exactly as production runs it; `main.ts` listens on it and the
 * e2e tests drive it through supertest, so both exercise the same pipes, filters and headers.
 */
export async function createApiApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    bufferLogs: true,
    // Throw instead of exiting the process: main.ts reports and exits, tests see the error.
    abortOnError: false,
    // The hotline signature is computed over the exact bytes received.
    rawBody: true,
    bodyParser: true,
  });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: JSON_LIMIT });
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Must exceed the keep-alive timeout, or a slow first header on a reused socket is cut off.
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Swagger UI at /docs runs a small inline initialiser and shows inline images.
          'script-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
        },
      },
    }),
  );
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'health', method: RequestMethod.GET }] });
  app.enableShutdownHooks();
  setUpSwagger(app);
  // The web console (apps/console) at `/`, after /docs so its fallback never shadows them.
  serveConsole(app);
  return app;
}

function setUpSwagger(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('heqi 和气 — 劳动争议调解案件管理 API')
      .setDescription(
        '工会劳动争议调解网络的案件管理接口。错误体：`{ statusCode, error, message, details? }`；' +
          '列表：`?page=&pageSize=`（最大 200）。',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
