import type { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, ValidateNested } from 'class-validator';
import { ProblemException } from '../errors/problem';
import { createValidationPipe } from '../errors/validation';
import { IsOptionalNotNull } from './optional';

class InnerDto {
  @IsString() zh!: string;
}

class BodyDto {
  @IsOptionalNotNull() @IsBoolean() isSme?: boolean;
  @IsOptionalNotNull() @ValidateNested() @Type(() => InnerDto) bio?: InnerDto;
  /** null clears it: the service maps null to "no value". */
  @IsOptional() @IsString() note?: string | null;
}

describe('IsOptionalNotNull through the global validation pipe', () => {
  const pipe = createValidationPipe();
  const body: ArgumentMetadata = { type: 'body', metatype: BodyDto };
  const errorsOf = async (value: unknown) => {
    const err = await pipe.transform(value, body).then(() => undefined, (e: unknown) => e);
    if (err === undefined) return [];
    expect(err).toBeInstanceOf(ProblemException);
    return (err as ProblemException).toProblem().errors;
  };

  it('accepts the field omitted or set, and null where null is meaningful (@IsOptional)', async () => {
    expect(await errorsOf({})).toEqual([]);
    expect(await errorsOf({ isSme: true, bio: { zh: '简介' } })).toEqual([]);
    expect(await errorsOf({ note: null })).toEqual([]);
  });

  it('refuses null with one "must not be null" naming the field, for a scalar and a nested object', async () => {
    expect(await errorsOf({ isSme: null })).toEqual([{ field: 'isSme', message: 'must not be null' }]);
    expect(await errorsOf({ bio: null })).toEqual([{ field: 'bio', message: 'must not be null' }]);
  });

  it('still applies the field rules to a value that is not null', async () => {
    expect(await errorsOf({ isSme: 'yes' })).toEqual([{ field: 'isSme', message: expect.stringContaining('boolean') }]);
    expect(await errorsOf({ bio: { zh: 5 } })).toEqual([{ field: 'bio.zh', message: expect.stringContaining('string') }]);
  });
});
