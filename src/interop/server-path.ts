import path from 'node:path';
import { z } from 'zod';

/**
 * The one directory under which jobs may read and write standard data, when the deployment sets
 * YAKUBA_INTEROP_DIR: a caller with interop:export or interop:import (through the API as much as the
 * CLI) then cannot name any other place the server can reach. Unset, any absolute path is taken, as an
 * operator's own CLI on a single-user machine expects; a shared deployment sets it (docs/OPERATIONS.md).
 */
export const interopRoot = (env: NodeJS.ProcessEnv = process.env): string | undefined =>
  env.YAKUBA_INTEROP_DIR ? path.resolve(env.YAKUBA_INTEROP_DIR) : undefined;

const inside = (root: string, p: string) => p === root || p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);

/**
 * A directory or file on the server named in a job's parameters (export, import, report, 外字対応表):
 * absolute, and without `..` segments or control characters, so that what the parameters say is the
 * place itself — `/srv/exports/../../etc` would otherwise pass as absolute and land elsewhere — and
 * inside YAKUBA_INTEROP_DIR when it is set.
 */
export const serverPath = (what: string) =>
  z
    .string()
    .min(1)
    .max(4096)
    .refine((p) => path.isAbsolute(p), `${what}は絶対パスで指定してください`)
    .refine((p) => !p.split(/[\\/]/).includes('..'), `${what}に「..」は使えません（正規化した絶対パスで指定してください）`)
    // eslint-disable-next-line no-control-regex
    .refine((p) => !/[\u0000-\u001f\u007f]/.test(p), `${what}に制御文字は使えません`)
    .superRefine((p, ctx) => {
      const root = interopRoot();
      if (root && !inside(root, path.resolve(p))) ctx.addIssue({ code: 'custom', message: `${what}は ${root} の下を指定してください（YAKUBA_INTEROP_DIR）` });
    });
