// Feishu card markdown (the subset bots use), rendered to safe HTML: everything is escaped first,
// then only the documented tags (<font>, <at>, <text_tag>, <person>, <link>, <br>) and the
// markdown marks (**bold**, *italic*, ~~strike~~, `code`, [text](url), headings, lists, quotes,
// --- rules) are turned back into markup. Line breaks are kept, as Feishu does.
// Character references (`&#42;`, `&#60;`, `&nbsp;` …) are how the bot escapes user text, as Feishu
// documents: they are matched by no markdown or tag rule here and end up as the literal characters.

/** Feishu's named text colours (card palette), close enough for a screenshot. */
export const TEXT_COLORS = {
  default: '#1F2329',
  red: '#F54A45',
  green: '#2EA121',
  blue: '#3370FF',
  grey: '#8F959E',
  gray: '#8F959E',
  orange: '#FF8800',
  yellow: '#DC9B04',
  wathet: '#049FD7',
  turquoise: '#04B49C',
  carmine: '#F01D94',
  violet: '#D136D1',
  purple: '#7F3BF5',
  indigo: '#4954E6',
  lime: '#8FAC02',
};

/** Tinted tags (<text_tag color=…> and header tags): [background, text]. */
export const TAG_COLORS = {
  neutral: ['#EFF0F1', '#646A73'],
  blue: ['#E1EAFF', '#245BDB'],
  turquoise: ['#D5F6F2', '#067063'],
  lime: ['#EEF6C6', '#5B6E01'],
  orange: ['#FEEAD2', '#B26206'],
  violet: ['#F8DEF8', '#9F1E9F'],
  indigo: ['#E0E3FA', '#2F37A8'],
  wathet: ['#D9F3FD', '#036A8E'],
  green: ['#D9F5D6', '#237B19'],
  yellow: ['#FAF1D1', '#8F6A04'],
  red: ['#FDE2E2', '#C02A26'],
  purple: ['#ECE2FE', '#5A23B1'],
  carmine: ['#FDDDEF', '#A3166B'],
};

