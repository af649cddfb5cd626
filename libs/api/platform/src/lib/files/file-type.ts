/**
 * File types by their first bytes ("magic numbers"), never by the name or the declared type a client
 * sends: an upload is stored as what its content is, and refused when its name claims something else.
 */
export interface FileType {
  mime: string;
  /** Extensions a file of this type may carry (lower case, without the dot). */
  extensions: readonly string[];
}

const PDF: FileType = { mime: 'application/pdf', extensions: ['pdf'] };
const PNG: FileType = { mime: 'image/png', extensions: ['png'] };
const JPEG: FileType = { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] };
const GIF: FileType = { mime: 'image/gif', extensions: ['gif'] };
const WEBP: FileType = { mime: 'image/webp', extensions: ['webp'] };
const OLE: FileType = { mime: 'application/x-ole-storage', extensions: ['doc', 'xls', 'ppt'] };
const TEXT: FileType = { mime: 'text/plain; charset=utf-8', extensions: ['txt', 'csv', 'md'] };
/** ZIP containers: Office Open XML documents are ZIPs whose type the extension names. */
const ZIP_TYPES: Record<string, FileType> = {
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'] },
  zip: { mime: 'application/zip', extensions: ['zip'] },
};

const startsWith = (head: Buffer, bytes: number[], at = 0) => bytes.every((b, i) => head[at + i] === b);

/** Valid UTF-8 without control characters other than tab, CR, LF (a cut multi-byte sequence at the end is fine). */
function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return false;
  for (const b of head) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The type of a file from its first bytes (at least 16 are needed; 4 KB is plenty) and its name. */
export function sniffFileType(head: Buffer, fileName: string): FileType | null {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return PDF; // %PDF-
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (startsWith(head, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return GIF; // GIF8
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) return WEBP; // RIFF....WEBP
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return OLE;
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return ZIP_TYPES[ext] ?? ZIP_TYPES['zip'];
  if (looksLikeText(head)) return TEXT;
  return null;
}

/** Whether the file's name agrees with its content (a PNG named report.pdf does not). */
export function nameMatchesType(fileName: string, type: FileType): boolean {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  return fileName.includes('.') && type.extensions.includes(ext);
}
