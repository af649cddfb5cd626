import type { AuthUser } from './decorators';

const MAX_ENTRIES = 10_000;

/** The bearer token of an Authorization header, as passport-jwt's fromAuthHeaderAsBearerToken reads it. */
export function bearerToken(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const m = /^bearer\s+(\S+)$/i.exec(header.trim());
  return m?.[1];
}

/** The `exp` claim (seconds) of a token whose signature was already checked; undefined when absent. */
function expiryOf(token: string): number | undefined {
  try {
    const exp = (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Access tokens the guard has verified, each with the user passport made of it, until the token expires:
 * a client sends the same token on every request for its lifetime, and verifying it again (HMAC, JSON,
 * passport) was the largest single cost of a small authenticated request. Keyed by the whole token, so
 * only a byte-identical, already verified token hits; tokens without `exp` are never remembered.
 * Expiry matches jsonwebtoken's (expired once now ≥ exp), so an expired token misses and passport
 * refuses it with its usual reason.
 */
export class VerifiedTokens {
  private readonly users = new Map<string, { user: AuthUser; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(token: string): AuthUser | undefined {
    const hit = this.users.get(token);
    if (!hit) return undefined;
    if (this.now() < hit.expiresAt) return hit.user;
    this.users.delete(token);
    return undefined;
  }

  remember(token: string, user: AuthUser): void {
    const exp = expiryOf(token);
    if (exp === undefined || this.now() >= exp * 1000) return;
    // Crude bound: many distinct live tokens only cost re-verification, never a wrong answer.
    if (this.users.size >= MAX_ENTRIES) this.users.clear();
    this.users.set(token, { user, expiresAt: exp * 1000 });
  }
}
