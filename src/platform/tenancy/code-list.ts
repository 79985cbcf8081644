import { readFileSync } from 'node:fs';

/** One entry of the official 全国地方公共団体コード list shipped with the project (as of 2024-01-01). */
export interface LocalGovernment {
  code: string;
  name: string;
  kana: string;
  prefecture: string;
  kind: 'prefecture' | 'designated_city' | 'city' | 'special_ward' | 'designated_ward' | 'town' | 'village';
  /** For a 政令市's 行政区: the city's code. */
  parentCode: string | null;
}

interface CodeListFile {
  source: string;
  columns: string[];
  rows: [string, string, string, string, LocalGovernment['kind'], string][];
}

let byCode: Map<string, LocalGovernment> | undefined;

function load(): Map<string, LocalGovernment> {
  if (!byCode) {
    const file = JSON.parse(readFileSync(new URL('./local-government-codes.json', import.meta.url), 'utf8')) as CodeListFile;
    byCode = new Map(
      file.rows.map(([code, name, kana, prefecture, kind, parent]) => [code, { code, name, kana, prefecture, kind, parentCode: parent || null }]),
    );
  }
  return byCode;
}

export function findLocalGovernment(code: string): LocalGovernment | undefined {
  return load().get(code);
}

export function allLocalGovernments(): LocalGovernment[] {
  return [...load().values()];
}
