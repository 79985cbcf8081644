/**
 * A certificate's content drawn with pdfkit (A4, one embedded font subset). Each page carries its
 * 発行番号 with ページ数／総ページ数 (5.5, j1040); the last page alone the 認証文, the date, the 職名 and the
 * 公印 (5.1 j1000, 5.6 j1050). A value too long for its cell is set smaller down to a floor, then
 * wrapped onto more lines, never cut (5.8 文字溢れ, j1070); each wrap is reported to the caller.
 */
import PDFDocument from 'pdfkit';
import type { Block, CertificateContent, Line } from './content.ts';
import { certificateFont, resetGlyphCache, type CertificateFont } from '../../../platform/pdf/fonts.ts';

const MM = 72 / 25.4;
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 40;
const FOOTER = 36;
const LABEL_WIDTH = 150;
const VALUE_SIZE = 10.5;
const MIN_VALUE_SIZE = 7;
const LABEL_SIZE = 9;
const PAD = 4;
/** 電子公印は最大25mm角 (j1050). */
const SEAL = 25 * MM;
const CLOSING_HEIGHT = 170;

export interface RenderInput {
  content: CertificateContent;
  /** The 発行番号 as printed, without the page part: `20261129 千代田区 本庁1 プリンタ001 000011`. */
  numberLabel: string;
  font: CertificateFont;
  /** PNG of the 電子公印, or null for a drawn placeholder. */
  sealImage: Buffer | null;
}

export interface RenderedCertificate {
  pdf: Buffer;
  pageCount: number;
  /** Items that did not fit on one line even at the smallest size and were wrapped (j1070 アラート). */
  wrapped: string[];
}

type Doc = InstanceType<typeof PDFDocument>;
const width = PAGE.width - 2 * MARGIN;
const valueWidth = width - LABEL_WIDTH - 2 * PAD;
const bottom = PAGE.height - MARGIN - FOOTER;

interface FittedLine extends Line {
  size: number;
  height: number;
  wrapped: boolean;
}

/** Shrinks a value to fit one line; below the floor it wraps at the floor size (j1070). */
function fit(doc: Doc, line: Line): FittedLine {
  const value = line.value === '' ? ' ' : line.value;
  for (let size = VALUE_SIZE; size >= MIN_VALUE_SIZE; size -= 0.5) {
    doc.fontSize(size);
    if (doc.widthOfString(value) <= valueWidth) return { ...line, size, height: size * 1.5 + 2 * PAD, wrapped: false };
  }
  doc.fontSize(MIN_VALUE_SIZE);
  const height = doc.heightOfString(value, { width: valueWidth, lineGap: 1 });
  return { ...line, size: MIN_VALUE_SIZE, height: Math.max(height, MIN_VALUE_SIZE * 1.5) + 2 * PAD, wrapped: true };
}

function drawLine(doc: Doc, l: FittedLine, y: number): void {
  doc.lineWidth(0.5).rect(MARGIN, y, LABEL_WIDTH, l.height).stroke().rect(MARGIN + LABEL_WIDTH, y, width - LABEL_WIDTH, l.height).stroke();
  doc.fontSize(LABEL_SIZE).text(l.label, MARGIN + PAD, y + PAD, { width: LABEL_WIDTH - 2 * PAD, lineBreak: false, height: l.height });
  const opts = l.wrapped ? { width: valueWidth, lineGap: 1 } : { lineBreak: false };
  doc.fontSize(l.size).text(l.value, MARGIN + LABEL_WIDTH + PAD, y + PAD + (l.wrapped ? 0 : (VALUE_SIZE - l.size) / 2), opts);
}

function drawTitle(doc: Doc, content: CertificateContent): number {
  if (content.marks.length > 0) {
    const mark = content.marks.join('・');
    doc.fontSize(12);
    const w = doc.widthOfString(mark) + 12;
    doc.lineWidth(1).rect(PAGE.width - MARGIN - w, MARGIN - 8, w, 20).stroke().text(mark, PAGE.width - MARGIN - w + 6, MARGIN - 4, { lineBreak: false });
  }
  doc.fontSize(18).text(content.title, MARGIN, MARGIN + 14, { width, align: 'center', lineBreak: false });
  return MARGIN + 50;
}

