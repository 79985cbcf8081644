import { existsSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { formatJapaneseDate } from '../../../jp/index.ts';
import type { PersonSnapshot } from '../model.ts';
import { authenticatorOf, certificateNo, numberLabel } from './authenticator.ts';
import { buildCertificateContent, type CertificateSource, type OptionalItem } from './content.ts';
import { certificateFont, IPAMJ_PATHS, resolveFontPath } from '../../../platform/pdf/fonts.ts';
import { renderCertificate } from './render.ts';
import { IssueCertificateInputSchema, requestFindings } from './request.ts';
import { selectStates } from './selection.ts';

/** Each page's text as pdf.js extracts it (ToUnicode), whitespace removed: pdfkit splits words at spaces. */
async function pdfPages(pdf: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join('').replace(/[\s\u3000]/g, ''));
  }
  await doc.destroy();
  return pages;
}

const IVS_NAME = '葛\u{E0100}西　太郎';

const snapshot = (overrides: Partial<PersonSnapshot> = {}): PersonSnapshot => ({
  residentId: '0190a0a0-0000-7000-8000-000000000001', addresseeNo: '0000000019', historyNo: 1, changeId: '0190a0a0-0000-7000-8000-000000000002',
  reason: 'domestic_move_in', validFrom: '2019-05-01', recordedAt: '2019-05-07T00:00:00.000Z', supersedesHistoryNo: null, residentKind: 'japanese',
  status: 'resident', householdId: '0190a0a0-0000-7000-8000-000000000003', householdNo: '0000000027', householdHeadName: IVS_NAME, householdHeadNameKana: 'カサイ　タロウ',
  relationship: '世帯主', name: IVS_NAME, nameAlphabet: null, nameKana: 'カサイ　タロウ', nameKanaConfirmed: true, formerSurname: null, formerSurnameKana: null,
  formerSurnameKanaConfirmed: false, alias: null, aliasKana: null, aliasKanaConfirmed: false, aliasEnteredOn: null, aliasEnteredMunicipality: null,
  aliasEnteredMunicipalityCode: null, aliasDeletedOn: null, aliasDeletedMunicipality: null, aliasDeletedMunicipalityCode: null, birthDate: '1989-01-08',
  birthDateNotation: null, sex: '1', registeredDomicile: '東京都千代田区千代田一番', familyRegisterHead: IVS_NAME, becameResidentOn: '2019-05-01',
  becameResidentOnNotation: null, address: { text: '東京都千代田区千代田2番3号', supplement: 'コーポ千代田101号', abroad: false }, addressSetOn: '2019-05-01',
  addressSetOnNotation: null, notifiedOn: '2019-05-07', previousAddress: { text: '大阪府大阪市北区梅田1丁目1番1号', abroad: false }, lastRegisteredAddress: null,
  residentCode: '12345678901', hasMyNumber: false, foreign: null, links: {} as PersonSnapshot['links'], cardStatus: null, adultWard: false,
  signatureCertSerial: null, userCertSerial: null, removal: null, ...overrides,
});

const source = (overrides: Partial<CertificateSource> = {}, items: OptionalItem[] = []): CertificateSource => ({
  kind: 'resident', form: 'household', withHistory: false, items: new Set(items), persons: [{ snapshot: snapshot(), history: [], myNumber: null }],
  wholeHousehold: true, issuedOn: '2026-11-29', authenticator: { title: '東京都千代田区長', name: null }, officialUse: false, reissue: false,
  sealNote: null, municipality: '千代田区', ...overrides,
});

const render = async (s: CertificateSource) => renderCertificate({ content: buildCertificateContent(s), numberLabel: numberLabel('2026-11-29', '千代田区', 11), font: certificateFont(), sealImage: null });

