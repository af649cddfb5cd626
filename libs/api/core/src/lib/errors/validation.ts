import { ValidationError, ValidationPipe } from '@nestjs/common';
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

/** The global pipe: unknown fields rejected, types coerced, field errors listed in the problem body. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
