import { describe, expect, it } from 'vitest';
import { contentDisposition } from './content-disposition.js';

describe('contentDisposition', () => {
  it('writes the Chinese name per RFC 5987 with an ASCII fallback', () => {
    expect(contentDisposition('南湖区汇总(1).csv', { fallback: 'report' })).toBe(
      `attachment; filename="report.csv"; filename*=UTF-8''%E5%8D%97%E6%B9%96%E5%8C%BA%E6%B1%87%E6%80%BB%281%29.csv`,
    );
  });

  it("escapes what RFC 5987 does not allow, so a user's file name cannot break the header", () => {
    expect(contentDisposition("a'b*.pdf")).toBe(
      `attachment; filename="download.pdf"; filename*=UTF-8''a%27b%2A.pdf`,
    );
    expect(contentDisposition('调解协议书.pdf', { inline: true, fallback: 'agreement' })).toMatch(
      /^inline; filename="agreement\.pdf"; filename\*=UTF-8''%E8%B0%83/,
    );
    // An extension is kept only as ASCII letters and digits in the fallback.
    expect(contentDisposition('notes.t"xt')).toMatch(/^attachment; filename="download\.txt";/);
  });
});
