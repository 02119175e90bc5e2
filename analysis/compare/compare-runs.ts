import { StagecraftError } from '../../core/errors.js';
import { compareText } from '../ingest/ndjson.js';
import type { LoadedRun } from '../ingest/types.js';
import { computeRunStats, type LoadModel, type RunStats } from '../model/run-stats.js';
import { adjustFamilies } from './adjust-families.js';
import { finishRow, type Draft, type EndpointId } from './draft.js';
import { errorRateDraft } from './error-rate-row.js';
import { resolveCompareOptions } from './options.js';
import { achievedRate, rateShortfall, targetRate } from './arrival-rate.js';
import { rowBudget, rowErrorRateBudget } from './budgets.js';
import { calibratedRunSd } from './calibration.js';
import { comparisonSeed, effectSizes } from './effect-sizes.js';
import { latencyDraft, throughputDraft, type RatioRowContext } from './ratio-rows.js';
import { judgeSlos, type SloJudgment } from './slo-judgments.js';
import { mismatchedUnits, unitMismatch } from './units.js';
import type { SloMetadata } from '../../core/scenario-metadata.js';
import {
  type CompareOptions,
  type Comparison,
  type ComparisonRow,
  INCONCLUSIVE_REASONS,
  type CalibrationSummary,
  type OverallSummary,
  type ResolvedCompareOptions,
  type RunSummary,
  type ServiceSummary,
  type SummaryReason,
  type Verdict,
} from './types.js';
import { countVerdicts, worstOf } from './verdict-tally.js';

/**
 * Compares candidate runs with baseline runs, treating each run as one observation
 * (stats-methods §3): per (service, endpoint) rows for p50, p95, p99, mean, error rate and
 * throughput, Holm across gating rows, and the PASS/WARN/FAIL rule of §3.9. Deterministic: the
 * same runs and options give the same result, with no wall-clock time unless
 * `options.generatedAt` is given.
 *
 * @throws StagecraftError `invalid-input` when a side has no runs, when options are out of
 *   range, or when the sides ran different scenario scripts (unless `allowDifferentScenarios`)
 */
export function compareRuns(
  baseline: readonly LoadedRun[],
  candidate: readonly LoadedRun[],
  options: CompareOptions = {},
): Comparison {
  const resolved = resolveCompareOptions(options);
  if (baseline.length === 0 || candidate.length === 0) {
    throw new StagecraftError({
      code: 'invalid-input',
      message: `nothing to compare: ${baseline.length} baseline and ${candidate.length} candidate runs`,
      fix: 'pass at least one run for each side (2 or more, ideally 5, for a significance test)',
    });
  }
  const notes: string[] = [];
  checkScenarios(baseline, candidate, resolved.allowDifferentScenarios, notes);
  checkLoadProfiles(baseline, candidate, resolved.allowDifferentScenarios, notes);
  const seed = comparisonSeed(baseline, candidate, resolved);

  const baseStats = baseline.map(computeRunStats);
  const candStats = candidate.map(computeRunStats);
  const model = comparisonModel([...baseStats, ...candStats]);
  const dropped = {
    baselineDropped: baseStats.reduce((total, run) => total + run.droppedIterations, 0),
    candidateDropped: candStats.reduce((total, run) => total + run.droppedIterations, 0),
    baselineShortfall: model === 'open' ? rateShortfall(baseline, baseStats) : null,
    candidateShortfall: model === 'open' ? rateShortfall(candidate, candStats) : null,
  };

  const { calibration } = options;
  const [onlyBaseline, onlyCandidate] = [baseline[0], candidate[0]];
  const context: RatioRowContext = {
    singleRuns: baseline.length === 1 && candidate.length === 1 && onlyBaseline && onlyCandidate ? { baseline: onlyBaseline, candidate: onlyCandidate } : null,
    budget: (id, metric) => rowBudget(resolved, calibration, id, metric),
    runSd: (id, metric) => calibratedRunSd(calibration, id.service, id.endpoint, metric),
  };
  const ids = endpointIds([...baseStats, ...candStats]);
  const drafts: Draft[] = [];
  for (const id of ids) {
    const mismatch = unitMismatch(id, baseline, candidate);
    for (const metric of ['p50', 'p95', 'p99', 'mean'] as const) {
      const draft = latencyDraft(id, metric, baseStats, candStats, resolved, context);
      drafts.push(mismatch === null ? draft : mismatchedUnits(draft, mismatch));
    }
    drafts.push(errorRateDraft(id, baseStats, candStats, resolved, rowErrorRateBudget(resolved, id)));
    drafts.push(throughputDraft(id, baseStats, candStats, resolved, { ...context, gating: model === 'closed', ...dropped }));
  }

  const rows = adjustAndFinish(drafts);
  const slos = judgeSlos(sloMetadata(baseline, candidate), baseline, candidate);
  const baselineRuns = baseline.map((run, i) => runSummary(run, baseStats[i] as RunStats));
  const candidateRuns = candidate.map((run, i) => runSummary(run, candStats[i] as RunStats));
  addNotes(notes, { baseline, candidate, baseStats, candStats, model, rows });

  const qualityIssues = [...baselineRuns, ...candidateRuns].some((run) => run.quality.length > 0);
  const services = serviceSummaries(rows, slos);
  const overall = overallSummary(rows, slos, qualityIssues, baseline.length, candidate.length);
  if (resolved.calibration !== null) notes.push(calibrationNote(resolved.calibration, resolved));
  return {
    schemaVersion: 1,
    ...(options.generatedAt === undefined ? {} : { generatedAt: options.generatedAt }),
    seed,
    options: resolved,
    overall,
    services,
    rows,
    slos,
    effectSizes: effectSizes(ids, baseline, candidate, seed),
    runs: { baseline: baselineRuns, candidate: candidateRuns },
    notes,
  };
}

