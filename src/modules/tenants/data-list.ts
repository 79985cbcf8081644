import type { DataItem } from '../../platform/module.ts';

/** The 団体 items every export carries to identify whose data it is. */
export const dataList: DataItem[] = [
  { id: 'tenantCode', name: '全国地方公共団体コード', type: 'code', length: 6, required: true },
  { id: 'name', name: '団体名', type: 'text', required: true },
  { id: 'prefecture', name: '都道府県名', type: 'text', required: true },
  {
    id: 'kind',
    name: '団体区分',
    type: 'code',
    required: true,
    codes: {
      prefecture: '都道府県',
      designated_city: '政令指定都市',
      city: '市',
      special_ward: '特別区',
      designated_ward: '政令指定都市の区',
      town: '町',
      village: '村',
    },
  },
];
