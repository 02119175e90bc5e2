import { Command, CommanderError } from '@commander-js/extra-typings';
import { formatProblem, isStagecraftError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { registerAbCommand } from './commands/ab.js';
import { registerCompareCommand } from './commands/compare.js';
import { registerCompileCommand } from './commands/compile.js';
import { registerDemoCommand, registerDemoServiceCommand } from './commands/demo.js';
import { registerInspectCommand } from './commands/inspect.js';
import { registerK6Command } from './commands/k6.js';
import { registerReportCommand } from './commands/report.js';
import { registerRunCommand } from './commands/run.js';
import { registerSummarizeCommand } from './commands/summarize.js';
import type { CliContext } from './context.js';

/** Builds the `stagecraft` program. Commands report their exit code through `context`. */
export function buildProgram(context: CliContext): Command {
  const program = new Command('stagecraft')
    .description('Typed k6 load tests, compiled to plain k6 scripts, with significance-tested baseline-versus-refactor reports.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (text) => context.out(text.trimEnd()), writeErr: (text) => context.err(text.trimEnd()) });
  registerCompileCommand(program, context);
  registerInspectCommand(program, context);
  registerRunCommand(program, context);
  registerCompareCommand(program, context);
  registerAbCommand(program, context);
  registerReportCommand(program, context);
  registerSummarizeCommand(program, context);
  registerDemoCommand(program, context);
  registerDemoServiceCommand(program, context);
  registerK6Command(program, context);
  return program;
}

/**
 * Runs the CLI and returns the process exit code. Expected failures (`StagecraftError`) are
 * printed as `error[code] where: message` plus a fix, without a stack trace.
 */
export async function main(argv: readonly string[], context: CliContext = consoleContext()): Promise<number> {
  const program = buildProgram(context);
  try {
    await program.parseAsync([...argv]);
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (isStagecraftError(error)) {
      for (const problem of error.problems.length > 1 ? error.problems : []) context.err(formatProblem(problem));
      context.err(formatProblem(error));
      return error.exitCode;
    }
    throw error;
  }
}

function consoleContext(): CliContext {
  return {
    exitCode: ExitCode.ok,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
}
