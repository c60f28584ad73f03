import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import {
  APP_PACKAGE_DIR,
  buildManifest,
  createZip,
  crc32,
  packageTeamsApp,
  parseCliOptions,
  resolveIds,
  validateManifest,
} from '../scripts/teamsPackage';

const ROOT = path.resolve(__dirname, '..');
const BOT_ID = '0b7c4f7e-9d7a-4c52-9a43-2f6f1e0d5a11';
const APP_ID = '6f0a1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const PACKAGE_FILES = ['manifest.json', 'en-us.json', 'color.png', 'outline.png'];

// --- a small, independent ZIP reader: end record -> central directory -> local headers -> inflate + CRC check
interface ZipRecord {
  name: string;
  method: number;
  data: Buffer;
}

function readZip(zip: Buffer): ZipRecord[] {
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('no end of central directory record');
  expect(end + 22 + zip.readUInt16LE(end + 20)).toBe(zip.length);
  const count = zip.readUInt16LE(end + 10);
  const cdSize = zip.readUInt32LE(end + 12);
  const cdOffset = zip.readUInt32LE(end + 16);
  expect(cdOffset + cdSize).toBe(end);
  const records: ZipRecord[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    expect(zip.readUInt32LE(p)).toBe(0x02014b50);
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const compressed = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const localOffset = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;

    expect(zip.readUInt32LE(localOffset)).toBe(0x04034b50);
    expect(zip.readUInt32LE(localOffset + 14)).toBe(crc);
    expect(zip.readUInt32LE(localOffset + 18)).toBe(compressed);
    expect(zip.readUInt32LE(localOffset + 22)).toBe(size);
    const localNameLength = zip.readUInt16LE(localOffset + 26);
    expect(zip.toString('utf8', localOffset + 30, localOffset + 30 + localNameLength)).toBe(name);
    const start = localOffset + 30 + localNameLength + zip.readUInt16LE(localOffset + 28);
    const body = zip.subarray(start, start + compressed);
    const data = method === 8 ? zlib.inflateRawSync(body) : method === 0 ? Buffer.from(body) : undefined;
    if (data === undefined) throw new Error(`unexpected compression method ${method} for ${name}`);
    expect(data.length).toBe(size);
    expect(zlib.crc32(data)).toBe(crc);
    records.push({ name, method, data });
  }
  expect(p).toBe(end);
  return records;
}

// --- PNG: IHDR, and the pixels of an 8-bit non-interlaced image with filter type 0 rows
function readIhdr(png: Buffer): { width: number; height: number; bitDepth: number; colorType: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), bitDepth: png.readUInt8(24), colorType: png.readUInt8(25) };
}

function readPixels(png: Buffer): { channels: number; pixels: Buffer } {
  const { width, height, colorType } = readIhdr(png);
  const channels = colorType === 6 ? 4 : 3;
  const idat: Buffer[] = [];
  for (let off = 8; off < png.length; ) {
    const length = png.readUInt32BE(off);
    const type = png.toString('latin1', off + 4, off + 8);
    const data = png.subarray(off + 8, off + 8 + length);
    expect(png.readUInt32BE(off + 8 + length)).toBe(zlib.crc32(png.subarray(off + 4, off + 8 + length)));
    if (type === 'IDAT') idat.push(data);
    off += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  expect(raw.length).toBe((stride + 1) * height);
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (stride + 1)]).toBe(0);
    raw.copy(pixels, y * stride, y * (stride + 1) + 1, (y + 1) * (stride + 1));
  }
  return { channels, pixels };
}

const template = (): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8'));
const packageFiles = (): Map<string, Buffer> =>
  new Map(['en-us.json', 'color.png', 'outline.png'].map((f) => [f, fs.readFileSync(path.join(APP_PACKAGE_DIR, f))]));
