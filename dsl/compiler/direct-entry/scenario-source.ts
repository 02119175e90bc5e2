import { join } from 'node:path';
import type { HttpEndpoint } from '../../http.js';
import type { TestDefinition } from '../../test.js';
import { lineBreaksIn, type DirectPreparation } from '../http-sites/emit-call-site.js';
import type { EndpointDeclaration } from '../http-sites/endpoint-declarations.js';
import { findHttpCallSites, type HttpCallSite } from '../http-sites/find-call-sites.js';
import type { DirectBundle } from '../http-sites/plugin.js';
import { applyEdits, relativeSpecifier, siteEdits, withSiteDeclarations, type HttpCallCompiler, type SourceToCompile, type TextEdit } from '../http-sites/rewrite-source.js';
import { parseSource } from '../http-sites/syntax.js';
import { findDirectFlows, type DirectFlow } from './flows.js';
import { k6CallEdits, k6CallImports } from './k6-calls.js';
import { pureDslDeclarations } from './pure-declarations.js';
import { directPreparation } from './site-preparation.js';

/**
 * A direct entry: a k6 script whose exported functions call the scenario's flows themselves,
 * with a `vu` of their own, instead of the stagecraft runtime. When every flow uses only
 * compiled call sites, `vu.iteration`, `vu.id`, `vu.sleep` and `vu.group` (which become k6's
 * `sleep` and `group`), the compiler rewrites the scenario file so that VUs evaluate only the
 * flows and what they use: the `defineTest(...)` call is removed
 * (the compiler has already written its options), flows written in it become exported
 * constants on the lines they were written on, the call sites in flows are prepared from the
 * evaluated endpoints, and DSL declarations are marked side-effect free so that esbuild drops
 * those the flows do not use. Each VU then does little more start-up work, and keeps little
 * more memory, than with a hand-written script (`npm run bench:overhead` measures both).
 */

/** A flow the entry imports: its scenario and the name the rewritten scenario file exports it as. */
export interface DirectExport {
  readonly scenario: string;
  readonly name: string;
}

/** What a bundle with a direct entry needs: the rewritten scenario file, the edits for other files and the flows' exports. */
export interface DirectEntry extends DirectBundle {
  readonly exports: readonly DirectExport[];
}

/** A direct entry, or why the test needs the runtime. */
export type DirectEntryPlan = { readonly ok: true; readonly entry: DirectEntry } | { readonly ok: false; readonly reason: string };

/** Prefix of the names flows are exported as. */
const EXPORT_PREFIX = 'stagecraftFlow_';

/** Why the test as evaluated needs the runtime; undefined when nothing does. */
function runtimeNeed(definition: TestDefinition): string | undefined {
  if (definition.setup !== undefined || definition.teardown !== undefined) return 'the test has setup or teardown';
  if ((definition.data ?? []).length > 0) return 'the test reads data files';
  if (definition.services.some((service) => service.protocol === 'grpc')) return 'the test calls gRPC services';
  return undefined;
}

/** The evaluated endpoint a declaration read from the source is, when exactly one matches. */
function evaluatedEndpoint(definition: TestDefinition, declaration: EndpointDeclaration): HttpEndpoint | undefined {
  const matches = definition.services.flatMap((service) =>
    service.protocol === 'http' ? service.endpoints.filter((endpoint) => endpoint.name === declaration.name && endpoint.method === declaration.method && endpoint.path === declaration.path) : [],
  );
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * Edits turning the `export default defineTest(...)` statement into the flows written in it,
 * each exported as a constant where it stands (every line break kept, so lines do not move).
 */
function statementEdits(text: string, statement: { start: number; end: number }, flows: readonly DirectFlow[], exportName: (flow: DirectFlow) => string): TextEdit[] {
  const newlines = (from: number, to: number): string => lineBreaksIn(text, from, to);
  const inline = flows.filter((flow) => flow.inline).sort((a, b) => a.written.start - b.written.start);
  const edits: TextEdit[] = [];
  let position = statement.start;
  inline.forEach((flow, index) => {
    edits.push({ start: position, end: flow.written.start, text: `${index === 0 ? '' : ';'}${newlines(position, flow.written.start)}export const ${exportName(flow)} = ` });
    position = flow.written.end;
  });
  edits.push({ start: position, end: statement.end, text: `${inline.length === 0 ? '' : ';'}${newlines(position, statement.end)}` });
  return edits;
}

/**
 * Plans a direct entry for a scenario file, or says why its test needs the stagecraft runtime
 * (which is then used, with the same requests, tags and checks). `packageRoot` is the
 * stagecraft package: calls of its `dsl/` are marked side-effect free, and rewritten
 * `vu.sleep` calls import the runtime's think-time parser from it.
 */
export function planDirectEntry(input: SourceToCompile, definition: TestDefinition, compiler: HttpCallCompiler, packageRoot: string): DirectEntryPlan {
  const need = runtimeNeed(definition);
  if (need !== undefined) return { ok: false, reason: need };
  const source = parseSource(input.file, input.text);
  if (source === undefined) return { ok: false, reason: 'the file has syntax errors' };
  if (input.text.includes(EXPORT_PREFIX)) return { ok: false, reason: `the file uses names starting with ${EXPORT_PREFIX}` };
  const { sites, general } = findHttpCallSites(source, compiler.declarations.visibleIn(source));
  const found = findDirectFlows(source, sites, Object.keys(definition.scenarios));
  if (!found.ok) return found;
  const preparations = new Map<HttpCallSite, DirectPreparation>();
  for (const site of found.vuSites) {
    const endpoint = evaluatedEndpoint(definition, site.declaration);
    if (endpoint === undefined) return { ok: false, reason: `the endpoint "${site.declaration.name}" called at ${site.line}:${site.column} is not one endpoint of the test's services` };
    preparations.set(site, directPreparation(endpoint));
  }
  const dslFolder = join(packageRoot, 'dsl');
  const exportName = (flow: DirectFlow): string => `${EXPORT_PREFIX}${flow.scenario}`;
  const { edits, appended } = siteEdits(sites, input.text, (site) => preparations.get(site));
  const callEdits = found.k6Calls.flatMap((call) => k6CallEdits(call, input.text));
  let code = applyEdits(input.text, [...edits, ...callEdits, ...statementEdits(input.text, found.statement, found.flows, exportName), ...pureDslDeclarations(source, dslFolder)]);
  if (sites.length > 0) code = withSiteDeclarations(code, appended, input.file, compiler.helperModule);
  if (callEdits.length > 0) code += `${k6CallImports(relativeSpecifier(input.file, join(packageRoot, 'dsl', 'k6', 'runtime.ts')))}\n`;
  const byName = found.flows.filter((flow) => !flow.inline).map((flow) => `export { ${input.text.slice(flow.written.start, flow.written.end)} as ${exportName(flow)} };`);
  if (byName.length > 0) code += `${byName.join('\n')}\n`;
  return {
    ok: true,
    entry: {
      scenario: { file: input.file, code, compiled: sites.map((site) => `${site.line}:${site.column}`), general },
      otherFiles: (other) => pureDslDeclarations(other, dslFolder),
      exports: found.flows.map((flow) => ({ scenario: flow.scenario, name: exportName(flow) })),
    },
  };
}
