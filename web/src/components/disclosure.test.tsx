import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Disclosure } from './disclosure.tsx';

const HEADING = 'Declared relationships';

describe('Disclosure', () => {
  it('starts closed, and does not render (so does not load) its content', () => {
    let rendered = false;
    const html = renderToString(
      <Disclosure heading={HEADING} testId="records" hint={HEADING}>
        {() => {
          rendered = true;
          return null;
        }}
      </Disclosure>,
    );
    expect(rendered).toBe(false);
    const toggle = /<button[^>]*data-testid="records-toggle"[^>]*>/.exec(html)?.[0] ?? '';
    expect(toggle).toContain('aria-expanded="false"');
    const controls = /aria-controls="([^"]+)"/.exec(toggle)?.[1];
    expect(html).toContain(
      `<div id="${controls ?? 'missing'}" class="disclosure__body" hidden="">`,
    );
    expect(toggle).toMatch(/aria-describedby="[^"]+"/);
    expect(html).toMatch(/<h2[^>]*><button/);
  });
});
