/**
 * Steps 2 and 3 of the roll page: what the server read of the file (encoding, delimiter, headers, the
 * first rows), then the column mapping and the eligibility rules, and the check they start — its
 * progress, or its refusal with every row error and its line (nothing is imported then).
 */
import type { InputHTMLAttributes } from 'preact';
import { useState } from 'preact/hooks';
import { downloadText, Problem } from '../../common.tsx';
import { useT } from '../../i18n/index.ts';
import { count, membersProblem, Progress, refusalText, Scroll, StepHeading, sizeText } from './parts.tsx';
import {
  type EligibilityRules,
  type MappingSent,
  ROLL_FIELDS,
  type RollField,
  type RollState,
  rollApi,
} from './roll-api.ts';

/** The fields every roll needs a column for. */
const REQUIRED: readonly RollField[] = ['memberId', 'joinDate'];
/** The fields the form shows first (the others are in "more columns"). */
const MAIN_FIELDS = ROLL_FIELDS.slice(0, 8);
const MORE_FIELDS = ROLL_FIELDS.slice(8);
/** Row errors listed in the page (the download has them all). */
const ERRORS_SHOWN = 100;

const DEFAULT_RULES: EligibilityRules = {
  duesPaid: false,
  unknownAge: 'ineligible',
  residency: null,
  nationality: null,
  excludeSuspended: true,
};

/** The rules form as typed (every field text until it is checked). */
interface RulesForm {
  joinedOnOrBefore: string;
  duesPaid: boolean;
  minimumAge: string;
  asOf: string;
  unknownAge: 'ineligible' | 'eligible';
  residency: string;
  nationality: string;
  excludeSuspended: boolean;
}

function rulesForm(rules: EligibilityRules): RulesForm {
  return {
    joinedOnOrBefore: rules.joinedOnOrBefore ?? '',
    duesPaid: rules.duesPaid,
    minimumAge: rules.minimumAge === undefined ? '' : String(rules.minimumAge),
    asOf: rules.asOf ?? '',
    unknownAge: rules.unknownAge,
    residency: rules.residency?.join(', ') ?? '',
    nationality: rules.nationality?.join(', ') ?? '',
    excludeSuspended: rules.excludeSuspended,
  };
}

type RuleErrors = Partial<Record<'minimumAge' | 'asOf' | 'residency' | 'nationality', string>>;

