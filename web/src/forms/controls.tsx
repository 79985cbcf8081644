/**
 * The inputs of the procedure forms. Each shows its label, the server's message for it (mapped from
 * the problem's field path, e.g. `persons.0.name`) under it and marks itself invalid for screen readers;
 * a date also says at once how it was read (R8.4.1 → 令和8年4月1日) with the same parser the server uses.
 */
import type { ReactNode } from 'react';
import { parseDateInput } from '../../../src/jp/date-input.ts';
import { formatJapaneseDate } from '../../../src/jp/era.ts';
import { inputClass } from '../ui';

/** Messages by field path, as the API named the fields (without `body.` / `body.input.`). */
export type FieldErrors = Record<string, string[]>;

export const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9]/g, '-')}`;

/** The messages for exactly this field; the form's summary lists every message, also of fields without an input. */
const messagesFor = (errors: FieldErrors, name: string) => errors[name] ?? [];

interface Common {
  name: string;
  label: string;
  errors: FieldErrors;
  hint?: string;
  required?: boolean;
}

function Frame({ name, label, errors, hint, required, note, children }: Common & { note?: ReactNode; children: ReactNode }) {
  const messages = messagesFor(errors, name);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={fieldId(name)} className="text-std-16B-170 text-solid-gray-800">
        {label}
        {required && <span className="ml-2 rounded-4 bg-error-1 px-1 text-std-16N-170 text-white">必須</span>}
      </label>
      {children}
      {hint && <p id={`${fieldId(name)}-hint`} className="text-std-16N-170 text-solid-gray-700">{hint}</p>}
      {note}
      <Messages name={name} messages={messages} />
    </div>
  );
}

/** A field's messages under one id, which the input names in aria-describedby. */
export function Messages({ name, messages }: { name: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <div id={`${fieldId(name)}-error`} className="text-std-16B-170 text-error-1">
      {messages.map((m) => <p key={m}>{m}</p>)}
    </div>
  );
}

const described = (name: string, errors: FieldErrors, hint?: string) => {
  const ids = [hint ? `${fieldId(name)}-hint` : '', messagesFor(errors, name).length ? `${fieldId(name)}-error` : ''].filter(Boolean).join(' ');
  return { 'aria-invalid': messagesFor(errors, name).length > 0 || undefined, 'aria-describedby': ids || undefined };
};

export function TextInput(props: Common & { value: string; onChange: (v: string) => void; inputMode?: 'numeric' | 'text'; autoFocus?: boolean }) {
  const { name, errors, hint, value, onChange, inputMode, autoFocus, required } = props;
  return (
    <Frame {...props}>
      <input id={fieldId(name)} className={inputClass} value={value} onChange={(e) => onChange(e.target.value)} inputMode={inputMode}
        autoFocus={autoFocus} aria-required={required || undefined} {...described(name, errors, hint)} />
    </Frame>
  );
}

/** A date typed as staff type it: 2026-04-01, 2026/4/1, 令和8年4月1日, R8.4.1 or 5080401. */
export function DateInput(props: Common & { value: string; onChange: (v: string) => void; autoFocus?: boolean }) {
  const { name, value } = props;
  const parsed = value.trim() === '' ? null : parseDateInput(value.trim());
  const note = parsed && (
    <p className={`text-std-16N-170 ${parsed.ok ? 'text-solid-gray-800' : 'text-error-1'}`} aria-live="polite" data-testid={`${fieldId(name)}-reading`}>
      {parsed.ok ? `${formatJapaneseDate(parsed.value)}（${parsed.value}）` : parsed.message}
    </p>
  );
  return (
    <Frame {...props} hint={props.hint ?? '例: R8.4.1、令和8年4月1日、2026-04-01'} note={note}>
      <input id={fieldId(name)} className={inputClass} value={value} onChange={(e) => props.onChange(e.target.value)} autoFocus={props.autoFocus}
        aria-required={props.required || undefined} {...described(name, props.errors, 'hint')} />
    </Frame>
  );
}

export function Select(props: Common & { value: string; onChange: (v: string) => void; options: readonly (readonly [string, string])[] }) {
  const { name, errors, value, onChange, options } = props;
  return (
    <Frame {...props}>
      <select id={fieldId(name)} className={inputClass} value={value} onChange={(e) => onChange(e.target.value)} {...described(name, errors)}>
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </Frame>
  );
}

export function Check({ name, label, checked, onChange, errors = {} }: { name: string; label: string; checked: boolean; onChange: (v: boolean) => void; errors?: FieldErrors }) {
  const messages = messagesFor(errors, name);
  return (
    <div>
      <label className="flex items-center gap-2 text-std-16N-170" htmlFor={fieldId(name)}>
        <input id={fieldId(name)} type="checkbox" className="size-5" checked={checked} onChange={(e) => onChange(e.target.checked)} {...described(name, errors)} />
        {label}
      </label>
      <Messages name={name} messages={messages} />
    </div>
  );
}

export interface AddressValue {
  text: string;
  supplement: string;
  postalCode: string;
}
export const emptyAddress: AddressValue = { text: '', supplement: '', postalCode: '' };

/** 住所 with 方書 and 郵便番号, as the API's Address; blank optional parts are left out. */
export const addressBody = (a: AddressValue, abroad = false) => ({
  text: a.text, ...(abroad ? { abroad: true } : {}), ...(a.supplement.trim() ? { supplement: a.supplement } : {}), ...(a.postalCode.trim() ? { postalCode: a.postalCode.trim() } : {}),
});

export function AddressInput({ name, label, value, onChange, errors, required }: Common & { value: AddressValue; onChange: (v: AddressValue) => void }) {
  return (
    <fieldset className="grid grid-cols-[1fr_16rem_10rem] gap-3 rounded-8 border border-solid-gray-420 p-3">
      <legend className="px-1 text-std-16B-170">{label}</legend>
      <TextInput name={`${name}.text`} label="住所" value={value.text} onChange={(text) => onChange({ ...value, text })} errors={errors} required={required} />
      <TextInput name={`${name}.supplement`} label="方書" value={value.supplement} onChange={(supplement) => onChange({ ...value, supplement })} errors={errors} />
      <TextInput name={`${name}.postalCode`} label="郵便番号（7桁）" value={value.postalCode} onChange={(postalCode) => onChange({ ...value, postalCode })} errors={errors} inputMode="numeric" />
    </fieldset>
  );
}

/** 異動日 and 届出日, the head of every 異動 (届出日 defaults to today). */
export function ChangeDates({ effective, notified, onEffective, onNotified, errors, effectiveLabel = '異動日' }: {
  effective: string;
  notified: string;
  onEffective: (v: string) => void;
  onNotified: (v: string) => void;
  errors: FieldErrors;
  effectiveLabel?: string;
}) {
  return (
    <div className="grid grid-cols-3 gap-3">
      <DateInput name="effectiveDate" label={effectiveLabel} value={effective} onChange={onEffective} errors={errors} required autoFocus />
      <DateInput name="notifiedDate" label="届出日" value={notified} onChange={onNotified} errors={errors} />
    </div>
  );
}

/** Today in Japan as YYYY-MM-DD, the default 届出日. */
export const todayInJapan = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });

/** A date as typed, shown as read (R8.4.1 → 令和8年4月1日) on the confirmation; unreadable text stays as typed. */
export function dateText(value: string): string {
  const parsed = value.trim() === '' ? null : parseDateInput(value.trim());
  return parsed?.ok ? formatJapaneseDate(parsed.value) : value;
}
