/** An accepted attachment type, decided from the file's first bytes (and, for some, its name). */
export interface SniffedType {
  contentType: string;
  extension: string;
}

const PDF = Buffer.from('%PDF-');
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OOXML_MARK = Buffer.from('[Content_Types].xml');

const OOXML: Record<string, SniffedType> = {
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
  },
};

/** What the allowlist says, for messages and the API docs. */
export const ALLOWED_ATTACHMENT_TYPES =
  'PDF、JPEG、PNG、Word（.docx）、Excel（.xlsx）、纯文本（.txt，UTF-8）';

const extensionOf = (fileName: string): string =>
  /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]?.toLowerCase() ?? '';

/**
 * The type of an upload from its first bytes (`head`, a few KB), never from the client's
 * Content-Type: PDF, JPEG and PNG by their signatures; .docx / .xlsx are ZIP files that begin
 * with the OOXML `[Content_Types].xml` part; .txt must be UTF-8 text without NUL. Anything else
 * (executables, archives, old .doc, HTML renamed .pdf) is null.
 */
export function sniffAttachmentType(head: Buffer, fileName: string): SniffedType | null {
  const starts = (sig: Buffer) =>
    head.length >= sig.length && head.subarray(0, sig.length).equals(sig);
  if (starts(PDF)) return { contentType: 'application/pdf', extension: 'pdf' };
  if (starts(JPEG)) return { contentType: 'image/jpeg', extension: 'jpg' };
  if (starts(PNG)) return { contentType: 'image/png', extension: 'png' };
  const ext = extensionOf(fileName);
  if (starts(ZIP)) {
    const office = OOXML[ext];
    return office && head.includes(OOXML_MARK) ? office : null;
  }
  if (ext === 'txt' && isUtf8Text(head)) {
    return { contentType: 'text/plain; charset=utf-8', extension: 'txt' };
  }
  return null;
}

function isUtf8Text(head: Buffer): boolean {
  if (head.includes(0)) return false;
  // The head may end inside a multi-byte character: drop up to 3 trailing bytes of one.
  for (let cut = 0; cut <= 3 && cut <= head.length; cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, head.length - cut));
      return true;
    } catch {
      // try a shorter prefix
    }
  }
  return false;
}

/** A file name fit to store and to send back: no path, no control characters, ≤ 255 chars. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // oxlint-disable-next-line no-control-regex -- control characters are exactly what goes
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (cleaned || 'attachment').slice(0, 255);
}