/** Country codes as typed: `gb, IE` → `['GB', 'IE']`; null when empty; undefined when one is not a code. */
function countries(text: string): string[] | null | undefined {
  const codes = text
    .split(/[\s,;]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  if (codes.length === 0) return null;
  return codes.every((c) => /^[A-Z]{2}$/.test(c)) ? codes : undefined;
}

export function RollCheck({
  state,
  electionId,
  checking,
  focus,
  onStarted,
}: {
  state: RollState;
  electionId: string;
  checking: boolean;
  focus: boolean;
  onStarted: () => void;
}) {
  const t = useT();
  const r = t.roll.read;
  const preview = state.import!.preview;
  const used = state.import!.status === 'used' || state.import!.status === 'using';
  const changeable = ['draft', 'key-ceremony'].includes(state.election.status);
  return (
    <>
      <section aria-labelledby="roll-read">
        <StepHeading id="roll-read" focus={focus}>
          {r.title}
        </StepHeading>
        <dl class="members-facts">
          <div>
            <dt>{r.file}</dt>
            <dd>{state.import!.name}</dd>
          </div>
          <div>
            <dt>{r.size}</dt>
            <dd>{sizeText(state.import!.size)}</dd>
          </div>
          <div>
            <dt>{r.encoding}</dt>
            <dd>{r.encodings[preview.encoding]}</dd>
          </div>
          <div>
            <dt>{r.delimiter}</dt>
            <dd>{r.delimiters[preview.delimiter as keyof typeof r.delimiters] ?? preview.delimiter}</dd>
          </div>
          <div>
            <dt>{r.columns}</dt>
            <dd>{count(preview.headers.length, t.lang)}</dd>
          </div>
        </dl>
        <Scroll label={r.sampleLabel}>
          <table class="members-table">
            <caption>{r.sample(preview.sample.length)}</caption>
            <thead>
              <tr>
                {preview.headers.map((h, i) => (
                  <th scope="col" key={i}>
                    {h === '' ? r.blankHeader : h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.sample.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      </section>
      {used || !changeable ? (
        <ColumnsRead state={state} />
      ) : (
        <MappingForm state={state} electionId={electionId} checking={checking} onStarted={onStarted} />
      )}
      <CheckOutcome state={state} checking={checking} />
    </>
  );
}

/** The columns and rules of the check that was used (the form is gone once the roll is used). */
function ColumnsRead({ state }: { state: RollState }) {
  const t = useT();
  const m = t.roll.map;
  if (!state.audit) return null;
  return (
    <section aria-labelledby="roll-map">
      <h2 id="roll-map">{m.titleDone}</h2>
      <ul>
        {ROLL_FIELDS.filter((f) => state.audit!.columns[f] !== undefined).map((f) => (
          <li key={f}>{m.read(m.fields[f], state.audit!.columns[f]!)}</li>
        ))}
      </ul>
    </section>
  );
}

function MappingForm({
  state,
  electionId,
  checking,
  onStarted,
}: {
  state: RollState;
  electionId: string;
  checking: boolean;
  onStarted: () => void;
}) {
  const t = useT();
  const m = t.roll.map;
  const preview = state.import!.preview;
  const start = state.audit?.mapping;
  const [columns, setColumns] = useState<Partial<Record<RollField, string>>>(() => {
    const chosen = start?.columns ?? preview.detected;
    // Only headers the file has: a mapping from an earlier file may name others.
    return Object.fromEntries(
      Object.entries(chosen).filter(([, h]) => preview.headers.includes(h as string)),
    );
  });
  const [dateFormat, setDateFormat] = useState<MappingSent['dateFormat']>(start?.dateFormat ?? 'YYYY-MM-DD');
  const [defaultCountry, setDefaultCountry] = useState(start?.defaultCountry ?? '');
  const [form, setForm] = useState<RulesForm>(() =>
    rulesForm(state.audit?.rules ?? state.election.rules ?? DEFAULT_RULES),
  );
  const [missing, setMissing] = useState<RollField[]>([]);
  const [ruleErrors, setRuleErrors] = useState<RuleErrors>({});
  const [countryError, setCountryError] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof RulesForm>(key: K, value: RulesForm[K]) => setForm({ ...form, [key]: value });

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    const absent = REQUIRED.filter((f) => !columns[f]);
    const errors: RuleErrors = {};
    const age = form.minimumAge.trim();
    if (age !== '' && !/^\d{1,3}$/.test(age)) errors.minimumAge = m.rules.ageInvalid;
    if (age !== '' && form.asOf === '') errors.asOf = m.rules.asOfMissing;
    const residency = countries(form.residency);
    const nationality = countries(form.nationality);
    if (residency === undefined) errors.residency = m.rules.countriesInvalid;
    if (nationality === undefined) errors.nationality = m.rules.countriesInvalid;
    const country = defaultCountry.trim().toUpperCase();
    const badCountry = country !== '' && !/^[A-Z]{2}$/.test(country);
    setMissing(absent);
    setRuleErrors(errors);
    setCountryError(badCountry);
    if (absent.length > 0 || Object.keys(errors).length > 0 || badCountry) {
      setError(m.fix);
      return;
    }
    const rules: EligibilityRules = {
      duesPaid: form.duesPaid,
      unknownAge: form.unknownAge,
      residency: residency ?? null,
      nationality: nationality ?? null,
      excludeSuspended: form.excludeSuspended,
      ...(form.joinedOnOrBefore ? { joinedOnOrBefore: form.joinedOnOrBefore } : {}),
      ...(age !== '' ? { minimumAge: Number(age), asOf: form.asOf } : {}),
    };
    const chosen = Object.fromEntries(Object.entries(columns).filter(([, h]) => h)) as MappingSent['columns'];
    setBusy(true);
    try {
      await rollApi.audit(
        electionId,
        { columns: chosen, dateFormat, ...(country ? { defaultCountry: country } : {}) },
        rules,
      );
      onStarted();
    } catch (err) {
      setError(membersProblem(t, t.roll.errors, err));
    } finally {
      setBusy(false);
    }
  };

  const select = (field: RollField) => {
    const id = `roll-col-${field}`;
    const invalid = missing.includes(field);
    return (
      <div class="members-field" key={field}>
        <label for={id}>
          {m.fields[field]}
          {REQUIRED.includes(field) && <span class="members-required"> {m.required}</span>}
        </label>
        <select
          id={id}
          value={columns[field] ?? ''}
          aria-invalid={invalid ? 'true' : 'false'}
          aria-describedby={invalid ? `${id}-error` : undefined}
          onChange={(e) => setColumns({ ...columns, [field]: (e.currentTarget as HTMLSelectElement).value })}
        >
          <option value="">{m.byName}</option>
          {preview.headers.map((h) =>
            h === '' ? null : (
              <option key={h} value={h}>
                {h}
              </option>
            ),
          )}
        </select>
        {invalid && (
          <p class="field-error" id={`${id}-error`}>
            {m.missing(m.fields[field])}
          </p>
        )}
      </div>
    );
  };
  const fieldError = (key: keyof RuleErrors) =>
    ruleErrors[key] ? (
      <p class="field-error" id={`roll-rule-${key}-error`}>
        {ruleErrors[key]}
      </p>
    ) : null;
  const described = (key: keyof RuleErrors, hint?: string) =>
    [hint, ruleErrors[key] ? `roll-rule-${key}-error` : undefined].filter(Boolean).join(' ') || undefined;
  /** One of the rules typed as text (or a date): its label, the control, and its error under it. */
  const ruleInput = (
    key: 'minimumAge' | 'asOf' | 'residency' | 'nationality',
    id: string,
    control: InputHTMLAttributes<HTMLInputElement>,
    hint?: string,
  ) => (
    <div class="members-field">
      <label for={id}>{m.rules[key]}</label>
      <input
        {...control}
        id={id}
        value={form[key]}
        aria-invalid={ruleErrors[key] ? 'true' : 'false'}
        aria-describedby={described(key, hint)}
        onInput={(e) => set(key, (e.currentTarget as HTMLInputElement).value)}
      />
      {fieldError(key)}
    </div>
  );
  const definition = state.election.rules;
  const differs = definition !== null && JSON.stringify(rulesForm(definition)) !== JSON.stringify(form);

  return (
    <section aria-labelledby="roll-map">
      <h2 id="roll-map">{m.title}</h2>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{m.columnsLegend}</legend>
          <p class="hint">{m.columnsHint}</p>
          <div class="members-grid">{MAIN_FIELDS.map(select)}</div>
          <details class="members-more">
            <summary>{m.more}</summary>
            <div class="members-grid">{MORE_FIELDS.map(select)}</div>
          </details>
          <div class="members-grid">
            <div class="members-field">
              <label for="roll-date-format">{m.dateFormat}</label>
              <select
                id="roll-date-format"
                value={dateFormat}
                onChange={(e) =>
                  setDateFormat((e.currentTarget as HTMLSelectElement).value as MappingSent['dateFormat'])
                }
              >
                <option value="YYYY-MM-DD">{m.dateFormats.iso}</option>
                <option value="DD/MM/YYYY">{m.dateFormats.dmy}</option>
                <option value="MM/DD/YYYY">{m.dateFormats.mdy}</option>
              </select>
            </div>
            <div class="members-field">
              <label for="roll-default-country">{m.defaultCountry}</label>
              <input
                type="text"
                id="roll-default-country"
                value={defaultCountry}
                maxLength={2}
                autoComplete="off"
                aria-invalid={countryError ? 'true' : 'false'}
                aria-describedby={
                  countryError
                    ? 'roll-default-country-hint roll-default-country-error'
                    : 'roll-default-country-hint'
                }
                onInput={(e) => setDefaultCountry((e.currentTarget as HTMLInputElement).value)}
              />
              <p class="hint" id="roll-default-country-hint">
                {m.defaultCountryHint}
              </p>
              {countryError && (
                <p class="field-error" id="roll-default-country-error">
                  {m.rules.countriesInvalid}
                </p>
              )}
            </div>
          </div>
        </fieldset>

        <fieldset>
          <legend>{m.rules.legend}</legend>
          <p class="hint">{state.election.rules ? m.rules.fromDefinition : m.rules.hint}</p>
          <div class="members-grid">
            <div class="members-field">
              <label for="roll-rule-joined">{m.rules.joinedOnOrBefore}</label>
              <input
                type="date"
                id="roll-rule-joined"
                value={form.joinedOnOrBefore}
                onInput={(e) => set('joinedOnOrBefore', (e.currentTarget as HTMLInputElement).value)}
              />
            </div>
            {ruleInput('minimumAge', 'roll-rule-age', { type: 'text', inputMode: 'numeric' })}
            {ruleInput('asOf', 'roll-rule-as-of', { type: 'date' })}
            <div class="members-field">
              <label for="roll-rule-unknown-age">{m.rules.unknownAge}</label>
              <select
                id="roll-rule-unknown-age"
                value={form.unknownAge}
                onChange={(e) =>
                  set('unknownAge', (e.currentTarget as HTMLSelectElement).value as RulesForm['unknownAge'])
                }
              >
                <option value="ineligible">{m.rules.unknownAgeIneligible}</option>
                <option value="eligible">{m.rules.unknownAgeEligible}</option>
              </select>
            </div>
            {ruleInput(
              'residency',
              'roll-rule-residency',
              { type: 'text', autoComplete: 'off' },
              'roll-countries-hint',
            )}
            {ruleInput(
              'nationality',
              'roll-rule-nationality',
              { type: 'text', autoComplete: 'off' },
              'roll-countries-hint',
            )}
          </div>
          <p class="hint" id="roll-countries-hint">
            {m.rules.countriesHint}
          </p>
          <div class="members-checks">
            <label>
              <input
                type="checkbox"
                checked={form.duesPaid}
                onChange={(e) => set('duesPaid', (e.currentTarget as HTMLInputElement).checked)}
              />{' '}
              {m.rules.duesPaid}
            </label>
            <label>
              <input
                type="checkbox"
                checked={form.excludeSuspended}
                onChange={(e) => set('excludeSuspended', (e.currentTarget as HTMLInputElement).checked)}
              />{' '}
              {m.rules.excludeSuspended}
            </label>
          </div>
          {differs && <p class="notice">{m.rules.differs}</p>}
        </fieldset>
        {error && (
          <Problem>
            <p>{error}</p>
          </Problem>
        )}
        <div class="actions">
          <button type="submit" class="primary" disabled={busy || checking}>
            {state.audit ? m.checkAgain : m.check}
          </button>
        </div>
      </form>
    </section>
  );
}

/** A check in progress, or why the last one refused the file. */
function CheckOutcome({ state, checking }: { state: RollState; checking: boolean }) {
  const t = useT();
  const c = t.roll.check;
  const job = state.job;
  if (checking && job) return <Progress fraction={job.progress} label={c.progress} />;
  if (job?.stalled) {
    return (
      <Problem>
        <p>{c.stalled}</p>
      </Problem>
    );
  }
  if (job?.status !== 'failed') return null;
  const problem = state.problem;
  if (!problem) {
    return (
      <Problem>
        <p>{c.failed(job.error ?? '')}</p>
      </Problem>
    );
  }
  const rows = problem.rowErrors;
  const download = () =>
    downloadText(
      `roll-errors-${state.election.id}.csv`,
      `line,problem\n${rows.map((e) => `${e.line},"${e.message.replaceAll('"', '""')}"`).join('\n')}\n`,
      'text/csv',
    );
  return (
    <div class="problem" role="alert">
      <h2 id="roll-problem">{c.refused}</h2>
      <p>{refusalText(t.roll.errors, problem.code, problem.message) ?? problem.message}</p>
      {rows.length > 0 && (
        <>
          <p>{c.rowErrors(rows.length)}</p>
          <Scroll label={c.rowErrorsLabel}>
            <table class="members-table">
              <caption>{c.rowErrorsCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{c.line}</th>
                  <th scope="col">{c.problem}</th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, ERRORS_SHOWN).map((e, i) => (
                  <tr key={i}>
                    <td class="members-number">{e.line}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
          {rows.length > ERRORS_SHOWN && <p>{c.more(rows.length - ERRORS_SHOWN)}</p>}
          <div class="actions">
            <button type="button" class="secondary" onClick={download}>
              {c.download}
            </button>
          </div>
        </>
      )}
      <p>{c.nothingImported}</p>
    </div>
  );
}
