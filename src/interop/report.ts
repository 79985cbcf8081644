/**
 * The import report: every problem with its file, line, item and reason in Japanese, as a CSV that a
 * migration team opens in a spreadsheet. Written as problems are found, so that a file with a million
 * bad rows does not have to fit in memory; the first few are also kept for the command's own message.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { csvLine } from './csv.ts';

export interface Problem {
  file: string;
  /** 0 when the problem is the file's (or the import's) as a whole. */
  line: number;
  item: string;
  message: string;
}

const SHOWN = 20;

export class ProblemReport {
  private readonly out: WriteStream;
  private count = 0;
  readonly first: Problem[] = [];

  constructor(readonly file: string) {
    this.out = createWriteStream(file, { mode: 0o600 });
    this.out.write(csvLine(['ファイル', '行', '項目', '内容']));
  }

  get size(): number {
    return this.count;
  }

  add(problem: Problem): void {
    this.count++;
    if (this.first.length < SHOWN) this.first.push(problem);
    this.out.write(csvLine([problem.file, problem.line === 0 ? null : String(problem.line), problem.item || null, problem.message]));
  }

  async close(): Promise<void> {
    this.out.end();
    await once(this.out, 'close');
  }
}

/** A problem as one line of a message: 「resident.csv 12行目 birthDate: 存在しない日付です」. */
export function describeProblem(p: Problem): string {
  const where = [p.file, p.line > 0 ? `${p.line}行目` : '', p.item].filter((x) => x).join(' ');
  return where ? `${where}: ${p.message}` : p.message;
}