/** A valid built manifest to break in one place. */
const built = (): Record<string, any> => buildManifest(template(), { botId: BOT_ID }) as Record<string, any>;

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'teams-package-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('Teams app package', () => {
  it('builds a zip with manifest.json, en-us.json and both icons at the root, ids substituted', () => {
    const outFile = path.join(tmp, 'dibs-helpdesk.zip');
    const result = packageTeamsApp({ botId: BOT_ID, outFile });
    expect(result.outFile).toBe(outFile);
    const records = readZip(fs.readFileSync(outFile));
    expect(records.map((r) => r.name).sort()).toEqual([...PACKAGE_FILES].sort());
    expect(records.some((r) => r.method === 8)).toBe(true);

    const manifestText = records.find((r) => r.name === 'manifest.json')!.data.toString('utf8');
    expect(manifestText).not.toContain('${{');
    const manifest = JSON.parse(manifestText);
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(manifest.id).toBe(BOT_ID); // the app id defaults to the bot id
    expect(manifest.name).toEqual({ short: 'DIBS Helpdesk', full: 'DIBS Helpdesk – merchant support' });
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('da-dk');
    for (const name of ['en-us.json', 'color.png', 'outline.png']) {
      expect(records.find((r) => r.name === name)!.data.equals(fs.readFileSync(path.join(APP_PACKAGE_DIR, name)))).toBe(true);
    }
  });

  it('uses a separate Teams app id when given', () => {
    const result = packageTeamsApp({ botId: BOT_ID, appId: APP_ID, outFile: path.join(tmp, 'separate-ids.zip') });
    expect(result.manifest.id).toBe(APP_ID);
    expect(result.manifest.bots?.[0]?.botId).toBe(BOT_ID);
  });

  const hasUnzip = spawnSync('unzip', ['-v'], { encoding: 'utf8' }).status === 0;
  (hasUnzip ? it : it.skip)('is a zip that Info-ZIP unzip lists and tests without errors', () => {
    const outFile = path.join(tmp, 'for-unzip.zip');
    packageTeamsApp({ botId: BOT_ID, outFile });
    const test = spawnSync('unzip', ['-t', outFile], { encoding: 'utf8' });
    expect(test.status).toBe(0);
    expect(test.stdout).toContain('No errors detected');
    const list = spawnSync('unzip', ['-Z1', outFile], { encoding: 'utf8' });
    expect(list.stdout.trim().split('\n').sort()).toEqual([...PACKAGE_FILES].sort());
  });

  it('rejects a bot id that is not a GUID, naming it', () => {
    expect(() => buildManifest(template(), { botId: 'not-a-guid' })).toThrow(/bot id \(--bot-id \/ BOT_ID\) must be a GUID.*"not-a-guid"/);
    expect(() => packageTeamsApp({ botId: '12345', outFile: path.join(tmp, 'bad.zip') })).toThrow(/bot id.*GUID.*"12345"/);
    expect(fs.existsSync(path.join(tmp, 'bad.zip'))).toBe(false);
    expect(() => buildManifest(template(), { botId: BOT_ID, appId: 'dibs' })).toThrow(/app id \(--app-id \/ TEAMS_APP_ID\).*"dibs"/);
  });

  it('fails with a clear message when the bot id is missing', () => {
    expect(() => buildManifest(template(), {})).toThrow(/bot id is missing.*--bot-id.*BOT_ID/);
    expect(() => resolveIds({ botId: '  ' })).toThrow(/BOT_ID/);
  });

  it('reads ids from flags or the environment; flags win; the app id defaults to the bot id', () => {
    expect(parseCliOptions(['--bot-id', BOT_ID])).toMatchObject({ botId: BOT_ID, appId: undefined });
    expect(parseCliOptions([`--bot-id=${BOT_ID}`, '--app-id', APP_ID, '--out', 'x.zip'])).toMatchObject({ botId: BOT_ID, appId: APP_ID, outFile: 'x.zip' });
    expect(parseCliOptions([], { BOT_ID, TEAMS_APP_ID: APP_ID })).toMatchObject({ botId: BOT_ID, appId: APP_ID });
    expect(parseCliOptions(['--bot-id', APP_ID], { BOT_ID })).toMatchObject({ botId: APP_ID });
    expect(resolveIds(parseCliOptions([], { BOT_ID, TEAMS_APP_ID: '' }))).toEqual({ botId: BOT_ID, appId: BOT_ID });
    expect(() => parseCliOptions(['--bot-id'])).toThrow(/--bot-id needs a value/);
    expect(() => parseCliOptions(['--botid', BOT_ID])).toThrow(/Unknown argument "--botid"/);
  });

  it('the command line stops with exit code 1 and names BOT_ID when no bot id is given', () => {
    const env = { ...process.env };
    delete env.BOT_ID;
    delete env.TEAMS_APP_ID;
    const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
    const missing = spawnSync(tsx, ['scripts/teamsPackage.ts'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/--bot-id <guid> or set BOT_ID/);

    const outFile = path.join(tmp, 'cli.zip');
    const ok = spawnSync(tsx, ['scripts/teamsPackage.ts', '--bot-id', BOT_ID, '--out', outFile], { cwd: ROOT, env, encoding: 'utf8' });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(`bot id ${BOT_ID}`);
    expect(readZip(fs.readFileSync(outFile)).map((r) => r.name).sort()).toEqual([...PACKAGE_FILES].sort());
  });
});

