/**
 * The public page of an election (/elections/:id): what is voted on and by whom, when, where the election
 * is in its life, the trustees and their key ceremony, the electorate's size and the ballots so far, the
 * revoting policy, the fingerprint, and the ways on (vote, check a receipt, the board, the results, the
 * roll check, the verifier, the record). The definition is checked against its fingerprint before
 * anything is shown; the live parts are fetched again every 10 s until the result is published.
 * Everything the organisers wrote (titles, names, statements) is shown as text, never as HTML.
 */
import type { Question } from '../../protocol/definition.ts';
import { Busy, Heading } from '../common.tsx';
import type { PublicElection } from '../election.ts';
import { type Messages, useT } from '../i18n/index.ts';
import { ElectionProblem, formatWhen, groupCode, loadProblemText, localeOf, useElection } from './shared.tsx';

export function ElectionPage({ electionId }: { electionId: string }) {
  const t = useT();
  const { election, problem, updated } = useElection(electionId, true);
  if (!election) {
    if (problem !== undefined) return <ElectionProblem title={t.electionPage.title} problem={problem} />;
    return (
      <>
        <Heading>{t.electionPage.title}</Heading>
        <Busy text={t.app.loading} />
      </>
    );
  }
  const d = election.definition;
  return (
    <>
      <Heading>{d.title}</Heading>
      {d.practice && (
        <p class="notice practice" data-testid="practice">
          <strong class="practice-badge">{t.electionPage.practiceBadge}</strong> {t.electionPage.practice}
        </p>
      )}
      {d.description && <p class="description">{d.description}</p>}
      <State election={election} />
      <Links election={election} />
      <Questions questions={d.questions} />
      <Numbers election={election} />
      <Trustees election={election} />
      <section aria-labelledby="fingerprint-heading">
        <h2 id="fingerprint-heading">{t.electionPage.fingerprintHeading}</h2>
        <p>
          <code class="fingerprint" data-testid="fingerprint">
            {groupCode(election.fingerprint)}
          </code>
        </p>
        <p class="hint">{t.electionPage.fingerprintHint}</p>
      </section>
      {updated && <p class="updated">{t.electionPage.updated(updated.toLocaleTimeString(localeOf(t)))}</p>}
      {problem !== undefined && (
        <p class="notice">{t.electionPage.refreshFailed(loadProblemText(t, problem))}</p>
      )}
    </>
  );
}

/** The phase in plain words (announced when it changes), the dates and the revoting policy. */
function State({ election }: { election: PublicElection }) {
  const t = useT();
  const d = election.definition;
  const locale = localeOf(t);
  return (
    <section aria-labelledby="state-heading">
      <h2 id="state-heading">{t.electionPage.stateHeading}</h2>
      <p class="phase" aria-live="polite" data-testid="phase">
        {phaseText(t, election.status)}
      </p>
      <dl class="facts">
        <dt>{t.electionPage.opens}</dt>
        <dd>
          <time dateTime={d.opensAt}>{formatWhen(d.opensAt, locale)}</time>
        </dd>
        <dt>{t.electionPage.closes}</dt>
        <dd>
          <time dateTime={d.closesAt}>{formatWhen(d.closesAt, locale)}</time>
        </dd>
        <dt>{t.electionPage.revoting}</dt>
        <dd>{d.revoting === 'single' ? t.electionPage.revotingSingle : t.electionPage.revotingLastCounts}</dd>
      </dl>
    </section>
  );
}

/** The phase as the page says it. */
function phaseText(t: Messages, status: string): string {
  const known = t.electionPage.phase as Readonly<Record<string, string>>;
  return known[status] ?? t.electionPage.phaseOther(status);
}

