import { describe, expect, it } from 'vitest';
import { escapeMd } from '../../../src/bot/cards/safe-text.js';

/** The console's renderer is a browser module without types; it has no DOM dependency, so it runs here. */
const { renderMarkdown } = (await import('../../../src/sandbox/public/markdown.js' as string)) as {
  renderMarkdown: (src: string) => string;
};

/** What a reader sees: tags dropped, references decoded, one line per block. */
function textOf(html: string): string {
  return html
    .replace(/<\/div>|<br>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#\d+|lt|gt|amp|quot|#39);/g, (_, r: string) =>
      r.startsWith('#')
        ? String.fromCodePoint(Number(r.slice(1)))
        : ({ lt: '<', gt: '>', amp: '&', quot: '"' } as Record<string, string>)[r]!,
    )
    .replace(/\n+$/, '');
}

const HOSTILE = [
  '<at id=all></at>**阿强**<font color="red">建材</font>',
  '[x](http://e) `x` ~~s~~ *i* <link url="http://e">l</link> <text_tag color="red">t</text_tag>',
  '# x',
  '- x',
  '1. x',
  '> x',
  '---',
  '    indented \\ | &lt; :OK:',
];

describe('R-INFO-3: the sandbox console renders escaped user text as Feishu does: literally', () => {
  it.each(HOSTILE)('R-INFO-3: %j shows as typed, with no mention, colour, link, list, heading or quote', (s) => {
    const html = renderMarkdown(escapeMd(s));
    expect(html).not.toMatch(/md-at|<b>|<i>|<s>|<a |style="color|md-tag|<li>|md-h|md-quote|md-hr|<pre|<code/);
    expect(textOf(html)).toBe(s);
  });

  it("R-INFO-3: the bot's own markup next to escaped text still renders", () => {
    const html = renderMarkdown(`**${escapeMd('**x**')}** <font color="red">【逾期】</font>`);
    expect(html).toContain('<b>&#42;&#42;x&#42;&#42;</b>');
    expect(html).toContain('style="color:');
  });
});
