/**
 * A new election (or a draft, edited), step by step: about it; the questions and candidates (with a
 * live preview of the ballot); voting (dates, the revoting policy with its reasons, weights,
 * eligibility rules); the trustees (names, and email addresses that are never published) and how many
 * are needed; then a last check and "Save draft". "Next" checks the step's fields; problems are listed
 * at the top (each a link to its field) and shown at each field, in plain words.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiProblem } from '../api.ts';
import { Busy, Heading, Problem } from '../common.tsx';
import { type Messages, useT } from '../i18n/index.ts';
import { consoleApi, consoleProblem, isLoggedOut } from './console-api.ts';
import {
  type CandidateState,
  type Checked,
  checkForm,
  emptyCandidate,
  emptyForm,
  emptyQuestion,
  emptyTrustee,
  type FormState,
  fieldOrder,
  formFromDefinition,
  fromLocalInput,
  type Issue,
  type QuestionState,
  STEPS,
  type Step,
  slug,
  stepOf,
} from './draft-model.ts';
import { CheckField, TextArea, TextField } from './fields.tsx';
import { consoleHref, Link, useConsole } from './nav.tsx';
import { BallotPreview } from './Preview.tsx';

type FormTexts = Messages['console']['form'];

/** An issue in words. */
export function issueText(f: FormTexts, issue: Issue): string {
  const text = f.errors[issue.key];
  return typeof text === 'function' ? text(issue.n ?? 0) : text;
}

/** What a field is called in the list of problems. */
function fieldLabel(f: FormTexts, field: string): string {
  const q = /^f-q(\d+)(?:-c(\d+)-(name|statement)|-(title|min|max))?$/.exec(field);
  if (q) {
    const question = Number(q[1]) + 1;
    if (q[2] !== undefined)
      return q[3] === 'name'
        ? f.labels.candidateName(question, Number(q[2]) + 1)
        : f.labels.candidateStatement(question, Number(q[2]) + 1);
    if (q[4] === 'title') return f.labels.questionTitle(question);
    if (q[4] === 'min') return f.labels.questionMin(question);
    if (q[4] === 'max') return f.labels.questionMax(question);
    return f.labels.question(question);
  }
  const tr = /^f-t(\d+)-(name|email)$/.exec(field);
  if (tr)
    return tr[2] === 'name'
      ? f.labels.trusteeName(Number(tr[1]) + 1)
      : f.labels.trusteeEmail(Number(tr[1]) + 1);
  const plain = f.labels.fields[field.slice(2) as keyof FormTexts['labels']['fields']];
  return plain ?? f.labels.form;
}

type Setter = (change: (s: FormState) => FormState) => void;

interface StepProps {
  readonly state: FormState;
  readonly update: Setter;
  /** The issue shown at a field (only once its step was checked), in words. */
  readonly error: (field: string) => string | undefined;
}

