// Inputs for the import tests and the bench: the real fixtures and hand-made encodings (TextEncoder only
// writes UTF-8). No test-framework imports, so bench/ can use it too.

import { readFileSync } from 'node:fs';
import type { ImportPreview, PreviewRow } from './preview.ts';

export const FIXTURES = {
  hubspot: 'hubspot-all-contacts-export.csv',
  salesforce: 'salesforce-leads-dataloader-export.csv',
  zoho: 'zoho-leads-export__excel-eu-resave.csv',
} as const;

/** The real exports in <repo>/../shared/fixtures/csv (read in place, never copied). */
export function fixture(name: keyof typeof FIXTURES): Uint8Array {
  return new Uint8Array(
    readFileSync(new URL(`../../../shared/fixtures/csv/${FIXTURES[name]}`, import.meta.url)),
  );
}

/** UTF-16LE, as Excel's "Unicode text" writes it (with a BOM by default). Handles surrogate pairs as code units. */
export function utf16le(text: string, bom = true): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  let o = 0;
  if (bom) [out[o++], out[o++]] = [0xff, 0xfe];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[o++] = c & 0xff;
    out[o++] = c >> 8;
  }
  return out;
}

/** GB18030 bytes of a few Chinese words (checked against Python's gb18030 codec), for building files by hand. */
export const GB: Record<string, number[]> = {
  姓名: [0xd0, 0xd5, 0xc3, 0xfb],
  公司: [0xb9, 0xab, 0xcb, 0xbe],
  电话: [0xb5, 0xe7, 0xbb, 0xb0],
  邮箱: [0xd3, 0xca, 0xcf, 0xe4],
  张伟: [0xd5, 0xc5, 0xce, 0xb0],
  李娜: [0xc0, 0xee, 0xc4, 0xc8],
  北京: [0xb1, 0xb1, 0xbe, 0xa9],
  ß: [0x81, 0x30, 0x89, 0x38],
};

/** Concatenates ASCII strings and GB18030 words (given as keys of GB wrapped in {…}): "{姓名},{电话}\r\n". */
export function gb18030(template: string): Uint8Array {
  const bytes: number[] = [];
  for (const part of template.split(/(\{[^}]+\})/)) {
    if (part.startsWith('{')) bytes.push(...GB[part.slice(1, -1)]!);
    else for (const ch of part) bytes.push(ch.charCodeAt(0));
  }
  return Uint8Array.from(bytes);
}

/** Windows-1252 for Latin-1 text (every character below U+0100 is its own byte). */
export function latin1(text: string): Uint8Array {
  return Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
}

/** The preview of a readable file (throws with the file error otherwise, which fails the test). */
export function ok(p: ImportPreview): Extract<ImportPreview, { ok: true }> {
  if (!p.ok) throw new Error(`${p.error.code}: ${p.error.message}`);
  return p;
}

export const codes = (r: PreviewRow): string[] => r.problems.map((p) => p.code);
