/**
 * A letter as a PDF, for every business: A4, the recipient's address and name at the top, a title, the
 * items as label–value rows, the sentence that says what is notified, the date in 和暦 and the sender.
 * The register's letters (住民異動届受理通知 j580, 住民票コード変更通知票 j890 …) and the tax notices use it.
 * Same font as the certificates (fonts.ts: IPAmj明朝 or Noto Serif JP), so names print with their exact characters.
 */
import PDFDocument from 'pdfkit';
import { certificateFont, resetGlyphCache } from './fonts.ts';

export interface Notice {
  title: string;
  /** Letters have one; a 確認用帳票 (j540) has none. */
  recipient?: { address: string; name: string };
  rows: { label: string; value: string }[];
  statement: string;
  issuedOnLabel: string;
  sender: string;
}

const MARGIN = 56;

export function renderNotice(notice: Notice): Promise<Buffer> {
  const font = certificateFont();
  resetGlyphCache(font.font);
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: notice.title, Producer: 'yakuba' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('notice', font.font as unknown as Buffer);
  doc.font('notice');
  const width = doc.page.width - MARGIN * 2;
  if (notice.recipient) {
    doc.fontSize(11).text(notice.recipient.address, MARGIN, MARGIN, { width });
    doc.fontSize(14).text(`${notice.recipient.name}\u3000様`, { width });
    doc.moveDown(2);
  }
  doc.fontSize(18).text(notice.title, { width, align: 'center' });
  doc.moveDown(1.5).fontSize(11);
  for (const row of notice.rows) {
    const y = doc.y;
    doc.text(row.label, MARGIN, y, { width: 130 });
    doc.text(row.value, MARGIN + 140, y, { width: width - 140 });
    doc.moveDown(0.6);
  }
  doc.moveDown(1.5).text(notice.statement, MARGIN, doc.y, { width });
  doc.moveDown(2).text(notice.issuedOnLabel, { width, align: 'right' });
  doc.moveDown(0.5).fontSize(13).text(notice.sender, { width, align: 'right' });
  doc.end();
  return ended;
}