function Links({ election }: { election: PublicElection }) {
  const t = useT();
  const id = encodeURIComponent(election.id);
  const s = election.summary;
  return (
    <nav aria-labelledby="links-heading">
      <h2 id="links-heading">{t.electionPage.linksHeading}</h2>
      <ul class="links">
        {election.status === 'open' && (
          <li>
            <a class="button primary" href={`/vote/${id}`}>
              {t.electionPage.vote}
            </a>
          </li>
        )}
        {election.status === 'published' && (
          <li>
            <a href={`/elections/${id}/results`}>{t.electionPage.results}</a>
          </li>
        )}
        <li>
          <a href={`/vote/${id}/receipt`}>{t.electionPage.checkReceipt}</a>
        </li>
        {s.electorate?.members != null && (
          <li>
            <a href={`/elections/${id}/roll-check`}>{t.electionPage.rollCheck}</a>
          </li>
        )}
        <li>
          <a href={`/elections/${id}/board`}>{t.electionPage.board}</a>
        </li>
        <li>
          <a href={`/verify?election=${id}`}>{t.electionPage.verify}</a>
        </li>
        <li>
          <a href={`/api/elections/${id}/record`} download={`${election.id}.psephos.jsonl`}>
            {t.electionPage.record}
          </a>
          <p class="hint">{t.electionPage.recordHint}</p>
        </li>
      </ul>
    </nav>
  );
}

function Questions({ questions }: { questions: readonly Question[] }) {
  const t = useT();
  return (
    <section aria-labelledby="questions-heading">
      <h2 id="questions-heading">{t.electionPage.questionsHeading(questions.length)}</h2>
      {questions.map((q) => (
        <section key={q.id} class="question" aria-labelledby={`q-${q.id}`}>
          <h3 id={`q-${q.id}`} class="question-title">
            {q.title}
          </h3>
          <p class="hint">{ruleText(t, q)}</p>
          <ul class="candidates" aria-label={t.electionPage.candidates}>
            {q.candidates.map((c) => (
              <li key={c.id}>
                <strong>{c.name}</strong>
                {c.statement && (
                  <p class="statement">
                    <span class="visually-hidden">{t.electionPage.statement}: </span>
                    {c.statement}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

function ruleText(t: Messages, q: Question): string {
  if (q.type === 'single') return q.blankAllowed ? t.electionPage.chooseOneOrBlank : t.electionPage.chooseOne;
  return t.electionPage.chooseBetween(q.min, q.max);
}

function Numbers({ election }: { election: PublicElection }) {
  const t = useT();
  const { electorate, ballots } = election.summary;
  const d = election.definition;
  return (
    <section aria-labelledby="numbers-heading">
      <h2 id="numbers-heading">{t.electionPage.numbersHeading}</h2>
      {electorate === null && <p>{t.electionPage.credentialsNone}</p>}
      <dl class="facts">
        {electorate && (
          <>
            <dt>{t.electionPage.credentials}</dt>
            <dd data-testid="credentials">{electorate.credentials}</dd>
          </>
        )}
        {electorate?.members != null && (
          <>
            <dt>{t.electionPage.members}</dt>
            <dd data-testid="members">{electorate.members}</dd>
          </>
        )}
        <dt>{t.electionPage.cast}</dt>
        <dd data-testid="cast">{ballots.cast}</dd>
        <dt>{t.electionPage.counted}</dt>
        <dd data-testid="counted">{ballots.counted}</dd>
      </dl>
      {d.revoting === 'last-counts' && <p class="hint">{t.electionPage.countedNote}</p>}
      {d.maxWeight > 1 && <p class="hint">{t.electionPage.weighted(d.maxWeight)}</p>}
    </section>
  );
}

function Trustees({ election }: { election: PublicElection }) {
  const t = useT();
  const d = election.definition;
  const { ceremony, decryptionShares } = election.summary;
  const status = (index: number): string => {
    if (ceremony.disqualified.includes(index)) return t.electionPage.trusteeDisqualified;
    if (ceremony.dealings.includes(index)) return t.electionPage.trusteeDealt;
    if (ceremony.identities.includes(index)) return t.electionPage.trusteeIdentity;
    return t.electionPage.trusteeWaiting;
  };
  return (
    <section aria-labelledby="trustees-heading">
      <h2 id="trustees-heading">{t.electionPage.trusteesHeading}</h2>
      <p>{t.electionPage.threshold(d.threshold, d.trustees.length)}</p>
      <ul class="trustees">
        {d.trustees.map((trustee, i) => (
          <li key={i}>
            <strong>{trustee.name}</strong>
            <span class="trustee-status">{status(i + 1)}</span>
          </li>
        ))}
      </ul>
      <p data-testid="key">{ceremony.ready ? t.electionPage.keyReady : t.electionPage.keyNotReady}</p>
      {election.status === 'tallying' && (
        <p>{t.electionPage.decryption(Math.min(decryptionShares.length, d.threshold), d.threshold)}</p>
      )}
    </section>
  );
}
