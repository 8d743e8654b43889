/**
 * Where the ceremony stands, from the board: the election's phase, whether the election key is out,
 * and per trustee (by name, this trustee marked) whether its key, its dealing and its decryption share
 * are published — in words, not only in colour, one trustee per list item (it fits a 320 px screen).
 */
import { useT } from '../i18n/index.ts';
import type { Board } from './board.ts';

type Mark = 'done' | 'notYet' | 'excluded' | 'later';

/** One "what: how far" pair of a trustee's row. */
function Pair({ label, mark }: { label: string; mark: Mark }) {
  const t = useT().trustee.status;
  return (
    <div>
      <dt>{label}</dt>
      <dd class={`mark ${mark}`}>
        {{ done: t.done, notYet: t.notYet, excluded: t.excluded, later: t.later }[mark]}
      </dd>
    </div>
  );
}

/**
 * The ceremony's progress and phase.
 * @example `<CeremonyStatus board={board} me={2} stale={false} />`
 */
export function CeremonyStatus({ board, me, stale }: { board: Board; me: number; stale: boolean }) {
  const t = useT().trustee;
  const phase = (t.status.phase as Record<string, string>)[board.status] ?? t.status.phaseOther(board.status);
  const decrypting = board.status === 'tallying' || board.status === 'published';
  const has = (list: readonly { trustee: number }[], n: number) => list.some((x) => x.trustee === n);
  return (
    <section class="ceremony-status" aria-labelledby="ceremony-status-title">
      <h2 id="ceremony-status-title">{t.status.title}</h2>
      <p>{phase}</p>
      <p>{board.electionKey ? t.status.electionKey : t.status.noElectionKey}</p>
      <h3 id="ceremony-who">{t.status.caption}</h3>
      <ul class="ceremony" aria-labelledby="ceremony-who">
        {board.definition.trustees.map((trustee, i) => {
          const n = i + 1;
          const name = `${n}. ${trustee.name}`;
          const dealt: Mark = board.disqualified.includes(n)
            ? 'excluded'
            : has(board.dealings, n)
              ? 'done'
              : 'notYet';
          const decrypted: Mark = !decrypting
            ? 'later'
            : board.decryptionShares.includes(n)
              ? 'done'
              : 'notYet';
          return (
            <li key={n} class={n === me ? 'me' : undefined}>
              <p class="who">{n === me ? t.status.you(name) : name}</p>
              <dl class="marks">
                <Pair label={t.status.key} mark={has(board.identities, n) ? 'done' : 'notYet'} />
                <Pair label={t.status.dealt} mark={dealt} />
                <Pair label={t.status.decryption} mark={decrypted} />
              </dl>
            </li>
          );
        })}
      </ul>
      <p class="hint">{t.polling}</p>
      {stale && <p class="field-error">{t.status.refreshFailed}</p>}
    </section>
  );
}
