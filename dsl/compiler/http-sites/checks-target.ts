import type TypeScript from 'typescript';
import { propertyName, ts } from './syntax.js';

/** Members of an `HttpResult` that k6's own response has with the same meaning. */
const SHARED_MEMBERS: ReadonlySet<string> = new Set(['status', 'body', 'headers']);

/** True when every use of `parameter` in `body` is `parameter.status|body|headers` or `parameter.json(...)`. */
function usesSharedMembersOnly(body: TypeScript.Node, parameter: string): boolean {
  const api = ts();
  let shared = true;
  const visit = (node: TypeScript.Node): void => {
    if (!shared) return;
    if (api.isIdentifier(node) && node.text === parameter) {
      const parent = node.parent;
      // `x.parameter` names a property, not the parameter.
      const isPropertyName = api.isPropertyAccessExpression(parent) && parent.name === node;
      const member = api.isPropertyAccessExpression(parent) && parent.expression === node ? parent.name.text : undefined;
      const isRead = member !== undefined && !(api.isBinaryExpression(parent.parent) && parent.parent.left === parent && parent.parent.operatorToken.kind === api.SyntaxKind.EqualsToken);
      const isJsonCall = member === 'json' && api.isCallExpression(parent.parent) && parent.parent.expression === parent;
      if (!isPropertyName && !(isRead && (SHARED_MEMBERS.has(member ?? '') || isJsonCall))) shared = false;
      return;
    }
    node.forEachChild(visit);
  };
  visit(body);
  return shared;
}

/**
 * True when the checks can be given k6's response itself instead of an `HttpResult`: an object
 * literal of functions that read only `status`, `body`, `headers` or call `json()` on their
 * argument (what k6's response has with the same meaning). Saves building the result object
 * for every request; anything else (`ok`, `durationMs`, checks passed by name) gets the result.
 */
export function checksAcceptResponse(checks: TypeScript.Expression): boolean {
  const api = ts();
  if (!api.isObjectLiteralExpression(checks)) return false;
  return checks.properties.every((property) => {
    if (!api.isPropertyAssignment(property) || propertyName(property.name) === undefined) return false;
    const check = property.initializer;
    if (!api.isArrowFunction(check) && !api.isFunctionExpression(check)) return false;
    const [parameter, ...rest] = check.parameters;
    if (parameter === undefined) return true;
    if (rest.length > 0 || !api.isIdentifier(parameter.name) || parameter.dotDotDotToken !== undefined || parameter.initializer !== undefined) return false;
    return usesSharedMembersOnly(check.body, parameter.name.text);
  });
}
