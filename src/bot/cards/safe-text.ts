import { t, type Locale, type MessageKey } from '../../i18n/index.js';

/**
 * The one way user text goes into what the bot sends (R-INFO-3): whatever a user typed (a name, a
 * shop, a note, a reason, a comment, a material) shows as the characters typed and is never read as
 * markup, so it can neither mention anyone nor change formatting.
 *
 * - Card markdown (`markdown` / `lark_md`): Feishu documents HTML character references for the
 *   characters its markdown uses ("特殊字符转义说明", `&#实体编号;`, e.g. `&#42;` for `*`, `&#60;` for
 *   `<`), so `escapeMd` writes those. `<at>`, `<font>`, `<link>`, `<a>` … lose their `<` and stay text.
 * - Catalogue templates rendered into markdown (`tmd`): every string param is user text unless it is
 *   wrapped in `markup(…)` (a fragment the bot wrote, such as a red 【逾期】 mark). Forgetting `markup`
 *   shows the fragment's characters: ugly, never unsafe.
 * - `plain_text` (titles, buttons, options, toasts), table cells of type `text` and chart labels are
 *   shown as plain text by Feishu and need nothing.
 * - Text messages (`msg_type: text`) have no documented escape, but Feishu reads `<at user_id=…>`,
 *   `<i>/<u>/<s>`, `**bold**` and `[text](url)` in them; `escapeText` puts an invisible word joiner
 *   where it breaks those patterns, so the text reads the same and means nothing.
 */

/** A markdown fragment the bot itself wrote: `tmd` inserts it as is. */
export class Markup {
  constructor(readonly md: string) {}
}
export const markup = (md: string): Markup => new Markup(md);

const ref = (c: string) => `&#${c.codePointAt(0)};`;

/** Characters that are markdown or HTML anywhere in a line. `&` too, so a typed `&lt;` stays those four characters. */
const ANYWHERE = /[\\`*_~[\]<>|&#$]/g;
/** `:OK:` is a Feishu emoji: the opening colon of any `:word:` is written as a reference. */
const EMOJI_COLON = /:(?=[\w+-]+:)/g;
/**
 * What starts a block at the beginning of a line: indentation, `-`/`+` list marks and `---`/`===`
 * underlines, and `1.` / `1)` when a space or the end follows (so `10.00%` stays as it is).
 */
const LINE_START = /(^|\r\n|\r|\n)([ \t]*)([-+=]|\d+[.)](?=\s|$))?/g;

/**
 * `_` between two letters or digits (`open_id`, `ou_x_y`) can neither open nor close emphasis in
 * CommonMark, which Feishu follows: it stays readable. `*` can, so it is always a reference.
 */
const WORDISH = /[\p{L}\p{N}]/u;
const intraword = (s: string, i: number) => WORDISH.test(s[i - 1] ?? '') && WORDISH.test(s[i + 1] ?? '');

/** User text for card markdown: shows as typed, means nothing. */
export function escapeMd(text: string): string {
  return String(text)
    .replace(ANYWHERE, (c: string, i: number, s: string) => (c === '_' && intraword(s, i) ? c : ref(c)))
    .replace(EMOJI_COLON, ref)
    .replace(LINE_START, (_, nl: string, indent: string, mark: string | undefined) => {
      const spaces = indent.replace(/[ \t]/g, ref);
      if (!mark) return nl + spaces;
      // A list number keeps its digits; only the `.` or `)` after them is a reference.
      const escapedMark = /^\d/.test(mark) ? mark.slice(0, -1) + ref(mark.slice(-1)) : ref(mark);
      return nl + spaces + escapedMark;
    });
}

/** The named references Feishu's table lists, besides `&#N;` / `&#xN;`. */
const NAMED: Record<string, string> = {
  nbsp: '\u00a0',
  ensp: '\u2002',
  emsp: '\u2003',
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  sim: '~',
};

/** What a reader sees for escaped markdown text: the references decoded (the inverse of `escapeMd`). */
export function unescapeMd(md: string): string {
  return md.replace(
    /&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|([a-z]+));/g,
    (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (dec) return String.fromCodePoint(Number(dec));
      if (hex) return String.fromCodePoint(parseInt(hex, 16));
      return NAMED[name!] ?? whole;
    },
  );
}

const JOINER = '\u2060';

/** User text for a text message: `<at …>`, `<i>`, `**`, `[x](y)` are broken up by an invisible word joiner. */
export function escapeText(text: string): string {
  return String(text)
    .replace(/<(?=[A-Za-z/!?])/g, `<${JOINER}`)
    .replace(/\*(?=\*)/g, `*${JOINER}`)
    .replace(/\](?=\()/g, `]${JOINER}`);
}

export type SafeParams = Record<string, string | number | Markup>;

function render(key: MessageKey, params: SafeParams, escapeParam: (s: string) => string, locale: Locale): string {
  const safe: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params))
    safe[k] = v instanceof Markup ? v.md : typeof v === 'number' ? v : escapeParam(v);
  return t(key, safe, locale);
}

/** A catalogue template rendered into card markdown: string params are user text (escaped), `markup(…)` params are not. */
export function tmd(key: MessageKey, params: SafeParams = {}, locale: Locale = 'zh_cn'): string {
  return render(key, params, escapeMd, locale);
}

/** A catalogue template rendered into a text message: string params are neutralised with `escapeText`. */
export function ttext(key: MessageKey, params: SafeParams = {}, locale: Locale = 'zh_cn'): string {
  return render(key, params, escapeText, locale);
}

/**
 * An address typed by a user, as the target of a markdown link `[text](…)`: characters that would
 * end the link or start markup are percent-encoded, which a browser reads as the same address.
 */
export function linkTarget(url: string): string {
  return String(url).replace(/[\s()<>[\]\\`*_~|"'{}^]/g, (c) =>
    encodeURIComponent(c).replace(/[()*'~]/g, (x) => `%${x.charCodeAt(0).toString(16).toUpperCase()}`),
  );
}
