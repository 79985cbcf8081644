#!/usr/bin/env node
// Module boundaries (DESIGN §1.1, §2): a module reaches another module only through its index.ts; the
// platform and src/jp know no module; src/jp imports nothing outside itself (pure functions).
// Usage: node scripts/check-boundaries.mjs [root]   (root defaults to the current directory)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(process.argv[2] ?? '.');
const src = path.join(root, 'src');

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|tsx|mts)$/.test(name)) yield full;
  }
}

const rel = (p) => path.relative(root, p).split(path.sep).join('/');
const violations = [];

for (const file of sourceFiles(src)) {
  const from = rel(file);
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  for (const { fileName } of importedFiles) {
    if (!fileName.startsWith('.')) continue;
    const to = rel(path.resolve(path.dirname(file), fileName));
    const fromModule = from.match(/^src\/modules\/([^/]+)\//)?.[1];
    const toModule = to.match(/^src\/modules\/([^/]+)(\/|$)/)?.[1];
    if (fromModule && toModule && fromModule !== toModule && !/^src\/modules\/[^/]+\/index(\.ts)?$/.test(to)) {
      violations.push(`${from}: imports ${fileName} — another module's internals; use src/modules/${toModule}/index.ts`);
    }
    if (/^src\/(platform|jp)\//.test(from) && toModule) {
      violations.push(`${from}: imports ${fileName} — ${from.split('/')[1]} must not know any module`);
    }
    if (from.startsWith('src/jp/') && !to.startsWith('src/jp/')) {
      violations.push(`${from}: imports ${fileName} — src/jp holds pure functions and imports nothing outside itself`);
    }
  }
}

if (violations.length > 0) {
  console.error(`Module boundary violations (${violations.length}):`);
  for (const v of violations) console.error(`  ${v}`);
  process.exit(1);
}
console.log('module boundaries: ok');
