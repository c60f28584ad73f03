import type { QuestionOutcome } from '../store/types';
import type { DailyRate, SupportReport, Totals } from './reportModel';

/**
 * The support report as plain text (for the terminal) and as one self-contained HTML file: inline
 * CSS and inline SVG charts, no scripts, no external assets. Every stored text is HTML-escaped.
 */

const pct = (x: number | undefined): string => (x === undefined ? '–' : `${(x * 100).toFixed(1)} %`);
const fmtDate = (d: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
const shortDay = (day: string): string => `${day.slice(8, 10)}.${day.slice(5, 7)}`;

export function escapeHtml(text: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  return text.replace(/[&<>"']/g, (ch) => entities[ch] ?? ch);
}

function totalsLine(t: Totals): string {
  return `${t.questions} questions, answered ${pct(t.answerRate)} (${t.answered}, of which ${t.lowConfidence} with low confidence), ` +
    `clarified ${t.clarify}, not answered ${t.fallback}, handoffs ${t.handoffs} (${pct(t.handoffRate)}), feedback 👍 ${t.feedbackUp} / 👎 ${t.feedbackDown}`;
}

export function renderText(report: SupportReport): string {
  const lines: string[] = [];
  const { days } = report;
  lines.push(`DIBS helpdesk – support report ${days[0]} – ${days[days.length - 1]} (${report.timeZone})`);
  lines.push(`Total: ${totalsLine(report.totals)}`);
  lines.push('');
  lines.push('Top unanswered questions (grouped by similarity; stored without digits, e-mails and card numbers)');
  if (report.groups.length === 0) lines.push('  none');
  report.groups.forEach((g, i) => {
    const how = (['fallback', 'low-confidence', 'clarify'] as const).filter((o) => g.outcomes[o] > 0).map((o) => `${o} ${g.outcomes[o]}`).join(', ');
    lines.push(`  ${String(i + 1).padStart(2)}. ${String(g.size).padStart(4)}×  "${g.representative}"  [${g.language}; ${how}]`);
    if (g.variants.length > 0) lines.push(`             also: ${g.variants.map((v) => `"${v}"`).join(', ')}`);
    lines.push(`             nearest FAQ entry: ${g.suggestion ? `${g.suggestion.entryId} ("${g.suggestion.title}", confidence ${g.suggestion.confidence.toFixed(2)})` : 'none'}`);
  });
  if (report.moreGroups > 0) lines.push(`  … and ${report.moreGroups} more groups`);
  lines.push('');
  lines.push(`FAQ entries with the worst feedback (at least ${report.minVotes} votes)`);
  if (report.worstEntries.length === 0) lines.push('  none');
  for (const e of report.worstEntries.slice(0, 10)) {
    lines.push(`  ${e.entryId.padEnd(28)} 👎 ${e.down}/${e.total} (${pct(e.downShare)})  👍 ${e.up}${e.downQuestions.length > 0 ? `  e.g. ${e.downQuestions.map((q) => `"${q}"`).join(', ')}` : ''}`);
  }
  lines.push('');
  lines.push('Answer rate and handoff rate by language and channel');
  for (const s of report.series) lines.push(`  ${s.series.padEnd(18)} ${totalsLine(s)}`);
  return lines.join('\n') + '\n';
}

const palette = ['#1c64b8', '#d9480f', '#2b8a3e', '#9c36b5', '#e8590c', '#0b7285', '#5f3dc4', '#c2255c'] as const;
/** The i-th series' colour; the palette repeats after its last colour. */
const colourOf = (i: number): string => palette[i % palette.length] ?? palette[0];
const outcomeColours: Record<Exclude<QuestionOutcome, 'handoff'>, string> = {
  answered: '#2b8a3e',
  'low-confidence': '#94d82d',
  clarify: '#fab005',
  fallback: '#e03131',
};

interface Line {
  name: string;
  colour: string;
  values: (number | undefined)[];
  /** Tooltip per point. */
  notes: string[];
}

const W = 760;
const H = 250;
const M = { left: 48, right: 16, top: 14, bottom: 34 };

function xAt(i: number, n: number): number {
  const plot = W - M.left - M.right;
  return M.left + (n <= 1 ? plot / 2 : (i * plot) / (n - 1));
}

function axes(days: string[], yMax: number, yLabel: (v: number) => string, xPos: (i: number) => number = (i) => xAt(i, days.length)): string {
  const plotH = H - M.top - M.bottom;
  const parts: string[] = [];
  for (let k = 0; k <= 4; k++) {
    const v = (yMax * k) / 4;
    const y = M.top + plotH * (1 - k / 4);
    parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}" class="grid"/>`);
    parts.push(`<text x="${M.left - 6}" y="${y + 4}" class="tick" text-anchor="end">${escapeHtml(yLabel(v))}</text>`);
  }
  const every = Math.max(1, Math.ceil(days.length / 12));
  days.forEach((day, i) => {
    if (i % every === 0 || i === days.length - 1) parts.push(`<text x="${xPos(i).toFixed(1)}" y="${H - M.bottom + 16}" class="tick" text-anchor="middle">${shortDay(day)}</text>`);
  });
  return parts.join('');
}

/** The smallest of a few round numbers that is at least `max`. */
function niceMax(max: number): number {
  return [0.05, 0.1, 0.2, 0.25, 0.5, 1].find((m) => m >= max) ?? 1;
}

function lineChart(label: string, days: string[], lines: Line[], fixedMax?: number): string {
  const plotH = H - M.top - M.bottom;
  const defined = lines.flatMap((l) => l.values.filter((v): v is number => v !== undefined));
  const yMax = fixedMax ?? niceMax(Math.max(0, ...defined));
  const yAt = (v: number): number => M.top + plotH * (1 - v / yMax);
  const parts = [axes(days, yMax, (v) => `${Math.round(v * 100)} %`)];
  for (const line of lines) {
    // Days without questions break the line.
    let run: string[] = [];
    const flush = (): void => {
      if (run.length > 1) parts.push(`<polyline points="${run.join(' ')}" fill="none" stroke="${line.colour}" stroke-width="2"/>`);
      run = [];
    };
    line.values.forEach((v, i) => {
      if (v === undefined) return flush();
      run.push(`${xAt(i, days.length).toFixed(1)},${yAt(v).toFixed(1)}`);
    });
    flush();
    line.values.forEach((v, i) => {
      if (v === undefined) return;
      parts.push(`<circle cx="${xAt(i, days.length).toFixed(1)}" cy="${yAt(v).toFixed(1)}" r="3" fill="${line.colour}"><title>${escapeHtml(`${line.name}, ${days[i]}: ${line.notes[i]}`)}</title></circle>`);
    });
  }
  return `<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${escapeHtml(label)}">${parts.join('')}</svg>`;
}

function stackedBars(report: SupportReport): string {
  const plotH = H - M.top - M.bottom;
  const n = report.days.length;
  const totals = report.volume.map((v) => v.counts.answered + v.counts['low-confidence'] + v.counts.clarify + v.counts.fallback);
  const max = Math.max(1, ...totals);
  const step = Math.pow(10, Math.floor(Math.log10(max)));
  const yMax = Math.ceil(max / step) * step;
  const slot = (W - M.left - M.right) / Math.max(1, n);
  const barW = Math.max(2, Math.min(28, slot * 0.7));
  const parts = [axes(report.days, yMax, (v) => String(Math.round(v)), (i) => M.left + slot * (i + 0.5))];
  report.volume.forEach((v, i) => {
    const x = M.left + slot * i + (slot - barW) / 2;
    let y = M.top + plotH;
    for (const outcome of ['answered', 'low-confidence', 'clarify', 'fallback'] as const) {
      const h = (v.counts[outcome] / yMax) * plotH;
      if (h <= 0) continue;
      y -= h;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${outcomeColours[outcome]}"><title>${escapeHtml(`${v.day}: ${v.counts[outcome]} ${outcome}`)}</title></rect>`);
    }
  });
  return `<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Questions per day by outcome">${parts.join('')}</svg>`;
}

function legend(items: { name: string; colour: string }[]): string {
  return `<p class="legend">${items.map((i) => `<span><i style="background:${i.colour}"></i>${escapeHtml(i.name)}</span>`).join('')}</p>`;
}

function bar(value: number, max: number, colour: string): string {
  const w = max > 0 ? Math.max(1, (value / max) * 120) : 0;
  return `<svg width="124" height="12" aria-hidden="true"><rect x="0" y="1" width="${w.toFixed(1)}" height="10" rx="2" fill="${colour}"/></svg>`;
}

function feedbackBar(up: number, down: number): string {
  const total = Math.max(1, up + down);
  const d = (down / total) * 120;
  return `<svg width="124" height="12" aria-hidden="true"><rect x="0" y="1" width="${d.toFixed(1)}" height="10" fill="#e03131"/><rect x="${d.toFixed(1)}" y="1" width="${(120 - d).toFixed(1)}" height="10" fill="#2b8a3e"/></svg>`;
}

function rateLines(report: SupportReport, pick: (r: DailyRate) => number | undefined, note: (r: DailyRate) => string): Line[] {
  return report.series.map((s, i) => {
    const rows = report.rates.filter((r) => r.series === s.series);
    return { name: s.series, colour: colourOf(i), values: rows.map(pick), notes: rows.map(note) };
  });
}

const css = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#212529;margin:0;background:#f4f6f8}
main{max-width:1100px;margin:0 auto;padding:24px 28px 40px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:34px 0 10px}
.meta{color:#5c636a;margin:0 0 18px}
.kpis{display:grid;grid-template-columns:repeat(5,1fr);gap:12px}
.kpi{background:#fff;border-radius:8px;padding:12px 14px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.kpi b{display:block;font-size:24px}.kpi span{color:#5c636a;font-size:13px}
table{width:100%;border-collapse:collapse;background:#fff;border-radius:8px;overflow:hidden;box-shadow:0 1px 2px rgba(0,0,0,.08)}
th,td{text-align:left;padding:8px 10px;border-bottom:1px solid #e9ecef;vertical-align:top}
th{background:#e9ecef;font-size:13px}td.n{text-align:right;white-space:nowrap}
.q{font-weight:600}.variants{color:#5c636a;font-size:13px;margin:2px 0 0;padding-left:16px}
.small{color:#5c636a;font-size:13px}code{font-size:12px;background:#f1f3f5;padding:1px 4px;border-radius:3px}
.chart{background:#fff;border-radius:8px;padding:10px 12px;box-shadow:0 1px 2px rgba(0,0,0,.08);margin-bottom:12px}
.chart h3{font-size:15px;margin:2px 0 4px}
.legend{margin:4px 0 0;font-size:13px}.legend span{margin-right:16px;white-space:nowrap}
.legend i{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:5px;vertical-align:-1px}
svg .grid{stroke:#e9ecef}svg .tick{font-size:11px;fill:#5c636a}
footer{margin-top:30px;color:#5c636a;font-size:13px}`;

export function renderHtml(report: SupportReport, generatedAt: Date): string {
  const { totals, days, timeZone } = report;
  const title = `Support report ${days[0]} – ${days[days.length - 1]}`;
  const maxGroup = Math.max(0, ...report.groups.map((g) => g.size));
  const kpi = (value: string, label: string): string => `<div class="kpi"><b>${escapeHtml(value)}</b><span>${escapeHtml(label)}</span></div>`;

  const groupRows = report.groups.map((g, i) => {
    const how = (['fallback', 'low-confidence', 'clarify'] as const).filter((o) => g.outcomes[o] > 0).map((o) => `${o} ${g.outcomes[o]}`).join(', ');
    const variants = g.variants.length > 0 ? `<ul class="variants">${g.variants.map((v) => `<li>${escapeHtml(v)}</li>`).join('')}</ul>` : '';
    const suggestion = g.suggestion
      ? `${escapeHtml(g.suggestion.title)}<br><code>${escapeHtml(g.suggestion.entryId)}</code> <span class="small">confidence ${g.suggestion.confidence.toFixed(2)}</span>`
      : '<span class="small">no FAQ entry comes close: a new entry?</span>';
    return `<tr><td class="n">${i + 1}</td><td class="n">${bar(g.size, maxGroup, '#1c64b8')}<br>${g.size}</td><td><div class="q">${escapeHtml(g.representative)}</div>${variants}</td><td class="small">${escapeHtml(g.language)}; ${escapeHtml(how)}</td><td>${suggestion}</td></tr>`;
  });
  const groupsTable = report.groups.length === 0
    ? '<p>No unanswered questions in this period.</p>'
    : `<table><thead><tr><th>#</th><th>asked</th><th>question (representative, and other wordings)</th><th>outcome</th><th>nearest FAQ entry (suggestion)</th></tr></thead><tbody>${groupRows.join('')}</tbody></table>` +
      (report.moreGroups > 0 ? `<p class="small">… and ${report.moreGroups} more groups.</p>` : '');

  const worst = report.worstEntries.slice(0, 10);
  const worstTable = worst.length === 0
    ? `<p>No FAQ entry has ${report.minVotes} or more votes yet.</p>`
    : `<table><thead><tr><th>FAQ entry</th><th>not helpful</th><th>not helpful</th><th>helpful</th><th>asked as (not helpful)</th></tr></thead><tbody>${worst
        .map((e) => `<tr><td>${escapeHtml(e.title)}<br><code>${escapeHtml(e.entryId)}</code></td><td class="n">${feedbackBar(e.up, e.down)}<br>${pct(e.downShare)}</td><td class="n">${e.down}</td><td class="n">${e.up}</td><td class="small">${e.downQuestions.map((q) => escapeHtml(q)).join('<br>')}</td></tr>`)
        .join('')}</tbody></table>`;

  const seriesLegend = legend(report.series.map((s, i) => ({ name: s.series, colour: colourOf(i) })));
  const answerChart = lineChart('Answer rate per day', days, rateLines(report, (r) => r.answerRate, (r) => `${pct(r.answerRate)} (${r.answered}/${r.questions})`), 1);
  const handoffChart = lineChart('Handoff rate per day', days, rateLines(report, (r) => r.handoffRate, (r) => `${pct(r.handoffRate)} (${r.handoffs}/${r.questions})`));
  const seriesRows = report.series
    .map((s) => `<tr><td>${escapeHtml(s.series)}</td><td class="n">${s.questions}</td><td class="n">${pct(s.answerRate)}</td><td class="n">${s.lowConfidence}</td><td class="n">${s.clarify}</td><td class="n">${s.fallback}</td><td class="n">${s.handoffs} (${pct(s.handoffRate)})</td><td class="n">${s.feedbackUp} / ${s.feedbackDown}</td></tr>`)
    .join('');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>
<body>
<main>
<h1>DIBS helpdesk – ${escapeHtml(title)}</h1>
<p class="meta">${days.length} days, ${escapeHtml(timeZone)} · generated ${escapeHtml(fmtDate(generatedAt, timeZone))} · questions are stored without digits, e-mail addresses and card numbers</p>
<section class="kpis">
${kpi(String(totals.questions), 'questions')}
${kpi(pct(totals.answerRate), `answered (${totals.answered}, ${totals.lowConfidence} with low confidence)`)}
${kpi(String(totals.fallback + totals.clarify), `not answered (${totals.fallback}) or clarified (${totals.clarify})`)}
${kpi(pct(totals.handoffRate), `handoffs to a person (${totals.handoffs})`)}
${kpi(`${totals.feedbackUp} · ${totals.feedbackDown}`, 'answers rated helpful · not helpful')}
</section>

<h2>Top unanswered questions</h2>
<p class="small">Questions the bot could not answer, asked back about, or answered with low confidence, grouped by similar words. The suggestion is the FAQ entry that comes closest: add the wording as a phrasing there, or write a new entry.</p>
${groupsTable}

<h2>FAQ entries with the worst feedback</h2>
<p class="small">Share of "not helpful" answers to "did this help?", for entries with at least ${report.minVotes} votes.</p>
${worstTable}

<h2>Answer rate and handoff rate per day</h2>
<div class="chart"><h3>Answer rate (answered / questions)</h3>${answerChart}${seriesLegend}</div>
<div class="chart"><h3>Handoff rate (handoffs / questions)</h3>${handoffChart}${seriesLegend}</div>
<table><thead><tr><th>language · channel</th><th>questions</th><th>answered</th><th>low confidence</th><th>clarified</th><th>not answered</th><th>handoffs</th><th>helpful / not</th></tr></thead><tbody>${seriesRows}</tbody></table>

<h2>Questions per day</h2>
<div class="chart">${stackedBars(report)}${legend((Object.keys(outcomeColours) as (keyof typeof outcomeColours)[]).map((o) => ({ name: o, colour: outcomeColours[o] })))}</div>

<footer>Answer rate = questions answered (also with low confidence) ÷ questions asked; a clarification ("did you mean …?") counts as not answered, the pick that follows as answered. Handoff rate = handoffs to a person ÷ questions asked. Low confidence: below <code>lowConfidenceBelow</code> in <code>knowledge/matching.yaml</code>. Generated by <code>npm run report</code>.</footer>
</main>
</body>
</html>
`;
}
