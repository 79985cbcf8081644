/**
 * The 20 基幹業務 of the national programme, with their module ids (GLOSSARY.md). A 団体 chooses at
 * onboarding which of them it runs, or will run, on this platform; the console says which of them this
 * deployment already provides (a mounted module of the same id).
 */
export const BUSINESSES = [
  ['resident-registry', '住民基本台帳'],
  ['family-register', '戸籍'],
  ['family-register-annex', '戸籍の附票'],
  ['fixed-asset-tax', '固定資産税'],
  ['individual-resident-tax', '個人住民税'],
  ['corporate-resident-tax', '法人住民税'],
  ['light-vehicle-tax', '軽自動車税'],
  ['seal-registration', '印鑑登録'],
  ['electoral-roll', '選挙人名簿管理'],
  ['child-care-support', '子ども・子育て支援'],
  ['school-enrollment', '就学'],
  ['child-allowance', '児童手当'],
  ['child-rearing-allowance', '児童扶養手当'],
  ['national-health-insurance', '国民健康保険'],
  ['national-pension', '国民年金'],
  ['disability-welfare', '障害者福祉'],
  ['late-elderly-medical', '後期高齢者医療'],
  ['long-term-care-insurance', '介護保険'],
  ['public-assistance', '生活保護'],
  ['health-management', '健康管理'],
] as const;

export type BusinessId = (typeof BUSINESSES)[number][0];
export const BUSINESS_IDS = BUSINESSES.map(([id]) => id) as unknown as readonly [BusinessId, ...BusinessId[]];
export const BUSINESS_TITLES: Record<string, string> = { ...Object.fromEntries(BUSINESSES), platform: '共通基盤', addressee: '宛名管理', interop: 'データ連携' };

/**
 * 三層の対策's models: α keeps the main terminals on the LGWAN接続系; β moves them to the インターネット接続系;
 * β′ moves the LGWAN-side business systems there too. The 基幹業務 stay in the マイナンバー利用事務系 under all.
 */
export const DEPLOYMENT_PROFILES = ['alpha', 'beta', 'beta-prime'] as const;
export type DeploymentProfile = (typeof DEPLOYMENT_PROFILES)[number];
export const DEPLOYMENT_PROFILE_TITLES: Record<DeploymentProfile, string> = { alpha: 'αモデル', beta: 'βモデル', 'beta-prime': 'β′モデル' };

/** 特定移行支援システム's causes of delay as the national figures count them (STANDARDS §8), and other. */
export const BLOCKER_CAUSES = ['mainframe', 'custom-development', 'no-standard-system', 'vendor-resources', 'other'] as const;
export type BlockerCause = (typeof BLOCKER_CAUSES)[number];
export const BLOCKER_CAUSE_TITLES: Record<BlockerCause, string> = {
  mainframe: 'メインフレーム',
  'custom-development': '個別開発',
  'no-standard-system': '標準準拠システム未開発・代替なし',
  'vendor-resources': '事業者リソースひっ迫',
  other: 'その他',
};
