import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { z } from 'zod';

/**
 * `npm run teams:package -- --bot-id <guid> [--app-id <guid>] [--out <file>]`
 *
 * Builds the Microsoft Teams app package (dist/appPackage/dibs-helpdesk.zip) from appPackage/:
 * substitutes ${{BOT_ID}} and ${{TEAMS_APP_ID}} in manifest.json, validates the result, and zips
 * manifest.json with the files it references (icons, localization files) at the zip's root.
 * Ids come from the flags or from the environment (BOT_ID, TEAMS_APP_ID); the app id defaults to the bot id.
 */

export const ROOT_DIR = path.resolve(__dirname, '..');
export const APP_PACKAGE_DIR = path.join(ROOT_DIR, 'appPackage');
export const DEFAULT_OUT_FILE = path.join(ROOT_DIR, 'dist', 'appPackage', 'dibs-helpdesk.zip');

/** Icon sizes Teams requires. */
export const ICON_SIZES = { color: { width: 192, height: 192 }, outline: { width: 32, height: 32 } } as const;

export class TeamsPackageError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
    this.name = 'TeamsPackageError';
  }
}

// ---------------------------------------------------------------------------------------------
// Command line and ids

export interface PackageIds {
  botId?: string;
  appId?: string;
}

export interface CliOptions extends PackageIds {
  outFile?: string;
  help: boolean;
}

const FLAGS = { '--bot-id': 'botId', '--app-id': 'appId', '--out': 'outFile' } as const;

/** Reads --bot-id, --app-id and --out (as `--flag value` or `--flag=value`); flags win over BOT_ID / TEAMS_APP_ID. */
export function parseCliOptions(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliOptions {
  const options: CliOptions = { help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      options.help = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!(flag in FLAGS)) throw new TeamsPackageError(`Unknown argument "${arg}". Usage: ${USAGE}`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value.trim() === '' || (eq < 0 && value.startsWith('--'))) {
      throw new TeamsPackageError(`${flag} needs a value. Usage: ${USAGE}`);
    }
    options[FLAGS[flag as keyof typeof FLAGS]] = value.trim();
  }
  options.botId ??= nonEmpty(env.BOT_ID);
  options.appId ??= nonEmpty(env.TEAMS_APP_ID);
  return options;
}

const USAGE = 'npm run teams:package -- --bot-id <guid> [--app-id <guid>] [--out <file.zip>]';

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export const GUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Checks the ids and applies the default (app id = bot id). The messages name the flag and variable. */
export function resolveIds(ids: PackageIds): { botId: string; appId: string } {
  const botId = nonEmpty(ids.botId);
  if (botId === undefined) {
    throw new TeamsPackageError(
      'The bot id is missing: pass --bot-id <guid> or set BOT_ID (the Microsoft App ID of the Azure Bot, also used as MicrosoftAppId).',
    );
  }
  if (!GUID_PATTERN.test(botId)) {
    throw new TeamsPackageError(`The bot id (--bot-id / BOT_ID) must be a GUID like 00000000-0000-0000-0000-000000000000, got "${botId}".`);
  }
  const appId = nonEmpty(ids.appId) ?? botId;
  if (!GUID_PATTERN.test(appId)) {
    throw new TeamsPackageError(`The Teams app id (--app-id / TEAMS_APP_ID) must be a GUID, got "${appId}".`);
  }
  return { botId, appId };
}

// ---------------------------------------------------------------------------------------------
// Manifest

const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/**
 * Returns a copy of the manifest template with ${{BOT_ID}} and ${{TEAMS_APP_ID}} substituted in every string.
 * Throws if the bot id is missing or not a GUID, or if the template uses any other placeholder.
 */
