import { DocumentError, TEAMS_FILE_DOWNLOAD_INFO, hostAllowed, readAttachment, sniffDocumentType, uploadedFileOf } from '../accounts/documents';
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

  it('allows a host listed exactly or below a listed ".domain", nothing else', () => {
    const allowed = ['files.example.dk', '.sharepoint.com'];
    expect(hostAllowed('files.example.dk', allowed)).toBe(true);
    expect(hostAllowed('contoso.sharepoint.com', allowed)).toBe(true);
    expect(hostAllowed('contoso-my.sharepoint.com', allowed)).toBe(true);
    expect(hostAllowed('sharepoint.com.evil.dk', allowed)).toBe(false);
    expect(hostAllowed('evilsharepoint.com', allowed)).toBe(false);
    expect(hostAllowed('.sharepoint.com', allowed)).toBe(false);
    expect(hostAllowed('sub.files.example.dk', allowed)).toBe(false);
  });

  it('reads a Teams file upload from its download link and skips the html attachment beside it', () => {
    const file = uploadedFileOf([
      { contentType: 'text/html', content: '<p>here</p>' },
      { contentType: TEAMS_FILE_DOWNLOAD_INFO, name: 'faktura.pdf', content: { downloadUrl: 'https://contoso.sharepoint.com/x/faktura.pdf', uniqueId: 'u1', fileType: 'pdf' } },
    ]);
    expect(file).toEqual({ name: 'faktura.pdf', contentType: TEAMS_FILE_DOWNLOAD_INFO, contentUrl: 'https://contoso.sharepoint.com/x/faktura.pdf' });
    expect(uploadedFileOf([{ contentType: 'text/html', content: '<p>x</p>' }, { contentType: 'application/pdf', contentUrl: 'data:,x', name: 'a.pdf' }])?.name).toBe('a.pdf');
  });
});
