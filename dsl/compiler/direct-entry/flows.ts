import type { CallExpression, Function as FunctionNode, Node, ObjectExpression, Program } from 'oxc-parser';
import { declarationCounts } from '../http-sites/endpoint-declarations.js';
import type { HttpCallSite } from '../http-sites/find-call-sites.js';
import { propertyName, walk, type Ancestors, type ParsedSource } from '../http-sites/syntax.js';

/**
 * Reads which flows of a scenario file a direct entry can call without the stagecraft runtime:
 * flows written in the `defineTest({ ... })` call the file exports, whose `vu` is only read for
 * `vu.iteration` and `vu.id`, calls `vu.sleep` and `vu.group`, or is the receiver of a compiled
 * `vu.http(...)` call. Everything else a `vu` offers (general HTTP calls, gRPC, setup data,
 * weighted picks, ...) needs the runtime.
 */

/** A flow function as written, and how the entry reaches it. */
export interface DirectFlow {
  /** The scenario's name (its key in `scenarios`). */
  readonly scenario: string;
  /** The flow's arrow function or function expression, or the top-level function a name refers to. */
  readonly node: FunctionNode;
  /** Where the flow is written in the `defineTest` call: the function itself, or the name referring to it. */
  readonly written: { readonly start: number; readonly end: number };
  /** True when `written` is the function itself (it is moved out of the call); false for a name. */
  readonly inline: boolean;
}

/** A `vu.sleep(...)` or `vu.group(...)` call in a flow, which a direct entry makes a k6 call. */
export interface K6Call {
  readonly kind: 'sleep' | 'group';
  readonly call: CallExpression;
}

/** The exported test and its flows, or why the file needs the runtime. */
export type DirectFlows =
  | {
      readonly ok: true;
      readonly statement: { readonly start: number; readonly end: number };
      readonly flows: readonly DirectFlow[];
      readonly k6Calls: readonly K6Call[];
      /** Compiled sites whose receiver is a flow's `vu` (a site on any other receiver keeps its fall-back to that receiver's `http`). */
      readonly vuSites: ReadonlySet<HttpCallSite>;
    }
  | { readonly ok: false; readonly reason: string };

/** Members of `vu` that a direct entry provides as values. */
const DIRECT_MEMBERS: ReadonlySet<string> = new Set(['iteration', 'id']);

/** Methods of `vu` that a direct entry turns into k6 calls. */
const K6_METHODS: ReadonlySet<string> = new Set(['sleep', 'group']);

const OFFERED = (vu: string): string => `${vu}.iteration, ${vu}.id, ${vu}.sleep, ${vu}.group and compiled ${vu}.http calls`;

class NotDirect extends Error {}

function isFunction(node: Node): node is FunctionNode & { readonly type: 'ArrowFunctionExpression' | 'FunctionExpression' | 'FunctionDeclaration' } {
  return node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration';
}

/** The object literal passed to `export default defineTest(...)`, and the statement. */
function exportedTest(program: Program): { statement: Node; spec: ObjectExpression } {
  const statement = program.body.find((node) => node.type === 'ExportDefaultDeclaration');
  const call = statement?.type === 'ExportDefaultDeclaration' ? statement.declaration : undefined;
  if (statement === undefined || call?.type !== 'CallExpression' || call.callee.type !== 'Identifier' || call.callee.name !== 'defineTest') {
    throw new NotDirect('the file does not end with "export default defineTest({ ... })"');
  }
  const [spec, ...extra] = call.arguments;
  if (spec?.type !== 'ObjectExpression' || extra.length > 0) throw new NotDirect('defineTest is not given one object literal');
  return { statement, spec };
}

/** The value of a property of an object literal, by name; undefined when absent; throws for spreads and computed names. */
function propertyOf(object: ObjectExpression, name: string, what: string): Node | undefined {
  let found: Node | undefined;
  for (const property of object.properties) {
    if (property.type !== 'Property' || property.computed) throw new NotDirect(`${what} has a spread or computed property`);
    if (propertyName(property.key, false) === name) found = property.value;
  }
  return found;
}

/** The top-level function declaration or `const` function a name refers to. */
function topLevelFunction(program: Program, name: string): FunctionNode | undefined {
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type === 'FunctionDeclaration' && declaration.id?.name === name) return declaration;
    if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') continue;
    for (const declarator of declaration.declarations) {
      if (declarator.id.type === 'Identifier' && declarator.id.name === name && declarator.init !== null && isFunction(declarator.init)) return declarator.init;
    }
  }
  return undefined;
}

function flowOf(program: Program, scenario: string, value: Node | undefined, declared: ReadonlyMap<string, number>): DirectFlow {
  const what = `scenario "${scenario}"`;
  if (value === undefined) throw new NotDirect(`${what} has no flow property`);
  if (isFunction(value)) return { scenario, node: value, written: value, inline: true };
  if (value.type === 'Identifier') {
    const node = topLevelFunction(program, value.name);
    if (node === undefined || (declared.get(value.name) ?? 0) > 1) throw new NotDirect(`the flow of ${what} is not a function written in this file`);
    return { scenario, node, written: value, inline: false };
  }
  throw new NotDirect(`the flow of ${what} is not a function or the name of one`);
}

/** True when `node` (an identifier) is not a use of a variable: a property name or a member name. */
function isPropertyName(node: Node, parent: Node | undefined): boolean {
  if (parent?.type === 'MemberExpression') return parent.property === node && !parent.computed;
  if (parent?.type === 'Property') return parent.key === node && !parent.computed && !parent.shorthand;
  return false;
}

