/**
 * `npm run bench`: the three promises as figures, each against a baseline measured in the same run
 * (these machines are noisy). Prints a table and writes it as JSON to bench/results/latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUNTIME_NODE_OPTIONS } from '../infra/bundling.js';
import { AWS_MS, ackBenchmark, HANDOFF_MS, ROUNDS, SLACK_MS } from './ack.js';
import { buildBundles } from './bundles.js';
import { burst } from './burst.js';
import { coldStarts } from './cold-start.js';

interface Row {
  figure: string;
  value: number;
  baseline?: number;
  target: string;
  pass: boolean;
  unit: string;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

// The AWS SDK's notice about Node.js 20 is not a figure; keep the output to the table.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const started = performance.now();
const bundles = await buildBundles();
const ack = await ackBenchmark(bundles);
const { app: cold, baseline: coldBaseline } = coldStarts(bundles);
const flood = await burst();

const rows: Row[] = [
  {
    figure: 'ack p50',
    value: round(ack.app.p50),
    baseline: round(ack.baseline.p50),
    target: 'informative',
    pass: true,
    unit: 'ms',
  },
  {
    figure: 'ack p95',
    value: round(ack.app.p95),
    baseline: round(ack.baseline.p95),
    target: 'informative',
    pass: true,
    unit: 'ms',
  },
  {
    figure: 'ack p99',
    value: round(ack.app.p99),
    baseline: round(ack.baseline.p99),
    target: '≤ 150 ms',
    pass: ack.app.p99 <= 150,
    unit: 'ms',
  },
  {
    figure: 'ack p99 / baseline p99',
    value: round(ack.p99Ratio, 2),
    target: '≤ 2',
    pass: ack.p99Ratio <= 2,
    unit: '×',
  },
  {
    figure: 'outbound calls before the ack (warm)',
    value: ack.app.maxCallsBeforeAck,
    baseline: ack.baseline.maxCallsBeforeAck,
    target: '≤ 1 (the hand-off)',
    pass: ack.app.maxCallsBeforeAck <= 1,
    unit: 'calls',
  },
  {
    figure: 'requests handed off to the job path',
    value: round(ack.handoffs / (200 * ROUNDS), 2),
    target: '1 per request',
    pass: ack.handoffs === 200 * ROUNDS,
    unit: '',
  },
  {
    figure: 'CPU per request (handler process)',
    value: round(ack.app.cpuMsPerRequest ?? 0, 2),
    baseline: round(ack.baseline.cpuMsPerRequest ?? 0, 2),
    target: 'informative',
    pass: true,
    unit: 'ms',
  },
  {
    figure: 'bundle size',
    value: round(bundles.appBytes / 1024 / 1024, 2),
    baseline: round(bundles.baselineBytes / 1024 / 1024, 2),
    target: '≤ 2 MB',
    pass: bundles.appBytes <= 2 * 1024 * 1024,
    unit: 'MB',
  },
  {
    figure: 'cold start to ready (median of 10)',
    value: round(cold.medianReadyMs),
    baseline: round(coldBaseline.medianReadyMs),
    target: '≤ 1.3 × baseline',
    pass: cold.medianReadyMs <= 1.3 * coldBaseline.medianReadyMs,
    unit: 'ms',
  },
  {
    figure: 'cold start peak memory',
    value: round(cold.peakMemoryMb),
    baseline: round(coldBaseline.peakMemoryMb),
    target: '≤ 128 MB',
    pass: cold.peakMemoryMb <= 128,
    unit: 'MB',
  },
  {
    figure: 'burst: findings',
    value: flood.findings,
    target: '1,000',
    pass: flood.findings === 1000,
    unit: '',
  },
  { figure: 'burst: lost', value: flood.lost, target: '0', pass: flood.lost === 0, unit: '' },
  {
    figure: 'burst: duplicated',
    value: flood.duplicates,
    target: '0',
    pass: flood.duplicates === 0,
    unit: '',
  },
  { figure: 'burst: 429s received', value: flood.rateLimited, target: 'informative', pass: true, unit: '' },
  {
    figure: 'burst: 429s left unhandled',
    value: flood.unhandled429,
    target: '0',
    pass: flood.unhandled429 === 0,
    unit: '',
  },
  {
    figure: 'burst: messages posted (channel + thread)',
    value: flood.channelMessages + flood.threadReplies,
    target: 'informative',
    pass: true,
    unit: '',
  },
  { figure: 'burst: Web API calls', value: flood.webApiCalls, target: 'informative', pass: true, unit: '' },
  {
    figure: 'burst: records redelivered',
    value: flood.redelivered,
    target: 'informative',
    pass: true,
    unit: '',
  },
  {
    figure: 'burst: every finding reachable after',
    value: round(flood.secondsUntilReachable),
    target: '≤ 60 s',
    pass: flood.secondsUntilReachable <= 60 && flood.lost === 0,
    unit: 's',
  },
];

const header = ['figure', 'value', 'baseline', 'target', 'result'];
const lines = rows.map((r) => [
  r.figure,
  `${r.value} ${r.unit}`.trim(),
  r.baseline === undefined ? '' : `${r.baseline} ${r.unit}`.trim(),
  r.target,
  r.target === 'informative' ? '' : r.pass ? 'pass' : 'FAIL',
]);
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
const show = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
console.log(
  [show(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...lines.map(show)].join('\n'),
);
const conditions = `Conditions: 200 Slack-signed requests (half presses, half /access-findings) at concurrency 20 over kept-alive connections, in ${ROUNDS} rounds alternating with the baseline (each percentile and the ratio: the median over rounds); AWS answers in ${AWS_MS} ms, its asynchronous Invoke (the hand-off) in ${HANDOFF_MS} ms; Slack's Web API in ${SLACK_MS} ms. Cold starts: fresh processes, app and baseline alternating, with the function's NODE_OPTIONS (${RUNTIME_NODE_OPTIONS}). Baseline: a Bolt app on the same receiver whose listeners only ack, bundled and served the same way.`;
console.log(`\n${conditions}\nWhole run: ${round((performance.now() - started) / 1000)} s.`);

mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(
  join(import.meta.dirname, 'results/latest.json'),
  `${JSON.stringify({ when: new Date().toISOString(), node: process.version, conditions, rows, ack, cold: { app: cold, baseline: coldBaseline }, burst: flood }, null, 2)}\n`,
);
process.exitCode = rows.every((r) => r.pass) ? 0 : 1;
