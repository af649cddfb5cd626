import { ValidationError, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import type { ProblemFieldError } from '@ttx/shared/contracts';
import { NOT_NULL } from '../http/optional';
import { Problems } from './problem';
import { memoizeValidationMetadata } from './validation-metadata';

function flatten(errors: ValidationError[], parent = ''): ProblemFieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    // A null refused by IsOptionalNotNull also fails the field's type rules; "must not be null" says it all.
    const constraints = e.constraints?.[NOT_NULL] ? { [NOT_NULL]: e.constraints[NOT_NULL] } : (e.constraints ?? {});
    const own = Object.values(constraints).map((message) => ({
      field,
      // class-validator prefixes the property name already for most messages; whitelist errors read oddly otherwise
      message: message.replace(/^property (\S+) should not exist$/, 'is not an allowed field'),
    }));
    return [...own, ...(e.constraints?.[NOT_NULL] ? [] : flatten(e.children ?? [], field))];
  });
}

/** No DTO nests near this deep; deeper input would only overflow recursive walkers (class-transformer). */
export const MAX_INPUT_DEPTH = 32;
const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';
const DEPTH_MESSAGE = `is nested more than ${MAX_INPUT_DEPTH} levels deep`;

/**
 * What no field of this API accepts, found before anything else walks the value: strings holding U+0000
 * (PostgreSQL text refuses them, error 22021) and nesting deeper than MAX_INPUT_DEPTH. Iterative, so the
 * check itself cannot overflow the stack; paths in class-validator's style (`a.b.0`).
 */
export function inputErrors(value: unknown, path = ''): ProblemFieldError[] {
  const errors: ProblemFieldError[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path, depth: 0 }];
  while (stack.length) {
    const item = stack.pop() as (typeof stack)[number];
    const field = item.path || 'value';
    if (typeof item.value === 'string') {
      if (item.value.includes('\u0000')) errors.push({ field, message: NUL_MESSAGE });
    } else if (item.value && typeof item.value === 'object') {
      if (item.depth >= MAX_INPUT_DEPTH) {
        errors.push({ field, message: DEPTH_MESSAGE });
        continue;
      }
      const entries = Array.isArray(item.value) ? item.value.map((v, i) => [String(i), v] as const) : Object.entries(item.value);
      // Reversed onto the stack so fields come out in document order.
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, v] = entries[i];
        stack.push({ value: v, path: item.path ? `${item.path}.${key}` : key, depth: item.depth + 1 });
      }
    }
  }
  return errors;
}

/** Refuses what inputErrors finds with a 400 naming the fields, before a service half-runs on it. */
class ProblemValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const errors = inputErrors(value, metadata.data ?? '');
      if (errors.length) throw Problems.badRequest(errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
    }
    return super.transform(value, metadata);
  }
}

/** The global pipe: unknown fields rejected, types coerced, NUL and deep nesting refused, field errors listed in the problem body. */
export function createValidationPipe(): ValidationPipe {
  memoizeValidationMetadata();
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
