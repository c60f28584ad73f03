import { DocumentError, readAttachment, sniffDocumentType } from '../accounts/documents';
import { pdfBytes, pngBytes } from './helpers/documents';

describe('document checks', () => {
  it('recognises PDF, PNG and JPEG by content', () => {
    expect(sniffDocumentType(pdfBytes)).toBe('application/pdf');
    expect(sniffDocumentType(pngBytes)).toBe('image/png');
    expect(sniffDocumentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(sniffDocumentType(Buffer.from('<html>%PDF-'))).toBeUndefined();
  });

  it('never fetches from hosts that are not allowed, and rejects malformed data URLs cleanly', async () => {
    const policy = { maxBytes: 1024, allowedHosts: ['files.example.dk'] };
    await expect(readAttachment({ contentUrl: 'http://169.254.169.254/latest/meta-data' }, policy)).rejects.toMatchObject({ problem: 'unreadable' });
    await expect(readAttachment({ contentUrl: 'data:text/plain,%E0%A4%A' }, policy)).rejects.toBeInstanceOf(DocumentError);
    await expect(readAttachment({ contentUrl: `data:application/pdf;base64,${Buffer.alloc(4096).toString('base64')}` }, policy)).rejects.toMatchObject({ problem: 'too-large' });
    expect(await readAttachment({ contentUrl: `data:application/pdf;base64,${pdfBytes.toString('base64')}` }, { ...policy, maxBytes: 10_000 })).toEqual(pdfBytes);
  });
});
