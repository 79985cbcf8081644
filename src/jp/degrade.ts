/**
 * 縮退 (degrade): fit text to an output channel that accepts only JIS X 0208 or JIS X 0213 (住基ネット
 * CS, 国税, legacy printers). Stored text never changes; only the copy sent out is degraded, and the
 * caller is told every character that changed and every one that could not be mapped.
 *
 * Per character (grapheme cluster), first that yields a character of the target set:
 *   1. kept, when already in the set;
 *   2. the caller's table (a municipality's 外字 同定 or the MJ縮退マップ), then DEGRADE_MAP;
 *   3. without its variation selector (the fallback MJ defines for environments without IVS);
 *   4. a CJK compatibility ideograph as its unified ideograph (its canonical decomposition);
 * steps 2–4 are retried on their result (e.g. 𠮷+IVS → 𠮷 → 吉). Otherwise the substitute 〓
 * (JIS 1-2-14, the customary mark for a missing character) and an `unresolved` entry. Every
 * character maps to exactly one character, so the length in characters never changes.
 */
import { classifyCharacter, isInCharacterSet, isVariationSelector, segmentCharacters } from './characters.ts';
import type { CharacterClass, CharacterSet } from './characters.ts';
import { DEGRADE_MAP } from './degrade-map.ts';

export interface DegradeOptions {
  /** Tried before DEGRADE_MAP; each value must be one character. */
  map?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /** Put in place of a character that cannot be degraded; must be in the target set. Default 〓. */
  substitute?: string;
}

export type DegradeStep = 'mapping-table' | 'variation-selector-removed' | 'compatibility-ideograph';

export interface DegradedCharacter {
  /** 0-based position in characters. */
  index: number;
  from: string;
  to: string;
  steps: DegradeStep[];
}

export interface UnresolvedCharacter {
  index: number;
  character: string;
  class: CharacterClass;
}

export interface DegradeResult {
  text: string;
  degraded: DegradedCharacter[];
  /** Characters replaced by the substitute: to be resolved by staff (同定) or accepted as 〓. */
  unresolved: UnresolvedCharacter[];
}

const MAX_STEPS = 4;

const isSingleCharacter = (text: string): boolean => segmentCharacters(text).length === 1;

function lookup(map: DegradeOptions['map'], character: string): string | undefined {
  if (!map) return undefined;
  if (map instanceof Map) return map.get(character);
  const record = map as Readonly<Record<string, string>>;
  return Object.hasOwn(record, character) ? record[character] : undefined;
}

function nextCandidate(character: string, options: DegradeOptions): { to: string; step: DegradeStep } | undefined {
  const mapped = lookup(options.map, character) ?? DEGRADE_MAP.get(character);
  if (mapped !== undefined) {
    if (!isSingleCharacter(mapped)) {
      throw new RangeError(`縮退マップの「${character}」→「${mapped}」は1文字ではありません`);
    }
    return { to: mapped, step: 'mapping-table' };
  }
  const withoutSelectors = Array.from(character)
    .filter((c) => !isVariationSelector(c.codePointAt(0)!))
    .join('');
  if (withoutSelectors !== character && withoutSelectors !== '') {
    return { to: withoutSelectors, step: 'variation-selector-removed' };
  }
  const unified = character.normalize('NFC');
  if (unified !== character && /^[\uF900-\uFAFF\u{2F800}-\u{2FA1F}]$/u.test(character) && isSingleCharacter(unified)) {
    return { to: unified, step: 'compatibility-ideograph' };
  }
  return undefined;
}

export function degrade(text: string, target: CharacterSet, options: DegradeOptions = {}): DegradeResult {
  const substitute = options.substitute ?? '〓';
  if (!isSingleCharacter(substitute) || !isInCharacterSet(substitute, target)) {
    throw new RangeError(`代替文字「${substitute}」は${target}の1文字ではありません`);
  }
  const out: string[] = [];
  const degraded: DegradedCharacter[] = [];
  const unresolved: UnresolvedCharacter[] = [];
  segmentCharacters(text).forEach((character, index) => {
    if (isInCharacterSet(character, target)) {
      out.push(character);
      return;
    }
    let current = character;
    const steps: DegradeStep[] = [];
    for (let i = 0; i < MAX_STEPS; i++) {
      const next = nextCandidate(current, options);
      if (!next) break;
      current = next.to;
      steps.push(next.step);
      if (isInCharacterSet(current, target)) {
        out.push(current);
        degraded.push({ index, from: character, to: current, steps });
        return;
      }
    }
    out.push(substitute);
    unresolved.push({ index, character, class: classifyCharacter(character) });
  });
  return { text: out.join(''), degraded, unresolved };
}
