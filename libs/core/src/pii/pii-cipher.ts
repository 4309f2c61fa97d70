import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
} from 'node:crypto';
import { normalizeMobile } from '../validation/mainland-mobile.js';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
/** 96-bit IVs are the GCM default (NIST SP 800-38D); random is safe far beyond our volume. */
const IV_BYTES = 12;
/** Full 128-bit tags; decipher pins the length so a truncated tag cannot be forged. */
const TAG_BYTES = 16;
const LOOKUP_INFO = 'heqi-pii-lookup';

/** AES-256 keys for personal numbers: `current` encrypts, `previous` keys still decrypt. */
export interface PiiKeyRing {
  current: Buffer;
  previous?: readonly Buffer[];
}

/** A stored value that cannot be decrypted: malformed, unknown key, or tampered with. */
export class PiiDecryptError extends Error {
  override readonly name = 'PiiDecryptError';
}

/**
 * The canonical form of a phone or ID number, so that spellings of one number hash alike:
 * trimmed, without spaces or dashes, a mainland mobile without +86/0086, an ID's check `x` as `X`.
 */
export function normalizePii(value: string): string {
  return normalizeMobile(value) ?? value.replace(/[\s-]/g, '').replace(/x$/, 'X');
}

/**
 * Encrypts personal numbers (phone, resident ID) at rest with AES-256-GCM.
 *
 * A stored value is `<keyId>:<iv>:<tag>:<ciphertext>` (base64url parts). The key id is a
 * fingerprint of the key (first 8 hex chars of its SHA-256), so keys rotate without numbering:
 * put the new key in `current`, the old one in `previous`, and re-encrypt rows for which
 * {@link needsReencrypt} is true.
 */
export class PiiCipher {
  private readonly currentId: string;
  private readonly currentKey: Buffer;
  private readonly keys = new Map<string, Buffer>();
  private readonly lookupKey: Buffer;

  constructor(ring: PiiKeyRing) {
    for (const key of [ring.current, ...(ring.previous ?? [])]) {
      if (key.length !== KEY_BYTES) {
        throw new Error(`PII key must be ${KEY_BYTES} bytes, got ${key.length}`);
      }
      this.keys.set(keyId(key), key);
    }
    this.currentId = keyId(ring.current);
    this.currentKey = ring.current;
    // A separate key for lookup hashes: the encryption key itself is never used for two purposes.
    this.lookupKey = Buffer.from(hkdfSync('sha256', ring.current, '', LOOKUP_INFO, KEY_BYTES));
  }

  /** Encrypts with the current key and a fresh random IV. */
  encrypt(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.currentKey, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [this.currentId, b64url(iv), b64url(cipher.getAuthTag()), b64url(data)].join(':');
  }

  /**
   * Decrypts a value from {@link encrypt} with whichever ring key made it.
   * @throws PiiDecryptError when the value is malformed, its key is not in the ring, or it fails
   * authentication.
   */
  decrypt(stored: string): string {
    const [id, iv, tag, data, ...rest] = stored.split(':');
    if (data === undefined || rest.length > 0) throw new PiiDecryptError('malformed PII value');
    const key = this.keys.get(id);
    if (!key) throw new PiiDecryptError(`PII value encrypted with unknown key ${id}`);
    try {
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plain = Buffer.concat([decipher.update(data, 'base64url'), decipher.final()]);
      return plain.toString('utf8');
    } catch (cause) {
      throw new PiiDecryptError('PII value failed authentication', { cause });
    }
  }

  /**
   * A deterministic hex HMAC-SHA256 of the {@link normalizePii normalised} value, to find earlier
   * cases of the same person without decrypting. It is keyed from the current key, so rotating
   * keys changes every hash: recompute them when re-encrypting.
   */
  lookupHash(value: string): string {
    return createHmac('sha256', this.lookupKey).update(normalizePii(value)).digest('hex');
  }

  /** True when `stored` was not encrypted with the current key (or is not ciphertext at all). */
  needsReencrypt(stored: string): boolean {
    return !stored.startsWith(`${this.currentId}:`);
  }
}

function b64url(bytes: Buffer): string {
  return bytes.toString('base64url');
}

/** Fingerprint naming a key in stored values; 32 bits of a hash reveal nothing of the key. */
function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}
