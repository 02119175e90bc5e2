/**
 * Server-side resource sampling of the service under test during `stagecraft run`: targets
 * (`--resource SERVICE=pid:…|pattern:…|prometheus:…`), the `/proc` helpers, the Prometheus
 * text parser and the sampler. File format and flags: docs/resources.md.
 */
export { startResourceSampler, OVERHEAD_LIMIT_PERCENT, type ResourceSampler, type ResourceSamplerOptions } from './sampler.js';
export { parseResourceTarget, collectResourceTarget, DEFAULT_PROMETHEUS_METRICS, type ResourceTarget, type PrometheusMetricNames } from './targets.js';
export { parsePrometheusText, metricTotal, fetchExposition, type ParsedExposition, type PrometheusValues } from './prometheus.js';
export { canReadProc, readProcStat, processTimes, machineTimes, findProcesses, openFileCount, TICKS_PER_SECOND, PAGE_SIZE, type ProcStat } from './proc.js';
