/**
 * The voter booth, one step at a time:
 *   login → credential → ballot → review → encrypt (in the worker) → tracker → cast | audit → receipt.
 * The election's definition is checked against its fingerprint before anything is shown. A cast that
 * gets no answer keeps the very same ballot, so "try again" can never cast twice (the server answers a
 * repeated ballot with its first receipt). Every refusal is shown in plain words, with the way on.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Receipt } from '../../board/receipt.ts';
import { verifyReceipt } from '../../board/receipt.ts';
import { ApiProblem, api, isRetryable, problemKey, problemText, setCsrf } from '../api.ts';
import { Busy, Heading, Problem } from '../common.tsx';
import { FingerprintMismatch, loadElection, type PublicElection } from '../election.ts';
import { useT } from '../i18n/index.ts';
import { preloadQr } from '../qr/QrCodes.tsx';
import { BallotForm } from './BallotForm.tsx';
import { Credential } from './Credential.tsx';
import { type Answer, chosenIndices, emptyAnswers } from './choices.ts';
import { Login, takeLinkToken } from './Login.tsx';
import type { AuditResult, EncryptResult } from './protocol.ts';
import { ReceiptShown } from './Receipt.tsx';
import { Review } from './Review.tsx';
import { AuditShown, TrackerChoice } from './Sealed.tsx';
import { auditBallot, encryptBallot, forgetBallot, warmUp } from './worker-client.ts';

type Step =
  | { readonly name: 'loading' }
  | { readonly name: 'failed'; readonly problem: unknown }
  | { readonly name: 'not-open'; readonly status: string }
  | { readonly name: 'login'; readonly linkToken: string | undefined }
  | { readonly name: 'credential' }
  | { readonly name: 'ballot' }
  | { readonly name: 'review' }
  | { readonly name: 'encrypting' }
  | { readonly name: 'sealed'; readonly sealed: EncryptResult }
  | { readonly name: 'auditing' }
  | { readonly name: 'audit'; readonly result: AuditResult }
  | { readonly name: 'casting'; readonly sealed: EncryptResult; readonly problem?: unknown }
  | { readonly name: 'receipt'; readonly receipt: Receipt; readonly replay: boolean }
  | { readonly name: 'bad-receipt' };

const STEP_NUMBER: Partial<Record<Step['name'], number>> = {
  login: 1,
  credential: 2,
  ballot: 3,
  review: 4,
  encrypting: 5,
  sealed: 5,
  auditing: 5,
  audit: 5,
  casting: 5,
};
const STEPS = 5;
const CLOSED = new Set(['closed', 'tallying', 'published']);

interface Session {
  readonly kind: string;
  readonly election: string | null;
  readonly csrf: string;
}

export function Booth({ electionId }: { electionId: string }) {
  const t = useT();
  const [step, setStep] = useState<Step>({ name: 'loading' });
  const [election, setElection] = useState<PublicElection>();
  const [answers, setAnswers] = useState<Answer[]>([]);
  const credential = useRef('');

  const load = async () => {
    setStep({ name: 'loading' });
    const linkToken = takeLinkToken(electionId);
    try {
      const [loaded, session] = await Promise.all([
        loadElection(electionId),
        api<Session>('GET', '/api/session').catch(() => undefined),
      ]);
      setElection(loaded);
      setAnswers(emptyAnswers(loaded.definition));
      if (loaded.status !== 'open' || loaded.electionKey === null) {
        setStep({ name: 'not-open', status: loaded.status });
      } else if (linkToken === undefined && session?.kind === 'voter' && session.election === electionId) {
        setCsrf(session.csrf);
        setStep({ name: 'credential' });
      } else {
        setStep({ name: 'login', linkToken });
      }
    } catch (e) {
      setStep({ name: 'failed', problem: e });
    }
  };

  useEffect(() => {
    void load();
  }, [electionId]);

  const afterLogin = () => setStep(credential.current ? { name: 'ballot' } : { name: 'credential' });

  const encrypt = async () => {
    if (!election?.electionKey) return;
    setStep({ name: 'encrypting' });
    try {
      const sealed = await encryptBallot(
        {
          definition: election.definition,
          fingerprint: election.fingerprint,
          electionKey: election.electionKey,
        },
        credential.current,
        chosenIndices(answers),
      );
      setStep({ name: 'sealed', sealed });
    } catch {
      setStep({ name: 'failed', problem: new ApiProblem(0, 'worker', 'the ballot could not be encrypted') });
    }
  };

  const audit = async (sealed: EncryptResult) => {
    setStep({ name: 'auditing' });
    try {
      setStep({ name: 'audit', result: await auditBallot(sealed.slot) });
    } catch {
      setStep({ name: 'failed', problem: new ApiProblem(0, 'worker', 'the audit could not be made') });
    }
  };

  const cast = async (sealed: EncryptResult) => {
    // From here on this ballot may reach the board: its secrets must never be revealed.
    void forgetBallot(sealed.slot).catch(() => undefined);
    setStep({ name: 'casting', sealed });
    let reply: { receipt: unknown; replay: boolean };
    try {
      reply = await api('POST', `/api/elections/${encodeURIComponent(electionId)}/ballots`, sealed.ballot);
    } catch (e) {
      setStep({ name: 'casting', sealed, problem: e });
      return;
    }
    try {
      const receipt = verifyReceipt(election!.definition.boardKey, reply.receipt, electionId);
      if (receipt.tracker !== sealed.tracker) throw new Error('the receipt is for another ballot');
      setStep({ name: 'receipt', receipt, replay: reply.replay === true });
    } catch {
      setStep({ name: 'bad-receipt' });
    }
  };

  const number = STEP_NUMBER[step.name];
  return (
    <>
      {election && <p class="election-title">{election.definition.title}</p>}
      {number !== undefined && <p class="step">{t.app.stepOf(number, STEPS)}</p>}
      {step.name === 'loading' && (
        <>
          <Heading>{t.app.loading}</Heading>
          <Busy text={t.app.loading} />
        </>
      )}
      {step.name === 'failed' && (
        <>
          <Heading>{t.app.problemTitle}</Heading>
          <Problem>
            <p>
              {step.problem instanceof FingerprintMismatch
                ? t.election.fingerprintMismatch
                : problemText(t, step.problem)}
            </p>
          </Problem>
          {!(step.problem instanceof FingerprintMismatch) && (
            <div class="actions">
              <button type="button" class="primary" onClick={() => void load()}>
                {t.casting.retry}
              </button>
            </div>
          )}
        </>
      )}
      {step.name === 'not-open' && (
        <>
          <Heading>{t.election.notOpenTitle}</Heading>
          <p class="notice">{CLOSED.has(step.status) ? t.election.closed : t.election.notYetOpen}</p>
          <p>
            <a href={`/vote/${electionId}/receipt`}>{t.election.checkReceipt}</a>
          </p>
        </>
      )}
      {step.name === 'login' && (
        <Login electionId={electionId} linkToken={step.linkToken} onLoggedIn={afterLogin} />
      )}
      {step.name === 'credential' && (
        <Credential
          initial={credential.current}
          onCredential={(c) => {
            credential.current = c;
            warmUp();
            preloadQr();
            setStep({ name: 'ballot' });
          }}
        />
      )}
      {step.name === 'ballot' && election && (
        <BallotForm
          definition={election.definition}
          answers={answers}
          onAnswers={setAnswers}
          onDone={() => setStep({ name: 'review' })}
        />
      )}
      {step.name === 'review' && election && (
        <Review
          definition={election.definition}
          answers={answers}
          onChange={() => setStep({ name: 'ballot' })}
          onEncrypt={() => void encrypt()}
        />
      )}
      {step.name === 'encrypting' && (
        <>
          <Heading>{t.encrypting.title}</Heading>
          <Busy text={t.encrypting.text} />
        </>
      )}
      {step.name === 'sealed' && (
        <TrackerChoice
          sealed={step.sealed}
          onCast={() => void cast(step.sealed)}
          onAudit={() => void audit(step.sealed)}
        />
      )}
      {step.name === 'auditing' && (
        <>
          <Heading>{t.audit.title}</Heading>
          <Busy />
        </>
      )}
      {step.name === 'audit' && (
        <AuditShown
          electionId={electionId}
          result={step.result}
          onAgain={() => setStep({ name: 'ballot' })}
        />
      )}
      {step.name === 'casting' && (
        <Casting
          problem={step.problem}
          onRetry={() => void cast(step.sealed)}
          onLogin={() => setStep({ name: 'login', linkToken: undefined })}
          onCredential={() => setStep({ name: 'credential' })}
          onStartAgain={() => setStep({ name: 'review' })}
          electionId={electionId}
        />
      )}
      {step.name === 'receipt' && election && (
        <ReceiptShown
          receipt={step.receipt}
          replay={step.replay}
          revoting={election.definition.revoting}
          onVoteAgain={() => setStep({ name: 'ballot' })}
        />
      )}
      {step.name === 'bad-receipt' && (
        <>
          <Heading>{t.check.badTitle}</Heading>
          <Problem>
            <p>{t.receipt.invalid}</p>
          </Problem>
        </>
      )}
    </>
  );
}

/** Casting, and what to do when the server refused or could not be reached. */
function Casting({
  problem,
  onRetry,
  onLogin,
  onCredential,
  onStartAgain,
  electionId,
}: {
  problem: unknown;
  onRetry: () => void;
  onLogin: () => void;
  onCredential: () => void;
  onStartAgain: () => void;
  electionId: string;
}) {
  const t = useT();
  if (problem === undefined) {
    return (
      <>
        <Heading>{t.casting.title}</Heading>
        <Busy text={t.casting.text} />
      </>
    );
  }
  const key = problem instanceof ApiProblem ? problemKey(problem) : 'internal';
  const retry = isRetryable(problem);
  return (
    <>
      <Heading>{t.casting.failedTitle}</Heading>
      <Problem>
        <p>{problemText(t, problem)}</p>
        {retry && <p>{t.casting.retrySafe}</p>}
      </Problem>
      <div class="actions">
        {retry && (
          <button type="button" class="primary" onClick={onRetry}>
            {t.casting.retry}
          </button>
        )}
        {(key === 'login-required' || key === 'forbidden') && (
          <button type="button" class="primary" onClick={onLogin}>
            {t.casting.loginAgain}
          </button>
        )}
        {(key === 'unlisted-credential' || key === 'credential-taken') && (
          <button type="button" class="primary" onClick={onCredential}>
            {t.casting.credentialAgain}
          </button>
        )}
        {(key === 'bad-ballot' || key === 'wrong-election' || key === 'other') && (
          <button type="button" class="primary" onClick={onStartAgain}>
            {t.casting.startAgain}
          </button>
        )}
        {(key === 'already-voted' || key === 'election-not-open') && (
          <a class="button" href={`/vote/${electionId}/receipt`}>
            {t.receipt.checkLink}
          </a>
        )}
      </div>
    </>
  );
}
