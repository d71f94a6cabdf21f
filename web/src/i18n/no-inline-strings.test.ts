import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** Attributes a person sees or hears; their values must come from t() like any text. */
const VISIBLE_ATTRIBUTES = new Set([
  'alt',
  'aria-description',
  'aria-label',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'label',
  'placeholder',
  'title',
]);

const HAS_WORDS = /\p{L}/u;

function isLiteralText(node: ts.Node): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);
}

/** Every piece of literal UI text in a TSX source: JSX text, `{'…'}` children, visible attributes. */
function findInlineStrings(source: string, fileName = 'inline.tsx'): string[] {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    if (!HAS_WORDS.test(text)) return;
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    found.push(`${fileName}:${line + 1}: ${text.trim()}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, node.text);
    if (ts.isJsxExpression(node) && node.expression && isLiteralText(node.expression)) {
      const parent = node.parent;
      const inAttribute = ts.isJsxAttribute(parent);
      if (!inAttribute || VISIBLE_ATTRIBUTES.has(parent.name.getText(file))) {
        report(node, node.expression.text);
      }
    }
    if (ts.isJsxAttribute(node) && node.initializer && ts.isStringLiteral(node.initializer)) {
      if (VISIBLE_ATTRIBUTES.has(node.name.getText(file))) report(node, node.initializer.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

// Vite reads the sources, so this test needs no Node file APIs and sees exactly what is bundled.
const sources = import.meta.glob<string>('../**/*.tsx', {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('no inline UI strings', () => {
  it('scans the web sources', () => {
    expect(Object.keys(sources)).toContain('../main.tsx');
    expect(Object.keys(sources).length).toBeGreaterThan(10);
  });

  it('finds no literal text outside t() in any .tsx file', () => {
    const found = Object.entries(sources).flatMap(([path, source]) =>
      findInlineStrings(source, path),
    );
    expect(found).toEqual([]);
  });

  it('catches text, string children and visible attributes, in any script', () => {
    const source = `
      const a = <p>Hello</p>;
      const b = <p>你好</p>;
      const c = <p>{'Hi'}</p>;
      const d = <img alt="A cat" />;
      const e = <button aria-label={'Close'} />;
      const f = <p>{t('ok')}</p>;
      const g = <a href="/help" className="x" data-testid="y">{' '}</a>;
      const h = <p>110 · 120</p>;
    `;
    expect(findInlineStrings(source).map((hit) => hit.split(': ')[1])).toEqual([
      'Hello',
      '你好',
      'Hi',
      'A cat',
      'Close',
    ]);
  });
});
