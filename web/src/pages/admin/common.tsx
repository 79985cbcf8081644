/**
 * What the administration screens share: response types taken from the typed client, dates and times
 * in Japan time (和暦), the server's messages (as a whole and per field) and the table's look.
 */
import type { ReactNode } from 'react';
import { problemText, type Problem } from '../../api/client';
import { parseDateInput } from '../../../../src/jp/date-input.ts';
import { formatJapaneseDate } from '../../../../src/jp/era.ts';

/** What a call through `api` answers on success, e.g. `Data<typeof getUsers>`. */
export type Data<F extends (...args: never[]) => Promise<{ data?: unknown }>> = NonNullable<Awaited<ReturnType<F>>['data']>;

export const th = 'p-2 text-left text-std-16B-170';
export const td = 'p-2 align-top';
export const headRow = 'border-b-2 border-solid-gray-600';
export const bodyRow = 'border-b border-solid-gray-420';
export const smallButton = 'rounded-8 border border-blue-900 bg-white px-3 py-1 text-std-16B-170 text-blue-900 hover:bg-blue-50 disabled:border-solid-gray-300 disabled:text-solid-gray-420';
export const dangerButton = 'rounded-8 bg-error-2 px-4 py-2 text-std-16B-170 text-white hover:bg-red-1000';
export const pageButton = 'rounded-8 border border-blue-900 bg-white px-4 py-2 text-std-16B-170 text-blue-900 hover:bg-blue-50 disabled:border-solid-gray-300 disabled:bg-solid-gray-50 disabled:text-solid-gray-600';
export const selectClass = 'rounded-8 border border-solid-gray-600 bg-white px-3 py-2 text-std-16N-170 text-solid-gray-900';

const JST = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

function jstParts(at: Date) {
  const part = (type: Intl.DateTimeFormatPartTypes) => JST.formatToParts(at).find((p) => p.type === type)?.value ?? '';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}:${part('second')}` };
}

/** An instant (ISO 8601, any offset) as the clerk reads it: 令和8年1月6日 23:30:00, Japan time. */
export function jstDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const { date, time } = jstParts(new Date(iso));
  return `${formatJapaneseDate(date)} ${time}`;
}

/** Today in Japan, `days` away, as YYYY-MM-DD (what date inputs and the API's periods take). */
export function jstDate(days = 0): string {
  return jstParts(new Date(Date.now() + days * 86_400_000)).date;
}

/** A date as staff type it (R8.4.1, 令和8年4月1日, 2026-04-01), read by the server's own parser; what it cannot read goes as typed, for the API's message. */
export const isoDate = (text: string) => {
  const parsed = parseDateInput(text.trim());
  return parsed.ok ? parsed.value : text.trim();
};

/** A YYYY-MM-DD date in 和暦. */
export const wareki = (iso: string | null | undefined) => (iso ? formatJapaneseDate(iso) : '');

/**
 * The server's validation messages by field, for showing under each input: `body.displayName` and
 * `displayName` are the same field, and the message loses its `field: ` prefix there.
 */
export function fieldMessages(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of (error as Problem | undefined)?.errors ?? []) {
    const field = e.field.replace(/^(body|query)\./, '').split('.')[0] ?? e.field;
    const message = e.message.replace(/^[\w.()本文]+: /, '');
    out[field] = out[field] ? `${out[field]}\n${message}` : message;
  }
  return out;
}

/**
 * A refused form: the messages for the fields the form has, shown under each, and the alert's text —
 * only a summary when every message already sits under its field, else the whole problem.
 */
export function formProblem(error: unknown, fields: readonly string[]): { messages: Record<string, string>; alert: string } {
  const messages = fieldMessages(error);
  const keys = Object.keys(messages);
  const allShown = keys.length > 0 && keys.every((f) => fields.includes(f));
  const title = (error as Problem | undefined)?.title ?? '入力内容に誤りがあります';
  return { messages, alert: allShown ? `${title}。各項目の下のメッセージを確認してください。` : problemText(error) };
}

/** A failed call's message, announced at once. */
export function Alert({ children }: { children: ReactNode }) {
  return <p role="alert" className="whitespace-pre-line rounded-8 border-2 border-error-1 bg-white p-3 text-std-16N-170 text-error-1">{children}</p>;
}

/** A field's own message under its input; the input names it in aria-describedby. */
export function FieldMessage({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return <p id={id} className="whitespace-pre-line text-std-16N-170 text-error-1">{message}</p>;
}

/** For staff of a 団体: the screens act on the signed-in user's own 団体. */
export function NoTenant() {
  return <Alert>団体の職員としてサインインしたときに使える画面です。</Alert>;
}
