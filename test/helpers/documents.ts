import type { Attachment } from 'botbuilder';

/** A minimal real PDF file. */
export const pdfBytes = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
/** A 1×1 PNG. */
export const pngBytes = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** An upload as a channel delivers it, with the bytes in a data: URL. */
export function upload(name: string, bytes: Buffer, contentType = 'application/octet-stream'): Attachment {
  return { name, contentType, contentUrl: `data:${contentType};base64,${bytes.toString('base64')}` };
}