describe('manifest validation', () => {
  it('accepts the built manifest with the package files', () => {
    const m = validateManifest(built(), packageFiles());
    expect(m.manifestVersion).toBe(m.$schema.match(/v(\d+\.\d+)\//)?.[1]);
    expect(m.bots?.[0]).toMatchObject({ scopes: ['personal', 'team', 'groupChat'], supportsFiles: true, isNotificationOnly: false });
    const titles = m.bots?.[0]?.commandLists?.flatMap((l) => l.commands.map((c) => c.title));
    expect(titles).toEqual(expect.arrayContaining(['hjælp', 'menu', 'min konto er låst', 'kunde 100001']));
  });

  const rejects = (mutate: (m: Record<string, any>) => void, files = packageFiles()): string => {
    const m = built();
    mutate(m);
    try {
      validateManifest(m, files);
    } catch (error: unknown) {
      return (error as Error).message;
    }
    throw new Error('expected the manifest to be rejected');
  };

  it('names the path of each problem', () => {
    expect(rejects((m) => (m.bots[0].botId = 'abc'))).toMatch(/bots\[0\]\.botId: must be a GUID \(got "abc"\)/);
    expect(rejects((m) => (m.id = 'abc'))).toMatch(/^ {2}id: must be a GUID/m);
    expect(rejects((m) => (m.version = '1.0'))).toMatch(/version: must be a semantic version/);
    expect(rejects((m) => delete m.developer.privacyUrl)).toMatch(/developer\.privacyUrl: Required/);
    expect(rejects((m) => (m.developer.websiteUrl = 'http://www.dibs.dk'))).toMatch(/developer\.websiteUrl: must be an https:\/\/ URL/);
    expect(rejects((m) => (m.accentColor = 'blue'))).toMatch(/accentColor/);
    expect(rejects((m) => (m.manifestVersion = '1.19'))).toMatch(/manifestVersion: is "1\.19" but \$schema is for v/);
    expect(rejects((m) => (m.name.short = 'x'.repeat(31)))).toMatch(/name\.short/);
    expect(rejects((m) => (m.validDomains = ['https://www.dibs.dk/']))).toMatch(/validDomains\[0\]: must be a host name/);
  });

  it('limits command lists to 10 commands and bots to the three scopes', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => ({ title: `cmd ${i}`, description: 'd' }));
    expect(rejects((m) => (m.bots[0].commandLists[0].commands = eleven))).toMatch(/bots\[0\]\.commandLists\[0\]\.commands: at most 10 commands/);
    expect(rejects((m) => m.bots[0].scopes.push('personal'))).toMatch(/bots\[0\]\.scopes: at most 3 scopes/);
    expect(rejects((m) => (m.bots[0].scopes = ['personal', 'channel']))).toMatch(/bots\[0\]\.scopes\[1\]/);
    expect(rejects((m) => (m.bots[0].scopes = ['personal']))).toMatch(/scope "team" is not one of the bot's scopes/);
    expect(rejects((m) => (m.bots[0].commandLists[0].commands[0].title = 'x'.repeat(33)))).toMatch(/commands\[0\]\.title/);
    expect(rejects((m) => m.bots[0].commandLists[0].commands.push({ title: 'MENU', description: 'again' }))).toMatch(/titles must be unique/);
  });

  it('requires the icons as PNGs of the right size and the localization file', () => {
    const without = (name: string): Map<string, Buffer> => {
      const files = packageFiles();
      files.delete(name);
      return files;
    };
    expect(rejects(() => undefined, without('color.png'))).toMatch(/icons\.color: file "color\.png" is not in the package/);
    expect(rejects(() => undefined, without('en-us.json'))).toMatch(/localizationInfo: file "en-us\.json" is not in the package/);
    const swapped = packageFiles();
    swapped.set('outline.png', swapped.get('color.png')!);
    expect(rejects(() => undefined, swapped)).toMatch(/icons\.outline: "outline\.png" is 192x192, Teams needs 32x32/);
    const notPng = packageFiles();
    notPng.set('color.png', Buffer.from('GIF89a'));
    expect(rejects(() => undefined, notPng)).toMatch(/icons\.color: "color\.png" is not a PNG/);
    const badStrings = packageFiles();
    badStrings.set('en-us.json', Buffer.from(JSON.stringify({ 'name.short': 'x'.repeat(31), 'bots[0].commandLists[0].commands[9].title': 'y' })));
    const message = rejects(() => undefined, badStrings);
    expect(message).toMatch(/en-us\.json: name\.short: must be a string of 1 to 30 characters/);
    expect(message).toMatch(/en-us\.json: description\.short: is required/);
  });

  it('rejects placeholders left in the manifest', () => {
    expect(rejects((m) => (m.developer.name = '${{DEVELOPER}}'))).toMatch(/placeholders left unsubstituted: \$\{\{DEVELOPER\}\}/);
    expect(() => buildManifest({ ...template(), packageName: '${{PACKAGE}}' }, { botId: BOT_ID })).toThrow(/\$\{\{PACKAGE\}\}/);
  });

  it('the English localization file translates every command of the manifest', () => {
    const en = JSON.parse(fs.readFileSync(path.join(APP_PACKAGE_DIR, 'en-us.json'), 'utf8'));
    const m = built();
    m.bots[0].commandLists.forEach((list: { commands: unknown[] }, i: number) =>
      list.commands.forEach((_c, j) => {
        expect(en[`bots[0].commandLists[${i}].commands[${j}].title`]).toEqual(expect.any(String));
        expect(en[`bots[0].commandLists[${i}].commands[${j}].description`]).toEqual(expect.any(String));
      }),
    );
  });
});

describe('createZip', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    const random = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251));
    expect(crc32(random)).toBe(zlib.crc32(random));
  });

  it('round-trips deflated, stored, empty and UTF-8-named entries', () => {
    const incompressible = crypto.randomBytes(2000); // deflate would only make it bigger
    const entries = [
      { name: 'a.txt', data: Buffer.from('hej '.repeat(1000)) },
      { name: 'b.bin', data: incompressible },
      { name: 'empty.txt', data: Buffer.alloc(0) },
      { name: 'mappe/æøå.txt', data: Buffer.from('blåbærgrød', 'utf8') },
    ];
    const records = readZip(createZip(entries, { date: new Date(2026, 0, 2, 3, 4, 6) }));
    expect(records.map((r) => [r.name, r.data.toString('hex')])).toEqual(entries.map((e) => [e.name, e.data.toString('hex')]));
    expect(records.slice(0, 2).map((r) => r.method)).toEqual([8, 0]);
  });

  it('is deterministic for a given date and refuses duplicate or unsafe names', () => {
    const entries = [{ name: 'manifest.json', data: Buffer.from('{}') }];
    const date = new Date(2026, 10, 27, 8, 0, 0);
    expect(createZip(entries, { date }).equals(createZip(entries, { date }))).toBe(true);
    expect(() => createZip([...entries, ...entries])).toThrow(/Duplicate zip entry "manifest\.json"/);
    expect(() => createZip([{ name: '../x', data: Buffer.alloc(0) }])).toThrow(/Invalid zip entry name/);
  });
});

