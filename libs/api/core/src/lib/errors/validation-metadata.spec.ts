import { IsInt, IsString, Min, MetadataStorage, validateSync } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { memoizeValidationMetadata } from './validation-metadata';

class Base {
  @IsString() name!: string;
}
class Bid extends Base {
  @IsInt() @Min(1) amount!: number;
}

const errorsOf = (cls: new () => object, plain: object) =>
  validateSync(plainToInstance(cls, plain), { whitelist: true, forbidNonWhitelisted: true }).map((e) => [e.property, Object.keys(e.constraints ?? {}).sort()]);

describe('memoizeValidationMetadata', () => {
  beforeAll(() => memoizeValidationMetadata());

  it('validates exactly as before: own rules, inherited rules, unknown fields', () => {
    expect(errorsOf(Bid, { name: 'x', amount: 5 })).toEqual([]);
    expect(errorsOf(Bid, { name: 7, amount: 0, extra: 1 })).toEqual([
      ['extra', ['whitelistValidation']],
      ['amount', ['min']],
      ['name', ['isString']],
    ]);
  });

  it('answers a class again from memory, per set of options', () => {
    const storage = (global as unknown as { classValidatorMetadataStorage: MetadataStorage }).classValidatorMetadataStorage;
    const first = storage.getTargetValidationMetadatas(Bid, '', false, false);
    expect(storage.getTargetValidationMetadatas(Bid, '', false, false)).toBe(first);
    expect(storage.groupByPropertyName(first)).toBe(storage.groupByPropertyName(first));
    expect(storage.getTargetValidationMetadatas(Bid, '', false, false, ['admin'])).not.toBe(first);
    expect(first.map((m) => m.propertyName).sort()).toEqual(['amount', 'amount', 'name']);
  });

  it('sees rules declared after it started (a class loaded later)', () => {
    expect(errorsOf(Bid, { name: 'x', amount: 5 })).toEqual([]);
    class Later extends Bid {
      @IsString() note!: string;
    }
    expect(errorsOf(Later, { name: 'x', amount: 5 })).toEqual([['note', ['isString']]]);
    // Memoized answers for the older class stay right.
    expect(errorsOf(Bid, { name: 'x', amount: 5, note: 1 })).toEqual([['note', ['whitelistValidation']]]);
  });

  it('is idempotent', () => {
    memoizeValidationMetadata();
    expect(errorsOf(Bid, { name: 'x', amount: 5 })).toEqual([]);
  });
});
