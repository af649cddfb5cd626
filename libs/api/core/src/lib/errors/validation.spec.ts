import type { ArgumentMetadata } from '@nestjs/common';
import { IsString } from 'class-validator';
import { ProblemException } from './problem';
import { createValidationPipe, nulFields } from './validation';

class NoteDto {
  @IsString()
  text!: string;
}

describe('nulFields', () => {
  it('names every string holding U+0000, nested ones by path', () => {
    expect(nulFields({ a: 'ok', b: 'x\u0000', c: { d: ['fine', '\u0000'] } })).toEqual(['b', 'c.d.1']);
    expect(nulFields('a\u0000b', 'q')).toEqual(['q']);
    expect(nulFields({ n: 1, b: true, z: null })).toEqual([]);
  });
});

describe('the global validation pipe', () => {
  const pipe = createValidationPipe();
  const body: ArgumentMetadata = { type: 'body', metatype: NoteDto };

  // PostgreSQL rejects NUL in text with 22021, which surfaced as a 500 (robustness e2e: POST /api/organizations, ?q=).
  it('refuses NUL in a body or a query value with a 400 that names the field', async () => {
    const err = await pipe.transform({ text: 'a\u0000b' }, body).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProblemException);
    expect((err as ProblemException).toProblem()).toEqual(expect.objectContaining({ status: 400, errors: [expect.objectContaining({ field: 'text' })] }));
    const q = await pipe.transform('a\u0000', { type: 'query', metatype: String, data: 'q' }).catch((e: unknown) => e);
    expect((q as ProblemException).errors?.[0]?.field).toBe('q');
  });

  it('still validates and passes clean values', async () => {
    await expect(pipe.transform({ text: 'fine' }, body)).resolves.toEqual({ text: 'fine' });
  });
});
