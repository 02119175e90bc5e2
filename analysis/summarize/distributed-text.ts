/**
 * The sentences about a distributed run shared by `summarize --format table`, `summary.md`
 * and the summary report's HTML (plain text: each output escapes it its own way).
 */

import type { RateDuration } from '../thresholds/test-duration.js';
import type { SummaryDistributed, SummaryInstance } from './types.js';

/** How complete an instance's share is, for people. */
export function instanceStatusText(member: SummaryInstance): string {
  switch (member.status) {
    case 'ok':
      return 'ok';
    case 'missing':
      return 'MISSING: no samples of this instance';
    case 'failed':
      return `FAILED: k6 exit code ${String(member.exitCode)}`;
    case 'interrupted':
      return 'INTERRUPTED';
    case 'cut-off':
      return 'CUT OFF: fewer samples than its own k6 summary counts';
    default:
      return member.status satisfies never;
  }
}

/** `#1 0:1/2 passed`, `#2 MISSING: ...`: one instance in one phrase. */
export function instancePhrase(member: SummaryInstance): string {
  const parts = [`#${member.instanceId}`, member.segment, member.outcome, member.status === 'ok' ? null : instanceStatusText(member)];
  return parts.filter((part): part is string => part !== null).join(' ');
}

/** `2 k6 instances (sequence 0,1/2,1), complete` / `3 k6 instances (instance_id tags of loose files), INCOMPLETE`. */
export function distributedHeadline(distributed: SummaryDistributed): string {
  const how = distributed.sequence === null ? 'instance_id tags of the files' : `sequence ${distributed.sequence}`;
  return `${distributed.instances} k6 instance${distributed.instances === 1 ? '' : 's'} (${how}), ${distributed.complete ? 'complete' : 'INCOMPLETE'}`;
}

/** What counter `rate` thresholds were divided by. */
export function rateDurationText(duration: RateDuration): string {
  const seconds = `${(duration.ms / 1000).toFixed(3)} s`;
  return duration.from === 'k6-summary'
    ? `counter rates are per second of k6's test run duration: ${seconds}, the longest instance's, from their k6 summaries`
    : `counter rates are per second of the span of the samples: ${seconds}; no instance's k6 summary has k6's test run duration`;
}

/** Why the thresholds were not judged over all instances. */
export function thresholdsUnknownText(distributed: SummaryDistributed): string {
  return distributed.source === 'files'
    ? "thresholds not judged over all instances: k6 output files do not carry the script's thresholds (pass --thresholds-from <script>)"
    : 'thresholds not judged over all instances: the manifest records none (k6 inspect failed when the run started; pass --thresholds-from <script>)';
}

/** Where the judged thresholds came from. */
export function thresholdsSourceText(distributed: SummaryDistributed): string | null {
  const from = distributed.thresholdsFrom;
  if (from === null) return null;
  return from.source === 'manifest' ? `thresholds of ${from.script} (k6 inspect when the run started)` : `thresholds of ${from.script} (--thresholds-from, read with k6 inspect)`;
}
