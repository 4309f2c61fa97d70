import { describe, expect, it } from 'vitest';
import { USERNAME_PATTERN, normalizeUsername } from './username.js';

describe('usernames', () => {
  it('are compared trimmed and lower-case', () => {
    expect(normalizeUsername('  Zhang.San ')).toBe('zhang.san');
  });

  it.each(['abc', 'zhang_san-01.x', 'a'.repeat(64)])('accepts %s', (name) => {
    expect(USERNAME_PATTERN.test(name)).toBe(true);
  });

  it.each(['ab', 'a'.repeat(65), 'Zhang', 'zhang san', '张三', 'a@b.cn', ''])(
    'refuses %s',
    (name) => {
      expect(USERNAME_PATTERN.test(name)).toBe(false);
    },
  );
});
