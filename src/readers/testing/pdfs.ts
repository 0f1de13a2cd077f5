/**
 * Small PDFs made in tests (hostile ones included: they are made at test time, never committed).
 */

/** A PDF of the given objects (1 the catalog, 2 the page tree, …), with its cross-reference table. */
export function pdfOf(objects: readonly string[]): Uint8Array {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

export const stream = (content: string) => `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
export const hex = (text: string) => [...text].map((c) => (c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')).join('');

/** One page with a two-cell ruled row: Helvetica text, and CJK text in a predefined CMap (both left to pdfjs). */
export function standardFontsPdf(extra: { page?: string; resources?: string; content?: string } = {}): Uint8Array {
  const content = `0.5 w 50 700 m 300 700 l S 50 650 m 300 650 l S 50 650 m 50 700 l S 175 650 m 175 700 l S 300 650 m 300 700 l S BT /F1 12 Tf 60 670 Td (Budget 2025) Tj ET BT /F2 12 Tf 185 670 Td <${hex('绩效目标')}> Tj ET ${extra.content ?? ''}`;
  return pdfOf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 800] /Contents 4 0 R ${extra.page ?? ''} /Resources << /Font << /F1 5 0 R /F2 6 0 R >> ${extra.resources ?? ''} >> >>`,
    stream(content),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [7 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 8 0 R /DW 1000 >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>',
  ]);
}

export const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

