import { nameMatchesType, sniffFileType } from './file-type';

const bytes = (...xs: (number | string)[]) => Buffer.concat(xs.map((x) => (typeof x === 'string' ? Buffer.from(x, 'latin1') : Buffer.from([x]))));

describe('sniffFileType', () => {
  it('knows documents and images by their magic numbers, whatever the name says', () => {
    expect(sniffFileType(bytes('%PDF-1.7\n'), 'x.bin')?.mime).toBe('application/pdf');
    expect(sniffFileType(bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0), 'a.png')?.mime).toBe('image/png');
    expect(sniffFileType(bytes(0xff, 0xd8, 0xff, 0xe0), 'a.jpg')?.mime).toBe('image/jpeg');
    expect(sniffFileType(bytes('RIFF', 0, 0, 0, 0, 'WEBP'), 'a.webp')?.mime).toBe('image/webp');
    expect(sniffFileType(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), 'old.doc')?.extensions).toContain('doc');
  });

  it('reads a ZIP container as the Office type its extension names, else as a ZIP', () => {
    expect(sniffFileType(bytes('PK', 3, 4, 20, 0), '合同.docx')?.mime).toContain('wordprocessingml');
    expect(sniffFileType(bytes('PK', 3, 4, 20, 0), 'data.xlsx')?.mime).toContain('spreadsheetml');
    expect(sniffFileType(bytes('PK', 3, 4, 20, 0), 'bundle.bin')?.mime).toBe('application/zip');
  });

  it('accepts UTF-8 text (Chinese included) and refuses binary it does not know', () => {
    expect(sniffFileType(Buffer.from('技术说明\nline 2\r\n', 'utf8'), 'readme.txt')?.mime).toBe('text/plain; charset=utf-8');
    expect(sniffFileType(Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]), 'setup.pdf')).toBeNull(); // a Windows executable
    expect(sniffFileType(Buffer.from([0xc3, 0x28, 0x41]), 'x.txt')).toBeNull(); // invalid UTF-8
    expect(sniffFileType(Buffer.alloc(0), 'empty.txt')).toBeNull();
  });
});

describe('nameMatchesType', () => {
  it('refuses a name that disguises the content', () => {
    const png = sniffFileType(bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a), 'photo.pdf');
    expect(png && nameMatchesType('photo.pdf', png)).toBe(false);
    expect(png && nameMatchesType('photo.PNG', png)).toBe(true);
    expect(png && nameMatchesType('png', png)).toBe(false);
  });
});
