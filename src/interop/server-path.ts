import path from 'node:path';
import { z } from 'zod';

/**
 * A directory or file on the server named in a job's parameters (export, import, report, 外字対応表):
 * absolute, and without `..` segments or control characters, so that what the parameters say is the
 * place itself — `/srv/exports/../../etc` would otherwise pass as absolute and land elsewhere.
 */
export const serverPath = (what: string) =>
  z
    .string()
    .min(1)
    .max(4096)
    .refine((p) => path.isAbsolute(p), `${what}は絶対パスで指定してください`)
    .refine((p) => !p.split(/[\\/]/).includes('..'), `${what}に「..」は使えません（正規化した絶対パスで指定してください）`)
    // eslint-disable-next-line no-control-regex
    .refine((p) => !/[\u0000-\u001f\u007f]/.test(p), `${what}に制御文字は使えません`);
