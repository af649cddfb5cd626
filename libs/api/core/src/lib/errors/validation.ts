import { ValidationError, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import type { ProblemFieldError } from '@ttx/shared/contracts';
import { Problems } from './problem';

function flatten(errors: ValidationError[], parent = ''): ProblemFieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      field,
      // class-validator prefixes the property name already for most messages; whitelist errors read oddly otherwise
      message: message.replace(/^property (\S+) should not exist$/, 'is not an allowed field'),
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Paths of the strings in a request value that hold U+0000 (class-validator's style: `a.b.0`). */
export function nulFields(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path || 'value'] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => nulFields(v, path ? `${path}.${i}` : String(i)));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => nulFields(v, path ? `${path}.${k}` : k));
  return [];
}

/**
 * PostgreSQL text cannot hold U+0000 (error 22021), and no field of this API means to carry it: every body,
 * query and path value is refused up front with the fields named, before a service half-runs on it.
 */
class ProblemValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const fields = nulFields(value, metadata.data ?? '');
      if (fields.length) {
        const message = 'must not contain the NUL character (U+0000)';
        throw Problems.badRequest(fields.map((f) => `${f}: ${message}`).join('; '), fields.map((field) => ({ field, message })));
      }
    }
    return super.transform(value, metadata);
  }
}

/** The global pipe: unknown fields rejected, types coerced, NUL refused, field errors listed in the problem body. */
export function createValidationPipe(): ValidationPipe {
  return new ProblemValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const list = flatten(errors);
      return Problems.badRequest(list.map((e) => `${e.field}: ${e.message}`).join('; ') || 'Invalid request', list);
    },
  });
}
