import { Option, type Command } from '@commander-js/extra-typings';
import { dirname, relative } from 'node:path';
import { renderMarkdown } from '../../analysis/report/markdown.js';
import { readComparison } from '../../analysis/report/read-comparison.js';
import { writeReportFiles } from '../../analysis/report/write-report.js';
import type { CliContext } from '../context.js';

/**
 * `stagecraft report <report.json>`: re-renders every report file from a saved comparison
 * (into its own folder unless `--out` says otherwise) and prints it. It does not judge again:
 * the exit code is 0 whatever the verdict (`compare` and `ab` are the gates).
 */
export function registerReportCommand(program: Command, context: CliContext): void {
  program
    .command('report')
    .description('re-render report.md and junit.xml (and the other report files) from a saved comparison (report.json)')
    .argument('<report.json>', 'a report.json written by compare or ab')
    .option('-o, --out <dir>', 'report folder to write (default: the folder of report.json)')
    .addOption(new Option('--format <format>', 'what to print').choices(['markdown', 'json'] as const).default('markdown' as const))
    .action(async (file, options) => {
      const { charts, ...comparison } = await readComparison(file);
      const outDir = options.out ?? dirname(file);
      const paths = await writeReportFiles(comparison, outDir, charts === undefined ? {} : { charts });
      context.out(options.format === 'json' ? JSON.stringify(comparison, null, 2) : renderMarkdown(comparison));
      const shown = (path: string): string => relative(process.cwd(), path) || path;
      context.err(`report written to ${shown(paths.html)}, ${shown(paths.markdown)}, ${shown(paths.junit)} and ${shown(paths.json)} (verdict ${comparison.overall.verdict}${charts === undefined ? '; no chart data in the input, so no charts' : ''})`);
    });
}
