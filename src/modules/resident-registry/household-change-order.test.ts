import { describe, expect, it } from 'vitest';
import { standardOrder, type OrderedMember } from './household-change-order.ts';

/** 住民記録システム標準仕様書 5.2 世帯員の並び順 (j1010). */
let serial = 0;
const m = (relationship: string, birthDate: string | null, extra: Partial<OrderedMember> = {}): OrderedMember => ({
  residentId: relationship, addresseeNo: String(1000 + ++serial), relationship, birthDate, name: null, familyRegisterHead: '山田　正', ...extra,
});
const order = (members: OrderedMember[]) => standardOrder([...members].reverse()).map((x) => x.residentId);

describe('standardOrder (5.2, j1010)', () => {
  it('orders 第1順位 to 第4順位, with a married 子 and their family in 第2順位 after the single 子', () => {
    const members = [
      m('世帯主', '1950-01-01', { name: '山田　正' }),
      m('妻', '1952-01-01'),
      { ...m('子', '1978-01-01', { familyRegisterHead: '山田　一郎', name: '山田　一郎' }), residentId: '子（既婚）' },
      m('子の妻', '1979-01-01', { familyRegisterHead: '山田　一郎' }),
      m('子の子', '2008-01-01', { familyRegisterHead: '山田　一郎' }),
      { ...m('子', '1985-01-01'), residentId: '子（1985）' },
      { ...m('子', '1982-01-01'), residentId: '子（1982）' },
      // 3-1: the 筆頭者 first, even though younger.
      m('母', '1925-01-01', { familyRegisterHead: '山田　太', name: '山田　花' }),
      m('父', '1926-01-01', { familyRegisterHead: '山田　太', name: '山田　太' }),
      m('妹', '1955-01-01'),
      m('母の母', '1900-01-01'),
      m('父の父', '1901-01-01'),
      // 例1: 妻の兄 before 妻の弟.
      m('妻の弟', '1956-01-01'),
      m('妻の兄', '1949-01-01'),
      m('同居人', '1940-01-01'),
      m('縁故者', '1990-01-01'),
    ];
    expect(order(members)).toEqual([
      '世帯主', '妻', '子（1982）', '子（1985）', '子（既婚）', '子の妻', '子の子', '父', '母', '妹', '父の父', '母の母', '妻の兄', '妻の弟', '縁故者', '同居人',
    ]);
  });

  it('例2: twins with the same birth date follow the 宛名番号', () => {
    const brother = m('妻の兄', '1960-05-05', { addresseeNo: '1234500000', residentId: 'brother' });
    const sister = m('妻の姉', '1960-05-05', { addresseeNo: '1246700000', residentId: 'sister' });
    expect(order([sister, brother])).toEqual(['brother', 'sister']);
  });

  it('puts the elder 子’s family before the younger’s, and a family no 子 matches after them', () => {
    const members = [
      m('世帯主', '1950-01-01'),
      { ...m('子', '1982-01-01', { familyRegisterHead: '山田　次郎' }), residentId: '次男' },
      { ...m('子の妻', '1983-01-01', { familyRegisterHead: '山田　次郎' }), residentId: '次男の妻' },
      { ...m('子', '1980-01-01', { familyRegisterHead: '山田　一郎' }), residentId: '長男' },
      { ...m('子の子', '2010-01-01', { familyRegisterHead: '山田　一郎' }), residentId: '長男の子（2010）' },
      { ...m('子の子', '2008-01-01', { familyRegisterHead: '山田　一郎' }), residentId: '長男の子（2008）' },
      { ...m('子の妻', '1981-01-01', { familyRegisterHead: '山田　一郎' }), residentId: '長男の妻' },
      { ...m('子の子', '2012-01-01', { familyRegisterHead: null }), residentId: '外国籍の孫' },
    ];
    expect(order(members)).toEqual(['世帯主', '長男', '長男の妻', '長男の子（2008）', '長男の子（2010）', '次男', '次男の妻', '外国籍の孫']);
  });
});
