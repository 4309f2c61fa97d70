/**
 * `Content-Disposition` for a download with a Chinese file name: an ASCII `filename` for old
 * clients (`<fallback><extension>`) and the real name as RFC 5987 `filename*`. encodeURIComponent
 * leaves `'()*` alone, which RFC 5987 does not allow unescaped, so they are escaped too — a user's
 * attachment named `张三's 工资条.pdf` must not end the header value early.
 */
export function contentDisposition(
  filename: string,
  options: { inline?: boolean; fallback?: string } = {},
): string {
  const dot = filename.lastIndexOf('.');
  const ext = dot > 0 ? filename.slice(dot).replace(/[^A-Za-z0-9.]/g, '') : '';
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  const kind = options.inline ? 'inline' : 'attachment';
  return `${kind}; filename="${options.fallback ?? 'download'}${ext}"; filename*=UTF-8''${encoded}`;
}
