import { useAccountFixture } from './helpers/accounts';
import { pdfBytes, pngBytes, upload } from './helpers/documents';
import { playTranscript } from './helpers/transcript';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TEAMS_FILE_DOWNLOAD_INFO } from '../accounts/documents';

const fx = useAccountFixture();

const code = (address: string) => () => fx.sink.lastCodeFor(address);

describe('ChangeLoginEmailDialog (real SQLite, real SMTP)', () => {
  it('opens a pending case with the document, mails support with it attached, and changes nothing yet', async () => {
    const client = fx.client();
    await playTranscript(client, [
      // The answer says how to do it by mail; the bot then asks before it opens the case itself.
      ['jeg skal have ændret login mail', [/support@dibs\.dk/, /oprette sagen for dig her i chatten\. Skal jeg det\?/]],
      ['ja', /Hvad er dit kunde-ID\?/],
      ['100002', /engangskode/],
      [code('ordre@hyggehome.dk'), ['Tak, det er bekræftet.', /Din nuværende login-e-mail er o\*\*\*\*\*@hyggehome\.dk\. Hvilken e-mailadresse/]],
      ['ny-mail@@hyggehome', /Det ligner ikke en gyldig e-mailadresse.*\n.*Hvilken e-mailadresse/],
      ['Bogholderi@HyggeHome.dk', /Skal login-e-mailen ændres til bogholderi@hyggehome\.dk\?/],
      ['ja', /Vedhæft et dokument.*PDF, PNG eller JPEG på højst 10 MB/],
      [{ type: 'message', attachments: [upload('faktura.pdf', pdfBytes, 'application/pdf')] }, /Din sag har nummeret EC-\d{8}-[A-Z0-9]{6}.*godkendt.*bogholderi@hyggehome\.dk/s],
    ]);
    const [request] = await fx.store.listEmailChangeRequests({ customerId: '100002' });
    expect(request).toMatchObject({ status: 'pending', newEmail: 'bogholderi@hyggehome.dk', documentMime: 'application/pdf', documentSize: pdfBytes.length });
    expect((await fx.store.findMerchant('100002'))?.loginEmail).toBe('ordre@hyggehome.dk');
    const supportMail = fx.sink.mailsTo('support@dibs.dk').at(-1)!;
    expect(supportMail.raw).toContain(request!.caseNumber);
    expect(supportMail.raw).toMatch(/Content-Disposition: attachment;\s+filename=faktura\.pdf/);
    const actions = (await fx.store.listAuditEvents({ customerId: '100002' })).map((e) => e.action);
    expect(actions).toEqual(['verification.code-request', 'verification.code-requested', 'verification.attempt', 'email-change.requested']);
  });

  it('takes the document as Teams sends it: a file.download.info card with a download link on an allowed host', async () => {
    // Stands in for SharePoint, which serves the pre-authorised download link of a file sent in Teams.
    const sharepoint = http.createServer((req, res) => {
      // (Separate calls: restify, loaded in this process, patches ServerResponse.writeHead to return nothing.)
      res.statusCode = req.url === '/personal/faktura.pdf' ? 200 : 404;
      res.setHeader('content-type', 'application/pdf');
      res.end(res.statusCode === 200 ? pdfBytes : undefined);
    });
    await new Promise<void>((resolve) => sharepoint.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(sharepoint.address() as AddressInfo).port}`;
    try {
      const client = fx.client('da-DK', { ATTACHMENT_HOSTS: host });
      const teamsFile = (name: string, path: string) => ({
        type: 'message',
        attachments: [
          { contentType: 'text/html', content: '<div>faktura</div>' },
          { contentType: TEAMS_FILE_DOWNLOAD_INFO, name, content: { downloadUrl: `http://${host}${path}`, uniqueId: 'f-1', fileType: 'pdf' } },
        ],
      });
      await playTranscript(client, [
        ['skift login email', [/support@dibs\.dk/, /oprette sagen/]],
        ['ja', /kunde-ID/],
        ['100002', /engangskode/],
        [code('ordre@hyggehome.dk'), ['Tak, det er bekræftet.', /Hvilken e-mailadresse/]],
        ['teams@hyggehome.dk', /ændres til teams@hyggehome\.dk/],
        ['ja', /Vedhæft/],
        [teamsFile('mangler.pdf', '/personal/mangler.pdf'), /Jeg kunne ikke læse filen/],
        [teamsFile('faktura.pdf', '/personal/faktura.pdf'), /Din sag har nummeret EC-/],
      ]);
      const [request] = await fx.store.listEmailChangeRequests({ customerId: '100002' });
      expect(request).toMatchObject({ newEmail: 'teams@hyggehome.dk', documentName: 'faktura.pdf', documentMime: 'application/pdf', documentSize: pdfBytes.length });
    } finally {
      sharepoint.close();
    }
  });

  it('checks the document by content, not by name, and by size', async () => {
    const client = fx.client('en-US', { MAX_DOCUMENT_BYTES: '2048' });
    await playTranscript(client, [
      ['I need to change the email I log in with', [/support@dibs\.dk/, /open the case for you here in the chat\. Shall I\?/]],
      ['yes', /customer ID/],
      ['100003', /one-time code/],
      [code('foto@fjordfoto.dk'), ['Thank you, that is confirmed.', /f\*\*\*\*\*@fjordfoto\.dk/]],
      ['new@fjordfoto.dk', /Shall the login e-mail be changed to new@fjordfoto\.dk\?/],
      ['yes', /attach a document/],
      [{ type: 'message', attachments: [upload('invoice.pdf', Buffer.from('just text, not a PDF'))] }, /isn't a PDF, PNG or JPEG \(I look at the content, not the file name\)/],
      [{ type: 'message', attachments: [upload('big.pdf', Buffer.concat([pdfBytes, Buffer.alloc(4096)]))] }, /too large\. It may be at most/],
      [{ type: 'message', attachments: [upload('scan.png', pngBytes, 'image/png')] }, /Your case number is EC-/],
    ]);
    const [request] = await fx.store.listEmailChangeRequests({ customerId: '100003' });
    expect(request).toMatchObject({ documentMime: 'image/png', documentName: 'scan.png' });
  });

  it('lets the merchant correct the address when it is not confirmed, and ask a question mid-flow', async () => {
    const client = fx.client();
    await playTranscript(client, [
      ['skift login email', [/support@dibs\.dk/, /oprette sagen/]],
      ['ja tak', /kunde-ID/],
      ['kunde-id 100002', /engangskode/],
      [code('ordre@hyggehome.dk'), ['Tak, det er bekræftet.', /Hvilken e-mailadresse/]],
      ['ORDRE@hyggehome.dk', ['Det er den samme adresse, som kontoen allerede har.', /Hvilken e-mailadresse/]],
      ['forkert@hyggehome.dk', /ændres til forkert@hyggehome\.dk/],
      ['nej', ['OK, så prøver vi igen.', /Hvilken e-mailadresse/]],
      ['rigtig@hyggehome.dk', /ændres til rigtig@hyggehome\.dk/],
      ['ja', /Vedhæft/],
      ['hvor finder jeg mit kundenummer henne', [/'rediger profil'/, 'Vi fortsætter, hvor vi slap:', /Vedhæft/]],
      ['cancel', /OK, jeg stopper her/],
    ]);
    expect(await fx.store.listEmailChangeRequests({ customerId: '100002' })).toEqual([]);
  });

  it('a merchant who would rather send the mail says no, and nothing is started', async () => {
    const client = fx.client();
    await playTranscript(client, [
      ['skift login email', [/support@dibs\.dk/, /Skal jeg det\?/]],
      ['nej', /OK, så gør jeg ikke mere ved det/],
      ['100002', /Det kan jeg desværre ikke svare på|kunde-ID|Mente du/],
    ]);
    expect(await fx.store.listAuditEvents({ customerId: '100002' })).toEqual([]);
  });

  it('keeps the case open without a document: it says what it accepts until a file comes, and only "annuller" ends it', async () => {
    const client = fx.client();
    await playTranscript(client, [
      ['jeg vil ændre min login e-mail, kunde id 100002', [/support@dibs\.dk/, /engangskode/]],
      [code('ordre@hyggehome.dk'), ['Tak, det er bekræftet.', /Hvilken e-mailadresse/]],
      ['ny@hyggehome.dk', /ændres til/],
      ['ja', /Vedhæft/],
      ['her er den', /Jeg mangler dokumentet/],
      ['ok', /Jeg mangler dokumentet/],
      ['nu', /Jeg mangler dokumentet/],
      ['annuller', /OK, jeg stopper her/],
    ]);
  });
});
