import fs from 'node:fs';
import path from 'node:path';
import { AppError, errorCatalogue, errorCodeOf, errorCodes, httpStatusOf, type ErrorCode, type ErrorDefinition, type HttpErrorCode } from '../lib/errors';
import { WebError } from '../bot/web/http';

const root = path.resolve(__dirname, '..');
const sourceFolders = ['bot', 'dialogs', 'store', 'accounts', 'lib', 'knowledge', 'scripts'];

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => path.join(folder, file));
}

/** Where a code is written in the sources: responses, throws, log fields, checks. */
const codeSites = [
  /\berror: '([A-Z][A-Z0-9_]*)'/g,
  /\bnew (?:Web|App)Error\('([A-Z][A-Z0-9_]*)'/g,
  /\bsuper\('([A-Z][A-Z0-9_]*)'/g,
  /\b(?:errorBody|httpStatusOf)\('([A-Z][A-Z0-9_]*)'/g,
  /\bsendError\(res, '([A-Z][A-Z0-9_]*)'/g,
  /\bhasErrorCode\([^,]+, '([A-Z][A-Z0-9_]*)'/g,
  /\bcode: '([A-Z][A-Z0-9_]*)'/g,
];

function codesInSources(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFolders.flatMap(sourceFiles)) {
    if (file === path.join('lib', 'errors.ts')) continue;
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const site of codeSites) for (const match of text.matchAll(site)) if (match[1]) found.set(match[1], file);
  }
  return found;
}

describe('the error catalogue (lib/errors.ts)', () => {
  const used = codesInSources();

  it('finds the codes in the sources (the scan itself works)', () => {
    expect([...used.keys()]).toEqual(expect.arrayContaining(['NOT_FOUND', 'FORBIDDEN', 'TOKEN_EXPIRED', 'INTERNAL', 'UNAUTHORIZED', 'STORE_REJECTED', 'CONFIG_INVALID']));
  });

  it('lists every code the sources answer with, throw or log', () => {
    const missing = [...used].filter(([code]) => !(errorCodes as readonly string[]).includes(code)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it('has no code that nothing uses (UNEXPECTED is errorCodeOf\'s own)', () => {
    expect(errorCodes.filter((code) => code !== 'UNEXPECTED' && !used.has(code))).toEqual([]);
  });

  it('gives every code a description and when it is logged', () => {
    for (const code of errorCodes) {
      const entry = errorCatalogue[code];
      expect({ code, description: entry.description.length > 20, logged: entry.logged.length > 5 }).toEqual({ code, description: true, logged: true });
    }
    expect(Object.keys(errorCatalogue).sort()).toEqual([...errorCodes].sort());
  });

  it('gives every response code one HTTP error status, and WebError answers with it', () => {
    const statuses = Object.fromEntries(errorCodes.flatMap((code) => {
      const entry: ErrorDefinition = errorCatalogue[code];
      return entry.status === undefined ? [] : [[code, entry.status]];
    }));
    expect(statuses).toEqual({
      BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, TOKEN_EXPIRED: 403, ORIGIN_NOT_ALLOWED: 403, NOT_FOUND: 404,
      METHOD_NOT_ALLOWED: 405, PAYLOAD_TOO_LARGE: 413, UNSUPPORTED_MEDIA_TYPE: 415, RATE_LIMITED: 429, INTERNAL: 500,
      DIRECT_LINE_UNAVAILABLE: 502, WEB_CHAT_NOT_CONFIGURED: 503,
    });
    const code: HttpErrorCode = 'TOKEN_EXPIRED';
    const error = new WebError(code, 'The token has expired.');
    expect({ status: error.status, body: error.body(), logged: errorCodeOf(error) }).toEqual({ status: 403, body: { error: 'TOKEN_EXPIRED', message: 'The token has expired.' }, logged: 'TOKEN_EXPIRED' });
    expect(httpStatusOf('RATE_LIMITED')).toBe(429);
  });

  it('logs UNEXPECTED for anything that is not the bot\'s own error, the code of one that is', () => {
    const own: ErrorCode = 'STORE_UNAVAILABLE';
    expect([errorCodeOf(new AppError(own, 'down')), errorCodeOf(Object.assign(new Error('x'), { code: 'ECONNRESET' })), errorCodeOf('a string')]).toEqual(['STORE_UNAVAILABLE', 'UNEXPECTED', 'UNEXPECTED']);
  });

  it('is linked from the README', () => {
    expect(fs.readFileSync(path.join(root, 'README.md'), 'utf8')).toMatch(/\]\(lib\/errors\.ts\)/);
  });
});
