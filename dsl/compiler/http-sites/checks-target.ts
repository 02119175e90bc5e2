import type { Expression, Node } from 'oxc-parser';
import { propertyName, walk, type Ancestors } from './syntax.js';

/** Members of an `HttpResult` that k6's own response has with the same meaning. */
const SHARED_MEMBERS: ReadonlySet<string> = new Set(['status', 'body', 'headers']);

/** True when `member` (a `x.name` expression) is assigned to or updated rather than read. */
function isWritten(member: Node, parent: Node | undefined): boolean {
  return (parent?.type === 'AssignmentExpression' && parent.left === member) || parent?.type === 'UpdateExpression';
}

/** True when the identifier `node` is a use of the parameter that only reads a shared member or calls `json()`. */
function isSharedUse(node: Node, ancestors: Ancestors): boolean {
  const parent = ancestors.at(-1);
  if (parent?.type !== 'MemberExpression') return false;
  // `x.parameter` names a property, not the parameter.
  if (parent.property === node && !parent.computed) return true;
  if (parent.object !== node || parent.computed || parent.property.type !== 'Identifier') return false;
  const grandparent = ancestors.at(-2);
  if (isWritten(parent, grandparent)) return false;
  const member = parent.property.name;
  return SHARED_MEMBERS.has(member) || (member === 'json' && grandparent?.type === 'CallExpression' && grandparent.callee === parent);
}

/** True when every use of `parameter` in `body` is `parameter.status|body|headers` or `parameter.json(...)`. */
function usesSharedMembersOnly(body: Node, parameter: string): boolean {
  let shared = true;
  walk(body, (node, ancestors) => {
    if (!shared) return false;
    if (node.type === 'Identifier' && node.name === parameter && !isSharedUse(node, ancestors)) shared = false;
    return undefined;
  });
  return shared;
}

/**
 * True when the checks can be given k6's response itself instead of an `HttpResult`: an object
 * literal of functions that read only `status`, `body`, `headers` or call `json()` on their
 * argument (what k6's response has with the same meaning). Saves building the result object
 * for every request; anything else (`ok`, `durationMs`, checks passed by name) gets the result.
 */
export function checksAcceptResponse(checks: Expression): boolean {
  if (checks.type !== 'ObjectExpression') return false;
  return checks.properties.every((property) => {
    if (property.type !== 'Property' || property.kind !== 'init' || property.method || property.shorthand || propertyName(property.key, property.computed) === undefined) return false;
    const check = property.value;
    if (check.type !== 'ArrowFunctionExpression' && check.type !== 'FunctionExpression') return false;
    const [parameter, ...rest] = check.params;
    if (parameter === undefined) return true;
    if (rest.length > 0 || parameter.type !== 'Identifier' || check.body === null) return false;
    return usesSharedMembersOnly(check.body, parameter.name);
  });
}