/** True when `vu.member` (the last of `ancestors`) reads a member a direct entry provides, rather than assigning, updating or deleting it. */
function isDirectRead(member: Node, ancestors: Ancestors): boolean {
  if (member.type !== 'MemberExpression' || member.computed || member.property.type !== 'Identifier' || !DIRECT_MEMBERS.has(member.property.name)) return false;
  const holder = ancestors.at(-2);
  if (holder?.type === 'AssignmentExpression' && holder.left === member) return false;
  if (holder?.type === 'UnaryExpression' && holder.operator === 'delete') return false;
  return holder?.type !== 'UpdateExpression';
}

/** The `vu.sleep(...)`/`vu.group(...)` call whose callee is `member` (the last of `ancestors`), if it is one. */
function k6Call(member: Node, ancestors: Ancestors): K6Call | undefined {
  if (member.type !== 'MemberExpression' || member.computed || member.property.type !== 'Identifier' || !K6_METHODS.has(member.property.name)) return undefined;
  const call = ancestors.at(-2);
  if (call?.type !== 'CallExpression' || call.callee !== member || call.optional) return undefined;
  return { kind: member.property.name as K6Call['kind'], call };
}

/** What {@link checkVuUses} collects across flows. */
interface VuUses {
  readonly k6Calls: K6Call[];
  readonly vuSites: Set<HttpCallSite>;
}

/**
 * Fails unless every use of the flow's `vu` parameter is a read of `vu.iteration` or `vu.id`,
 * a call of `vu.sleep` or `vu.group` (collected), or the receiver of a compiled call site
 * (`sites`, collected; copied as written, their arguments must not call `vu.sleep` or `vu.group`).
 */
function checkVuUses(flow: DirectFlow, sites: readonly HttpCallSite[], source: ParsedSource, uses: VuUses): void {
  const byReceiver = new Map(sites.map((site) => [site.arguments[0]?.start ?? -1, site]));
  const [parameter, ...more] = flow.node.params;
  if (parameter === undefined) return;
  if (more.length > 0 || parameter.type !== 'Identifier') throw new NotDirect(`the flow of scenario "${flow.scenario}" does not take one plain vu parameter`);
  const name = parameter.name;
  const body = flow.node.body;
  if (body === null) return;
  if ((declarationCounts(body).get(name) ?? 0) > 0) throw new NotDirect(`the flow of scenario "${flow.scenario}" declares another "${name}"`);
  walk(body, (node, ancestors) => {
    if (node.type !== 'Identifier' || node.name !== name) return;
    const parent = ancestors.at(-1);
    if (isPropertyName(node, parent)) return;
    const site = byReceiver.get(node.start);
    if (site !== undefined) return void uses.vuSites.add(site);
    const { line, column } = source.positionOf(node.start);
    if (parent?.type === 'MemberExpression' && parent.object === node) {
      if (isDirectRead(parent, ancestors)) return;
      const call = k6Call(parent, ancestors);
      if (call !== undefined && sites.some((site) => call.call.start >= site.start && call.call.end <= site.end)) {
        throw new NotDirect(`the flow of scenario "${flow.scenario}" calls ${name}.${call.kind} at ${line}:${column} inside the options of a compiled call`);
      }
      if (call !== undefined) return void uses.k6Calls.push(call);
    }
    const use = parent?.type === 'MemberExpression' && parent.object === node && !parent.computed && parent.property.type === 'Identifier' ? `${name}.${parent.property.name}` : name;
    throw new NotDirect(`the flow of scenario "${flow.scenario}" uses ${use} at ${line}:${column}, which needs the runtime (a direct entry offers ${OFFERED(name)})`);
  });
}

/**
 * Finds the flows of the test a scenario file exports and checks that a direct entry can call
 * them: every scenario's flow is a function (written in the call, or the name of a top-level
 * function of the file) whose `vu` is used only for `vu.iteration`, `vu.id`, `vu.sleep`,
 * `vu.group` and the compiled call sites `sites`. `scenarioNames` are the scenarios of the
 * evaluated test, which the object literal must list exactly.
 */
export function findDirectFlows(source: ParsedSource, sites: readonly HttpCallSite[], scenarioNames: readonly string[]): DirectFlows {
  try {
    const { statement, spec } = exportedTest(source.program);
    const scenarios = propertyOf(spec, 'scenarios', 'the test');
    if (scenarios?.type !== 'ObjectExpression') throw new NotDirect('the test\'s scenarios are not an object literal');
    const declared = declarationCounts(source.program);
    const flows: DirectFlow[] = [];
    const uses: VuUses = { k6Calls: [], vuSites: new Set() };
    const checked = new Set<Node>();
    for (const property of scenarios.properties) {
      const name = property.type === 'Property' ? propertyName(property.key, property.computed) : undefined;
      if (property.type !== 'Property' || name === undefined) throw new NotDirect('the test\'s scenarios have a spread or computed name');
      if (property.value.type !== 'ObjectExpression') throw new NotDirect(`scenario "${name}" is not an object literal`);
      const flow = flowOf(source.program, name, propertyOf(property.value, 'flow', `scenario "${name}"`), declared);
      if (flow.node.async || flow.node.generator) throw new NotDirect(`the flow of scenario "${name}" is async or a generator`);
      // A function two scenarios run is checked (and its calls collected) once.
      if (!checked.has(flow.node)) checkVuUses(flow, sites, source, uses);
      checked.add(flow.node);
      flows.push(flow);
    }
    const written = flows.map((flow) => flow.scenario);
    if (written.length !== scenarioNames.length || !scenarioNames.every((name) => written.includes(name))) {
      throw new NotDirect('the scenarios written in the file are not the ones the test defines');
    }
    return { ok: true, statement: { start: statement.start, end: statement.end }, flows, ...uses };
  } catch (error) {
    if (error instanceof NotDirect) return { ok: false, reason: error.message };
    throw error;
  }
}
