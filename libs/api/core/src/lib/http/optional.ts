import { ValidateBy, ValidateIf } from 'class-validator';

/** The constraint name of IsOptionalNotNull's refusal; the validation pipe reports it alone for the field. */
export const NOT_NULL = 'notNull';

/**
 * An optional body field for which null means nothing: omitted (undefined) it is not validated, like
 * @IsOptional(); JSON null is refused with "must not be null" instead of reaching the service (which would
 * store it in a NOT NULL column or read it as "absent"). Keep @IsOptional() (and `nullable: true` in the
 * OpenAPI property) only where null deliberately clears a value.
 */
export function IsOptionalNotNull(): PropertyDecorator {
  return (target, key) => {
    ValidateIf((_object, value) => value !== undefined)(target, key);
    ValidateBy({ name: NOT_NULL, validator: { validate: (value) => value !== null, defaultMessage: () => 'must not be null' } })(target, key);
  };
}
