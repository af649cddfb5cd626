import { effect, untracked, type EffectRef } from '@angular/core';

/**
 * Runs `load` when the signals read by `deps` change — and only then. The load runs untracked: its API
 * requests read the access-token signal, and a tracked read would refetch, without a token, on sign-out.
 * Call in an injection context (a constructor or field initialiser).
 */
export function reloadOn<T>(deps: () => T, load: (value: T) => unknown): EffectRef {
  return effect(() => {
    const value = deps();
    untracked(() => void load(value));
  });
}
