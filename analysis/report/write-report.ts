import { join } from 'node:path';
import { writeFileAtomic } from '../../core/atomic-write.js';
import type { Comparison } from '../compare/types.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';

/** Paths written by {@link writeReportFiles} (and {@link writeReport}). */
export interface ReportPaths {
  readonly markdown: string;
  readonly json: string;
  readonly junit: string;
}

/** File names inside the report folder. */
export const ReportFiles = { markdown: 'report.md', json: 'report.json', junit: 'junit.xml' } as const;

/**
 * Writes every report file of a comparison into `outDir`: `report.json` (the comparison
 * itself, the input of `stagecraft report`), `report.md` (PR comment sized) and `junit.xml`.
 * Each file is written atomically; the folder is created if needed and nothing else in it is
 * touched. This is the one place that decides which files a report has, shared by
 * `compare`, `ab` and `stagecraft report`.
 */
export async function writeReportFiles(comparison: Comparison, outDir: string): Promise<ReportPaths> {
  const paths: ReportPaths = {
    markdown: join(outDir, ReportFiles.markdown),
    json: join(outDir, ReportFiles.json),
    junit: join(outDir, ReportFiles.junit),
  };
  await writeFileAtomic(paths.json, `${JSON.stringify(comparison, null, 2)}\n`);
  await writeFileAtomic(paths.markdown, renderMarkdown(comparison));
  await writeFileAtomic(paths.junit, renderJunit(comparison));
  return paths;
}

/**
 * Writes the report of a comparison into `outDir` and returns the paths; the same as
 * {@link writeReportFiles}, kept under its original name for existing callers.
 */
export async function writeReport(comparison: Comparison, outDir: string): Promise<ReportPaths> {
  return writeReportFiles(comparison, outDir);
}