export function buildManifest(template: unknown, ids: PackageIds): Record<string, unknown> {
  const { botId, appId } = resolveIds(ids);
  const values: Record<string, string> = { BOT_ID: botId, TEAMS_APP_ID: appId };
  const unknownNames = new Set<string>();
  const substitute = (value: unknown): unknown => {
    if (typeof value === 'string') {
      return value.replace(PLACEHOLDER, (match, name: string) => {
        const replacement = values[name];
        if (replacement === undefined) unknownNames.add(name);
        return replacement ?? match;
      });
    }
    if (Array.isArray(value)) return value.map(substitute);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v)]));
    }
    return value;
  };
  if (template === null || typeof template !== 'object' || Array.isArray(template)) {
    throw new TeamsPackageError('The manifest template must be a JSON object.');
  }
  const manifest = substitute(template) as Record<string, unknown>;
  if (unknownNames.size > 0) {
    throw new TeamsPackageError(
      `The manifest uses placeholders this script does not fill: ${[...unknownNames].map((n) => `\${{${n}}}`).join(', ')} (only \${{BOT_ID}} and \${{TEAMS_APP_ID}} are supported).`,
    );
  }
  return manifest;
}

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*)?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/;
const SCHEMA_URL = /^https:\/\/developer\.microsoft\.com\/(?:en-us\/)?json-schemas\/teams\/v(\d+\.\d+)\/MicrosoftTeams\.schema\.json$/;
const LOCALIZATION_SCHEMA_URL =
  /^https:\/\/developer\.microsoft\.com\/(?:en-us\/)?json-schemas\/teams\/v(\d+\.\d+)\/MicrosoftTeams\.Localization\.schema\.json$/;
const LANGUAGE_TAG = /^[A-Za-z0-9]{1,8}(?:-[A-Za-z0-9]{1,8}){0,2}$/;
const DOMAIN = /^(?:\*\.)?(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(?::\d{1,5})?$/;

const guid = z.string().regex(GUID_PATTERN, 'must be a GUID');
const httpsUrl = z.string().max(2048).url('must be a URL').startsWith('https://', 'must be an https:// URL');
const relativePath = z
  .string()
  .min(1)
  .max(2048)
  .refine((p) => !p.startsWith('/') && !p.includes('\\') && !p.split('/').includes('..') && !/^[a-z]+:/i.test(p), 'must be a relative path inside the package');
const botScope = z.enum(['personal', 'team', 'groupChat']);
const uniqueList = <T>(items: T[]): boolean => new Set(items).size === items.length;
const scopeList = z.array(botScope).min(1).max(3, 'at most 3 scopes').refine(uniqueList, 'scopes must be unique');

export const commandSchema = z
  .object({
    title: z.string().min(1).max(32),
    description: z.string().min(1).max(128),
  })
  .passthrough();

export const botSchema = z
  .object({
    botId: guid,
    scopes: scopeList,
    supportsFiles: z.boolean().optional(),
    isNotificationOnly: z.boolean().optional(),
    supportsCalling: z.boolean().optional(),
    supportsVideo: z.boolean().optional(),
    commandLists: z
      .array(
        z.object({
          scopes: scopeList,
          commands: z.array(commandSchema).min(1).max(10, 'at most 10 commands per list'),
        }),
      )
      .max(3)
      .optional(),
  })
  .passthrough()
  .superRefine((bot, ctx) => {
    const seenScopes = new Set<string>();
    bot.commandLists?.forEach((list, i) => {
      for (const scope of list.scopes) {
        if (!bot.scopes.includes(scope)) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['commandLists', i, 'scopes'], message: `scope "${scope}" is not one of the bot's scopes` });
        }
        if (seenScopes.has(scope)) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['commandLists', i, 'scopes'], message: `scope "${scope}" has more than one command list` });
        }
        seenScopes.add(scope);
      }
      const titles = list.commands.map((c) => c.title.toLowerCase());
      if (!uniqueList(titles)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['commandLists', i, 'commands'], message: 'command titles must be unique' });
      }
    });
  });