/** Holm over the gating family, Benjamini–Hochberg over the informational one, then verdicts. */
function adjustAndFinish(drafts: readonly Draft[]): ComparisonRow[] {
  const adjusted = adjustFamilies(drafts);
  return drafts.map((draft) => finishRow(draft, adjusted.get(draft) ?? null));
}

function endpointIds(runs: readonly RunStats[]): EndpointId[] {
  const ids = new Map<string, EndpointId>();
  for (const run of runs) {
    for (const { service, endpoint } of run.endpoints) ids.set(`${service}\u0000${endpoint}`, { service, endpoint });
  }
  return [...ids.values()].sort((a, b) => compareText(a.service, b.service) || compareText(a.endpoint, b.endpoint));
}

/** `closed` only when every run is known to be closed-model; `open` when any is open or mixed. */
function comparisonModel(runs: readonly RunStats[]): LoadModel {
  if (runs.every((run) => run.loadModel === 'closed')) return 'closed';
  if (runs.some((run) => run.loadModel === 'open' || run.loadModel === 'mixed')) return 'open';
  return 'unknown';
}

function checkScenarios(baseline: readonly LoadedRun[], candidate: readonly LoadedRun[], allow: boolean, notes: string[]): void {
  const hashes = (runs: readonly LoadedRun[]): (string | null)[] => runs.map((run) => run.manifest?.scenario.contentHash ?? null);
  const base = hashes(baseline);
  const cand = hashes(candidate);
  if ([...base, ...cand].some((hash) => hash === null)) {
    if ([...base, ...cand].some((hash) => hash !== null)) {
      notes.push('Some runs have no manifest, so it is not known whether both sides ran the same scenario script.');
    }
    return;
  }
  const distinct = [...new Set([...base, ...cand])];
  if (distinct.length <= 1) return;
  const describe = (list: readonly (string | null)[]): string => [...new Set(list)].map((h) => short(h ?? '')).join(', ');
  const text = `baseline runs ran scenario script ${describe(base)} and candidate runs ran ${describe(cand)}`;
  if (!allow) {
    throw new StagecraftError({
      code: 'invalid-input',
      message: `the runs did not all run the same scenario: ${text}`,
      fix: 'compare runs of the same compiled scenario (re-run one side), or allow it explicitly with allowDifferentScenarios (`--allow-different-scenarios`) when the script change is intended',
    });
  }
  notes.push(`Different scenario scripts were allowed: ${text}. Differences may come from the test, not the system.`);
}

/** What decides the load of a run: the executors' options and any load flags given to k6. */
function loadProfile(run: LoadedRun): string | null {
  const manifest = run.manifest;
  if (manifest === null) return null;
  const scenarios = manifest.scenario.metadata?.scenarios.map((scenario) => ({ name: scenario.name, options: scenario.options })) ?? null;
  const flags = manifest.k6.argv.filter((arg, i, argv) => LOAD_FLAGS.test(arg) || LOAD_FLAGS.test(argv[i - 1] ?? ''));
  return JSON.stringify({ scenarios, flags });
}

/** k6 flags that change the load (VUs, duration, iterations, stages, segments, rate limits). */
const LOAD_FLAGS = /^(-u|--vus|-d|--duration|-i|--iterations|-s|--stage|--execution-segment(-sequence)?|--rps)(=|$)/;

