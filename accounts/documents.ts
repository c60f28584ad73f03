import { AppError } from '../lib/errors';

/** Document types accepted for a login e-mail change, recognised by content, never by file name. */
export type DocumentType = 'application/pdf' | 'image/png' | 'image/jpeg';

export function sniffDocumentType(bytes: Buffer): DocumentType | undefined {
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return undefined;
}

export type DocumentProblem = 'too-large' | 'wrong-type' | 'unreadable';

export class DocumentError extends AppError {
  constructor(readonly problem: DocumentProblem, message: string, options?: { cause?: unknown }) {
    super('VALIDATION_FAILED', message, options);
    this.name = 'DocumentError';
  }
}

export interface AttachmentSource {
  contentUrl?: string;
  /** Inline content (some channels put base64 or a Buffer here). */
  content?: unknown;
}

/** How Teams delivers a file a user sends to a bot (manifest `supportsFiles`): a pre-authorised download link. */
export const TEAMS_FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/** An attachment as channels send it (the shape of botbuilder's Attachment, without importing it). */
export interface ChannelAttachment extends AttachmentSource {
  contentType?: string;
  name?: string;
}

/**
 * The attachment that holds the uploaded file, and where to read it from. A Teams file upload is a
 * `file.download.info` card whose `content.downloadUrl` is the file; Teams may add a text/html
 * attachment beside it, which is skipped.
 */
export function uploadedFileOf(attachments: ChannelAttachment[]): ChannelAttachment | undefined {
  const teamsFile = attachments.find((a) => a.contentType === TEAMS_FILE_DOWNLOAD_INFO);
  if (teamsFile) {
    const content = teamsFile.content as { downloadUrl?: unknown } | undefined;
    return { name: teamsFile.name, contentType: teamsFile.contentType, contentUrl: typeof content?.downloadUrl === 'string' ? content.downloadUrl : undefined };
  }
  return attachments.find((a) => a.contentType !== 'text/html' && (a.contentUrl || a.content)) ?? attachments[0];
}

/** Whether `host` is allowed: listed exactly, or below a listed ".domain" (".sharepoint.com"). */
export function hostAllowed(host: string, allowedHosts: string[]): boolean {
  return allowedHosts.some((allowed) => (allowed.startsWith('.') ? host.endsWith(allowed) && host.length > allowed.length : host === allowed));
}

export interface FetchPolicy {
  maxBytes: number;
  /**
   * Hosts an http(s) contentUrl may point to (besides the channel's own serviceUrl host); an entry
   * starting with "." allows every host below that domain.
   */
  allowedHosts: string[];
  timeoutMs?: number;
  /** Extra request headers (e.g. the channel's bearer token). */
  headers?: Record<string, string>;
}

/**
 * Downloads an uploaded attachment with a size cap. data: URLs are decoded in place; http(s) URLs are
 * only fetched from allowed hosts (no server-side request forgery to arbitrary addresses).
 */
export async function readAttachment(source: AttachmentSource, policy: FetchPolicy): Promise<Buffer> {
  const url = source.contentUrl;
  if (url?.startsWith('data:')) {
    const comma = url.indexOf(',');
    if (comma < 0) throw new DocumentError('unreadable', 'malformed data URL');
    const isBase64 = url.slice(0, comma).endsWith(';base64');
    const payload = url.slice(comma + 1);
    if ((isBase64 ? payload.length * 0.75 : payload.length) > policy.maxBytes + 4) throw new DocumentError('too-large', 'attachment too large');
    let bytes: Buffer;
    try {
      bytes = isBase64 ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload), 'latin1');
    } catch (error: unknown) {
      throw new DocumentError('unreadable', 'malformed data URL', { cause: error });
    }
    if (bytes.length > policy.maxBytes) throw new DocumentError('too-large', 'attachment too large');
    return bytes;
  }
  if (url && /^https?:\/\//i.test(url)) {
    let host: string;
    try {
      host = new URL(url).host.toLowerCase();
    } catch (error: unknown) {
      throw new DocumentError('unreadable', 'malformed attachment URL', { cause: error });
    }
    if (!hostAllowed(host, policy.allowedHosts)) throw new DocumentError('unreadable', 'attachment host not allowed');
    let response: Response;
    try {
      response = await fetch(url, { headers: policy.headers, signal: AbortSignal.timeout(policy.timeoutMs ?? 15_000), redirect: 'error' });
    } catch (error: unknown) {
      throw new DocumentError('unreadable', 'attachment download failed', { cause: error });
    }
    if (!response.ok || !response.body) throw new DocumentError('unreadable', `attachment download failed (${response.status})`);
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > policy.maxBytes) throw new DocumentError('too-large', 'attachment too large');
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      total += chunk.length;
      if (total > policy.maxBytes) throw new DocumentError('too-large', 'attachment too large');
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
  }
  if (typeof source.content === 'string') {
    const bytes = Buffer.from(source.content, 'base64');
    if (bytes.length > policy.maxBytes) throw new DocumentError('too-large', 'attachment too large');
    return bytes;
  }
  throw new DocumentError('unreadable', 'attachment has no content');
}
