import { RedisMemoryServer } from 'redis-memory-server';

/**
 * A Redis of the test's own (never the shared one) that the test can stop and start again on
 * the same port, to prove that heqi loses nothing while Redis is away.
 */
export class PrivateRedis {
  private constructor(
    private readonly server: RedisMemoryServer,
    readonly url: string,
  ) {}

  static async start(): Promise<PrivateRedis> {
    const server = await RedisMemoryServer.create({
      binary: { systemBinary: '/usr/bin/redis-server' },
    });
    const url = `redis://${await server.getHost()}:${await server.getPort()}`;
    return new PrivateRedis(server, url);
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }

  /** Starts again on the same port, empty (like a Redis restarted without persistence). */
  async restart(): Promise<void> {
    await this.server.start();
  }
}
