import { DOCUMENT } from '@angular/common';
import { HttpContext } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { AuthSessionView, SessionApi } from '@ttx/web/api-client';
import { type MembershipView, type Permission, permissionsOf, type Role } from '@ttx/shared/contracts';
import { SKIP_ERROR_TOAST } from '../http/http-context';

export const AUTH_STORAGE_KEY = 'ttx.auth';
/** Cookie read by the Bull Board UI at /api/admin/queues (platform_admin only). */
export const ADMIN_COOKIE = 'ttx_at';
export const ADMIN_COOKIE_PATH = '/api/admin';

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  memberships: MembershipView[];
}

export interface AuthState {
  accessToken: string | null;
  refreshToken: string | null;
  user: SessionUser | null;
}

const EMPTY: AuthState = { accessToken: null, refreshToken: null, user: null };

/** The `roles` claim of a JWT access token; null when the token is not a readable JWT. */
export function tokenRoles(token: string): string[] | null {
  try {
    const payload = token.split('.')[1];
    if (!payload) return null;
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { roles?: unknown };
    return Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : null;
  } catch {
    return null;
  }
}

const sameRoles = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((r) => b.includes(r));

function readState(storage: Storage | undefined): AuthState {
  try {
    const raw = storage?.getItem(AUTH_STORAGE_KEY);
    if (!raw) return EMPTY;
    const parsed = JSON.parse(raw) as Partial<AuthState>;
    if (typeof parsed.accessToken !== 'string' || typeof parsed.refreshToken !== 'string') return EMPTY;
    return { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken, user: parsed.user ?? null };
  } catch {
    return EMPTY;
  }
}

/**
 * Signal store for the session: tokens and the signed-in user (from GET /api/me), persisted in
 * localStorage so a reload keeps the session.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly api = inject(SessionApi);
  private readonly document = inject(DOCUMENT);
  private readonly storage: Storage | undefined = this.document.defaultView?.localStorage;
  private readonly state = signal<AuthState>(readState(this.storage));
  private refreshing: Promise<string> | null = null;

  readonly accessToken = computed(() => this.state().accessToken);
  readonly refreshToken = computed(() => this.state().refreshToken);
  readonly user = computed(() => this.state().user);
  readonly isAuthenticated = computed(() => !!this.state().accessToken);
  readonly roles = computed<readonly Role[]>(() => this.state().user?.roles ?? []);
  /** What the API lets the roles do (shared ROLE_PERMISSIONS), so pages offer only what would not answer 403. */
  private readonly permissions = computed(() => (this.isAuthenticated() ? permissionsOf(this.roles()) : new Set<Permission>()));

  constructor() {
    this.syncAdminCookie(this.state());
  }

  hasRole(role: Role): boolean {
    return this.roles().includes(role);
  }

  /** Whether the signed-in user holds `permission` (the one an endpoint's x-permission names); never when signed out. */
  can(permission: Permission): boolean {
    return this.permissions().has(permission);
  }

  /** The caller's organisations of `kind` in which it holds one of `roles` (each once), for org pickers. */
  organizations(kind: MembershipView['organizationKind'], roles: readonly Role[]): { id: string; name: string }[] {
    const seen = new Map<string, string>();
    for (const m of this.state().user?.memberships ?? []) {
      if (m.organizationKind === kind && roles.includes(m.role as Role)) seen.set(m.organizationId, m.organizationName);
    }
    return [...seen].map(([id, name]) => ({ id, name }));
  }

  /** Creates an account (errors are left to the form to show). */
  register(input: { email: string; password: string; displayName: string }) {
    return this.api.register(input, quiet());
  }

  /** Signs in, stores the token pair, then loads the full user (roles, memberships). */
  async login(email: string, password: string): Promise<SessionUser | null> {
    const session = await this.api.login({ email, password }, quiet());
    this.applySession(session);
    return this.loadMe();
  }

  /** Reloads GET /api/me into the store; returns null (and keeps the session) when it fails. */
  async loadMe(): Promise<SessionUser | null> {
    try {
      const me = await this.api.me();
      const user: SessionUser = {
        id: me.id,
        email: me.email,
        displayName: me.displayName,
        roles: [...(me.roles ?? [])],
        memberships: [...(me.memberships ?? [])],
      };
      const accessToken = this.state().accessToken;
      if (accessToken) this.set({ ...this.state(), user });
      // The API authorises by the token's roles claim: after a membership change (an organisation
      // verified, a role granted) the old token would keep answering 403 until it expires.
      const claimed = accessToken ? tokenRoles(accessToken) : null;
      if (claimed && !sameRoles(claimed, user.roles)) await this.refresh().catch(() => undefined);
      return user;
    } catch {
      return null;
    }
  }

  /**
   * Exchanges the refresh token for a new pair. Concurrent callers share one request, so a burst
   * of 401s spends the (single-use) refresh token only once. Rejects (and signs out) on failure.
   */
  refresh(): Promise<string> {
    if (this.refreshing) return this.refreshing;
    const refreshToken = this.state().refreshToken;
    if (!refreshToken) {
      this.logout();
      return Promise.reject(new Error('No refresh token'));
    }
    this.refreshing = this.api
      .refresh(refreshToken, quiet())
      .then((session) => {
        this.applySession(session);
        return session.accessToken;
      })
      .catch((err: unknown) => {
        this.logout();
        throw err;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  /** Signs out locally at once and, best effort, revokes the refresh token on the server. */
  logout(): void {
    const refreshToken = this.state().refreshToken;
    this.set(EMPTY);
    if (refreshToken) void this.api.logout(refreshToken, quiet()).catch(() => undefined);
  }

  /** Stores a token pair from login/refresh, keeping the roles already known for the same user. */
  applySession(session: AuthSessionView): void {
    const previous = this.state().user;
    const user: SessionUser =
      previous && previous.id === session.user.id
        ? { ...previous, email: session.user.email, displayName: session.user.displayName }
        : {
            id: session.user.id,
            email: session.user.email,
            displayName: session.user.displayName,
            roles: [],
            memberships: [],
          };
    this.set({ accessToken: session.accessToken, refreshToken: session.refreshToken, user });
  }

  private set(next: AuthState): void {
    this.state.set(next);
    try {
      if (next.accessToken) this.storage?.setItem(AUTH_STORAGE_KEY, JSON.stringify(next));
      else this.storage?.removeItem(AUTH_STORAGE_KEY);
    } catch {
      /* storage full or disabled: the session still lives in memory */
    }
    this.syncAdminCookie(next);
  }

  private syncAdminCookie(state: AuthState): void {
    const isAdmin = !!state.accessToken && !!state.user?.roles.includes('platform_admin');
    if (isAdmin) {
      this.document.cookie = `${ADMIN_COOKIE}=${encodeURIComponent(state.accessToken ?? '')}; path=${ADMIN_COOKIE_PATH}; SameSite=Strict`;
    } else if (this.document.cookie !== undefined) {
      this.document.cookie = `${ADMIN_COOKIE}=; path=${ADMIN_COOKIE_PATH}; Max-Age=0; SameSite=Strict`;
    }
  }
}

function quiet(): HttpContext {
  return new HttpContext().set(SKIP_ERROR_TOAST, true);
}
