import { describe, expect, it } from 'vitest';
import { html, trustedHtml } from '../../../analysis/report/html/html.js';
import { inlineScript, scriptSafeJson, scriptSafeSource } from '../../../analysis/report/html/script-blocks.js';
import { serviceAnchor } from '../../../analysis/report/html/anchors.js';

describe('html template', () => {
  it('escapes interpolated text in content and attributes, keeps fragments, drops nothing-values', () => {
    const name = `"><script>alert('x')</script>&`;
    const fragment = html`<td title="${name}">${name}</td>`.toString();
    expect(fragment).toBe('<td title="&quot;&gt;&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;&amp;">&quot;&gt;&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;&amp;</td>');
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${[1, ' & ', [inner]]}${null}${undefined}${false}</p>`.toString()).toBe('<p><b>&lt;i&gt;</b>1 &amp; <b>&lt;i&gt;</b></p>');
    expect(html`${trustedHtml('<hr>')}`.toString()).toBe('<hr>');
  });
});

describe('script blocks', () => {
  it('JSON for a script element has no <, >, &, U+2028/2029 and parses back to the value', () => {
    const value = { a: '</script><!-- & \u2028\u2029 >', nested: ['<', { b: '&amp;' }] };
    const json = scriptSafeJson(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });

  it('inline code cannot close its element; the CSP hash is of the text as written', () => {
    expect(scriptSafeSource('var s = "</SCRIPT><!--";')).toBe('var s = "<\\/SCRIPT><\\!--";');
    const script = inlineScript('window.x = "</script>";');
    expect(script.element.toString()).toBe('<script>window.x = "<\\/script>";</script>');
    expect(script.cspHash).toMatch(/^'sha256-[A-Za-z0-9+/]{43}='$/);
  });
});

describe('serviceAnchor', () => {
  it('is unique by position and safe whatever the name', () => {
    expect(serviceAnchor(0, 'Catalog API')).toBe('service-1-catalog-api');
    expect(serviceAnchor(4, '"><script>')).toBe('service-5-script');
    expect(serviceAnchor(2, '日本')).toBe('service-3');
  });
});
