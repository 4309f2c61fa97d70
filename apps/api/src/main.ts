import 'reflect-metadata';
import { loadConfigFromProcess } from '@heqi/core';
import type { Server } from 'node:http';
import { createApiApp } from './create-api-app.js';

/**
 * How long an idle keep-alive connection stays open. Node's default (5 s) is shorter than most
 * clients' and proxies' idle timeouts (nginx 60 s, many HTTP clients more), so a client could
 * send its next request on a socket the server was just closing and get ECONNRESET instead of
 * an answer — seen in bench/assignment as a lost push. The server must be the last to close.
 */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Production entry point of the API (`node dist/apps/api/src/main.js`). */
async function main(): Promise<void> {
  const config = loadConfigFromProcess();
  const app = await createApiApp(config);
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Must exceed the keep-alive timeout, or a slow first header on a reused socket is cut off.
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  await app.listen(config.port, config.host);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
