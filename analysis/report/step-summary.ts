import { appendFileSync } from 'node:fs';

/** The variable GitHub Actions sets to the file whose Markdown becomes the job's summary page. */
export const STEP_SUMMARY_VARIABLE = 'GITHUB_STEP_SUMMARY';

/**
 * Appends a Markdown report to the GitHub Actions job summary when `GITHUB_STEP_SUMMARY` is set
 * in `env` (never overwrites: other steps write there too). Synchronous, so a command can call
 * it just before it ends.
 *
 * @param env - the environment to read, e.g. `process.env` (passed in for tests)
 * @returns the file appended to, or null when the variable is unset or empty
 * @throws when the file cannot be written (the caller decides whether that matters)
 */
export function appendStepSummary(markdown: string, env: Readonly<Record<string, string | undefined>>): string | null {
  const file = env[STEP_SUMMARY_VARIABLE];
  if (file === undefined || file.trim() === '') return null;
  appendFileSync(file, markdown.endsWith('\n') ? `\n${markdown}` : `\n${markdown}\n`, 'utf8');
  return file;
}
