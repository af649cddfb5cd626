import type { Lang } from '@ttx/web/core';
import { fenToYuan } from '../catalog/catalog-text';

export { pickText, type Localized } from '../catalog/catalog-text';

/** "¥1,234.50" from fen; '—' for no price. */
export function yuan(fen: number | null | undefined, lang: Lang): string {
  return fen === null || fen === undefined ? '—' : `¥${fenToYuan(fen, lang)}`;
}

/** Yuan typed by a person → integer fen: the one shared parser (never floats on money). */
export { yuanToFen } from '@ttx/shared/policy';

/** Remaining time of a countdown, using the server clock (offset = server − client at the last fetch). */
export function remainingMs(endsAt: string, serverOffsetMs: number, now = Date.now()): number {
  return Math.max(0, new Date(endsAt).getTime() - (now + serverOffsetMs));
}

/** "2d 03:04:05" / "03:04:05" / "04:05". */
export function formatCountdown(ms: number): string {
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86_400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hms = `${pad(Math.floor((s % 86_400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return d ? `${d}d ${hms}` : hms;
}

/** A fresh Idempotency-Key per bid attempt; a retry of the same attempt reuses it. */
export function newIdempotencyKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
