import type { Command, OptionValues } from '@commander-js/extra-typings';
import { compareOptionsFrom, loadConfig } from '../analysis/config/index.js';
import type { CompareFoldersOptions } from '../analysis/compare/compare-folders.js';
import { durationMs } from './options.js';

/**
 * Adds the analysis flags `compare` and `ab` share: trimming, config file, A/A calibration,
 * `--fail-on-inconclusive`, `--allow-different-scenarios` and `--strict`.
 */
export function withCompareFlags<Args extends unknown[], Opts extends OptionValues>(command: Command<Args, Opts>) {
  return command
    .option('--trim-start <duration>', 'warm-up to drop from every run (default: max(30s, 10%), at most 20% of the planned length)', durationMs)
    .option('--trim-end <duration>', 'ramp-down to drop from the end of every run (default: min(10s, 5%))', durationMs)
    .option('--config <file>', 'stagecraft config file with budgets (default: stagecraft.config.{ts,js,json} in the current folder)')
    .option('--calibration <file>', 'A/A calibration to use (default: aa-calibration.json beside the baseline runs, if any)')
    .option('--no-calibration', 'ignore any A/A calibration')
    .option('--fail-on-inconclusive', `exit with code 4 when nothing FAILs but some rows could not be decided`)
    .option('--allow-different-scenarios', 'compare runs of different scripts or load profiles', false)
    .option('--strict', 'stop at the first malformed line of k6 output (default: report it with its line and go on)', false);
}

/** The parsed shared flags (see {@link withCompareFlags}). */
export interface CompareFlags {
  readonly trimStart?: number;
  readonly trimEnd?: number;
  readonly config?: string;
  readonly calibration?: string | false;
  readonly failOnInconclusive?: true;
  readonly allowDifferentScenarios: boolean;
  readonly strict: boolean;
}

/**
 * Turns the shared flags into `compareScenarioRuns` options, loading the config file (flags
 * win over the config).
 */
export async function compareSettings(flags: CompareFlags): Promise<Omit<CompareFoldersOptions, 'baseline' | 'candidate'>> {
  const { config } = await loadConfig({ cwd: process.cwd(), ...(flags.config === undefined ? {} : { file: flags.config }) });
  const fromConfig = config.compare;
  const calibration = flags.calibration ?? fromConfig?.calibration;
  return {
    compareOptions: compareOptionsFrom(fromConfig),
    ...(flags.trimStart === undefined ? {} : { trimStartMs: flags.trimStart }),
    ...(flags.trimEnd === undefined ? {} : { trimEndMs: flags.trimEnd }),
    ...(calibration === undefined ? {} : { calibration }),
    failOnInconclusive: flags.failOnInconclusive ?? fromConfig?.failOnInconclusive ?? false,
    allowDifferentScenarios: flags.allowDifferentScenarios,
    strict: flags.strict,
  };
}
