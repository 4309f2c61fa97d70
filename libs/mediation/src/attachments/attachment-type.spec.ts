import { describe, expect, it } from 'vitest';
import { cleanFileName, sniffAttachmentType } from './attachment-type.js';

const zipWith = (firstPart: string) =>
  Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(firstPart)]);

describe('sniffAttachmentType', () => {
  it('knows PDF, JPEG and PNG by their signatures, whatever the name says', () => {
    expect(sniffAttachmentType(Buffer.from('%PDF-1.7\n...'), 'x.bin')?.contentType).toBe(
      'application/pdf',
    );
    expect(sniffAttachmentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'a.png')?.extension).toBe(
      'jpg',
    );
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
    expect(sniffAttachmentType(png, 'scan')?.contentType).toBe('image/png');
  });

  it('takes OOXML zips named .docx / .xlsx, refuses other zips', () => {
    expect(sniffAttachmentType(zipWith('[Content_Types].xml'), '协议.docx')?.extension).toBe(
      'docx',
    );
    expect(sniffAttachmentType(zipWith('[Content_Types].xml'), '工资表.XLSX')?.extension).toBe(
      'xlsx',
    );
    expect(sniffAttachmentType(zipWith('evil.exe'), 'a.docx')).toBeNull();
    expect(sniffAttachmentType(zipWith('[Content_Types].xml'), 'a.zip')).toBeNull();
  });

  it('takes UTF-8 text named .txt, even cut inside a character', () => {
    expect(sniffAttachmentType(Buffer.from('情况说明：'), 'note.txt')?.extension).toBe('txt');
    const cut = Buffer.from('情况').subarray(0, 4);
    expect(sniffAttachmentType(cut, 'note.txt')?.extension).toBe('txt');
    expect(sniffAttachmentType(Buffer.from([0x61, 0, 0x62]), 'note.txt')).toBeNull();
    expect(sniffAttachmentType(Buffer.from([0xc3, 0x28, 0x41, 0x41, 0x41]), 'x.txt')).toBeNull();
  });

  it('refuses executables, HTML and text not named .txt', () => {
    expect(sniffAttachmentType(Buffer.from('MZ\x90\x00'), 'a.pdf')).toBeNull();
    expect(sniffAttachmentType(Buffer.from('<html>'), 'a.pdf')).toBeNull();
    expect(sniffAttachmentType(Buffer.from('hello'), 'a.sh')).toBeNull();
  });
});

describe('cleanFileName', () => {
  it('keeps the base name without control characters', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\docs\\调解笔录.pdf')).toBe('调解笔录.pdf');
    expect(cleanFileName('a\u0000b\r\n.txt')).toBe('ab.txt');
    expect(cleanFileName('')).toBe('attachment');
    expect(cleanFileName('x'.repeat(300))).toHaveLength(255);
  });
});