export function escapeHtml(s) {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function colorOf(name) {
  const key = String(name || '').toLowerCase();
  if (TEXT_COLORS[key]) return TEXT_COLORS[key];
  if (/^#[0-9a-f]{3,8}$/i.test(key)) return key;
  if (/^rgba?\([\d\s.,%]+\)$/i.test(key)) return key;
  return TEXT_COLORS.default;
}

const Q = `(?:&quot;|&#39;)?`; // an attribute value's optional (escaped) quote

/** A character reference as `escapeHtml` leaves it (`&amp;#42;`): numeric, or one Feishu's table names. */
const REFERENCE = /&amp;(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|nbsp|ensp|emsp|lt|gt|amp|quot|sim);/g;

/** `nameOf(openId)` gives the display name for @-mentions. */
export function renderMarkdown(src, nameOf = (id) => id) {
  const codeBlocks = [];
  // Fenced code blocks first: their content is shown verbatim.
  const text = String(src ?? '').replace(/```[\w-]*\n?([\s\S]*?)```/g, (_, code) => {
    codeBlocks.push(`<pre class="md-pre"><code>${escapeHtml(code.replace(/\n$/, ''))}</code></pre>`);
    return `\u0000B${codeBlocks.length - 1}\u0000`;
  });
  const lines = text.split('\n');
  const out = [];
  let list = null; // 'ul' | 'ol'
  const closeList = () => {
    if (list) out.push(`</${list}>`);
    list = null;
  };
  for (const line of lines) {
    const block = /^\u0000B(\d+)\u0000$/.exec(line.trim());
    if (block) {
      closeList();
      out.push(codeBlocks[Number(block[1])]);
      continue;
    }
    let m;
    if ((m = /^\s*([-*+])\s+(.*)$/.exec(line)) && !/^\s*[-*_]{3,}\s*$/.test(line)) {
      if (list !== 'ul') {
        closeList();
        out.push('<ul class="md-ul">');
        list = 'ul';
      }
      out.push(`<li>${inline(m[2], nameOf)}</li>`);
      continue;
    }
    if ((m = /^\s*(\d+)[.)]\s+(.*)$/.exec(line))) {
      if (list !== 'ol') {
        closeList();
        out.push(`<ol class="md-ol" start="${Number(m[1])}">`);
        list = 'ol';
      }
      out.push(`<li>${inline(m[2], nameOf)}</li>`);
      continue;
    }
    closeList();
    if (/^\s*[-*_]{3,}\s*$/.test(line)) out.push('<hr class="md-hr">');
    else if ((m = /^(#{1,6})\s+(.*)$/.exec(line)))
      out.push(`<div class="md-h md-h${m[1].length}">${inline(m[2], nameOf)}</div>`);
    else if (/^\s*>\s?/.test(line))
      out.push(`<div class="md-quote">${inline(line.replace(/^\s*>\s?/, ''), nameOf)}</div>`);
    else out.push(`<div class="md-line">${line.trim() === '' ? '<br>' : inline(line, nameOf)}</div>`);
  }
  closeList();
  return out.join('').replace(/\u0000B(\d+)\u0000/g, (_, i) => codeBlocks[Number(i)]);
}

/** One line: escape, restore the allowed tags, then the inline marks. */
export function inline(raw, nameOf = (id) => id) {
  const codes = [];
  let s = escapeHtml(raw).replace(/`([^`]+)`/g, (_, c) => {
    codes.push(`<code class="md-code">${c}</code>`);
    return `\u0000C${codes.length - 1}\u0000`;
  });
  s = s
    .replace(
      new RegExp(`&lt;font\\s+color=${Q}([#\\w(),.\\s%]+?)${Q}\\s*&gt;`, 'gi'),
      (_, c) => `<span style="color:${colorOf(c.trim())}">`,
    )
    .replace(/&lt;\/font&gt;/gi, '</span>')
    .replace(
      new RegExp(`&lt;text_tag\\s+color=${Q}(\\w+)${Q}\\s*&gt;([\\s\\S]*?)&lt;\\/text_tag&gt;`, 'gi'),
      (_, c, t) => {
        const [bg, fg] = TAG_COLORS[c.toLowerCase()] ?? TAG_COLORS.neutral;
        return `<span class="md-tag" style="background:${bg};color:${fg}">${t}</span>`;
      },
    )
    .replace(
      new RegExp(`&lt;at\\s+(id|ids|email|user_id)=${Q}([^&\\s]+?)${Q}\\s*&gt;([\\s\\S]*?)&lt;\\/at&gt;`, 'gi'),
      (_, kind, ids, label) =>
        ids
          .split(',')
          .map((id) => {
            // `label` is escaped already; a looked-up name is not.
            const name = id === 'all' ? '所有人' : label && kind === 'user_id' ? label : escapeHtml(nameOf(id) ?? id);
            return `<span class="md-at">@${name}</span>`;
          })
          .join(' '),
    )
    .replace(
      new RegExp(`&lt;person\\s+id=${Q}([\\w-]+)${Q}[^&]*?(?:\\/)?&gt;(?:&lt;\\/person&gt;)?`, 'gi'),
      (_, id) => `<span class="md-person">${escapeHtml(nameOf(id) ?? id)}</span>`,
    )
    .replace(
      new RegExp(`&lt;link\\s+[^&]*?url=${Q}(https?:[^&\\s]+?)${Q}[^&]*?&gt;([\\s\\S]*?)&lt;\\/link&gt;`, 'gi'),
      (_, url, t) => `<a class="md-a" href="${url}" target="_blank" rel="noopener">${t}</a>`,
    )
    .replace(/&lt;br\s*\/?&gt;/gi, '<br>')
    .replace(
      /\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g,
      (_, t, url) => `<a class="md-a" href="${url}" target="_blank" rel="noopener">${t}</a>`,
    )
    .replace(/\*\*([\s\S]+?)\*\*/g, '<b>$1</b>')
    .replace(/~~([\s\S]+?)~~/g, '<s>$1</s>')
    .replace(/(^|[^*\w])\*(?!\s)([^*]+?)\*(?!\*)/g, '$1<i>$2</i>')
    // Last, after every rule: a reference becomes its character as text, never markup.
    .replace(REFERENCE, '&$1;');
  return s.replace(/\u0000C(\d+)\u0000/g, (_, i) => codes[Number(i)]);
}

/** A text message's content: plain text with Feishu's `<at user_id="…">name</at>`. */
export function renderTextMessage(text, nameOf = (id) => id) {
  return escapeHtml(text)
    .replace(
      new RegExp(`&lt;at\\s+user_id=${Q}([^&\\s]+?)${Q}\\s*&gt;([\\s\\S]*?)&lt;\\/at&gt;`, 'gi'),
      (_, id, label) =>
        `<span class="md-at">@${id === 'all' ? '所有人' : label || escapeHtml(nameOf(id) || id)}</span>`,
    )
    .replace(/\n/g, '<br>');
}
