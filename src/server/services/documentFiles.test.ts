import { describe, expect, it } from 'vitest';
import { sniffEvidence } from './documentFiles.ts';

const bytes = (...parts: Array<string | number[]>) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

describe('evidence typed by its bytes, checked against its name', () => {
  it.each<[string, Uint8Array, string]>([
    ['a.pdf', bytes('%PDF-1.7\n'), 'application/pdf'],
    ['scan.JPG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
    ['photo.png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'image/png'],
    ['方案.docx', bytes([0x50, 0x4b, 0x03, 0x04], '[Content_Types].xml'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['发票.ofd', bytes([0x50, 0x4b, 0x03, 0x04], 'OFD.xml'), 'application/ofd'],
    ['旧表.xls', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), 'application/vnd.ms-excel'],
    ['说明.txt', bytes('项目说明：资金已到位。'), 'text/plain; charset=utf-8'],
  ])('%s', (name, head, type) => {
    expect(sniffEvidence(head, name)).toEqual({ type });
  });

  it('refuses what its name does not say, markup, and anything else, saying what the bytes are', () => {
    expect(sniffEvidence(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), '报告.pdf')).toEqual({ refused: expect.objectContaining({ zh: expect.stringContaining('PNG 图片') }) });
    expect(sniffEvidence(bytes('%PDF-1.4'), 'run.exe')).toHaveProperty('refused');
    expect(sniffEvidence(bytes('<html><script>alert(1)</script>'), 'a.txt')).toHaveProperty('refused');
    expect(sniffEvidence(bytes([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]), 'setup.pdf')).toHaveProperty('refused');
    expect(sniffEvidence(bytes('plain'), 'noextension')).toHaveProperty('refused');
  });
});
