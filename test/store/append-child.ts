/**
 * A server process that appends to a board until it is killed: the durability tests start it, wait
 * for some appends and SIGKILL it mid-loop. It prints each event's index only after `append` resolved
 * — the moment a server would acknowledge a ballot — so every printed index must survive the kill.
 *
 * Usage: node test/store/append-child.ts <database-url> <election> <board-secret-key-hex>
 */
import { Board } from '../../src/board/board.ts';
import { fromHex } from '../../src/crypto/bytes.ts';
import { openStore } from '../../src/store/open.ts';
import { appendKind, type Kind } from '../board/fixtures.ts';

const [url, election, key] = process.argv.slice(2);
if (url === undefined || election === undefined || key === undefined) {
  throw new Error('usage: append-child.ts <database-url> <election> <board-secret-key-hex>');
}
const store = await openStore(url);
const board = await Board.open(store, election, fromHex(key));
const kinds: readonly Kind[] = ['amendment', 'ballot', 'ballot', 'amendment', 'ballot'];
// Bounded, in case the parent dies without killing it (an unread pipe also ends it, with EPIPE).
for (let n = 0; n < 20_000; n++) {
  const event = await appendKind(board, kinds[n % kinds.length]!, n);
  process.stdout.write(`${event.index}\n`);
  if (n % 5 === 4) await board.signHead();
}
await store.close();
