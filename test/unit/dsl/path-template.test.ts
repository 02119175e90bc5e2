import { describe, expect, it } from 'vitest';
import { pathPlaceholders, splitPathTemplate } from '../../../dsl/path-template.js';

describe('path templates (dsl/path-template.ts)', () => {
  it('splits literals and placeholder names', () => {
    expect(splitPathTemplate('/items/{id}/tags/{tag}')).toEqual(['/items/', 'id', '/tags/', 'tag', '']);
    expect(splitPathTemplate('/search')).toEqual(['/search']);
    expect(splitPathTemplate('/{a}{b}')).toEqual(['/', 'a', '', 'b', '']);
    expect(pathPlaceholders('/users/{user}/orders/{order}')).toEqual(['user', 'order']);
  });

  it('leaves empty and unclosed braces as literal text', () => {
    expect(splitPathTemplate('/a/{}/b')).toEqual(['/a/{}/b']);
    expect(splitPathTemplate('/a/{}{x}')).toEqual(['/a/{}', 'x', '']);
    expect(splitPathTemplate('/a/{x')).toEqual(['/a/{x']);
    expect(splitPathTemplate('/a/{x{y}')).toEqual(['/a/', 'x{y', '']);
  });
});
