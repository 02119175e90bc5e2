import type { Node } from 'oxc-parser';
import { parseDuration } from '../../../core/duration.js';
import { lineBreaksIn } from '../http-sites/emit-call-site.js';
import type { TextEdit } from '../http-sites/rewrite-source.js';
import { stringValue } from '../http-sites/syntax.js';
import type { K6Call } from './flows.js';

/**
 * `vu.sleep(...)` and `vu.group(...)` in a direct entry's flows, as the k6 calls they stand for:
 * `sleep(seconds)` with the think time worked out at compile time when it is written as
 * literals (`'1s'`, `['1s', '3s']`), and `group(name, body)`.
 */

/** Local names of what the rewritten calls use. */
export const K6_CALL_NAMES = { sleep: 'stagecraftK6Sleep', group: 'stagecraftK6Group', thinkTimeSeconds: 'stagecraftThinkTimeSeconds' } as const;

/** The imports rewritten calls need (`runtimeModule`: the specifier of `dsl/k6/runtime.ts`). */
export function k6CallImports(runtimeModule: string): string {
  return [
    `import { group as ${K6_CALL_NAMES.group}, sleep as ${K6_CALL_NAMES.sleep} } from "k6";`,
    `import { thinkTimeSeconds as ${K6_CALL_NAMES.thinkTimeSeconds} } from ${JSON.stringify(runtimeModule)};`,
  ].join('\n');
}

/** Milliseconds of a duration written as a string literal; undefined for anything else or a negative duration. */
function literalMs(node: Node | null | undefined): number | undefined {
  const text = stringValue(node);
  if (text === undefined) return undefined;
  const parsed = parseDuration(text);
  return parsed.ok && parsed.ms >= 0 ? parsed.ms : undefined;
}

/**
 * Seconds as code for a think time written as literals, as the runtime computes them (a range
 * is uniform between its bounds); undefined when it is computed at run time.
 */
function literalSeconds(argument: Node | undefined): string | undefined {
  const single = literalMs(argument);
  if (single !== undefined) return String(single / 1000);
  if (argument?.type !== 'ArrayExpression' || argument.elements.length !== 2) return undefined;
  const [low, high] = argument.elements.map((element) => (element === null || element.type === 'SpreadElement' ? undefined : literalMs(element)));
  if (low === undefined || high === undefined) return undefined;
  return low === high ? String(low / 1000) : `${low / 1000} + Math.random() * ${(high - low) / 1000}`;
}

/**
 * The edits turning one call into its k6 call (the arguments kept as written unless the think
 * time is worked out here); line breaks are kept so that later lines do not move.
 */
export function k6CallEdits({ kind, call }: K6Call, text: string): TextEdit[] {
  const callee = { start: call.callee.start, end: call.callee.end };
  if (kind === 'group') return [{ ...callee, text: K6_CALL_NAMES.group }];
  const [argument] = call.arguments;
  const seconds = argument?.type === 'SpreadElement' ? undefined : literalSeconds(argument);
  if (seconds === undefined) {
    return [
      { ...callee, text: `${K6_CALL_NAMES.sleep}(${K6_CALL_NAMES.thinkTimeSeconds}` },
      { start: call.end, end: call.end, text: ')' },
    ];
  }
  return [{ start: call.start, end: call.end, text: `${K6_CALL_NAMES.sleep}(${seconds})${lineBreaksIn(text, call.start, call.end)}` }];
}
