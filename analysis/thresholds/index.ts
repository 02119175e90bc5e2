/** k6 thresholds judged from raw samples (for distributed runs: over all instances). */
export { applyOperator, parseThresholdExpression, parseThresholdKey, thresholdDefinitions } from './parse.js';
export type { ThresholdAggregation, ThresholdExpression, ThresholdKey, ThresholdOperator } from './parse.js';
export { evaluateThreshold, evaluateThresholds, isCounterRate, type ThresholdData, type ThresholdOutcome } from './evaluate.js';
export { rateDuration, sampleSpanMs, summaryTestRunDurationMs, type RateDuration, type RateDurationSource } from './test-duration.js';
export { judgeWithSummaries, readInstanceSummaries, type InstanceSummary } from './instance-summaries.js';
export { describeVerdict, formatThresholdValue, judgeOverall, verdictDifference, verdictDiffers, verdictWord, type InstanceThresholds } from './verdicts.js';
