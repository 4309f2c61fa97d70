import { FakeHotlinePlatform } from './fake-hotline-platform.js';

/**
 * The fake 12345 platform as a process, for the demo (`npm run fake:12345`): listens where heqi's
 * development defaults deliver replies (`HOTLINE_CALLBACK_URL` http://127.0.0.1:4010/12345/replies,
 * signed with `HEQI_HOTLINE_OUT_KEY` heqi-dev:dev-heqi-out-secret) and prints every reply.
 *
 * Options: `--port 4010`, `--key keyId:secret`, `--fail N` (refuse the first N deliveries).
 * While it runs: `GET /received` lists the replies, `POST /fail-next?n=2` refuses the next two.
 */
function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

const [keyId, ...rest] = option('key', 'heqi-dev:dev-heqi-out-secret').split(':');
const platform = new FakeHotlinePlatform(keyId!, rest.join(':'));
await platform.start(Number(option('port', '4010')));
platform.failNext(Number(option('fail', '0')));
const origin = new URL(platform.url).origin;
console.log(`fake 12345 platform: replies to ${platform.url} (key ${keyId})`);
console.log(`  GET ${origin}/received · POST ${origin}/fail-next?n=2`);

let seen = 0;
setInterval(() => {
  for (const reply of platform.replies.slice(seen)) {
    console.log(`${reply.at} ${reply.status} ${JSON.stringify(reply.body)}`);
  }
  seen = platform.replies.length;
}, 250).unref();

const stop = () => void platform.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
