/**
 * Choosing a ristretto255 backend. `loadGroup()` gives the fast one (libsodium); `loadGroup('noble')`
 * the reference; `loadBothGroups()` both, for cross-checks.
 *
 * @example
 * ```ts
 * const group = await loadGroup();
 * ```
 */
import type { BackendName, Group } from './group.ts';
import { nobleGroup } from './group-noble.ts';
import { loadSodiumGroup } from './group-sodium.ts';

let sodiumGroup: Promise<Group> | undefined;

/** The group over the named backend (default: `sodium`, the fastest measured). Loaded once. */
export function loadGroup(backend: BackendName = 'sodium'): Promise<Group> {
  if (backend === 'noble') return Promise.resolve(nobleGroup());
  sodiumGroup ??= loadSodiumGroup();
  return sodiumGroup;
}

/** Both backends, for tests that check they agree. */
export async function loadBothGroups(): Promise<Group[]> {
  return [await loadGroup('sodium'), await loadGroup('noble')];
}
