/**
 * Board events in words: a one-line summary per event type (SPEC.md §13), the event as recorded
 * (canonical JSON, cut short for very large events), and the forms the page shows hashes and times in.
 * Everything here returns plain text; the page renders it as text, never as HTML.
 *
 * @example
 * ```ts
 * describeEvent(t.explorer.events, event); // 'Ballot, tracker K3F9-2QXM-7TBD-W1CE'
 * ```
 */
import { canonicalJson } from '../../protocol/canonical.ts';
import { EVENT_TYPES, type EventType, parseEvent } from '../../protocol/events.ts';
import { tracker, trackerCode } from '../../protocol/tracker.ts';
import type { en } from './messages.ts';

type EventTexts = (typeof en)['explorer']['events'];

/** Events longer than this (the credential list of a large electorate) are shown cut short. */
export const MAX_SHOWN_CHARS = 20_000;

/**
 * The one-line summary of an event as the board served it: by type, from its validated payload; an
 * unknown type or a payload that fails its schema is said to be so.
 * @example `describeEvent(en.explorer.events, { type: 'open', … })` → 'Voting opened'
 */
export function describeEvent(m: EventTexts, event: unknown): string {
  const type = (event as { type?: unknown } | null)?.type;
  const named = typeof type === 'string' ? type.slice(0, 64) : '?';
  if (!(EVENT_TYPES as readonly string[]).includes(named)) return m.unknown(named);
  try {
    return summary(m, parseEvent(event));
  } catch {
    return m.malformed(named);
  }
}

function summary(m: EventTexts, event: ReturnType<typeof parseEvent>): string {
  switch (event.type) {
    case 'setup':
      return m.setup(event.payload.definition.title);
    case 'trustee-identity':
      return m.trusteeIdentity(event.payload.trustee);
    case 'trustee-dealing':
      return m.trusteeDealing(event.payload.trustee, event.payload.shares.length);
    case 'trustee-complaint':
      return m.trusteeComplaint(event.payload.recipient, event.payload.dealer);
    case 'election-key':
      return m.electionKey(event.payload.qualified.length);
    case 'electorate': {
      const { credentials, members } = event.payload;
      return members
        ? m.electorateMembers(credentials.length, members.count)
        : m.electorate(credentials.length);
    }
    case 'roll-amendment':
      return m.amendment[event.payload.kind](event.payload.reason);
    case 'open':
      return m.open;
    case 'ballot':
      return m.ballot(trackerCode(tracker(event.payload.ballot)));
    case 'close':
      return m.close;
    case 'tally':
      return m.tally(event.payload.counted);
    case 'decryption-share':
      return m.decryptionShare(event.payload.trustee);
    case 'result':
      return m.result(event.payload.counted, event.payload.trustees);
    default:
      return m.unknown((event as { type: EventType }).type);
  }
}

/**
 * The event as recorded (RFC 8785 canonical JSON, as in the election record), cut to
 * {@link MAX_SHOWN_CHARS} characters; `more` is how many were left out.
 * @example `const { text, more } = recordedText(event)`
 */
export function recordedText(event: unknown): { text: string; more: number } {
  let text: string;
  try {
    text = canonicalJson(event);
  } catch {
    text = JSON.stringify(event) ?? '';
  }
  if (text.length <= MAX_SHOWN_CHARS) return { text, more: 0 };
  return { text: text.slice(0, MAX_SHOWN_CHARS), more: text.length - MAX_SHOWN_CHARS };
}

/**
 * A 43-character base64url hash in groups of four, to read and compare by eye (the page shows the
 * groups side by side, so a copy gives back the hash itself).
 * @example `hashGroups(head.root)` → `['47DE', 'Qpj8', …, 'uFU']`
 */
export function hashGroups(hash: string): string[] {
  return hash.match(/.{1,4}/g) ?? [];
}

/**
 * A board time (ISO 8601) in the reader's language, to the second; the text itself if unreadable.
 * @example `boardTime('2026-03-01T09:00:00.000Z', 'en')` → '01/03/2026, 09:00:00' (in the device's time zone)
 */
export function boardTime(time: string, lang: string): string {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return time;
  return date.toLocaleString(locale(lang));
}

/**
 * The locale numbers and times are written in, for the page's language.
 * @example `size.toLocaleString(locale('cy'))`
 */
export function locale(lang: string): string {
  return lang === 'cy' ? 'cy-GB' : 'en-GB';
}