function checkLoadProfiles(baseline: readonly LoadedRun[], candidate: readonly LoadedRun[], allow: boolean, notes: string[]): void {
  const profiles = [...baseline, ...candidate].map(loadProfile);
  const known = profiles.filter((profile): profile is string => profile !== null);
  if (new Set(known).size <= 1) return;
  const text = 'the runs were made with different load profiles (executor options or k6 load flags differ between manifests)';
  if (!allow) {
    throw new StagecraftError({
      code: 'invalid-input',
      message: `refusing to compare: ${text}; latency and throughput under different load are not comparable`,
      fix: 'run both sides with the same scenario and k6 flags, or allow it explicitly with --allow-different-scenarios',
    });
  }
  notes.push(`Different load profiles were allowed: ${text}.`);
}

function short(hash: string): string {
  return hash.startsWith('sha256:') ? `sha256:${hash.slice(7, 19)}` : hash.slice(0, 19);
}

function runSummary(run: LoadedRun, stats: RunStats): RunSummary {
  return {
    id: run.id,
    label: run.label,
    source: run.source,
    samplesFile: run.samples.file,
    scenario: run.manifest?.scenario.name ?? null,
    contentHash: run.manifest?.scenario.contentHash ?? null,
    k6Version: run.manifest?.k6.version ?? null,
    exitCode: stats.exitCode,
    outcome: stats.outcome,
    loadModel: stats.loadModel,
    window: run.samples.window,
    windowSeconds: stats.windowSeconds,
    requests: stats.endpoints.reduce((total, e) => total + e.requests, 0),
    iterations: stats.iterations,
    droppedIterations: stats.droppedIterations,
    targetRate: targetRate(run),
    achievedRate: achievedRate(stats),
    truncated: run.samples.truncated,
    issueCount: run.samples.issueCount,
    issues: run.samples.issues,
    quality: run.quality,
  };
}

/** Something with a verdict: a comparison row or an SLO judgment. */
interface Judged {
  readonly service: string;
  readonly endpoint: string | null;
  readonly verdict: Verdict;
  readonly reason: ComparisonRow['reason'];
}

function summaryReason(worst: Judged | undefined): SummaryReason {
  return worst === undefined || worst.verdict === 'PASS' ? 'no-regression' : worst.reason;
}

function serviceSummaries(rows: readonly ComparisonRow[], slos: readonly SloJudgment[]): ServiceSummary[] {
  const services = [...new Set([...rows.map((row) => row.service), ...slos.map((slo) => slo.service)])];
  return services.map((service) => {
    const own = [...rows.filter((row) => row.service === service), ...slos.filter((slo) => slo.service === service)];
    const worst = worstOf(own);
    return {
      service,
      verdict: worst?.verdict ?? 'PASS',
      reason: summaryReason(worst),
      counts: countVerdicts(own),
      endpoints: [...new Set(rows.filter((row) => row.service === service).map((row) => row.endpoint))],
    };
  });
}

function overallSummary(rows: readonly ComparisonRow[], slos: readonly SloJudgment[], qualityIssues: boolean, baseRuns: number, candRuns: number): OverallSummary {
  const counts = countVerdicts(rows);
  const sloCounts = countVerdicts(slos);
  const worst = worstOf<Judged>([...rows, ...slos]);
  const inconclusive = counts.FAIL === 0 && sloCounts.FAIL === 0 && rows.some((row) => row.verdict === 'WARN' && INCONCLUSIVE_REASONS.includes(row.reason));
  const sloTally = slos.length === 0 ? '' : `; SLOs: ${sloCounts.FAIL} FAIL, ${sloCounts.WARN} WARN, ${sloCounts.PASS} PASS`;
  const tally = `${counts.FAIL} FAIL, ${counts.WARN} WARN, ${counts.PASS} PASS rows from ${baseRuns} baseline and ${candRuns} candidate run(s)${sloTally}`;
  const base = { counts, slos: sloCounts, inconclusive };
  if (rows.length === 0) {
    return { ...base, verdict: 'WARN', reason: 'no-samples', inconclusive: true, message: 'No request samples on either side: nothing was compared.' };
  }
  if (worst === undefined || worst.verdict === 'PASS') {
    if (qualityIssues) {
      return { ...base, verdict: 'WARN', reason: 'data-quality', message: `Every row passed, but some runs have data-quality problems (see the notes): ${tally}.` };
    }
    return { ...base, verdict: 'PASS', reason: 'no-regression', message: `No regression found: ${tally}.` };
  }
  const what = 'metric' in worst ? (worst as ComparisonRow).metric : `SLO ${(worst as SloJudgment).statistic}`;
  const first = `${worst.service}${worst.endpoint === null ? '' : ` ${worst.endpoint}`} ${what}: ${worst.reason}`;
  const lead = worst.verdict === 'FAIL' ? (worst.reason === 'slo-critical-breach' ? 'Critical SLO breach' : 'Regression beyond budget') : 'Not a clean pass';
  return { ...base, verdict: worst.verdict, reason: worst.reason, message: `${lead} (first: ${first}); ${tally}.` };
}