export const manifestSchema = z
  .object({
    $schema: z.string().regex(SCHEMA_URL, 'must be https://developer.microsoft.com/json-schemas/teams/v1.N/MicrosoftTeams.schema.json'),
    manifestVersion: z.string().regex(/^1\.\d+$/, 'must be a version like "1.30"'),
    version: z.string().max(256).regex(SEMVER, 'must be a semantic version like 1.0.0'),
    id: guid,
    developer: z
      .object({
        name: z.string().min(1).max(32),
        websiteUrl: httpsUrl,
        privacyUrl: httpsUrl,
        termsOfUseUrl: httpsUrl,
        mpnId: z.string().max(10).optional(),
      })
      .passthrough(),
    name: z.object({ short: z.string().min(1).max(30), full: z.string().min(1).max(100).optional() }),
    description: z.object({ short: z.string().min(1).max(80), full: z.string().min(1).max(4000) }),
    icons: z.object({ color: relativePath, outline: relativePath }),
    accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #00487A'),
    defaultInstallScope: z.enum(['personal', 'team', 'groupChat', 'meetings', 'copilot']).optional(),
    bots: z.array(botSchema).max(1).optional(),
    validDomains: z
      .array(z.string().max(2048).regex(DOMAIN, 'must be a host name like www.dibs.dk or *.dibs.dk (no https://, no path)'))
      .max(16)
      .refine(uniqueList, 'domains must be unique')
      .optional(),
    localizationInfo: z
      .object({
        defaultLanguageTag: z.string().regex(LANGUAGE_TAG, 'must be a language tag like da-dk'),
        defaultLanguageFile: relativePath.optional(),
        additionalLanguages: z
          .array(z.object({ languageTag: z.string().regex(LANGUAGE_TAG, 'must be a language tag like en-us'), file: relativePath }))
          .optional(),
      })
      .optional(),
  })
  .passthrough()
  .superRefine((m, ctx) => {
    const schemaVersion = SCHEMA_URL.exec(m.$schema)?.[1];
    if (schemaVersion !== undefined && schemaVersion !== m.manifestVersion) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['manifestVersion'], message: `is "${m.manifestVersion}" but $schema is for v${schemaVersion}` });
    }
    const tags = [m.localizationInfo?.defaultLanguageTag, ...(m.localizationInfo?.additionalLanguages ?? []).map((l) => l.languageTag)]
      .filter((t): t is string => t !== undefined)
      .map((t) => t.toLowerCase());
    if (!uniqueList(tags)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['localizationInfo'], message: 'language tags must be unique' });
    }
  });
export type TeamsManifest = z.infer<typeof manifestSchema>;

/** Keys a localization file may hold (Teams localization schema), with their maximum lengths. */
const LOCALIZED_KEYS: Array<[RegExp, number]> = [
  [/^name\.short$/, 30],
  [/^name\.full$/, 100],
  [/^description\.short$/, 80],
  [/^description\.full$/, 4000],
  [/^bots\[0\]\.commandLists\[[0-2]\]\.commands\[[0-9]\]\.title$/, 32],
  [/^bots\[0\]\.commandLists\[[0-2]\]\.commands\[[0-9]\]\.description$/, 128],
];

export const localizationSchema = z
  .record(z.string(), z.unknown())
  .superRefine((file, ctx) => {
    for (const [key, value] of Object.entries(file)) {
      if (key === '$schema') {
        if (typeof value !== 'string' || !LOCALIZATION_SCHEMA_URL.test(value)) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: 'must be the MicrosoftTeams.Localization.schema.json URL' });
        }
        continue;
      }
      const rule = LOCALIZED_KEYS.find(([pattern]) => pattern.test(key));
      if (rule === undefined) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: 'is not a key this package localizes' });
      } else if (typeof value !== 'string' || value.length === 0 || value.length > rule[1]) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: `must be a string of 1 to ${rule[1]} characters` });
      }
    }
    for (const required of ['name.short', 'description.short', 'description.full']) {
      if (!(required in file)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [required], message: 'is required' });
    }
  });

/** Formats a zod path as `bots[0].commandLists[1].commands`. */
function formatPath(segments: ReadonlyArray<string | number>): string {
  return segments.reduce<string>((acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : acc === '' ? s : `${acc}.${s}`), '') || '(root)';
}

function valueAt(root: unknown, segments: ReadonlyArray<string | number>): unknown {
  let node = root;
  for (const s of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[s];
  }
  return node;
}

function zodProblems(error: z.ZodError, input: unknown, prefix = ''): string[] {
  return error.issues.map((issue) => {
    const value = valueAt(input, issue.path);
    const got = typeof value === 'string' && value.length <= 80 ? ` (got "${value}")` : '';
    return `${prefix}${formatPath(issue.path)}: ${issue.message}${got}`;
  });
}

