/**
 * The national side of the 中間サーバー link, as this module needs it: register (or replace) the link of a
 * 団体内統合宛名番号 to a 個人番号, from which the 中間サーバー obtains the person's 符号 through the 住基ネット
 * (STANDARDS.md §3: IF 符号管理 FGU, 情報提供DB管理 DBM). The real interface is reached only from a 団体's
 * 個人番号利用事務系 over the 総合行政ネットワーク and its specification is not public here, so yakuba ships a
 * documented stub: it accepts well-formed links and remembers them, per process, for tests and demos. A real
 * client implements the same interface; nothing else changes.
 */
import { createHash } from 'node:crypto';

export interface LinkRegistration {
  tenantCode: string;
  integratedAddresseeNo: string;
  /** The plain number: the one place it leaves this system, toward the 中間サーバー only. */
  myNumber: string;
}

export interface IntermediateServer {
  /** Registers the link; rejects with an Error whose message says why (it is kept on the link's row). */
  registerLink(link: LinkRegistration): Promise<void>;
}

/**
 * The stub: keeps, per 団体内統合宛名番号, a SHA-256 of the number it was given (never the number: it lives as
 * long as the process); `refuse` makes it reject some (for tests).
 */
export function stubIntermediateServer(refuse: (link: LinkRegistration) => string | null = () => null): IntermediateServer & { registered: Map<string, string> } {
  const registered = new Map<string, string>();
  return {
    registered,
    async registerLink(link) {
      const reason = refuse(link);
      if (reason) throw new Error(reason);
      if (!/^[0-9]{12}$/.test(link.myNumber)) throw new Error('個人番号の形式が正しくありません');
      registered.set(`${link.tenantCode}:${link.integratedAddresseeNo}`, sha256(link.myNumber));
    },
  };
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** What the route uses: the stub, until a deployment has a real client (README: 中間サーバー). */
export const defaultIntermediateServer = stubIntermediateServer();
