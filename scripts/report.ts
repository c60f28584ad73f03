import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../bot/config';
import { KnowledgeBase } from '../knowledge/knowledgeBase';
import { errorMessageOf } from '../lib/errors';
import { openStore } from '../store/openStore';
import { buildReport, dayKey, windowStart } from './reportModel';
import { renderHtml, renderText } from './reportRender';

/**
 * `npm run report [-- --days 30] [--out reports/report.html]`: the support report from the database
 * (DATABASE_URL): top unanswered questions, FAQ entries with the worst feedback, and the daily answer
 * and handoff rates by language and channel. Prints a text version and writes a self-contained HTML file.
 */
interface Args {
  days: number;
  out?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { days: 30 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--days' && value !== undefined && /^\d+$/.test(value) && Number(value) >= 1) {
      args.days = Number(value);
      i++;
    } else if (arg === '--out' && value !== undefined) {
      args.out = value;
      i++;
    } else {
      throw new Error(`unknown or incomplete option "${arg}"\nusage: npm run report -- [--days N (default 30)] [--out file.html]`);
    }
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const kb = KnowledgeBase.load(config.knowledgeDir);
  const store = await openStore(config.databaseUrl);
  try {
    const until = new Date();
    const since = windowStart(until, args.days, kb.timeZone);
    const [questions, feedback] = await Promise.all([store.listQuestionEvents({ since }), store.listFeedback({ since })]);
    const report = buildReport(kb, questions, feedback, { since, until });
    process.stdout.write(renderText(report));
    const out = path.resolve(args.out ?? path.join('reports', `report-${dayKey(until, report.timeZone)}.html`));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, renderHtml(report, until));
    process.stdout.write(`\nHTML report: ${out}\n`);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`report failed: ${errorMessageOf(error)}\n`);
  process.exit(1);
});