/** Width and height from a PNG's IHDR chunk, or undefined if the bytes are not a PNG. */
export function readPngSize(png: Buffer): { width: number; height: number } | undefined {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 24 || !png.subarray(0, 8).equals(signature) || png.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * Validates a built manifest against the schema above and against the package's files
 * (`files`: file name in the package -> content): no placeholder left, icons present as PNGs of the
 * right size, localization files present and valid. Returns the typed manifest or throws a
 * TeamsPackageError listing every problem with its path.
 */
export function validateManifest(manifest: unknown, files: ReadonlyMap<string, Buffer> = new Map()): TeamsManifest {
  const problems: string[] = [];
  const leftover = JSON.stringify(manifest).match(PLACEHOLDER);
  if (leftover !== null) problems.push(`(root): placeholders left unsubstituted: ${[...new Set(leftover)].join(', ')}`);

  const parsed = manifestSchema.safeParse(manifest);
  if (!parsed.success) {
    problems.push(...zodProblems(parsed.error, manifest));
    throw new TeamsPackageError(`Invalid Teams manifest:\n  ${problems.join('\n  ')}`, problems);
  }
  const m = parsed.data;

  for (const kind of ['color', 'outline'] as const) {
    const file = m.icons[kind];
    const content = files.get(file);
    const expected = ICON_SIZES[kind];
    if (content === undefined) {
      problems.push(`icons.${kind}: file "${file}" is not in the package`);
      continue;
    }
    const size = readPngSize(content);
    if (size === undefined) problems.push(`icons.${kind}: "${file}" is not a PNG`);
    else if (size.width !== expected.width || size.height !== expected.height) {
      problems.push(`icons.${kind}: "${file}" is ${size.width}x${size.height}, Teams needs ${expected.width}x${expected.height}`);
    }
  }

  const languageFiles = [
    ...(m.localizationInfo?.defaultLanguageFile !== undefined ? [m.localizationInfo.defaultLanguageFile] : []),
    ...(m.localizationInfo?.additionalLanguages ?? []).map((l) => l.file),
  ];
  languageFiles.forEach((file) => {
    const content = files.get(file);
    if (content === undefined) {
      problems.push(`localizationInfo: file "${file}" is not in the package`);
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(content.toString('utf8'));
    } catch (error: unknown) {
      problems.push(`${file}: not valid JSON (${(error as Error).message})`);
      return;
    }
    const result = localizationSchema.safeParse(json);
    if (!result.success) problems.push(...zodProblems(result.error, json, `${file}: `));
    else {
      for (const key of Object.keys(result.data)) {
        const match = /^bots\[0\]\.commandLists\[(\d)\]\.commands\[(\d)\]/.exec(key);
        if (match !== null && m.bots?.[0]?.commandLists?.[Number(match[1])]?.commands[Number(match[2])] === undefined) {
          problems.push(`${file}: ${key}: the manifest has no such command`);
        }
      }
    }
  });

  if (problems.length > 0) throw new TeamsPackageError(`Invalid Teams manifest:\n  ${problems.join('\n  ')}`, problems);
  return m;
}

// ---------------------------------------------------------------------------------------------
// ZIP (PKWARE APPNOTE: local file headers, central directory, end of central directory record)

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, as used by ZIP and PNG). */
export function crc32(data: Uint8Array, previous = 0): number {
  let crc = ~previous >>> 0;
  // The index is masked to 0..255, the table's length: `?? 0` is never taken.
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return ~crc >>> 0;
}

export interface ZipEntry {
  name: string;
  data: Buffer;
}

function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getFullYear(), 1980), 2107);
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

/**
 * A ZIP archive of the entries, in order: deflated (method 8) unless deflating does not make the
 * entry smaller, then stored (method 0). No ZIP64, so entries and archive stay below 4 GiB.
 */