describe('certificates: content (5.1 j1000, 1.1.9 j90)', () => {
  it('prints dates in 和暦 with 元年, a foreign resident’s birth date and 満了日 in 西暦', () => {
    const c = buildCertificateContent(source());
    const lines = c.blocks[0]!.lines;
    expect(lines.find((l) => l.label === '生年月日')!.value).toBe('平成元年1月8日');
    expect(lines.find((l) => l.label === '住所を定めた年月日')!.value).toBe('令和元年5月1日　令和元年5月7日届出');
    expect(c.issuedOnLabel).toBe('令和8年11月29日');
    const foreign = snapshot({ residentKind: 'foreign', nameAlphabet: 'ZHANG YULIN', name: '張　玉蓮', foreign: {
      nationality: '中国', category: 'mid_long_term', becameForeignResidentOn: '2020-04-01', residenceStatus: '技術・人文知識・国際業務', periodOfStay: '3年',
      periodOfStayExpiresOn: '2027-03-31', residenceCardNo: 'AB12345678CD', residenceNotificationMade: true, movedInWithLandingPermit: false } });
    const f = buildCertificateContent(source({ persons: [{ snapshot: foreign, history: [], myNumber: null }] }, ['foreignItems'])).blocks[0]!.lines;
    expect(f.find((l) => l.label === '生年月日')!.value).toBe('1989年1月8日');
    expect(f.find((l) => l.label === '在留期間等の満了の日')!.value).toBe('2027年3月31日');
    expect(f.find((l) => l.label === '氏名')!.value).toBe('ZHANG YULIN　張　玉蓮');
  });

  it('omits every optional item unless asked for (省略の指定)', () => {
    const labels = (items: OptionalItem[]) => buildCertificateContent(source({}, items)).blocks[0]!.lines.map((l) => l.label);
    const plain = labels([]);
    for (const l of ['本籍', '筆頭者', '住民票コード', '個人番号', '続柄']) expect(plain).not.toContain(l);
    expect(labels(['registeredDomicile', 'residentCode', 'householdHead'])).toEqual(expect.arrayContaining(['本籍', '筆頭者', '住民票コード', '続柄']));
    const kana = buildCertificateContent(source({}, ['furigana'])).blocks[0]!.lines[0]!.value;
    expect(kana).toBe(`${IVS_NAME}\u3000（カサイ\u3000タロウ）`);
  });

  it('words the 認証文 by kind and by 世帯全員 or 一部', () => {
    expect(buildCertificateContent(source()).certification).toBe('この写しは、世帯全員の住民票の原本と相違ないことを証明する。');
    expect(buildCertificateContent(source({ wholeHousehold: false })).certification).toBe('この写しは、世帯の一部の住民票の原本と相違ないことを証明する。');
    expect(buildCertificateContent(source({ kind: 'removed' })).title).toBe('住民票の除票の写し');
    expect(buildCertificateContent(source({ kind: 'entries' })).certification).toBe('上記の事項は、住民票に記載されていることを証明する。');
    expect(buildCertificateContent(source({ kind: 'move-out' })).certification).toBe('上記の者は、千代田区から転出する旨の届出をしたことを証明する。');
  });

  it('職名 carries the 都道府県名 (j1050); the 職務代理者 signs inside their period (j310)', () => {
    const ward = { name: '千代田区', prefecture: '東京都', kind: 'special_ward' };
    expect(authenticatorOf(ward, undefined, '2026-11-29')).toEqual({ title: '東京都千代田区長', name: null, deputy: false });
    expect(authenticatorOf({ name: '横浜市中区', prefecture: '神奈川県', kind: 'designated_ward' }, undefined, '2026-11-29').title).toBe('神奈川県横浜市中区長');
    const setting = { mayor_title: null, mayor_name: '千代田　一郎', deputy_title: '東京都千代田区副区長', deputy_name: '代理　次郎', deputy_from: '2026-12-01', deputy_until: '2026-12-31', seal_note: null, seal_image: null, deputy_seal_image: null };
    expect(authenticatorOf(ward, setting, '2026-11-30')).toMatchObject({ title: '東京都千代田区長', name: '千代田　一郎', deputy: false });
    expect(authenticatorOf(ward, setting, '2026-12-01')).toMatchObject({ title: '東京都千代田区副区長', name: '代理　次郎', deputy: true });
    expect(certificateNo(2026, 11)).toBe('2026-000011');
    expect(numberLabel('2026-11-29', '千代田区', 11, '本庁1', 'プリンタ001')).toBe('20261129 千代田区 本庁1 プリンタ001 000011');
  });
});

