import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IsOptionalNotNull } from './optional';

/** Money is integer fen; the cap (RMB 100 bn) keeps every sum a safe JavaScript integer. */
export const MAX_FEN = 10_000_000_000_000;

export interface FenOptions {
  /** Lowest amount accepted (default 1; 0 where "none" is a valid amount). */
  min?: number;
  /** May be omitted (never null). */
  optional?: boolean;
  description?: string;
  example?: number;
}

/** A money input: validated as integer fen in [min, MAX_FEN] and documented as such (OpenAPI `type: integer`). */
export function Fen(opts: FenOptions = {}): PropertyDecorator {
  const min = opts.min ?? 1;
  return (target, key) => {
    const doc = { type: 'integer' as const, minimum: min, maximum: MAX_FEN, description: opts.description ?? 'fen', ...(opts.example !== undefined ? { example: opts.example } : {}) };
    (opts.optional ? ApiPropertyOptional : ApiProperty)(doc)(target, key);
    if (opts.optional) IsOptionalNotNull()(target, key);
    IsInt({ message: 'must be an integer amount in fen' })(target, key);
    Min(min)(target, key);
    Max(MAX_FEN)(target, key);
  };
}

/** A money output (response views): integer fen in the OpenAPI document, so generated clients see no fractions. */
export function ApiFen(opts: { description?: string; nullable?: boolean } = {}): PropertyDecorator {
  return ApiProperty({ type: 'integer', description: opts.description ?? 'fen', ...(opts.nullable ? { nullable: true } : {}) });
}
