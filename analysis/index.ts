/**
 * Public API of the result analyser: load k6 runs, compare baseline with candidate runs, and
 * write the report. Everything else under `analysis/` is internal.
 */

// Ingestion
export { expandGlob, loadInputs, loadRuns, type LoadedInput, type LoadedSampleRun, type SampleInput, type SummaryInput } from './ingest/load-runs.js';
export { readK6Ndjson, readRawNdjson, type RawReadOptions } from './ingest/ndjson.js';
export { endpointView, type EndpointViewOptions } from './ingest/ndjson-endpoints.js';
export { decodeK6Csv, readK6CsvRun, type CsvFacts, type CsvReadOptions, type CsvRun } from './ingest/csv.js';
export { parseK6Summary, readK6Summary, type K6Summary, type SummaryKind, type SummaryMetric, type SummaryThreshold } from './ingest/summary.js';
export { detectFormat, type DetectedFormat, type K6OutputFormat } from './ingest/detect-format.js';
export { RawRunBuilder, type MetricInfo, type MetricKind, type RawRun, type RawSeries, type ReadFacts, type SampleSink } from './model/raw-run.js';
export { mergeRawRuns } from './model/merge-raw-runs.js';
export { seriesFrom, emptySeries } from './ingest/series.js';
export { KEPT_METRICS } from './ingest/types.js';
export type { Series } from './ingest/series.js';
export type {
  DataQualityFlag,
  EndpointSamples,
  IngestIssue,
  K6Samples,
  KeptMetric,
  LoadedRun,
  MetricDeclaration,
  NdjsonLayout,
  Protocol,
  ReadOptions,
  SteadyWindow,
  TimeSpan,
} from './ingest/types.js';

// Per-run statistics
export { computeRunStats } from './model/run-stats.js';
export type { EndpointRunStats, ErrorSource, LoadModel, RunStats } from './model/run-stats.js';

// Comparison
export { compareRuns } from './compare/compare-runs.js';
export { DEFAULT_COMPARE_OPTIONS, resolveCompareOptions } from './compare/options.js';
export { COMPARED_METRICS, INCONCLUSIVE_REASONS } from './compare/types.js';
export { compareScenarioRuns, exitCodeOf } from './compare/compare-folders.js';
export type { CompareFoldersOptions, ScenarioComparison } from './compare/compare-folders.js';
export { CALIBRATION_FILE, calibrationFrom, readCalibration } from './compare/calibration.js';
export type { CalibrationRow, NoiseCalibration } from './compare/calibration.js';
export { judgeSlos, sloStatus } from './compare/slo-judgments.js';
export type { SloJudgment, SloSide, SloStatus } from './compare/slo-judgments.js';
export { comparisonSeed, effectSizes } from './compare/effect-sizes.js';
export type { EffectSize } from './compare/effect-sizes.js';
export { batchLatencyStatistic, batchRate, lag1Autocorrelation } from './compare/time-batches.js';
export type { BatchedLog } from './compare/time-batches.js';
export { RESOURCE_METRICS } from './compare/types.js';
export type { ResourceBudgetOverrides, ResourceBudgets, ResourceComparison, ResourceMetric, ResourceRow, ResourceUnit, RunResourceSummary } from './compare/types.js';
export { DEFAULT_RESOURCE_BUDGETS, resolveResourceBudgets, resourceRows } from './compare/resource-rows.js';
export { compareResources, withResources, type ResourceSide } from './compare/resource-comparison.js';
export { loadRunResources, loadAllRunResources, type RunResourceData } from './resources/load.js';
export { runResourceSummary, serviceInstants } from './resources/run-figures.js';
export type {
  Budget,
  BudgetOverrides,
  CalibrationSummary,
  ErrorRateBudget,
  Inference,
  ServiceBudgetOverrides,
  ComparedMetric,
  CompareOptions,
  Comparison,
  ComparisonRow,
  LatencyMetric,
  OverallSummary,
  ReasonCode,
  ResolvedCompareOptions,
  RowUnit,
  RunSummary,
  SampleFloor,
  ServiceSummary,
  SideValues,
  SummaryReason,
  TestMethod,
  Verdict,
  VerdictCounts,
} from './compare/types.js';

// Statistics library (quantiles, tests, multiplicity, effect sizes, seeded bootstrap)
export * from './stats/index.js';

// Config file (`stagecraft.config.ts`): budgets per service and endpoint
export * from './config/index.js';

// Per-run statistics of every metric (`stagecraft summarize`)
export { summarize } from './summarize/summarize.js';
export type { Summary, SummaryRun, SummarySeries } from './summarize/types.js';

// Reports
export { renderMarkdown } from './report/markdown.js';
export { writeReport, writeReportFiles, ReportFiles, AUTO_ALL_CHARTS } from './report/write-report.js';
export type { ChartImages, ReportDocument, ReportPaths, WriteReportOptions } from './report/write-report.js';
export { renderJunit } from './report/junit.js';
export { renderHtml } from './report/html/index.js';
export { REPORT_MARKER, MARKDOWN_MAX_CHARS } from './report/markdown.js';
export { appendStepSummary } from './report/step-summary.js';
export { buildChartData } from './report/chart-data.js';
export { reportCharts } from './report/charts/index.js';
export { renderChartSvg, renderChartPng, writeCharts } from './report/render-charts.js';
export type { ChartData, EndpointDistribution, ReportChart, RunTimeline } from './report/chart-data-types.js';
export { trimRun, trimSamples } from './ingest/trim-samples.js';

// Notebook helpers: warm-up detection, shift function, run-level power; chart builders and the default trims
export { mserTruncation, type MserOptions, type MserResult } from './stats/mser-truncation.js';
export { harrellDavisWeights } from './stats/harrell-davis-weights.js';
export { shiftFunction, SHIFT_FUNCTION_DEFAULTS, type ShiftFunction, type ShiftFunctionOptions, type ShiftPoint } from './stats/shift-function.js';
export { powerCurve, runLevelPower, runsForPower, type PowerPoint, type RunPowerInput, type RunsForPowerInput } from './stats/power-curve.js';
export { forestPlotChart, latencyEcdfChart, latencyTimelineChart, loadTimelineChart, throughputTimelineChart, endpointSlos, VEGA_LITE_SCHEMA } from './report/charts/index.js';
export { defaultTrim, plannedLengthMs } from './compare/compare-folders.js';

// k6 thresholds judged from raw samples (distributed runs: over all instances)
export * from './thresholds/index.js';
