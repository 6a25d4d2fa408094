import { describe, expect, it } from 'vitest';
import { rangeOf, splitEntries } from '../../engine/readers/build/build-entries.js';
import { childElements, elementText, scanXml, type XmlElement } from '../../engine/readers/build/xml-scanner.js';

/** The range of the n-th occurrence of `needle` in `text`. */
function at(text: string, needle: string, n = 0): [number, number] {
  let i = -1;
  for (let k = 0; k <= n; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`"${needle}" #${n} not in text`);
  }
  return [i, i + needle.length];
}

function rootOf(text: string): XmlElement {
  const document = scanXml(text);
  expect(document.problems).toEqual([]);
  return document.root!;
}

for (const [eolName, eol] of [
  ['LF', '\n'],
  ['CRLF', '\r\n'],
] as const) {
  describe(`scanXml (${eolName})`, () => {
    it('reads elements, attributes, text, comments and CDATA with their offsets', () => {
      const text = [
        '\uFEFF<?xml version="1.0" encoding="utf-8"?>',
        '<!DOCTYPE Project [ <!ENTITY x "y"> ]>',
        '<Project Label=\'Contoso &amp; Co\'>',
        '  <!-- a note -->',
        '  <Defines>CONTOSO_UI;NAME=&quot;a&lt;b&quot;</Defines>',
        '  <Raw><![CDATA[x <y> & z]]></Raw>',
        '  <Empty />',
        '</Project>',
        '',
      ].join(eol);
      const root = rootOf(text);
      expect(root.name).toBe('Project');
      expect(text.slice(...root.nameRange)).toBe('Project');
      expect(root.range).toEqual([text.indexOf('<Project'), text.indexOf('</Project>') + '</Project>'.length]);
      const label = root.attributes[0];
      expect(label.name).toBe('Label');
      expect(label.text.value).toBe('Contoso & Co');
      expect(text.slice(...label.valueRange)).toBe('Contoso &amp; Co');
      const comment = root.children.find((c) => c.kind === 'comment');
      expect(comment).toMatchObject({ kind: 'comment', value: ' a note ' });
      expect(text.slice(...comment!.range)).toBe('<!-- a note -->');
      const [defines, raw, empty] = childElements(root);
      const definesText = elementText(defines);
      expect(definesText.value).toBe('CONTOSO_UI;NAME="a<b"');
      const entries = splitEntries(definesText, /;/);
      expect(entries.map((e) => e.text)).toEqual(['CONTOSO_UI', 'NAME="a<b"']);
      expect(text.slice(...entries[0].range)).toBe('CONTOSO_UI');
      expect(text.slice(...entries[1].range)).toBe('NAME=&quot;a&lt;b&quot;');
      const rawText = raw.children[0];
      expect(rawText).toMatchObject({ kind: 'text', cdata: true });
      expect(elementText(raw).value).toBe('x <y> & z');
      expect(text.slice(...rangeOf(elementText(raw), 2, 5))).toBe('<y>');
      expect(empty.children).toEqual([]);
      expect(empty.contentRange[0]).toBe(empty.contentRange[1]);
      expect(text.slice(...empty.range)).toBe('<Empty />');
    });

    it('keeps UTF-16 offsets after astral characters and character references', () => {
      const text = ['<P>', '<A n="\u{1F600}é">&#x1F600;&#233;&#59;x</A>', '</P>'].join(eol);
      const a = childElements(rootOf(text))[0];
      expect(text.slice(...a.nameRange)).toBe('A');
      expect(a.attributes[0].text.value).toBe('\u{1F600}é');
      const content = elementText(a);
      expect(content.value).toBe('\u{1F600}é;x');
      expect(text.slice(...rangeOf(content, 0, 2))).toBe('&#x1F600;');
      expect(text.slice(...rangeOf(content, 3, 5))).toBe('&#59;x');
      expect(text.slice(...rangeOf(content, 2, 3))).toBe('&#233;');
    });

    const malformed: [string, string[], string, RegExp][] = [
      ['a closing tag that does not match', ['<P>', '  <A>x</B>', '</P>'], 'B', /<\/B> does not close <A>/],
      ['an element left open (the innermost)', ['<P>', '  <A>'], 'A', /<A> is not closed/],
      ['an unterminated comment', ['<P>', '<!-- never closed', '</P>'], '<!--', /unterminated comment/],
      ['an unknown entity', ['<P>a &nbsp; b</P>'], '&nbsp;', /unknown entity "&nbsp;"/],
      ['a bare ampersand', ['<P>salt & pepper</P>'], '&', /starts no entity/],
      ['"<" in an attribute value', ['<P a="x<y"/>'], '<', /"<" in the value of attribute "a"/],
      ['an attribute given twice', ['<P a="1" a="2"/>'], 'a', /given twice/],
      ['an attribute without quotes', ['<P a=1/>'], '1', /expected a quoted attribute value/],
      ['text after the root element', ['<P/>', 'junk'], 'j', /text after the root element/],
      ['a second root element', ['<P/>', '<Q/>'], 'Q', /second root element/],
      ['an unterminated CDATA section', ['<P><![CDATA[x', '</P>'], '<![CDATA[', /unterminated CDATA/],
    ];
    for (const [what, lines, needle, message] of malformed) {
      it(`reports ${what} at its offset, without throwing`, () => {
        const text = lines.join(eol);
        const document = scanXml(text);
        expect(document.root).toBeUndefined();
        expect(document.problems).toHaveLength(1);
        expect(document.problems[0].message).toMatch(message);
        const expected = needle === 'a' && what.includes('twice') ? at(text, 'a', 1) : needle === '<' ? at(text, '<', 1) : at(text, needle);
        expect(document.problems[0].range).toEqual(expected);
      });
    }

    it('reports an empty text and a text with no element', () => {
      expect(scanXml('').problems[0].message).toMatch(/no root element/);
      expect(scanXml(['<?xml version="1.0"?>', '<!-- only -->', ''].join(eol)).problems[0].message).toMatch(/no root element/);
    });

    it('never throws on a cut document: every strict prefix is reported', () => {
      const text = ['<Project a="1 &amp; 2">', '  <!-- c -->', '  <A><![CDATA[x]]>&lt;</A>', '</Project>'].join(eol);
      expect(scanXml(text).problems).toEqual([]);
      for (let n = 0; n < text.length; n++) {
        const document = scanXml(text.slice(0, n));
        expect(document.problems.length).toBe(1);
        const [start, end] = document.problems[0].range;
        expect(start).toBeGreaterThanOrEqual(0);
        expect(end).toBeLessThanOrEqual(n);
      }
    });
  });
}

describe('scanXml bounds', () => {
  it('refuses nesting deeper than the bound, at the element that goes too deep', () => {
    const text = '<a><b><c><d/></c></b></a>';
    expect(scanXml(text, { maxLength: 1000, maxDepth: 3 }).problems).toEqual([]);
    const document = scanXml('<a><b><c><d><e/></d></c></b></a>', { maxLength: 1000, maxDepth: 3 });
    expect(document.problems[0].message).toMatch(/nested more than 3 deep/);
    expect(document.problems[0].range).toEqual([10, 11]);
  });

  it('refuses a text longer than the bound without reading it', () => {
    const document = scanXml('<a>' + 'x'.repeat(100) + '</a>', { maxLength: 50, maxDepth: 10 });
    expect(document.root).toBeUndefined();
    expect(document.problems).toEqual([{ message: 'the file is larger than 50 characters and is not read', range: [0, 0] }]);
  });
});
