/**
 * 氏 and 名 in one field and back. Names are kept as entered (see characters.ts); only the
 * separating space is interpreted.
 */
export interface PersonName {
  /** 氏 */
  surname: string;
  /** 名 (empty when the full name has no space: some foreign names have a single part). */
  givenName: string;
}

/**
 * Splits at the first run of spaces (half- or full-width); later spaces stay in 名, as in
 * "スミス\u3000ジョン\u3000ポール" (名 = "ジョン\u3000ポール").
 */
export function splitName(fullName: string): PersonName {
  const trimmed = fullName.replace(/^\s+|\s+$/g, '');
  const m = /\s+/.exec(trimmed);
  if (!m) return { surname: trimmed, givenName: '' };
  return { surname: trimmed.slice(0, m.index), givenName: trimmed.slice(m.index + m[0].length) };
}

/** 氏 + full-width space + 名, as 住民票 and most forms print it; just 氏 when there is no 名. */
export function joinName(name: PersonName, separator = '　'): string {
  const surname = name.surname.trim();
  const givenName = name.givenName.trim();
  return givenName === '' ? surname : surname === '' ? givenName : `${surname}${separator}${givenName}`;
}