/** The SLOs declared in the runs' scenario metadata (the first manifest that has any). */
function sloMetadata(baseline: readonly LoadedRun[], candidate: readonly LoadedRun[]): readonly SloMetadata[] {
  for (const run of [...baseline, ...candidate]) {
    const slos = run.manifest?.scenario.metadata?.slos;
    if (slos !== undefined) return slos;
  }
  return [];
}

function calibrationNote(calibration: CalibrationSummary, options: ResolvedCompareOptions): string {
  const noise = Object.entries(calibration.noise)
    .map(([metric, value]) => `${metric} ${(value * 100).toFixed(1)}%`)
    .join(', ');
  const beyond = Object.entries(calibration.noise).filter(([metric, value]) => {
    const fail = options.budgets[metric as keyof ResolvedCompareOptions['budgets']].fail;
    return fail !== null && value > fail;
  });
  const warning = beyond.length === 0 ? '' : ` The measured noise exceeds the FAIL budget for ${beyond.map(([metric]) => metric).join(', ')}: changes of the budget's size cannot be told from noise on this machine.`;
  return `A/A calibration${calibration.source === null ? '' : ` from ${calibration.source}`} (${calibration.runsPerSide.baseline}+${calibration.runsPerSide.candidate} runs, false-alarm rate ${(calibration.falseAlarmRate * 100).toFixed(0)}% of gating rows): noise thresholds raised to the measured noise where larger (${noise}).${warning}`;
}

interface NoteContext {
  readonly baseline: readonly LoadedRun[];
  readonly candidate: readonly LoadedRun[];
  readonly baseStats: readonly RunStats[];
  readonly candStats: readonly RunStats[];
  readonly model: LoadModel;
  readonly rows: readonly ComparisonRow[];
}

function addNotes(notes: string[], context: NoteContext): void {
  const { baseline, candidate, model } = context;
  const all = [...baseline, ...candidate];
  const minRuns = Math.min(baseline.length, candidate.length);
  if (minRuns < 2) {
    notes.push('Single-run mode: with one run on a side there is no between-run variance, so latency and throughput rows are not tested (WARN single-run). Run at least 2, ideally 5, runs per side, interleaved.');
  } else if (minRuns < 5) {
    notes.push(`${baseline.length} baseline and ${candidate.length} candidate runs: only changes above the minimum detectable change of each row can be detected; 5 runs per side are recommended.`);
  }
  if (model === 'closed') {
    notes.push('Closed-model scenarios (VUs): throughput is an outcome and gates like latency.');
  } else if (model === 'open') {
    notes.push('Open-model (arrival-rate) scenarios set the request rate, so throughput is informational; dropped_iterations are checked instead.');
  } else {
    notes.push('The load model is unknown (runs without stagecraft scenario metadata), so throughput is informational.');
  }
  const trims = new Set(all.map((run) => `${run.samples.window?.trimStartMs ?? 0}/${run.samples.window?.trimEndMs ?? 0}`));
  if (trims.size > 1) {
    notes.push(`Runs were trimmed differently (start/end ms: ${[...trims].join(', ')}); trim every run the same way.`);
  } else if ([...trims][0] === '0/0') {
    notes.push('No warm-up or ramp-down was trimmed; pass trimStartMs/trimEndMs (the same for every run) to analyse the steady state only.');
  }
  if (context.rows.length > 0 && context.rows.every((row) => row.reason === 'missing-on-one-side')) {
    notes.push('No endpoint appears on both sides. Without `service`/`endpoint` tags, requests are grouped by URL host and `name`; if the sides ran against different hosts or ports, tag requests with `service` and `endpoint` (stagecraft scenarios do) so they can be matched.');
  }
  const sources = new Set(baseline.map((run) => run.source));
  const shared = candidate.filter((run) => sources.has(run.source)).map((run) => run.source);
  if (shared.length > 0) notes.push(`The same run is on both sides: ${shared.join(', ')}.`);
  for (const run of all) for (const flag of run.quality) notes.push(`Run ${run.id}: ${flag.message}`);
}
