import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

let root: string;
afterEach(() => rm(root, { recursive: true, force: true }));

async function tree(files: Record<string, string>): Promise<string> {
  root = await mkdtemp(path.join(os.tmpdir(), 'yakuba-bounds-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), text);
  }
  return root;
}

const check = (dir: string) => spawnSync(process.execPath, ['scripts/check-boundaries.mjs', dir], { encoding: 'utf8' });

describe('module boundary check', () => {
  it('passes imports through another module’s index.ts', async () => {
    const r = check(await tree({
      'src/modules/a/service.ts': "import { x } from '../b/index.ts';\nexport const y = x;",
      'src/modules/b/index.ts': 'export const x = 1;',
    }));
    expect(r.status).toBe(0);
  });

  it.each([
    ['a static import', "import { x } from '../b/store.ts';"],
    ['a re-export', "export { x } from '../b/rules/tax.ts';"],
    ['a dynamic import', "const m = await import('../b/store.ts');"],
  ])('fails on %s of another module’s internals', async (_, line) => {
    const r = check(await tree({ 'src/modules/a/service.ts': line, 'src/modules/b/index.ts': '' }));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('src/modules/a/service.ts');
  });

  it('fails when the platform imports a module', async () => {
    const r = check(await tree({ 'src/platform/x.ts': "import { m } from '../modules/b/index.ts';" }));
    expect(r.status).toBe(1);
  });

  it('passes on this repository', () => {
    root = path.join(os.tmpdir(), 'unused');
    expect(check('.').status).toBe(0);
  });
});
