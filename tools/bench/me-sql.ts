/**
 * The SQL and role rule of GET /api/me, taken from the api's own source so the baseline can
 * never drift from it. (me.service.ts also pulls in Nest and @ttx/api/core; with ts-node in
 * transpile-only mode that only costs start-up time in the baseline process.)
 */
export { ME_SQL, effectiveRoles } from '@ttx/api/identity';
