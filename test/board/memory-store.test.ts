/**
 * The in-memory BoardStore (src/board/memory-store.ts) keeps the rules every store must keep
 * (board-store-rules.ts): the same suite the SQLite and PostgreSQL stores pass.
 */
import { describe } from 'node:test';
import { MemoryStore } from '../../src/board/memory-store.ts';
import { boardStoreRules } from './board-store-rules.ts';

describe('MemoryStore', () => {
  boardStoreRules(async () => ({ store: new MemoryStore(), cleanup: async () => {} }));
});
