import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinName, splitName } from './name.ts';

describe('splitName / joinName (氏 and 名)', () => {
  it.each([
    ['山田　太郎', '山田', '太郎'],
    ['山田 太郎', '山田', '太郎'],
    ['  山田 　 太郎  ', '山田', '太郎'],
    ['ヤマダ　タロウ', 'ヤマダ', 'タロウ'],
    ['スミス　ジョン　ポール', 'スミス', 'ジョン　ポール'],
    ['山田', '山田', ''],
    ['', '', ''],
    ['髙\u{E0100}橋　一郎', '髙\u{E0100}橋', '一郎'],
  ])('%s → 氏 %s, 名 %s', (full, surname, givenName) => {
    expect(splitName(full)).toEqual({ surname, givenName });
  });

  it('joins with a full-width space, or another separator', () => {
    expect(joinName({ surname: '山田', givenName: '太郎' })).toBe('山田　太郎');
    expect(joinName({ surname: 'ヤマダ', givenName: 'タロウ' }, ' ')).toBe('ヤマダ タロウ');
    expect(joinName({ surname: '山田', givenName: '' })).toBe('山田');
    expect(joinName({ surname: '', givenName: 'マリア' })).toBe('マリア');
  });

  it('split(join(x)) = x for names without spaces inside the 氏 (fast-check)', () => {
    const part = fc.string({ unit: fc.constantFrom(...'山田太郎花子ヤマダタロウ髙﨑'.split('')), minLength: 1 });
    fc.assert(
      fc.property(part, part, (surname, givenName) => {
        expect(splitName(joinName({ surname, givenName }))).toEqual({ surname, givenName });
      }),
    );
  });
});
