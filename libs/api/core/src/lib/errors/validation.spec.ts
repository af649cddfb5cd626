import type { ArgumentMetadata } from '@nestjs/common';
import { IsString } from 'class-validator';
import { ProblemException } from './problem';
import { createValidationPipe, inputErrors, MAX_INPUT_DEPTH } from './validation';

class NoteDto {
  @IsString()
  text!: string;
}

describe('inputErrors', () => {
  const fields = (v: unknown, path?: string) => inputErrors(v, path).map((e) => e.field);

  it('names every string holding U+0000, nested ones by path, in document order', () => {
    expect(fields({ a: 'ok', b: 'x\u0000', c: { d: ['fine', '\u0000'] } })).toEqual(['b', 'c.d.1']);
    expect(fields('a\u0000b', 'q')).toEqual(['q']);
    expect(fields({ n: 1, b: true, z: null })).toEqual([]);
  });

  // A 20000-deep array overflowed the stack of the first, recursive version: a 500 on every body route.
  it('stops at nesting deeper than the limit without recursing into it', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(inputErrors({ x: deep })).toEqual([{ field: `x${'.0'.repeat(MAX_INPUT_DEPTH - 1)}`, message: expect.stringContaining('nested') }]);
    let ok: unknown = 'leaf';
    for (let i = 0; i < MAX_INPUT_DEPTH - 1; i++) ok = [ok];
    expect(inputErrors({ x: ok })).toEqual([]);
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
