/**
 * Where the shell is: a stack of views over the menu's screen. A person opens over the search, a
 * procedure over the person, a certificate over the receipt; Esc (or 「戻る」) goes one step back.
 */
import { createContext, useContext } from 'react';
import type { ProcedureName } from './forms/procedure';

export type View =
  | { kind: 'person'; addresseeNo: string }
  | { kind: 'procedure'; procedure: ProcedureName; addresseeNo?: string }
  | { kind: 'certificate'; addresseeNo: string };

export interface Navigation {
  open(view: View): void;
  /** Replaces the view on top (a receipt's person replaces the finished form). */
  replace(view: View): void;
  back(): void;
  /** The view on top (or the menu's screen) anew, read again from the server: 続けて入力. */
  restart(): void;
  /** Whether a view is open (else the menu's screen is shown and there is nothing to go back to). */
  canGoBack: boolean;
}

export const NavigationContext = createContext<Navigation | null>(null);

export function useNavigation(): Navigation {
  const nav = useContext(NavigationContext);
  if (!nav) throw new Error('useNavigation outside the shell');
  return nav;
}
