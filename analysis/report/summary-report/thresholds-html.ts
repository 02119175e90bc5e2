/**
 * The thresholds section and the incomplete-run banners of the summary report's page. Every
 * text goes through the `html` template, which escapes it (threshold keys, run ids, flag
 * messages and script paths all come from user data).
 */
import type { Summary } from '../../summarize/types.js';
import { html, type Html } from '../html/html.js';
import { table, type Column } from '../html/tables.js';
import { INCOMPLETE_WARNING, INSTANCE_COLUMNS, SINGLE_COLUMNS, SPLIT_COLUMNS, incompleteRuns, thresholdRuns, type RunThresholds, type ThresholdRow } from './threshold-rows.js';

/** Id of the thresholds section (service sections are `service-N-...`, so it cannot clash). */
export const THRESHOLDS_ID = 'thresholds';

const columns = (list: readonly (readonly [string, boolean])[]): Column[] => list.map(([label, numeric]) => [label, numeric ? 'num' : 'text'] as const);

function badge(verdict: ThresholdRow['verdict']): Html {
  return verdict === 'unknown' ? html`<span class="muted">unknown</span>` : html`<span class="badge badge-${verdict.toLowerCase()}">${verdict}</span>`;
}

function rowClass(row: ThresholdRow): string {
  return row.verdict === 'FAIL' ? 'row-fail' : row.differs ? 'row-warn' : '';
}

function splitBody(rows: readonly ThresholdRow[]): Html {
  return html`<tbody>${rows.map(
    (row) => html`<tr class="${rowClass(row)}"><td class="metric"><code>${row.threshold}</code></td><td>${badge(row.verdict)}</td><td class="num">${row.value}</td><td>${row.instances ?? '—'}</td><td>${row.note === null ? null : row.differs ? html`<strong>${row.note}</strong>` : html`<span class="muted">${row.note}</span>`}</td></tr>`,
  )}</tbody>`;
}

function runBlock(run: RunThresholds): Html {
  const split = run.headline !== null;
  const thresholds =
    run.rows.length === 0
      ? null
      : split
        ? table('thresholds', columns(SPLIT_COLUMNS), splitBody(run.rows))
        : table('thresholds', columns(SINGLE_COLUMNS), html`<tbody>${run.rows.map((row) => html`<tr class="${rowClass(row)}"><td class="metric"><code>${row.threshold}</code></td><td>${badge(row.verdict)}</td></tr>`)}</tbody>`);
  const instances =
    run.instances.length === 0
      ? null
      : table(
          'instances',
          columns(INSTANCE_COLUMNS),
          html`<tbody>${run.instances.map((instance) => html`<tr class="${instance.ok ? '' : 'row-fail'}"><td>${instance.instanceId}</td><td>${instance.segment}</td><td>${instance.exit}</td><td class="num">${instance.samples}</td><td>${instance.summary}</td><td>${instance.ok ? instance.status : html`<strong>${instance.status}</strong>`}</td></tr>`)}</tbody>`,
        );
  return html`<h3>${run.run}${split ? html`: <span class="muted">${run.headline}</span>` : null}</h3>
${run.notes.map((note) => html`<p class="hint">${note}</p>`)}${thresholds}${instances}`;
}

/** The thresholds of every run that has some (runs split across k6 instances always); null when none has. */
export function thresholdsSection(summary: Summary): Html | null {
  const runs = thresholdRuns(summary);
  if (runs.length === 0) return null;
  return html`<section id="${THRESHOLDS_ID}" class="summary"><h2>Thresholds</h2>
<p class="hint">For a run split across k6 instances: each threshold judged over the merged samples of all instances, beside each instance's own k6 verdict, which covers only its share of the load.</p>
${runs.map(runBlock)}</section>`;
}

/** A warning banner per split run that is not the whole test, naming the instances and the reasons; null when none. */
export function incompleteBanners(summary: Summary): Html | null {
  const runs = incompleteRuns(summary);
  if (runs.length === 0) return null;
  return html`${runs.map(
    (run) => html`<div class="banner verdict-fail" role="alert"><p class="banner-title"><span class="badge badge-fail">INCOMPLETE</span> Distributed run ${run.run}</p>
${run.instances.length === 0 ? null : html`<p>${run.instances.join('; ')}.</p>`}<p>${INCOMPLETE_WARNING}</p>
${run.reasons.length === 0 ? null : html`<ul class="reasons">${run.reasons.map((flag) => html`<li><code>${flag.code}</code> ${flag.message}</li>`)}</ul>`}</div>`,
  )}`;
}
