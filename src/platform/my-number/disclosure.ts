import type { Zone } from '../identity/principal.ts';

/** Shown wherever the number may not be: always 12 asterisks, so even the length tells nothing. */
export const MASKED_MY_NUMBER = '************';

/** Who is looking: the zone the request came in on (null outside any request) and their permissions. */
export interface MyNumberViewer {
  zone: Zone | null;
  permissions: ReadonlySet<string>;
}

export interface MyNumberDisclosure {
  /** The number, or MASKED_MY_NUMBER. */
  value: string;
  /** Whether the number itself was handed out: the audit log records 個人番号へのアクセス有無. */
  disclosed: boolean;
}

/**
 * 三層の対策: a 個人番号 is shown only on the individual-number zone (マイナンバー利用事務系), and
 * there only to someone holding `<module>:my-number` for the module that shows it. Holding the
 * permission of another module does not count.
 */
export function mayDiscloseMyNumber(viewer: MyNumberViewer, module: string): boolean {
  return viewer.zone === 'individual-number' && viewer.permissions.has(`${module}:my-number`);
}

/**
 * The value to put in a response. Pass a function to decrypt only when the number will be shown, so
 * that a masked response never held the plaintext.
 */
export function discloseMyNumber(viewer: MyNumberViewer, module: string, number: string | (() => string)): MyNumberDisclosure {
  if (!mayDiscloseMyNumber(viewer, module)) return { value: MASKED_MY_NUMBER, disclosed: false };
  return { value: typeof number === 'function' ? number() : number, disclosed: true };
}
