import { readFile } from 'node:fs/promises';
import { StagecraftError } from '../../core/errors.js';
import type { ChartData } from './chart-data-types.js';
import type { ReportDocument } from './write-report.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What is missing for `value` to be a comparison the renderers can read; empty when nothing. */
export function comparisonProblems(value: unknown): string[] {
  if (!isRecord(value)) return [`the top level is ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}, not an object`];
  const problems: string[] = [];
  if (value['schemaVersion'] !== 1) problems.push(`schemaVersion is ${JSON.stringify(value['schemaVersion']) ?? 'missing'}, expected 1`);
  if (!Array.isArray(value['rows'])) problems.push('"rows" is not an array');
  else if (!value['rows'].every((row) => isRecord(row) && typeof row['service'] === 'string' && typeof row['endpoint'] === 'string' && typeof row['metric'] === 'string')) {
    problems.push('some "rows" entries lack service, endpoint or metric');
  }
  for (const key of ['services', 'slos', 'effectSizes', 'notes']) if (!Array.isArray(value[key])) problems.push(`"${key}" is not an array`);
  for (const key of ['overall', 'options', 'runs']) if (!isRecord(value[key])) problems.push(`"${key}" is not an object`);
  const runs = value['runs'];
  if (isRecord(runs) && !(Array.isArray(runs['baseline']) && Array.isArray(runs['candidate']))) problems.push('"runs" lacks baseline and candidate lists');
  if (typeof value['seed'] !== 'number') problems.push('"seed" is not a number');
  return problems;
}

/**
 * Reads a saved comparison (`report.json` as written by `compare`, `ab` or `writeReport`) and
 * checks that it is one: schemaVersion 1, `rows`, and the other fields the renderers read.
 *
 * @throws StagecraftError `file-not-found` when the file does not exist; `invalid-input` when it
 *   is not JSON or not a comparison (the message names the file and what is wrong)
 */
export async function readComparison(file: string): Promise<ReportDocument> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = isRecord(error) ? error['code'] : undefined;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new StagecraftError({ code: 'file-not-found', message: `${file} does not exist`, fix: 'pass the report.json that `stagecraft compare --out DIR` wrote' }, { cause: error });
    }
    const reason = code === 'EISDIR' ? 'it is a folder' : error instanceof Error ? error.message : String(error);
    throw new StagecraftError({ code: 'invalid-input', message: `cannot read ${file}: ${reason}`, fix: 'pass the report.json file itself' }, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StagecraftError({ code: 'invalid-input', message: `${file} is not JSON (${reason})`, fix: 'pass the report.json that `stagecraft compare --out DIR` wrote' }, { cause: error });
  }
  const problems = comparisonProblems(value);
  if (problems.length > 0) {
    throw new StagecraftError({
      code: 'invalid-input',
      message: `${file} is not a stagecraft comparison (report.json, schemaVersion 1): ${problems.join('; ')}`,
      fix: 'pass the report.json that `stagecraft compare` or `stagecraft ab` wrote, not a run summary or another JSON file',
    });
  }
  const document = value as ReportDocument;
  // Chart data is optional (reports written without runs have none); a damaged one is dropped, not trusted.
  const charts: unknown = (value as { charts?: unknown }).charts;
  if (charts !== undefined && !isChartData(charts)) {
    const copy: { -readonly [K in keyof ReportDocument]: ReportDocument[K] } = { ...document };
    delete copy.charts;
    return copy;
  }
  return document;
}

function isChartData(value: unknown): value is ChartData {
  return isRecord(value) && value['schemaVersion'] === 1 && Array.isArray(value['probabilities']) && Array.isArray(value['distributions']) && Array.isArray(value['timelines']);
}