export function createZip(entries: readonly ZipEntry[], options: { date?: Date } = {}): Buffer {
  const { time, date } = dosDateTime(options.date ?? new Date());
  const names = new Set<string>();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const { name, data } = entry;
    if (name === '' || name.startsWith('/') || name.includes('\\') || name.split('/').includes('..')) {
      throw new TeamsPackageError(`Invalid zip entry name "${name}"`);
    }
    if (names.has(name)) throw new TeamsPackageError(`Duplicate zip entry "${name}"`);
    names.add(name);
    const nameBytes = Buffer.from(name, 'utf8');
    const deflated = zlib.deflateRawSync(data, { level: 9 });
    const method = deflated.length < data.length ? 8 : 0;
    const body = method === 8 ? deflated : data;
    const crc = crc32(data);
    const flags = /^[\x20-\x7e]*$/.test(name) ? 0 : 0x0800; // bit 11: name is UTF-8
    if (data.length >= 0xffffffff || offset + 30 + nameBytes.length + body.length >= 0xffffffff) {
      throw new TeamsPackageError('Zip too large (ZIP64 is not supported)');
    }

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); // local file header signature
    local.writeUInt16LE(20, 4); // version needed to extract (2.0: deflate)
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18); // compressed size
    local.writeUInt32LE(data.length, 22); // uncompressed size
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28); // extra field length
    locals.push(local, nameBytes, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); // central directory file header signature
    central.writeUInt16LE((3 << 8) | 20, 4); // version made by: UNIX, 2.0
    central.writeUInt16LE(20, 6); // version needed to extract
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt16LE(0, 30); // extra field length
    central.writeUInt16LE(0, 32); // file comment length
    central.writeUInt16LE(0, 34); // disk number start
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: regular file, rw-r--r--
    central.writeUInt32LE(offset, 42); // offset of the local header
    centrals.push(central, nameBytes);

    offset += local.length + nameBytes.length + body.length;
  }
  if (entries.length > 0xffff) throw new TeamsPackageError('Too many zip entries (ZIP64 is not supported)');
  const centralDirectory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory signature
  end.writeUInt16LE(0, 4); // number of this disk
  end.writeUInt16LE(0, 6); // disk with the central directory
  end.writeUInt16LE(entries.length, 8); // entries on this disk
  end.writeUInt16LE(entries.length, 10); // entries in total
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16); // offset of the central directory
  end.writeUInt16LE(0, 20); // comment length
  return Buffer.concat([...locals, centralDirectory, end]);
}

// ---------------------------------------------------------------------------------------------
// Packaging (file I/O)

export interface PackageOptions extends PackageIds {
  appPackageDir?: string;
  outFile?: string;
  date?: Date;
}

export interface PackageResult {
  outFile: string;
  manifest: TeamsManifest;
  entries: string[];
  bytes: number;
}

/** Reads appPackage/, builds and validates the manifest, writes the zip. */
export function packageTeamsApp(options: PackageOptions): PackageResult {
  const dir = options.appPackageDir ?? APP_PACKAGE_DIR;
  const outFile = path.resolve(options.outFile ?? DEFAULT_OUT_FILE);
  const manifestFile = path.join(dir, 'manifest.json');
  let template: unknown;
  try {
    template = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  } catch (error: unknown) {
    throw new TeamsPackageError(`Cannot read ${manifestFile}: ${(error as Error).message}`);
  }
  const manifest = buildManifest(template, options);

  // The files the manifest references, read from the package folder (a missing one is reported by validation).
  const referenced = new Set<string>();
  const icons = (manifest.icons ?? {}) as Record<string, unknown>;
  for (const icon of [icons.color, icons.outline]) if (typeof icon === 'string') referenced.add(icon);
  const localization = (manifest.localizationInfo ?? {}) as { defaultLanguageFile?: unknown; additionalLanguages?: unknown };
  if (typeof localization.defaultLanguageFile === 'string') referenced.add(localization.defaultLanguageFile);
  if (Array.isArray(localization.additionalLanguages)) {
    for (const l of localization.additionalLanguages as Array<{ file?: unknown }>) if (typeof l?.file === 'string') referenced.add(l.file);
  }
  const files = new Map<string, Buffer>();
  for (const name of referenced) {
    const file = path.resolve(dir, name);
    if (file.startsWith(path.resolve(dir) + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) files.set(name, fs.readFileSync(file));
  }

  const valid = validateManifest(manifest, files);
  const entries: ZipEntry[] = [
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8') },
    ...[...files].map(([name, data]) => ({ name, data })),
  ];
  const zip = createZip(entries, { date: options.date });
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, zip);
  return { outFile, manifest: valid, entries: entries.map((e) => e.name), bytes: zip.length };
}

export function main(argv: readonly string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): number {
  try {
    const options = parseCliOptions(argv, env);
    if (options.help) {
      console.log(`Usage: ${USAGE}\nIds may also come from BOT_ID and TEAMS_APP_ID; the app id defaults to the bot id.`);
      return 0;
    }
    const result = packageTeamsApp(options);
    const bot = result.manifest.bots?.[0]?.botId;
    console.log(
      `Wrote ${path.relative(process.cwd(), result.outFile) || result.outFile} (${result.bytes} bytes): ${result.entries.join(', ')}\n` +
        `  app "${result.manifest.name.short}" ${result.manifest.version}, manifest ${result.manifest.manifestVersion}, app id ${result.manifest.id}, bot id ${bot ?? '-'}`,
    );
    return 0;
  } catch (error: unknown) {
    if (error instanceof TeamsPackageError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) process.exitCode = main();