export function DraftForm({ editId }: { editId?: string }) {
  const t = useT();
  const f = t.console.form;
  const { go, loggedOut } = useConsole();
  const [state, setState] = useState<FormState | undefined>(() =>
    editId ? undefined : emptyForm(new Date()),
  );
  const [loadProblem, setLoadProblem] = useState<unknown>();
  const [notDraft, setNotDraft] = useState(false);
  const [step, setStep] = useState<Step>('about');
  const [attempted, setAttempted] = useState<ReadonlySet<Step>>(new Set());
  const [serverIssues, setServerIssues] = useState<ReadonlyMap<string, Issue>>(new Map());
  const [saveProblem, setSaveProblem] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const [focus, setFocus] = useState<string>();
  const summaryRef = useRef<HTMLDivElement>(null);
  const stepRef = useRef<HTMLHeadingElement>(null);
  const firstStep = useRef(true);

  useEffect(() => {
    if (!editId) return;
    consoleApi.election(editId).then(
      (view) => {
        if (view.status !== 'draft') setNotDraft(true);
        else
          setState(
            formFromDefinition(
              view.definition,
              view.trustees.map((x) => x.email),
            ),
          );
      },
      (e: unknown) => (isLoggedOut(e) ? loggedOut() : setLoadProblem(e)),
    );
  }, []);

  // A new step: its heading takes the focus (not on the first one: the page heading has it then).
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    if (focus) {
      document.getElementById(focus)?.focus();
      setFocus(undefined);
    } else stepRef.current?.focus();
  }, [step]);
  useEffect(() => {
    if (!focus) return;
    document.getElementById(focus)?.focus();
    setFocus(undefined);
  }, [focus]);

  const checked: Checked | undefined = useMemo(() => state && checkForm(state, new Date()), [state]);
  if (loadProblem !== undefined)
    return (
      <>
        <Heading>{f.editTitle}</Heading>
        <Problem>
          <p>{consoleProblem(t, loadProblem)}</p>
        </Problem>
      </>
    );
  if (notDraft && editId)
    return (
      <>
        <Heading>{f.editTitle}</Heading>
        <p class="notice">{f.notDraft}</p>
        <p>
          <Link href={consoleHref(editId)}>{f.toDashboard}</Link>
        </p>
      </>
    );
  if (!state || !checked)
    return (
      <>
        <Heading>{f.editTitle}</Heading>
        <Busy text={t.app.loading} />
      </>
    );

  const issues = new Map([...checked.issues, ...serverIssues]);
  const order = fieldOrder(state);
  const listed = (only?: Step) =>
    order.flatMap((field) => {
      const issue = issues.get(field);
      return issue && (only === undefined || stepOf(field) === only) ? [[field, issue] as const] : [];
    });
  const error = (field: string) => {
    const issue = issues.get(field);
    return issue && (attempted.has(stepOf(field)) || attempted.has('check'))
      ? issueText(f, issue)
      : undefined;
  };
  const update: Setter = (change) => {
    setState((s) => (s ? change(s) : s));
    setSaveProblem(undefined);
  };
  const shownIssues = attempted.has(step) ? listed(step === 'check' ? undefined : step) : [];
  const index = STEPS.indexOf(step);

  const save = async () => {
    setSaving(true);
    setSaveProblem(undefined);
    const trustees = state.trustees.map((x) => ({ email: x.email.trim() }));
    try {
      if (editId) await consoleApi.update(editId, checked.definition, trustees);
      else await consoleApi.create(checked.definition, trustees);
      go(consoleHref(String(checked.definition.id)));
    } catch (e) {
      setSaving(false);
      if (isLoggedOut(e)) return loggedOut();
      if (e instanceof ApiProblem && e.code === 'exists') {
        setServerIssues(new Map([['f-id', { key: 'idTaken' }]]));
        setStep('about');
        setFocus('f-id');
        return;
      }
      setSaveProblem(e);
      requestAnimationFrame(() => summaryRef.current?.focus());
    }
  };

  const next = (event: Event) => {
    event.preventDefault();
    setAttempted((was) => new Set(was).add(step));
    const here = listed(step === 'check' ? undefined : step);
    if (here.length > 0) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    if (step === 'check') void save();
    else setStep(STEPS[index + 1]!);
  };

  return (
    <>
      <Heading>{editId ? f.editTitle : f.newTitle}</Heading>
      <p class="step">{t.app.stepOf(index + 1, STEPS.length)}</p>
      <h2 tabIndex={-1} ref={stepRef} class="step-title">
        {f.steps[step]}
      </h2>
      {shownIssues.length > 0 && (
        <div class="summary" role="alert" tabIndex={-1} ref={summaryRef} aria-labelledby="form-summary-title">
          <h2 id="form-summary-title">{f.summaryTitle}</h2>
          <ul>
            {shownIssues.map(([field, issue]) => (
              <li key={field}>
                <a
                  href={`#${field}`}
                  onClick={(e) => {
                    e.preventDefault();
                    const target = stepOf(field);
                    if (target === step) setFocus(field);
                    else {
                      setFocus(field);
                      setStep(target);
                    }
                  }}
                >
                  {fieldLabel(f, field)}: {issueText(f, issue)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {saveProblem !== undefined && (
        <div tabIndex={-1} ref={shownIssues.length > 0 ? undefined : summaryRef}>
          <Problem>
            <p>{consoleProblem(t, saveProblem)}</p>
          </Problem>
        </div>
      )}
      <form onSubmit={next} noValidate class="draft-form">
        {step === 'about' && (
          <About
            state={state}
            update={(change) => {
              update(change);
              setServerIssues(new Map());
            }}
            error={error}
          />
        )}
        {step === 'questions' && <Questions state={state} update={update} error={error} />}
        {step === 'voting' && <Voting state={state} update={update} error={error} />}
        {step === 'trustees' && <Trustees state={state} update={update} error={error} />}
        {step === 'check' && <Review state={state} />}
        <div class="actions">
          <button type="submit" class="primary" disabled={saving}>
            {step === 'check' ? (saving ? t.app.working : f.save) : f.next}
          </button>
          {index > 0 && (
            <button type="button" class="secondary" onClick={() => setStep(STEPS[index - 1]!)}>
              {f.back}
            </button>
          )}
        </div>
      </form>
      {(step === 'questions' || step === 'check') && <BallotPreview definition={checked.definition} />}
    </>
  );
}

function About({ state, update, error }: StepProps) {
  const f = useT().console.form;
  return (
    <>
      <TextField
        id="f-title"
        label={f.title}
        hint={f.titleHint}
        value={state.title}
        error={error('f-title')}
        onInput={(title) => update((s) => ({ ...s, title, ...(s.idTouched ? {} : { id: slug(title) }) }))}
      />
      <TextField
        id="f-id"
        label={f.id}
        hint={f.idHint}
        value={state.id}
        error={error('f-id')}
        onInput={(id) => update((s) => ({ ...s, id, idTouched: true }))}
      />
      <TextArea
        id="f-description"
        label={f.description}
        hint={f.descriptionHint}
        value={state.description}
        error={error('f-description')}
        onInput={(description) => update((s) => ({ ...s, description }))}
      />
    </>
  );
}

function Questions({ state, update, error }: StepProps) {
  const f = useT().console.form;
  const setQuestion = (i: number, change: (q: QuestionState) => QuestionState) =>
    update((s) => ({ ...s, questions: s.questions.map((q, k) => (k === i ? change(q) : q)) }));
  const setCandidate = (i: number, j: number, patch: Partial<CandidateState>) =>
    setQuestion(i, (q) => ({
      ...q,
      candidates: q.candidates.map((c, k) => (k === j ? { ...c, ...patch } : c)),
    }));
  const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());
  return (
    <>
      {error('f-questions') && <p class="field-error">{error('f-questions')}</p>}
      {state.questions.map((q, i) => (
        <fieldset
          key={q.key}
          class="editor"
          id={`f-q${i}`}
          tabIndex={-1}
          aria-describedby={error(`f-q${i}`) ? `f-q${i}-error` : undefined}
        >
          <legend>{f.questionLegend(i + 1)}</legend>
          {error(`f-q${i}`) && (
            <p class="field-error" id={`f-q${i}-error`}>
              {error(`f-q${i}`)}
            </p>
          )}
          <TextField
            id={`f-q${i}-title`}
            label={f.questionTitle}
            hint={f.questionTitleHint}
            value={q.title}
            error={error(`f-q${i}-title`)}
            onInput={(title) => setQuestion(i, (x) => ({ ...x, title }))}
          />
          <fieldset class="choices">
            <legend>{f.kind}</legend>
            {(['single', 'approval'] as const).map((kind) => (
              <div class="choice" key={kind}>
                <input
                  type="radio"
                  id={`f-q${i}-type-${kind}`}
                  name={`f-q${i}-type`}
                  checked={q.type === kind}
                  aria-describedby={`f-q${i}-type-${kind}-hint`}
                  onChange={() => setQuestion(i, (x) => ({ ...x, type: kind }))}
                />
                <label for={`f-q${i}-type-${kind}`}>{f.kinds[kind]}</label>
                <p class="hint" id={`f-q${i}-type-${kind}-hint`}>
                  {f.kindHints[kind]}
                </p>
              </div>
            ))}
          </fieldset>
          {q.type === 'single' ? (
            <CheckField
              id={`f-q${i}-blank`}
              label={f.blankAllowed}
              hint={f.blankAllowedHint}
              checked={q.blankAllowed}
              onChange={(blankAllowed) => setQuestion(i, (x) => ({ ...x, blankAllowed }))}
            />
          ) : (
            <div class="pair">
              <TextField
                id={`f-q${i}-min`}
                label={f.min}
                hint={f.minHint}
                inputMode="numeric"
                value={q.min}
                error={error(`f-q${i}-min`)}
                onInput={(min) => setQuestion(i, (x) => ({ ...x, min }))}
              />
              <TextField
                id={`f-q${i}-max`}
                label={f.max}
                hint={f.maxHint}
                inputMode="numeric"
                value={q.max}
                error={error(`f-q${i}-max`)}
                onInput={(max) => setQuestion(i, (x) => ({ ...x, max }))}
              />
            </div>
          )}
          <h3>{f.candidates}</h3>
          <ol class="candidate-editors">
            {q.candidates.map((c, j) => (
              <li key={c.key}>
                <TextField
                  id={`f-q${i}-c${j}-name`}
                  label={f.candidateName(j + 1)}
                  value={c.name}
                  error={error(`f-q${i}-c${j}-name`)}
                  onInput={(name) => setCandidate(i, j, { name })}
                />
                <TextArea
                  id={`f-q${i}-c${j}-statement`}
                  label={f.statement(j + 1)}
                  hint={f.statementHint}
                  rows={2}
                  value={c.statement}
                  error={error(`f-q${i}-c${j}-statement`)}
                  onInput={(statement) => setCandidate(i, j, { statement })}
                />
                {q.candidates.length > 1 && (
                  <button
                    type="button"
                    class="secondary small"
                    onClick={() => {
                      setQuestion(i, (x) => ({ ...x, candidates: x.candidates.filter((_, k) => k !== j) }));
                      focusLater(`f-q${i}-add`);
                    }}
                  >
                    {f.removeCandidate(j + 1)}
                  </button>
                )}
              </li>
            ))}
          </ol>
          <div class="actions">
            <button
              type="button"
              class="secondary"
              id={`f-q${i}-add`}
              onClick={() => {
                setQuestion(i, (x) => ({ ...x, candidates: [...x.candidates, emptyCandidate()] }));
                focusLater(`f-q${i}-c${q.candidates.length}-name`);
              }}
            >
              {f.addCandidate}
            </button>
            {state.questions.length > 1 && (
              <button
                type="button"
                class="secondary"
                onClick={() => {
                  update((s) => ({ ...s, questions: s.questions.filter((_, k) => k !== i) }));
                  focusLater('f-add-question');
                }}
              >
                {f.removeQuestion(i + 1)}
              </button>
            )}
          </div>
        </fieldset>
      ))}
      <div class="actions">
        <button
          type="button"
          class="secondary"
          id="f-add-question"
          onClick={() => {
            update((s) => ({ ...s, questions: [...s.questions, emptyQuestion()] }));
            focusLater(`f-q${state.questions.length}-title`);
          }}
        >
          {f.addQuestion}
        </button>
      </div>
    </>
  );
}

function Voting({ state, update, error }: StepProps) {
  const f = useT().console.form;
  const e = state.eligibility;
  const setRules = (patch: Partial<FormState['eligibility']>) =>
    update((s) => ({ ...s, eligibility: { ...s.eligibility, ...patch } }));
  return (
    <>
      <div class="pair">
        <TextField
          id="f-opensAt"
          type="datetime-local"
          label={f.opensAt}
          hint={f.opensAtHint}
          value={state.opensAt}
          error={error('f-opensAt')}
          onInput={(opensAt) => update((s) => ({ ...s, opensAt }))}
        />
        <TextField
          id="f-closesAt"
          type="datetime-local"
          label={f.closesAt}
          hint={f.closesAtHint}
          value={state.closesAt}
          error={error('f-closesAt')}
          onInput={(closesAt) => update((s) => ({ ...s, closesAt }))}
        />
      </div>
      <fieldset class="choices" id="f-revoting">
        <legend>{f.revoting}</legend>
        {(['single', 'last-counts'] as const).map((policy) => (
          <div class="choice" key={policy}>
            <input
              type="radio"
              id={`f-revoting-${policy}`}
              name="f-revoting"
              checked={state.revoting === policy}
              aria-describedby={`f-revoting-${policy}-hint`}
              onChange={() => update((s) => ({ ...s, revoting: policy }))}
            />
            <label for={`f-revoting-${policy}`}>
              {f.revotingPolicies[policy]}
              {policy === 'single' && <span class="tag">{f.recommended}</span>}
            </label>
            <p class="hint" id={`f-revoting-${policy}-hint`}>
              {f.revotingReasons[policy]}
            </p>
          </div>
        ))}
      </fieldset>
      <TextField
        id="f-maxWeight"
        label={f.maxWeight}
        hint={f.maxWeightHint}
        inputMode="numeric"
        value={state.maxWeight}
        error={error('f-maxWeight')}
        onInput={(maxWeight) => update((s) => ({ ...s, maxWeight }))}
      />
      <CheckField
        id="f-eligibility"
        label={f.eligibility}
        hint={f.eligibilityHint}
        checked={e.enabled}
        onChange={(enabled) => setRules({ enabled })}
      />
      {e.enabled && (
        <fieldset class="editor">
          <legend>{f.rules}</legend>
          <TextField
            id="f-e-joinedOnOrBefore"
            type="date"
            label={f.joinedOnOrBefore}
            hint={f.joinedOnOrBeforeHint}
            value={e.joinedOnOrBefore}
            error={error('f-e-joinedOnOrBefore')}
            onInput={(joinedOnOrBefore) => setRules({ joinedOnOrBefore })}
          />
          <CheckField
            id="f-e-duesPaid"
            label={f.duesPaid}
            checked={e.duesPaid}
            onChange={(duesPaid) => setRules({ duesPaid })}
          />
          <div class="pair">
            <TextField
              id="f-e-minimumAge"
              label={f.minimumAge}
              inputMode="numeric"
              value={e.minimumAge}
              error={error('f-e-minimumAge')}
              onInput={(minimumAge) => setRules({ minimumAge })}
            />
            <TextField
              id="f-e-asOf"
              type="date"
              label={f.asOf}
              value={e.asOf}
              error={error('f-e-asOf')}
              onInput={(asOf) => setRules({ asOf })}
            />
          </div>
          <TextField
            id="f-e-residency"
            label={f.residency}
            hint={f.residencyHint}
            value={e.residency}
            error={error('f-e-residency')}
            onInput={(residency) => setRules({ residency })}
          />
          <CheckField
            id="f-e-excludeSuspended"
            label={f.excludeSuspended}
            checked={e.excludeSuspended}
            onChange={(excludeSuspended) => setRules({ excludeSuspended })}
          />
        </fieldset>
      )}
    </>
  );
}

function Trustees({ state, update, error }: StepProps) {
  const f = useT().console.form;
  const setTrustee = (k: number, patch: Partial<FormState['trustees'][number]>) =>
    update((s) => ({ ...s, trustees: s.trustees.map((x, i) => (i === k ? { ...x, ...patch } : x)) }));
  const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());
  return (
    <>
      <p>{f.trusteesIntro}</p>
      {error('f-trustees') && <p class="field-error">{error('f-trustees')}</p>}
      {state.trustees.map((x, k) => (
        <fieldset class="editor" key={x.key}>
          <legend>{f.trusteeLegend(k + 1)}</legend>
          <TextField
            id={`f-t${k}-name`}
            label={f.trusteeName}
            hint={f.trusteeNameHint}
            value={x.name}
            error={error(`f-t${k}-name`)}
            onInput={(name) => setTrustee(k, { name })}
          />
          <TextField
            id={`f-t${k}-email`}
            type="email"
            label={f.trusteeEmail}
            hint={f.trusteeEmailHint}
            value={x.email}
            error={error(`f-t${k}-email`)}
            onInput={(email) => setTrustee(k, { email })}
          />
          {state.trustees.length > 1 && (
            <button
              type="button"
              class="secondary small"
              onClick={() => {
                update((s) => ({ ...s, trustees: s.trustees.filter((_, i) => i !== k) }));
                focusLater('f-add-trustee');
              }}
            >
              {f.removeTrustee(k + 1)}
            </button>
          )}
        </fieldset>
      ))}
      <div class="actions">
        <button
          type="button"
          class="secondary"
          id="f-add-trustee"
          onClick={() => {
            update((s) => ({ ...s, trustees: [...s.trustees, emptyTrustee()] }));
            focusLater(`f-t${state.trustees.length}-name`);
          }}
        >
          {f.addTrustee}
        </button>
      </div>
      <TextField
        id="f-threshold"
        label={f.threshold}
        hint={f.thresholdHint(state.trustees.length)}
        inputMode="numeric"
        value={state.threshold}
        error={error('f-threshold')}
        onInput={(threshold) => update((s) => ({ ...s, threshold }))}
      />
    </>
  );
}

/** Everything, to read over before saving. */
function Review({ state }: { state: FormState }) {
  const t = useT();
  const f = t.console.form;
  const when = (value: string) => {
    const iso = fromLocalInput(value);
    return iso
      ? new Intl.DateTimeFormat(t.lang === 'cy' ? 'cy-GB' : 'en-GB', {
          dateStyle: 'full',
          timeStyle: 'short',
        }).format(new Date(iso))
      : value;
  };
  const e = state.eligibility;
  const rules = [
    e.joinedOnOrBefore && f.ruleLines.joined(e.joinedOnOrBefore),
    e.duesPaid && f.ruleLines.dues,
    e.minimumAge.trim() && f.ruleLines.age(e.minimumAge.trim(), e.asOf),
    e.residency.trim() && f.ruleLines.residency(e.residency.trim().toUpperCase()),
    e.excludeSuspended && f.ruleLines.suspended,
  ].filter((x): x is string => typeof x === 'string' && x !== '');
  return (
    <>
      <p>{f.checkIntro}</p>
      <dl class="review">
        <dt>{f.title}</dt>
        <dd>{state.title}</dd>
        <dt>{f.id}</dt>
        <dd>
          <code>{state.id}</code>
        </dd>
        {state.description.trim() && (
          <>
            <dt>{f.description}</dt>
            <dd>{state.description}</dd>
          </>
        )}
        <dt>{f.steps.questions}</dt>
        <dd>
          <ul>
            {state.questions.map((q) => (
              <li key={q.key}>
                {q.title} — {f.kinds[q.type]}: {q.candidates.map((c) => c.name).join(', ')}
              </li>
            ))}
          </ul>
        </dd>
        <dt>{f.opensAt}</dt>
        <dd>{when(state.opensAt)}</dd>
        <dt>{f.closesAt}</dt>
        <dd>{when(state.closesAt)}</dd>
        <dt>{f.revoting}</dt>
        <dd>{f.revotingPolicies[state.revoting]}</dd>
        <dt>{f.maxWeight}</dt>
        <dd>{state.maxWeight}</dd>
        <dt>{f.eligibility}</dt>
        <dd>{e.enabled ? rules.join('; ') || f.ruleLines.none : f.ruleLines.none}</dd>
        <dt>{f.steps.trustees}</dt>
        <dd>
          <ul>
            {state.trustees.map((x) => (
              <li key={x.key}>
                {x.name} ({x.email})
              </li>
            ))}
          </ul>
          {f.thresholdSummary(state.threshold, state.trustees.length)}
        </dd>
      </dl>
    </>
  );
}
