/**
 * The properties panel's fields. Each one edits the document as the user
 * types (see ./use-field) and shows, under itself, why an edit was refused
 * and the diagnostics `csp validate` gives for that field.
 */
import { useId, useState } from 'react';
import type { ReactElement, ReactNode } from 'react';
import { useTargetDiagnostics } from '../diagnostics';
import type { DesignerDiagnostic } from '../diagnostics';
import { CodeField } from './CodeField';
import type { CodeLanguage } from './CodeField';
import { offsetOf, useDraft, useFieldFocus } from './use-field';
import type { Commit } from './use-field';

/** Diagnostics of `field` (or inside it) of the target `targetKey`. */
export function useFieldDiagnostics(targetKey: string, field: string): readonly DesignerDiagnostic[] {
  const all = useTargetDiagnostics(targetKey);
  return all.filter((d) => d.field === field || d.field.startsWith(`${field}.`) || d.field.startsWith(`${field}[`));
}

export function Problems({
  id,
  refusal,
  diagnostics,
}: {
  id: string;
  refusal: string | undefined;
  diagnostics: readonly DesignerDiagnostic[];
}): ReactElement | null {
  if (refusal === undefined && diagnostics.length === 0) return null;
  return (
    <ul className="field-problems" id={id} aria-label="Problems">
      {refusal !== undefined ? (
        <li className="error" role="alert">
          {refusal}
        </li>
      ) : null}
      {diagnostics.map((d, i) => (
        <li key={i} className={d.severity}>
          {d.inText ? <span className="at">{`${d.inText.line}:${d.inText.column}`}</span> : null}
          {d.message}
          <span className="code">{d.code}</span>
        </li>
      ))}
    </ul>
  );
}

interface FieldProps {
  readonly targetKey: string;
  /** Path of the field inside its target, as diagnostics name it (`behaviour`, `config.expression`). */
  readonly field: string;
  readonly label: string;
  readonly value: string;
  readonly commit: Commit;
  readonly placeholder?: string;
  readonly hint?: ReactNode;
}

export function TextField(props: FieldProps & { readonly type?: 'text' | 'number' }): ReactElement {
  const id = useId();
  const { draft, refusal, onChange, onFocus } = useDraft(
    props.value,
    props.commit,
    `${props.targetKey}/${props.field}`,
  );
  const diagnostics = useFieldDiagnostics(props.targetKey, props.field);
  const ref = useFieldFocus<HTMLInputElement>(props.targetKey, props.field, (el) => el.select());
  const problemsId = `${id}-problems`;
  const invalid = refusal !== undefined || diagnostics.some((d) => d.severity === 'error');
  return (
    <div className="prop-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        ref={ref}
        type={props.type ?? 'text'}
        value={draft}
        placeholder={props.placeholder}
        spellCheck={false}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? problemsId : undefined}
        onFocus={onFocus}
        onChange={(e) => onChange(e.target.value)}
      />
      {props.hint ? <div className="field-hint">{props.hint}</div> : null}
      <Problems id={problemsId} refusal={refusal} diagnostics={diagnostics} />
    </div>
  );
}

export function CodeTextField(
  props: FieldProps & { readonly language: CodeLanguage; readonly rows?: number },
): ReactElement {
  const id = useId();
  const { draft, refusal, onChange, onFocus } = useDraft(
    props.value,
    props.commit,
    `${props.targetKey}/${props.field}`,
  );
  const diagnostics = useFieldDiagnostics(props.targetKey, props.field);
  const [caret, setCaret] = useState<{ line: number; column: number; seq: number }>();
  const ref = useFieldFocus<HTMLTextAreaElement>(props.targetKey, props.field, (el, focus) => {
    if (!focus.inText) return;
    // A richer editor places its own caret from `caret`; the textarea is placed here.
    setCaret({ ...focus.inText, seq: focus.seq });
    if (el.value !== draft) return;
    const at = offsetOf(el.value, focus.inText.line, focus.inText.column);
    el.setSelectionRange(at, at);
  });
  const problemsId = `${id}-problems`;
  const markers = diagnostics
    .filter((d) => d.inText)
    .map((d) => ({ line: d.inText!.line, column: d.inText!.column, message: d.message, severity: d.severity }));
  const lines = draft.split('\n').length;
  return (
    <div className="prop-field">
      <label htmlFor={id}>{props.label}</label>
      <CodeField
        id={id}
        label={props.label}
        language={props.language}
        value={draft}
        onChange={onChange}
        onFocus={onFocus}
        markers={markers}
        rows={Math.min(18, Math.max(props.rows ?? 3, lines + 1))}
        inputRef={ref}
        target={{ key: props.targetKey, field: props.field }}
        {...(caret ? { caret } : {})}
        {...(refusal !== undefined || diagnostics.length > 0 ? { describedBy: problemsId } : {})}
      />
      {props.hint ? <div className="field-hint">{props.hint}</div> : null}
      <Problems id={problemsId} refusal={refusal} diagnostics={diagnostics} />
    </div>
  );
}

export function CheckField(props: {
  readonly label: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly hint?: string;
}): ReactElement {
  const id = useId();
  return (
    <div className="prop-field check">
      <input id={id} type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? <div className="field-hint">{props.hint}</div> : null}
    </div>
  );
}

export function SelectField<T extends string>(props: {
  readonly label: string;
  readonly value: T;
  readonly options: readonly { readonly value: T; readonly label: string }[];
  readonly onChange: (value: T) => void;
}): ReactElement {
  const id = useId();
  return (
    <div className="prop-field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Section({
  title,
  children,
  actions,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}): ReactElement {
  return (
    <section className="props-section" aria-label={title}>
      <header>
        <h3>{title}</h3>
        {actions}
      </header>
      {children}
    </section>
  );
}

/** Number text → number, '' → undefined; anything else is refused with a reason. */
export function parseNumber(
  text: string,
  what: string,
  integer = true,
): { ok: true; value: number | undefined } | { ok: false; reason: string } {
  const t = text.trim();
  if (t === '') return { ok: true, value: undefined };
  const n = Number(t);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)))
    return { ok: false, reason: `${what}: expected ${integer ? 'a whole number' : 'a number'}, got "${t}"` };
  return { ok: true, value: n };
}

/** JSON text → value, '' → undefined; a syntax error is refused with its position. */
export function parseJson(text: string, what: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, reason: `${what}: not JSON (${e instanceof Error ? e.message : String(e)})` };
  }
}

/** A value as JSON text for editing ('' when absent). */
export function jsonText(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}
