import { afterEach, describe, expect, it } from 'vitest';
import { serverPath } from './server-path.ts';

const messages = (p: string) => {
  const r = serverPath('出力先').safeParse(p);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('interop: server paths in job parameters', () => {
  const saved = process.env.YAKUBA_INTEROP_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.YAKUBA_INTEROP_DIR;
    else process.env.YAKUBA_INTEROP_DIR = saved;
  });

  it('takes an absolute path without .. or control characters anywhere while no root is set', () => {
    delete process.env.YAKUBA_INTEROP_DIR;
    expect(messages('/srv/exports/131016')).toEqual([]);
    expect(messages('exports/131016')).toEqual(['出力先は絶対パスで指定してください']);
    expect(messages('/srv/exports/../../etc')[0]).toContain('「..」は使えません');
    expect(messages('/srv/ex\nports')[0]).toContain('制御文字');
  });

  it('keeps every path under YAKUBA_INTEROP_DIR when it is set (a sibling with the same prefix is outside)', () => {
    process.env.YAKUBA_INTEROP_DIR = '/srv/yakuba-interop/';
    expect(messages('/srv/yakuba-interop/131016/2026-11-29')).toEqual([]);
    expect(messages('/srv/yakuba-interop')).toEqual([]);
    expect(messages('/etc/yakuba')).toEqual(['出力先は /srv/yakuba-interop の下を指定してください（YAKUBA_INTEROP_DIR）']);
    expect(messages('/srv/yakuba-interop-other/x')).toHaveLength(1);
  });
});
