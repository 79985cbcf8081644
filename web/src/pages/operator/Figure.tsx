/**
 * A chart with its table: the chart is drawn for the eye (aria-hidden), the same figures follow as a
 * table for screen readers and for anyone who wants the numbers.
 */
import type { ReactNode } from 'react';
import { bodyRow, headRow, td, th } from '../admin/common';

export function Figure({ id, title, chart, head, rows, empty }: { id: string; title: string; chart: ReactNode; head: string[]; rows: ReactNode[][]; empty?: string }) {
  return (
    <figure aria-labelledby={`${id}-title`} data-testid={id} className="flex flex-col gap-2 rounded-8 border border-solid-gray-420 bg-white p-4">
      <figcaption id={`${id}-title`} className="text-std-20B-150">{title}</figcaption>
      {rows.length === 0 ? <p className="text-std-16N-170">{empty ?? 'データがありません'}</p> : <div aria-hidden="true" className="h-64 w-full">{chart}</div>}
      {rows.length > 0 && (
        <table className="w-full border-collapse text-std-16N-170">
          <caption className="sr-only">{title}（表）</caption>
          <thead><tr className={headRow}>{head.map((h) => <th key={h} scope="col" className={th}>{h}</th>)}</tr></thead>
          <tbody>{rows.map((r, i) => <tr key={i} className={bodyRow}>{r.map((cell, j) => <td key={j} className={td}>{cell}</td>)}</tr>)}</tbody>
        </table>
      )}
    </figure>
  );
}
