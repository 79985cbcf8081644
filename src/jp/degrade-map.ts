/**
 * Built-in 縮退 (degrade) table: a variant character → the 通用字体 that JIS X 0208 has. A seed
 * with the common 人名 variants and the JIS X 0213:2004 印刷標準字体 whose 簡易慣用字体 is in JIS X
 * 0208. The authoritative tables (MJ縮退マップ; the デジタル庁 JIS X 0213 代替マップ for MJ+, issued to
 * municipalities) are not shipped here: load them as data and pass them to degrade() as `map`.
 *
 * Each target is one JIS X 0208 character, so degrading never lengthens a text (tests check every
 * entry). CJK compatibility ideographs and variation sequences need no entry: degrade() falls back
 * to their unified ideograph and base character by itself.
 */
export const DEGRADE_MAP: ReadonlyMap<string, string> = new Map([
  // 人名でよく使われる異体字
  ['髙', '高'],
  ['﨑', '崎'],
  ['𠮷', '吉'],
  ['德', '徳'],
  ['濵', '濱'],
  ['瀨', '瀬'],
  ['栁', '柳'],
  ['桒', '桑'],
  ['昻', '昂'],
  ['﨔', '欅'],
  ['曻', '昇'],
  ['槗', '橋'],
  ['𣘺', '橋'],
  ['𡈽', '土'],
  ['彥', '彦'],
  ['寬', '寛'],
  // 旧字体・康熙字典体 → 常用漢字の字体
  ['靑', '青'],
  ['淸', '清'],
  ['卽', '即'],
  ['黑', '黒'],
  ['增', '増'],
  ['郞', '郎'],
  ['綠', '緑'],
  ['揭', '掲'],
  ['擊', '撃'],
  ['晚', '晩'],
  ['淚', '涙'],
  ['賴', '頼'],
  ['硏', '研'],
  ['倂', '併'],
  ['戶', '戸'],
  ['敎', '教'],
  ['內', '内'],
  ['鄕', '郷'],
  ['步', '歩'],
  ['黃', '黄'],
  // JIS X 0213:2004 印刷標準字体 → JIS X 0208 の簡易慣用字体
  ['鷗', '鴎'],
  ['俱', '倶'],
  ['剝', '剥'],
  ['𠮟', '叱'],
  ['頰', '頬'],
  ['摑', '掴'],
  ['瘦', '痩'],
  ['醬', '醤'],
  ['蔣', '蒋'],
  ['繫', '繋'],
  ['搔', '掻'],
  ['噓', '嘘'],
  ['姸', '妍'],
  ['屛', '屏'],
  ['幷', '并'],
  ['禱', '祷'],
  ['蟬', '蝉'],
  ['顚', '顛'],
  ['鹼', '鹸'],
  ['麴', '麹'],
  ['吞', '呑'],
]);