/** Lays the rows out in page order: a block starts on a new page when it would not fit whole (if it fits on one). */
function drawBody(doc: Doc, content: CertificateContent, fitted: { header: FittedLine[]; blocks: { heading: string | null; lines: FittedLine[] }[] }): number {
  let y = drawTitle(doc, content);
  const newPage = () => {
    doc.addPage();
    y = MARGIN;
  };
  const drawRows = (rows: FittedLine[]) => {
    for (const row of rows) {
      if (y + row.height > bottom) newPage();
      drawLine(doc, row, y);
      y += row.height;
    }
  };
  drawRows(fitted.header);
  for (const block of fitted.blocks) {
    const height = block.lines.reduce((h, l) => h + l.height, 0) + 18;
    if (y + height > bottom && height <= bottom - MARGIN) newPage();
    y += 6;
    if (block.heading) {
      doc.fontSize(9).text(`（${block.heading}）`, MARGIN, y, { lineBreak: false });
      y += 12;
    }
    drawRows(block.lines);
  }
  return y;
}

function drawClosing(doc: Doc, content: CertificateContent, sealImage: Buffer | null, top: number): void {
  let y = top + 20;
  doc.fontSize(11).text(content.certification, MARGIN, y, { width });
  y = doc.y + 14;
  doc.fontSize(11).text(content.issuedOnLabel, MARGIN + 20, y, { lineBreak: false });
  y += 30;
  doc.fontSize(13);
  const titleWidth = Math.min(doc.widthOfString(content.authenticator), width - SEAL - 40);
  const sealX = PAGE.width - MARGIN - SEAL;
  const textX = sealX - titleWidth - 16;
  doc.text(content.authenticator, textX, y + SEAL / 2 - 8, { width: titleWidth + 1, lineBreak: false });
  if (sealImage) {
    doc.image(sealImage, sealX, y, { fit: [SEAL, SEAL] });
  } else {
    // No 電子公印 registered: a drawn frame with 「印」 marks where it goes (README: 公印).
    doc.lineWidth(1.5).rect(sealX, y, SEAL, SEAL).stroke();
    doc.fontSize(28).text('印', sealX, y + SEAL / 2 - 16, { width: SEAL, align: 'center', lineBreak: false });
  }
  if (content.sealNote) doc.fontSize(8).text(content.sealNote, sealX - 40, y + SEAL + 4, { width: SEAL + 40, align: 'right', lineBreak: false });
}

export function renderCertificate(input: RenderInput): Promise<RenderedCertificate> {
  const { content, font } = input;
  resetGlyphCache(font.font);
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true, autoFirstPage: true, info: { Title: content.title, Producer: 'yakuba' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  // pdfkit takes a parsed fontkit font as well as a file (its typings only list files).
  doc.registerFont('certificate', font.font as unknown as Buffer);
  doc.font('certificate');

  const fitBlock = (b: Block) => ({ heading: b.heading, lines: b.lines.map((l) => fit(doc, l)) });
  const fitted = { header: content.header.map((l) => fit(doc, l)), blocks: content.blocks.map(fitBlock) };
  let y = drawBody(doc, content, fitted);
  if (y + CLOSING_HEIGHT > bottom) {
    doc.addPage();
    y = MARGIN;
  }
  drawClosing(doc, content, input.sealImage, y);

  const range = doc.bufferedPageRange();
  const pageCount = range.count;
  for (let i = 0; i < pageCount; i++) {
    doc.switchToPage(range.start + i);
    doc.fontSize(8).text(`発行番号\u3000${input.numberLabel}\u3000${i + 1}/${pageCount}`, MARGIN, PAGE.height - MARGIN - 20, { width, align: 'right', lineBreak: false, height: 12 });
  }
  doc.end();
  const wrapped = [...fitted.header, ...fitted.blocks.flatMap((b) => b.lines)].filter((l) => l.wrapped).map((l) => l.label);
  return ended.then(() => ({ pdf: Buffer.concat(chunks), pageCount, wrapped }));
}

/**
 * One throw-away render (no personal data) after start: loads the font and warms pdfkit and the JIT,
 * so the first real certificate costs what the others do (~20 ms, not ~250 ms). A font that cannot be
 * loaded is not an error here: the same error answers the first issuance.
 */
export function warmCertificateRenderer(): void {
  setImmediate(() => {
    try {
      const content: CertificateContent = {
        title: '住民票の写し', header: [], blocks: [{ heading: null, lines: [{ label: '氏名', value: '住民　太郎' }, { label: '生年月日', value: '令和元年5月1日' }] }],
        certification: 'この写しは、住民票の原本と相違ないことを証明する。', issuedOnLabel: '令和元年5月1日', authenticator: '市区町村長', marks: [], sealNote: null,
      };
      renderCertificate({ content, numberLabel: '0', font: certificateFont(), sealImage: null }).catch(() => undefined);
    } catch {
      // See above: reported by the first issuance.
    }
  }).unref();
}