describe('Teams icons', () => {
  it('color.png is a 192x192 full-colour PNG: DIBS blue with a white glyph, no transparency', () => {
    const png = fs.readFileSync(path.join(APP_PACKAGE_DIR, 'color.png'));
    expect(readIhdr(png)).toEqual({ width: 192, height: 192, bitDepth: 8, colorType: 2 });
    const { pixels } = readPixels(png);
    const at = (x: number, y: number): string => pixels.subarray((y * 192 + x) * 3, (y * 192 + x) * 3 + 3).toString('hex');
    expect(at(0, 0)).toBe('00487a');
    expect(at(191, 191)).toBe('00487a');
    expect(at(64, 96)).toBe('ffffff'); // the stem of the D
    expect(at(96, 96)).toBe('00487a'); // inside the D's counter
  });

  it('outline.png is a 32x32 PNG with only white and transparent pixels', () => {
    const png = fs.readFileSync(path.join(APP_PACKAGE_DIR, 'outline.png'));
    expect(readIhdr(png)).toEqual({ width: 32, height: 32, bitDepth: 8, colorType: 6 });
    const { pixels } = readPixels(png);
    let opaque = 0;
    let transparent = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      expect([pixels[i], pixels[i + 1], pixels[i + 2]]).toEqual([255, 255, 255]);
      if (pixels[i + 3] === 255) opaque++;
      if (pixels[i + 3] === 0) transparent++;
    }
    expect(opaque).toBeGreaterThan(100);
    expect(transparent).toBeGreaterThan(500);
  });
});
