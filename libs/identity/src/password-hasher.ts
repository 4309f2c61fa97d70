import { randomBytes } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';

/**
 * `@node-rs/argon2` rather than `argon2`: the latter's prebuilt linux-x64 binary crashes (SIGSEGV)
 * on this project's Node 20 machines unless rebuilt from source; the napi-rs build ships per
 * platform and loads as it is.
 *
 * argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane): about 25–50 ms a hash
 * here, and 19 MiB a concurrent login rather than argon2's default 64 MiB, so a burst of logins
 * cannot exhaust the API's memory. Existing hashes carry their own parameters, so these can be
 * raised later without breaking anyone's password.
 */
/** `Algorithm.Argon2id` (an ambient const enum, which isolated modules cannot read). */
const ARGON2ID = 2;

const OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

@Injectable()
export class PasswordHasher implements OnModuleInit {
  /** Verified against when the username is unknown, so both cases take the same time. */
  private dummy?: Promise<string>;

  onModuleInit(): void {
    // Made at start-up so the first unknown-username login is not slower than the others.
    this.dummy = this.hash(randomBytes(16).toString('hex'));
  }

  hash(password: string): Promise<string> {
    return argon2Hash(password, OPTIONS);
  }

  /** Whether `password` matches `hash`; a malformed hash is simply a mismatch. */
  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2Verify(hash, password);
    } catch {
      return false;
    }
  }

  /**
   * Spends the same work as {@link verify} on a hash nobody knows the password of, and returns
   * false: used for unknown usernames so timing does not reveal which usernames exist.
   */
  async verifyNothing(password: string): Promise<false> {
    this.dummy ??= this.hash(randomBytes(16).toString('hex'));
    await this.verify(await this.dummy, password);
    return false;
  }
}
