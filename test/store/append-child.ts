/**
 * A server process appending to a board, for the tests that need a second process on one database.
 *
 * - Without a count it appends until it is killed: the durability test SIGKILLs it mid-loop. It prints
 *   each event's index only after `append` resolved — the moment a server would acknowledge a ballot —
 *   so every printed index must survive the kill.
 * - With a count it appends that many events next to another writer, as a second API node does: on
 *   BoardError `conflict` (or `out-of-order` for a head) it refreshes its board and tries again; then
 *   it exits.
 *
 * Usage: node test/store/append-child.ts <database-url> <election> <board-secret-key-hex> [count]
 */
import { Board } from '../../src/board/board.ts';
import { BoardError } from '../../src/board/errors.ts';
import { fromHex } from '../../src/crypto/bytes.ts';
import { openStore } from '../../src/store/open.ts';
import { appendKind, type Kind } from '../board/fixtures.ts';

const [url, election, key, count] = process.argv.slice(2);
if (url === undefined || election === undefined || key === undefined) {
  throw new Error('usage: append-child.ts <database-url> <election> <board-secret-key-hex> [count]');
}
/**
 * Runs `write`, and after another writer got there first — `conflict` for an append, `out-of-order`
 * for a head smaller than the one the other stored — refreshes the board and tries again.
 */
async function retrying<T>(write: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await write();
    } catch (e) {
      if (!(e instanceof BoardError && (e.code === 'conflict' || e.code === 'out-of-order'))) throw e;
      await board.refresh();
    }
  }
}

const store = await openStore(url);
const board = await Board.open(store, election, fromHex(key));
const kinds: readonly Kind[] = ['amendment', 'ballot', 'ballot', 'amendment', 'ballot'];
// Bounded, in case the parent dies without killing it (an unread pipe also ends it, with EPIPE).
const appends = count === undefined ? 20_000 : Number(count);
for (let n = 0; n < appends; n++) {
  const event = await retrying(() => appendKind(board, kinds[n % kinds.length]!, n));
  process.stdout.write(`${event.index}\n`);
  if (n % 5 === 4) await retrying(() => board.signHead());
}
await store.close();
