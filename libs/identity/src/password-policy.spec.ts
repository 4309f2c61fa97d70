import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password-policy.js';

describe('passwordProblems', () => {
  it('accepts 10 characters or more that are not the username', () => {
    expect(passwordProblems('correct-horse', 'zhangsan')).toEqual([]);
    expect(passwordProblems('a'.repeat(128), 'zhangsan')).toEqual([]);
  });

  it('refuses fewer than 10 characters, counting a CJK character as one', () => {
    expect(passwordProblems('short-pw1', 'zhangsan')).toEqual([
      { field: 'password', message: '密码至少 10 个字符' },
    ]);
    // '𠀀' is one character but two UTF-16 units: nine of them are still too short.
    expect(passwordProblems('𠀀'.repeat(9), 'zhangsan')).toHaveLength(1);
    expect(passwordProblems('和气调解和气调解和气', 'zhangsan')).toEqual([]);
  });

  it('refuses more than 128 characters', () => {
    expect(passwordProblems('a'.repeat(129), 'zhangsan')).toEqual([
      { field: 'password', message: '密码不能超过 128 个字符' },
    ]);
  });

  it('refuses the username itself, whatever its case or surrounding blanks', () => {
    expect(passwordProblems(' Zhang.San.01 ', 'zhang.san.01')).toEqual([
      { field: 'password', message: '密码不能与用户名相同' },
    ]);
  });

  it('refuses a password of blanks only', () => {
    expect(passwordProblems(' '.repeat(12), 'zhangsan')).toContainEqual({
      field: 'password',
      message: '密码不能全是空白字符',
    });
  });

  it('names the field it was given', () => {
    expect(passwordProblems('short', 'zhangsan', 'newPassword')[0]!.field).toBe('newPassword');
  });
});
