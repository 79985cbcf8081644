/**
 * 家屋敷課税: a person with their 住所 in another municipality and a 事務所・事業所・家屋敷 here owes
 * this municipality's (and prefecture's) 均等割 only (地方税法24条1項2号, 294条1項2号) [S]; the 所得割
 * and the 森林環境税 are due where they live (森林環境税法: 国内に住所を有する者の住所地) [S]. Whether
 * they owe even the 均等割 follows the same 非課税 judgement as everyone's (地方税法295条③) [S].
 */
import type { Breakdown } from '../model.ts';

const INCOME_AND_FOREST = new Set(['incomeLevyCity', 'incomeLevyPref', 'forestEnvironmentTax']);

export function houseLevyOnly(b: Breakdown): Breakdown {
  if (b.exemption === 'all') return b;
  const perCapita = b.totals.cityPerCapitaLevy + b.totals.prefPerCapitaLevy;
  const steps = b.steps.flatMap((s) => {
    if (INCOME_AND_FOREST.has(s.step)) return [{ ...s, amount: 0, basis: '家屋敷課税: 所得割・森林環境税は住所地で課税' }];
    if (s.step === 'total') return [{ step: 'houseLevy', label: '家屋敷課税（均等割のみ）', amount: perCapita, basis: '地方税法24条1項2号・294条1項2号' }, { ...s, amount: perCapita }];
    return [s];
  });
  return { ...b, steps, totals: { ...b.totals, cityIncomeLevy: 0, prefIncomeLevy: 0, forestEnvironmentTax: 0, total: perCapita } };
}
