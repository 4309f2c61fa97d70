/**
 * Escapes the characters LIKE treats specially (`%`, `_`, `\`), so user text is searched
 * literally. Use with `ILIKE :pattern ESCAPE '\'`.
 */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
