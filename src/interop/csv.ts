/**
 * RFC 4180 CSV as the standard-layout files use it: fields separated by commas, records ended by CRLF,
 * a field quoted when it holds a comma, a quote or a line break. An empty unquoted field is an empty
 * item (NULL); `""` is an empty text. Hand-written rather than csv-parse: csv-parse read 27,000 rows a
 * second of a 110-item record (a 1,000,000-resident export has 1.2 million such rows), this reader
 * several times that, because most lines hold no quote and are split at once.
 */

/** One field as written. */
export function csvField(value: string | null): string {
  if (value === null) return '';
  if (value === '') return '""';
  // `\.` alone is quoted as PostgreSQL's COPY quotes it (its end-of-data marker), so both export paths agree.
  return /[",\r\n]/.test(value) || value === '\\.' ? `"${value.replaceAll('"', '""')}"` : value;
}

export const csvLine = (values: readonly (string | null)[]): string => `${values.map(csvField).join(',')}\r\n`;

export interface CsvRecord {
  /** Physical line (1-based) the record starts on. */
  line: number;
  fields: (string | null)[];
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

/**
 * Reads records from text handed over in pieces (push) and finished by end(). A record may span pieces
 * and, inside quotes, lines. Line endings must be all CRLF or all LF: a file that mixes them was edited
 * by hand or joined from several sources, and is refused with the line where the style changes.
 */
export class CsvReader {
  private buffer = '';
  private line = 1;
  private ending: '\r\n' | '\n' | undefined;

  /** Complete records in `text` (after what was pushed before); an incomplete last one waits for more. */
  push(text: string): CsvRecord[] {
    this.buffer += text;
    return this.drain(false);
  }

  /** The last record, if the text did not end with a line break. */
  end(): CsvRecord[] {
    return this.drain(true);
  }

  private drain(final: boolean): CsvRecord[] {
    const records: CsvRecord[] = [];
    const b = this.buffer;
    let pos = 0;
    // The next quote is looked for once and reused while lines before it are split: searching from
    // every line would scan the rest of a quote-free buffer again and again.
    let quote = -2;
    while (pos < b.length) {
      const nl = b.indexOf('\n', pos);
      if (quote !== -1 && quote < pos) quote = b.indexOf('"', pos);
      if (nl !== -1 && (quote === -1 || quote > nl)) {
        // A line without quotes: split it as it is.
        const crlf = nl > pos && b.charCodeAt(nl - 1) === 13;
        const text = b.slice(pos, crlf ? nl - 1 : nl);
        this.checkEnding(crlf ? '\r\n' : '\n');
        if (text.includes('\r')) throw new CsvError(this.line, '改行コード（CR）が行の途中にあります');
        records.push({ line: this.line, fields: splitPlain(text) });
        this.line++;
        pos = nl + 1;
        continue;
      }
      const parsed = this.quoted(b, pos, final);
      if (!parsed) break;
      records.push(parsed.record);
      pos = parsed.next;
    }
    this.buffer = b.slice(pos);
    if (final && this.buffer.length > 0) {
      // The last line has no line break: a record of its own.
      const text = this.buffer;
      this.buffer = '';
      if (text.includes('\r')) throw new CsvError(this.line, '改行コード（CR）が行の途中にあります');
      records.push({ line: this.line, fields: splitPlain(text) });
    }
    return records;
  }

  /** A record holding quotes, from `start`; null when the text ends before the record does. */
  private quoted(b: string, start: number, final: boolean): { record: CsvRecord; next: number } | null {
    const fields: (string | null)[] = [];
    const line = this.line;
    let lines = 0;
    let pos = start;
    for (;;) {
      if (pos >= b.length) {
        if (!final) return null;
        fields.push(null);
        this.line += lines + 1;
        return { record: { line, fields }, next: pos };
      }
      if (b.charCodeAt(pos) === 34) {
        // Quoted field: runs to the quote not followed by another quote.
        let value = '';
        let from = pos + 1;
        for (;;) {
          const q = b.indexOf('"', from);
          if (q === -1) {
            if (!final) return null;
            throw new CsvError(line, '引用符（"）が閉じられていません');
          }
          if (q + 1 >= b.length && !final) return null;
          if (b.charCodeAt(q + 1) === 34) {
            value += b.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          value += b.slice(from, q);
          pos = q + 1;
          break;
        }
        for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) === 10) lines++;
        fields.push(value);
      } else {
        let end = pos;
        while (end < b.length) {
          const c = b.charCodeAt(end);
          if (c === 44 || c === 10 || c === 13) break;
          if (c === 34) throw new CsvError(line + lines, '引用符（"）の位置が正しくありません（引用符は項目全体を囲むときだけ使えます）');
          end++;
        }
        if (end >= b.length && !final) return null;
        fields.push(end === pos ? null : b.slice(pos, end));
        pos = end;
      }
      if (pos >= b.length) {
        if (!final) return null;
        this.line += lines + 1;
        return { record: { line, fields }, next: pos };
      }
      const c = b.charCodeAt(pos);
      if (c === 44) {
        pos++;
        continue;
      }
      if (c === 10 || c === 13) {
        const crlf = c === 13;
        if (crlf && pos + 1 >= b.length && !final) return null;
        if (crlf && b.charCodeAt(pos + 1) !== 10) throw new CsvError(line + lines, '改行コード（CR）が行の途中にあります');
        this.checkEnding(crlf ? '\r\n' : '\n', line + lines);
        this.line += lines + 1;
        return { record: { line, fields }, next: pos + (crlf ? 2 : 1) };
      }
      throw new CsvError(line + lines, '引用符で囲んだ項目の後に区切り（,）も改行もありません');
    }
  }

  private checkEnding(ending: '\r\n' | '\n', line = this.line): void {
    if (this.ending === undefined) this.ending = ending;
    else if (this.ending !== ending) {
      throw new CsvError(line, `改行コードが混在しています（この行は ${ending === '\n' ? 'LF' : 'CRLF'}、前の行は ${this.ending === '\n' ? 'LF' : 'CRLF'}）`);
    }
  }
}

function splitPlain(text: string): (string | null)[] {
  const parts = text.split(',');
  const fields: (string | null)[] = new Array(parts.length);
  for (let i = 0; i < parts.length; i++) fields[i] = parts[i] === '' ? null : parts[i]!;
  return fields;
}
