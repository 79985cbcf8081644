/**
 * Name tables of the demo generator (`yakuba demo`): common Japanese surnames and given names with
 * their フリガナ, and a few foreign names with a katakana reading. Small and embedded on purpose: a
 * demo must not depend on a downloaded data set, and combining common names gives nobody real.
 * Readings are the usual ones; 住民票 record what the person gives, which a demo need not model.
 */

/** The full-width space between 氏 and 名, as 住民票 write it. */
export const SP = '\u3000';

/** [表記, フリガナ]. */
export type NameEntry = readonly [written: string, kana: string];

export const SURNAMES: readonly NameEntry[] = [
  ['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['高橋', 'タカハシ'], ['田中', 'タナカ'], ['伊藤', 'イトウ'],
  ['渡辺', 'ワタナベ'], ['山本', 'ヤマモト'], ['中村', 'ナカムラ'], ['小林', 'コバヤシ'], ['加藤', 'カトウ'],
  ['吉田', 'ヨシダ'], ['山田', 'ヤマダ'], ['佐々木', 'ササキ'], ['山口', 'ヤマグチ'], ['松本', 'マツモト'],
  ['井上', 'イノウエ'], ['木村', 'キムラ'], ['林', 'ハヤシ'], ['斎藤', 'サイトウ'], ['清水', 'シミズ'],
  ['山崎', 'ヤマザキ'], ['森', 'モリ'], ['池田', 'イケダ'], ['橋本', 'ハシモト'], ['阿部', 'アベ'],
  ['石川', 'イシカワ'], ['山下', 'ヤマシタ'], ['中島', 'ナカジマ'], ['石井', 'イシイ'], ['小川', 'オガワ'],
  ['前田', 'マエダ'], ['岡田', 'オカダ'], ['長谷川', 'ハセガワ'], ['藤田', 'フジタ'], ['後藤', 'ゴトウ'],
  ['近藤', 'コンドウ'], ['村上', 'ムラカミ'], ['遠藤', 'エンドウ'], ['青木', 'アオキ'], ['坂本', 'サカモト'],
  ['斉藤', 'サイトウ'], ['福田', 'フクダ'], ['太田', 'オオタ'], ['西村', 'ニシムラ'], ['藤井', 'フジイ'],
  ['金子', 'カネコ'], ['岡本', 'オカモト'], ['藤原', 'フジワラ'], ['中野', 'ナカノ'], ['三浦', 'ミウラ'],
  ['原田', 'ハラダ'], ['中川', 'ナカガワ'], ['松田', 'マツダ'], ['竹内', 'タケウチ'], ['小野', 'オノ'],
  ['田村', 'タムラ'], ['中山', 'ナカヤマ'], ['和田', 'ワダ'], ['石田', 'イシダ'], ['森田', 'モリタ'],
  ['上田', 'ウエダ'], ['原', 'ハラ'], ['柴田', 'シバタ'], ['酒井', 'サカイ'], ['工藤', 'クドウ'],
  ['横山', 'ヨコヤマ'], ['宮崎', 'ミヤザキ'], ['宮本', 'ミヤモト'], ['内田', 'ウチダ'], ['高木', 'タカギ'],
];

export const MALE_GIVEN_NAMES: readonly NameEntry[] = [
  ['太郎', 'タロウ'], ['一郎', 'イチロウ'], ['健一', 'ケンイチ'], ['誠', 'マコト'], ['浩', 'ヒロシ'],
  ['隆', 'タカシ'], ['茂', 'シゲル'], ['清', 'キヨシ'], ['博', 'ヒロシ'], ['実', 'ミノル'],
  ['勇', 'イサム'], ['明', 'アキラ'], ['正夫', 'マサオ'], ['和夫', 'カズオ'], ['秀樹', 'ヒデキ'],
  ['健太', 'ケンタ'], ['大輔', 'ダイスケ'], ['直樹', 'ナオキ'], ['拓也', 'タクヤ'], ['翔太', 'ショウタ'],
  ['大輝', 'ダイキ'], ['和也', 'カズヤ'], ['達也', 'タツヤ'], ['哲也', 'テツヤ'], ['剛', 'ツヨシ'],
  ['修', 'オサム'], ['進', 'ススム'], ['豊', 'ユタカ'], ['聡', 'サトシ'], ['学', 'マナブ'],
  ['蓮', 'レン'], ['湊', 'ミナト'], ['悠真', 'ユウマ'], ['陽翔', 'ハルト'], ['大和', 'ヤマト'],
  ['颯太', 'ソウタ'], ['悠人', 'ユウト'], ['陸', 'リク'], ['樹', 'イツキ'], ['翼', 'ツバサ'],
  ['亮', 'リョウ'], ['匠', 'タクミ'], ['海斗', 'カイト'], ['優斗', 'ユウト'], ['慎吾', 'シンゴ'],
  ['光男', 'ミツオ'], ['義雄', 'ヨシオ'], ['三郎', 'サブロウ'], ['昭', 'アキラ'], ['幸雄', 'ユキオ'],
];

export const FEMALE_GIVEN_NAMES: readonly NameEntry[] = [
  ['花子', 'ハナコ'], ['恵子', 'ケイコ'], ['幸子', 'サチコ'], ['和子', 'カズコ'], ['洋子', 'ヨウコ'],
  ['節子', 'セツコ'], ['久美子', 'クミコ'], ['京子', 'キョウコ'], ['由美子', 'ユミコ'], ['直美', 'ナオミ'],
  ['裕子', 'ユウコ'], ['真由美', 'マユミ'], ['智子', 'トモコ'], ['明美', 'アケミ'], ['陽子', 'ヨウコ'],
  ['美穂', 'ミホ'], ['愛', 'アイ'], ['彩', 'アヤ'], ['舞', 'マイ'], ['麻衣', 'マイ'],
  ['美咲', 'ミサキ'], ['さくら', 'サクラ'], ['陽菜', 'ヒナ'], ['結衣', 'ユイ'], ['葵', 'アオイ'],
  ['凛', 'リン'], ['芽依', 'メイ'], ['結菜', 'ユイナ'], ['美月', 'ミツキ'], ['楓', 'カエデ'],
  ['千尋', 'チヒロ'], ['香織', 'カオリ'], ['沙織', 'サオリ'], ['奈々', 'ナナ'], ['理恵', 'リエ'],
  ['文子', 'フミコ'], ['正子', 'マサコ'], ['静子', 'シズコ'], ['美代子', 'ミヨコ'], ['和美', 'カズミ'],
  ['紬', 'ツムギ'], ['澪', 'ミオ'], ['杏', 'アン'], ['莉子', 'リコ'], ['優奈', 'ユウナ'],
  ['真理', 'マリ'], ['典子', 'ノリコ'], ['順子', 'ジュンコ'], ['悦子', 'エツコ'], ['春香', 'ハルカ'],
];

/** 国籍・地域 with family names and given names as written on the 在留カード, and the usual 在留資格. */
export interface ForeignNameSet {
  /** 国籍・地域 as recorded (1.1.2). */
  nationality: string;
  /** ISO 3166-1 alpha-2, for reference. */
  code: string;
  /** Share among the demo's foreign residents, roughly as in 在留外国人統計. */
  weight: number;
  surnames: readonly NameEntry[];
  givenNames: readonly NameEntry[];
  residenceStatuses: readonly string[];
}

export const FOREIGN_NAMES: readonly ForeignNameSet[] = [
  {
    nationality: '中国', code: 'CN', weight: 30,
    surnames: [['WANG', 'ワン'], ['LI', 'リ'], ['ZHANG', 'チャン'], ['LIU', 'リュウ'], ['CHEN', 'チェン']],
    givenNames: [['WEI', 'ウェイ'], ['FANG', 'ファン'], ['JING', 'ジン'], ['LEI', 'レイ'], ['YAN', 'ヤン']],
    residenceStatuses: ['永住者', '技術・人文知識・国際業務', '留学', '家族滞在'],
  },
  {
    nationality: 'ベトナム', code: 'VN', weight: 22,
    surnames: [['NGUYEN', 'グエン'], ['TRAN', 'チャン'], ['LE', 'レ'], ['PHAM', 'ファム'], ['HOANG', 'ホアン']],
    givenNames: [['VAN AN', 'ヴァン　アン'], ['THI LAN', 'ティ　ラン'], ['MINH', 'ミン'], ['THI HOA', 'ティ　ホア'], ['DUC', 'ドゥック']],
    residenceStatuses: ['技能実習第2号ロ', '特定技能1号', '留学', '技術・人文知識・国際業務'],
  },
  {
    nationality: '韓国', code: 'KR', weight: 14,
    surnames: [['KIM', 'キム'], ['LEE', 'イ'], ['PARK', 'パク'], ['CHOI', 'チェ'], ['JUNG', 'チョン']],
    givenNames: [['MINJUN', 'ミンジュン'], ['SEOYEON', 'ソヨン'], ['JIHO', 'ジホ'], ['HAYUN', 'ハユン'], ['YEJIN', 'イェジン']],
    residenceStatuses: ['永住者', '技術・人文知識・国際業務', '日本人の配偶者等'],
  },
  {
    nationality: 'フィリピン', code: 'PH', weight: 10,
    surnames: [['SANTOS', 'サントス'], ['REYES', 'レイエス'], ['CRUZ', 'クルス'], ['GARCIA', 'ガルシア'], ['BAUTISTA', 'バウティスタ']],
    givenNames: [['MARIA', 'マリア'], ['JOSE', 'ホセ'], ['ANGELICA', 'アンジェリカ'], ['MARK', 'マーク'], ['JOY', 'ジョイ']],
    residenceStatuses: ['永住者', '定住者', '日本人の配偶者等', '特定技能1号'],
  },
  {
    nationality: 'ネパール', code: 'NP', weight: 8,
    surnames: [['GURUNG', 'グルン'], ['TAMANG', 'タマン'], ['SHRESTHA', 'シュレスタ'], ['RAI', 'ライ'], ['THAPA', 'タパ']],
    givenNames: [['RAM', 'ラム'], ['SITA', 'シタ'], ['BIKASH', 'ビカス'], ['ANITA', 'アニタ'], ['SURESH', 'スレシュ']],
    residenceStatuses: ['留学', '技能', '家族滞在'],
  },
  {
    nationality: 'ブラジル', code: 'BR', weight: 8,
    surnames: [['SILVA', 'シルバ'], ['SOUZA', 'ソウザ'], ['OLIVEIRA', 'オリベイラ'], ['PEREIRA', 'ペレイラ'], ['COSTA', 'コスタ']],
    givenNames: [['LUCAS', 'ルーカス'], ['ANA', 'アナ'], ['GABRIEL', 'ガブリエル'], ['JULIANA', 'ジュリアナ'], ['PEDRO', 'ペドロ']],
    residenceStatuses: ['永住者', '定住者'],
  },
  {
    nationality: '米国', code: 'US', weight: 8,
    surnames: [['SMITH', 'スミス'], ['JOHNSON', 'ジョンソン'], ['BROWN', 'ブラウン'], ['MILLER', 'ミラー'], ['DAVIS', 'デイビス']],
    givenNames: [['JOHN', 'ジョン'], ['EMILY', 'エミリー'], ['MICHAEL', 'マイケル'], ['SARAH', 'サラ'], ['DAVID', 'デイビッド']],
    residenceStatuses: ['技術・人文知識・国際業務', '教育', '永住者'],
  },
];

/** 町名 of the demo municipality's addresses: common names, not tied to any real 町丁目. */
export const TOWN_NAMES: readonly string[] = [
  '本町', '中央', '栄町', '緑町', '旭町', '東町', '西町', '南町', '北町', '桜台',
  '若葉', '松原', '青葉台', '日の出町', '富士見', '宮前', '新町', '元町', '港町', '山手',
];

/** 転入前住所 of people moving in from elsewhere in Japan. */
export const PREVIOUS_MUNICIPALITIES: readonly string[] = [
  '北海道札幌市中央区', '宮城県仙台市青葉区', '埼玉県さいたま市浦和区', '千葉県千葉市中央区', '神奈川県横浜市中区',
  '新潟県新潟市中央区', '静岡県静岡市葵区', '愛知県名古屋市中区', '京都府京都市中京区', '大阪府大阪市北区',
  '兵庫県神戸市中央区', '広島県広島市中区', '福岡県福岡市中央区', '熊本県熊本市中央区', '沖縄県那覇市',
];