describe('certificates: selection and request rules', () => {
  const moved = snapshot({ historyNo: 2, reason: 'domestic_move_out', status: 'moved_out', validFrom: '2026-12-10',
    removal: { reason: 'domestic_move_out', eventDate: '2026-12-10', moveOutDestination: { text: '大阪府大阪市中央区大手前2丁目1番22号', abroad: false }, moveOutConfirmedDestination: null, moveInNoticeOn: null, movedOutOn: null } });

  it('before the 転出予定日 the 住民票の写し leaves the 転出 out; the 転出証明書 prints it; no 除票 yet', () => {
    const versions = [[snapshot(), moved]];
    expect(selectStates('resident', versions, '2026-11-29', 'addresseeNos')).toMatchObject({ selected: [{ state: { historyNo: 1 } }], findings: [] });
    expect(selectStates('move-out', versions, '2026-11-29', 'addresseeNos')).toMatchObject({ selected: [{ state: { historyNo: 2 }, history: [{ historyNo: 1 }] }], findings: [] });
    expect(selectStates('removed', versions, '2026-11-29', 'addresseeNos').findings).toMatchObject([{ field: 'addresseeNos[0]', rule: 'not-removed' }]);
    expect(selectStates('removed', versions, '2026-12-10', 'addresseeNos').findings).toEqual([]);
    expect(selectStates('resident', versions, '2026-12-10', 'addresseeNos').findings).toMatchObject([{ rule: 'not-resident' }]);
    expect(selectStates('move-out', [[snapshot()]], '2026-11-29', 'addresseeNos').findings).toMatchObject([{ rule: 'no-move-out' }]);
  });

  it('refuses 住民票コード and 個人番号 to a third party, and a household target for a 除票', () => {
    const input = IssueCertificateInputSchema.parse({ kind: 'removed', householdNo: '0000000019', items: { residentCode: true, myNumber: true }, requester: { kind: 'third-party', name: '債権者　株式会社' } });
    expect(requestFindings(input).map((f) => [f.field, f.rule])).toEqual([
      ['householdNo', 'by-addressee'], ['purpose', 'required'], ['items.residentCode', 'not-permitted-for-requester'], ['items.myNumber', 'not-permitted-for-requester'],
    ]);
  });
});

describe('certificates: fonts and rendering (j1040, j1050, j1070)', () => {
  it('resolves YAKUBA_CERT_FONT, then IPAmj明朝, then the npm Noto Serif JP', () => {
    expect(resolveFontPath({ YAKUBA_CERT_FONT: '/x/font.ttf' }, () => true)).toEqual({ source: 'custom', path: '/x/font.ttf' });
    expect(() => resolveFontPath({ YAKUBA_CERT_FONT: '/x/font.ttf' }, () => false)).toThrow('YAKUBA_CERT_FONT');
    expect(resolveFontPath({}, (p) => p === IPAMJ_PATHS[0])).toEqual({ source: 'ipamj', path: IPAMJ_PATHS[0] });
    const noto = resolveFontPath({}, () => false);
    expect(noto.source).toBe('noto');
    // Noto Serif JP has variation sequences for some characters only: 葛󠄂 (U+845B U+E0102) prints the base glyph
    // there, IPAmj明朝 has its own glyph (README: 証明書). The text keeps the sequence in both.
    const glyph = (text: string, f = certificateFont(noto).font) => f.glyphsForString(text)[0]!.id;
    expect(glyph('葛\u{E0102}')).toBe(glyph('葛'));
    if (existsSync(IPAMJ_PATHS[0]!)) {
      const ipamj = certificateFont({ source: 'ipamj', path: IPAMJ_PATHS[0]! });
      expect(ipamj.supportsIvs).toBe(true);
      expect(glyph('葛\u{E0102}', ipamj.font)).not.toBe(glyph('葛', ipamj.font));
    }
  });

  it('keeps the name’s exact characters (IVS) in the text; numbers every page; signs the last page only', async () => {
    const persons = Array.from({ length: 4 }, () => ({ snapshot: snapshot(), history: [], myNumber: null }));
    const r = await render(source({ persons }, ['registeredDomicile', 'residentCode', 'householdHead']));
    expect(r.pageCount).toBeGreaterThan(1);
    const pages = await pdfPages(r.pdf);
    expect(pages).toHaveLength(r.pageCount);
    expect(pages[0]).toContain('葛\u{E0100}西太郎');
    expect(pages[0]).toContain('住民票の写し');
    pages.forEach((p, i) => expect(p).toContain(`発行番号20261129千代田区000011${i + 1}/${r.pageCount}`));
    expect(pages.slice(0, -1).some((p) => p.includes('証明する'))).toBe(false);
    expect(pages.at(-1)).toContain('この写しは、世帯全員の住民票の原本と相違ないことを証明する。');
    expect(pages.at(-1)).toContain(`${formatJapaneseDate('2026-11-29')}`);
    expect(pages.at(-1)).toContain('東京都千代田区長印');
  });

  it('wraps a value too long even at the smallest size, never cuts it, and reports it (j1070)', async () => {
    const long = '東京都千代田区千代田一丁目一番地'.repeat(8);
    const r = await render(source({ persons: [{ snapshot: snapshot({ registeredDomicile: long }), history: [], myNumber: null }] }, ['registeredDomicile']));
    expect(r.wrapped).toEqual(['本籍']);
    expect((await pdfPages(r.pdf)).join('')).toContain(long);
  });

});
