/** The end of the page: runs, notes, how to read the report, seed. */
import type { Comparison } from '../../compare/types.js';
import { RUN_COLUMNS, methodSentences, runCells, runsWithSide } from '../report-text.js';
import { SECTION_IDS } from './anchors.js';
import { html, type Html } from './html.js';
import { table } from './tables.js';

/** Columns of `RUN_COLUMNS` from this index on hold numbers. */
const NUMERIC_RUN_COLUMNS = 3;

/** Text with backtick-quoted parts shown as `<code>` (every part escaped). */
function withCode(text: string): Html {
  return html`${text.split('`').map((part, i) => (i % 2 === 1 ? html`<code>${part}</code>` : part))}`;
}

function runsTable(comparison: Comparison): Html {
  const rows = runsWithSide(comparison).map(({ side, run }) => {
    const cells = runCells(side, run);
    return html`<tr>${cells.map((cell, i) => (i >= NUMERIC_RUN_COLUMNS ? html`<td class="num">${cell}</td>` : html`<td>${cell}</td>`))}</tr>`;
  });
  return table('runs', RUN_COLUMNS.map((label, i) => [label, i >= NUMERIC_RUN_COLUMNS ? 'num' : 'text'] as const), html`<tbody>${rows}</tbody>`);
}

/** Runs, notes, method and seed. */
export function appendix(comparison: Comparison): Html {
  const notes = comparison.notes.length === 0 ? html`<p class="muted">No notes.</p>` : html`<ul>${comparison.notes.map((note) => html`<li>${note}</li>`)}</ul>`;
  const generated = comparison.generatedAt === undefined ? null : html` Generated ${comparison.generatedAt}.`;
  return html`<section id="${SECTION_IDS.runs}" class="appendix"><h2>Runs</h2>${runsTable(comparison)}</section>
<section id="${SECTION_IDS.notes}" class="appendix"><h2>Notes</h2>${notes}</section>
<section id="${SECTION_IDS.method}" class="appendix"><h2>How to read this</h2>${methodSentences(comparison).map((sentence) => html`<p>${withCode(sentence)}</p>`)}
<p class="seed">Seed ${comparison.seed} (derived from the inputs; the same runs and options give the same report).${generated}</p></section>`;
}
