import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const skipped = new Set(['node_modules', 'dist', 'data', 'test-artifacts', '.git']);

/** The top-level folders and files that hold TypeScript sources. */
function sourceRoots(): string[] {
  return fs.readdirSync(root, { withFileTypes: true }).flatMap((entry) => {
    if (skipped.has(entry.name) || entry.name.startsWith('.')) return [];
    if (entry.isFile()) return entry.name.endsWith('.ts') ? [entry.name] : [];
    if (!entry.isDirectory()) return [];
    const files = fs.readdirSync(path.join(root, entry.name), { recursive: true, encoding: 'utf8' });
    return files.some((file) => file.endsWith('.ts') && !file.split(path.sep).includes('node_modules')) ? [entry.name] : [];
  });
}

describe('tsconfig.json', () => {
  const config = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8')) as { include: string[]; compilerOptions: Record<string, unknown> };

  it('type-checks every folder and top-level file with TypeScript sources', () => {
    const covered = (name: string): boolean => config.include.some((pattern) => pattern === name || pattern.split('/')[0] === name);
    const roots = sourceRoots();
    expect(roots).toEqual(expect.arrayContaining(['bot', 'accounts', 'lib', 'test']));
    expect(roots.filter((name) => !covered(name))).toEqual([]);
  });

  it('is strict, with unchecked index reads refused', () => {
    expect(config.compilerOptions).toMatchObject({ strict: true, noUncheckedIndexedAccess: true });
  });
});
