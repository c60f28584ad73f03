import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A new temporary folder for one test's files (SQLite database, mail outbox, copied knowledge). */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `dibs-${prefix}-`));
}
