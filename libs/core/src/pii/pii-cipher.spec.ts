import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PiiCipher, PiiDecryptError, normalizePii } from './pii-cipher.js';

const oldKey = randomBytes(32);
const newKey = randomBytes(32);

/** Replaces one base64url part of a stored value, keeping its length. */
function tamper(stored: string, part: number): string {
  const parts = stored.split(':');
  const bytes = Buffer.from(parts[part], 'base64url');
  bytes[0] ^= 1;
  parts[part] = bytes.toString('base64url');
  return parts.join(':');
}

describe('PiiCipher', () => {
  const cipher = new PiiCipher({ current: oldKey });

  it('round-trips, including non-ASCII text', () => {
    for (const plain of ['13912345678', '32010219900101123X', '张三 138-0000-0000', '']) {
      expect(cipher.decrypt(cipher.encrypt(plain))).toBe(plain);
    }
  });

  it('stores <keyId>:<iv>:<tag>:<ciphertext> with a 12-byte IV and a 16-byte tag', () => {
    const [id, iv, tag, data] = cipher.encrypt('13912345678').split(':');
    expect(id).toMatch(/^[0-9a-f]{8}$/);
    expect(Buffer.from(iv, 'base64url')).toHaveLength(12);
    expect(Buffer.from(tag, 'base64url')).toHaveLength(16);
    expect(Buffer.from(data, 'base64url')).toHaveLength(11);
  });

  it('uses a random IV, so equal plaintexts encrypt differently', () => {
    const a = cipher.encrypt('13912345678');
    const b = cipher.encrypt('13912345678');
    expect(a).not.toBe(b);
    expect(a.split(':')[1]).not.toBe(b.split(':')[1]);
  });

  it.each([
    ['iv', 1],
    ['tag', 2],
    ['ciphertext', 3],
  ])('detects a tampered %s', (_, part) => {
    const stored = tamper(cipher.encrypt('13912345678'), part);
    expect(() => cipher.decrypt(stored)).toThrow(PiiDecryptError);
  });

  it('rejects a truncated tag', () => {
    const [id, iv, tag, data] = cipher.encrypt('13912345678').split(':');
    const short = Buffer.from(tag, 'base64url').subarray(0, 4).toString('base64url');
    expect(() => cipher.decrypt([id, iv, short, data].join(':'))).toThrow(PiiDecryptError);
  });

  it.each(['', 'plain text', 'a:b:c', 'a:b:c:d:e'])('rejects malformed %j', (stored) => {
    expect(() => cipher.decrypt(stored)).toThrow(PiiDecryptError);
  });

  it('rejects a value from a key outside the ring', () => {
    const stranger = new PiiCipher({ current: randomBytes(32) }).encrypt('13912345678');
    expect(() => cipher.decrypt(stranger)).toThrow(/unknown key/);
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(() => new PiiCipher({ current: randomBytes(16) })).toThrow(/32 bytes, got 16/);
    expect(() => new PiiCipher({ current: newKey, previous: [randomBytes(31)] })).toThrow(
      /32 bytes, got 31/,
    );
  });

  describe('key rotation', () => {
    const rotated = new PiiCipher({ current: newKey, previous: [oldKey] });
    const oldValue = cipher.encrypt('320102199001011234');

    it('still decrypts values encrypted with a previous key', () => {
      expect(rotated.decrypt(oldValue)).toBe('320102199001011234');
    });

    it('flags only values not encrypted with the current key', () => {
      expect(rotated.needsReencrypt(oldValue)).toBe(true);
      expect(rotated.needsReencrypt(rotated.encrypt('320102199001011234'))).toBe(false);
      expect(rotated.needsReencrypt('13912345678')).toBe(true);
      expect(cipher.needsReencrypt(oldValue)).toBe(false);
    });

    it('names keys by fingerprint, not by position in the ring', () => {
      const reordered = new PiiCipher({ current: oldKey, previous: [newKey] });
      expect(reordered.encrypt('x').split(':')[0]).toBe(oldValue.split(':')[0]);
    });
  });

  describe('lookupHash', () => {
    it('is a stable hex HMAC-SHA256, equal across instances with the same key', () => {
      const hash = cipher.lookupHash('13912345678');
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(new PiiCipher({ current: oldKey }).lookupHash('13912345678')).toBe(hash);
    });

    it('hashes spellings of one number alike', () => {
      const phone = cipher.lookupHash('13912345678');
      for (const spelling of [' 139 1234 5678 ', '139-1234-5678', '+86 13912345678']) {
        expect(cipher.lookupHash(spelling)).toBe(phone);
      }
      expect(cipher.lookupHash('32010219900101123x')).toBe(cipher.lookupHash('32010219900101123X'));
      expect(cipher.lookupHash('320102 19900101 123X')).toBe(
        cipher.lookupHash('32010219900101123X'),
      );
    });

    it('differs between values and between keys', () => {
      expect(cipher.lookupHash('13912345678')).not.toBe(cipher.lookupHash('13912345679'));
      expect(new PiiCipher({ current: newKey }).lookupHash('13912345678')).not.toBe(
        cipher.lookupHash('13912345678'),
      );
    });

    it('keys the HMAC with HKDF-SHA256(current key, info heqi-pii-lookup), not the key itself', () => {
      const key = Buffer.alloc(32, 7);
      const lookupKey = Buffer.from(hkdfSync('sha256', key, '', 'heqi-pii-lookup', 32));
      const expected = createHmac('sha256', lookupKey).update('13912345678').digest('hex');
      expect(new PiiCipher({ current: key }).lookupHash('139-1234-5678')).toBe(expected);
    });
  });
});

describe('normalizePii', () => {
  it.each([
    [' 139-1234-5678 ', '13912345678'],
    ['+86 139 1234 5678', '13912345678'],
    ['008613912345678', '13912345678'],
    ['32010219900101123x', '32010219900101123X'],
    ['0514-8765 4321', '051487654321'],
  ])('%j → %j', (input, expected) => {
    expect(normalizePii(input)).toBe(expected);
  });
});
