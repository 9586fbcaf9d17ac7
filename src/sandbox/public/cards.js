// Feishu card JSON 2.0 → DOM, for the sandbox console. Every component the bot may send has a
// renderer; an unknown one shows as a dashed box naming its tag, so a new component is noticed.
// Interaction follows the Feishu client: a button posts its callback value; a form's submit button
// posts `form_value` keyed by each component's `name` (date pickers "2026-11-25 +0800", person
// pickers an open_id, multi-selects an array); required fields are checked before anything is sent.
import { TAG_COLORS, escapeHtml, renderMarkdown } from './markdown.js';
import { INPUT_RENDERERS } from './card-inputs.js';
import { MEDIA_RENDERERS } from './card-media.js';
import { applyText, callbackOf, el, i18n, placeholder, textHtml } from './card-util.js';

export { avatarColor } from './card-util.js';

/** Header templates: Feishu's light header backgrounds (2.0 style) with a matching accent. */
export const HEADER_TEMPLATES = {
  blue: ['#E1EAFF', '#245BDB'],
  wathet: ['#D9F3FD', '#036A8E'],
  turquoise: ['#D5F6F2', '#067063'],
  green: ['#D9F5D6', '#237B19'],
  yellow: ['#FAF1D1', '#8F6A04'],
  orange: ['#FEEAD2', '#B26206'],
  red: ['#FDE2E2', '#C02A26'],
  carmine: ['#FDDDEF', '#A3166B'],
  violet: ['#F8DEF8', '#9F1E9F'],
  purple: ['#ECE2FE', '#5A23B1'],
  indigo: ['#E0E3FA', '#2F37A8'],
  grey: ['#EFF0F1', '#646A73'],
  default: ['#FFFFFF', '#1F2329'],
};

/**
 * ctx: {
 *   nameOf(openId) → display name, people: [{openId, name}], utcOffset: "+0800",
 *   onAction(payload) → Promise (payload: {tag, name?, value, formValue?, option?, options?, inputValue?, checked?}),
 *   confirm(title, text) → Promise<boolean>, imageUrl(key) → url, renderChart(el, element) → void,
 * }
 */
export function renderCard(card, ctx) {
  const root = el('div', 'lk-card');
  if (!card || typeof card !== 'object') return placeholder(root, '无法显示的卡片');
  if (card.type === 'template' || card.type === 'card') {
    return placeholder(
      root,
      `卡片模板 ${escapeHtml(card.data?.template_id ?? card.data?.card_id ?? '')}（沙盒不展开模板）`,
    );
  }
  const config = card.config ?? {};
  if (config.width_mode === 'compact') root.classList.add('lk-compact');
  if (card.header) root.appendChild(renderHeader(card.header));
  const body = card.body ?? {};
  const bodyEl = el('div', 'lk-body');
  if (typeof body.padding === 'string') bodyEl.style.padding = body.padding;
  if (typeof body.vertical_spacing === 'string' && /^\d+px$/.test(body.vertical_spacing))
    bodyEl.style.gap = body.vertical_spacing;
  const elements = Array.isArray(body.elements) ? body.elements : Array.isArray(card.elements) ? card.elements : [];
  renderElements(elements, bodyEl, { ctx, form: null, render: renderElements });
  root.appendChild(bodyEl);
  return root;
}

function renderHeader(h) {
  const [bg, accent] = HEADER_TEMPLATES[h.template] ?? HEADER_TEMPLATES.default;
  const head = el('div', 'lk-header');
  head.style.background = bg;
  head.style.setProperty('--lk-accent', accent);
  if (typeof h.padding === 'string') head.style.padding = h.padding;
  const title = el('div', 'lk-header-title');
  title.innerHTML = textHtml(h.title);
  const tags = Array.isArray(h.text_tag_list) ? h.text_tag_list.slice(0, 3) : [];
  for (const t of tags) {
    const [tbg, tfg] = TAG_COLORS[t.color] ?? TAG_COLORS.neutral;
    const tag = el('span', 'lk-header-tag');
    tag.style.background = tbg;
    tag.style.color = tfg;
    tag.textContent = t.text?.content ?? '';
    title.appendChild(tag);
  }
  head.appendChild(title);
  if (h.subtitle?.content) {
    const sub = el('div', 'lk-header-subtitle');
    sub.innerHTML = textHtml(h.subtitle);
    head.appendChild(sub);
  }
  return head;
}

function renderElements(elements, parent, scope) {
  for (const e of elements ?? []) {
    if (!e || typeof e !== 'object') continue;
    const node = renderElement(e, scope);
    if (!node) continue;
    if (e.element_id) node.dataset.elementId = e.element_id;
    if (typeof e.margin === 'string' && /^[\d\s.px-]+$/.test(e.margin)) node.style.margin = e.margin;
    parent.appendChild(node);
  }
}

function renderElement(e, scope) {
  const r = RENDERERS[e.tag];
  if (!r) return placeholder(el('div', 'lk-unknown'), `未支持的组件 ${escapeHtml(e.tag ?? '?')}`);
  return r(e, scope);
}

const RENDERERS = {
  markdown: (e, { ctx }) => {
    const d = el('div', 'lk-md');
    d.innerHTML = renderMarkdown(i18n(e.content, e.i18n_content), ctx.nameOf);
    applyText(d, e);
    return d;
  },
  plain_text: (e) => {
    const d = el('div', 'lk-text');
    d.textContent = i18n(e.content, e.i18n_content);
    applyText(d, e);
    return d;
  },
  lark_md: (e, { ctx }) => {
    const d = el('div', 'lk-md');
    d.innerHTML = renderMarkdown(i18n(e.content, e.i18n_content), ctx.nameOf);
    return d;
  },
  div: (e, { ctx }) => {
    const d = el('div', 'lk-div');
    if (e.text) {
      const t = el('div', e.text.tag === 'lark_md' ? 'lk-md' : 'lk-text');
      if (e.text.tag === 'lark_md') t.innerHTML = renderMarkdown(i18n(e.text.content, e.text.i18n_content), ctx.nameOf);
      else t.textContent = i18n(e.text.content, e.text.i18n_content);
      applyText(t, e.text);
      if (e.text.lines)
        t.style.cssText += `;display:-webkit-box;-webkit-line-clamp:${Number(e.text.lines)};-webkit-box-orient:vertical;overflow:hidden`;
      d.appendChild(t);
    }
    if (Array.isArray(e.fields)) {
      const grid = el('div', 'lk-fields');
      for (const f of e.fields) {
        const cell = el('div', f.is_short ? 'lk-field lk-field-short' : 'lk-field');
        cell.innerHTML =
          f.text?.tag === 'lark_md' ? renderMarkdown(f.text.content, ctx.nameOf) : escapeHtml(f.text?.content ?? '');
        grid.appendChild(cell);
      }
      d.appendChild(grid);
    }
    return d;
  },
  hr: () => el('hr', 'lk-hr'),
  column_set: (e, scope) => {
    const row = el('div', `lk-cols lk-flex-${e.flex_mode ?? 'none'}`);
    if (typeof e.horizontal_spacing === 'string' && /^\d+px$/.test(e.horizontal_spacing))
      row.style.columnGap = e.horizontal_spacing;
    else if (e.horizontal_spacing === 'small') row.style.columnGap = '4px';
    else if (e.horizontal_spacing === 'large') row.style.columnGap = '16px';
    if (e.background_style && e.background_style !== 'default')
      row.classList.add('lk-bg', `lk-bg-${e.background_style}`);
    if (e.horizontal_align)
      row.style.justifyContent = { left: 'flex-start', center: 'center', right: 'flex-end' }[e.horizontal_align] ?? '';
    const behaviors = callbackOf(e);
    if (behaviors) {
      row.classList.add('lk-clickable');
      row.addEventListener('click', () => void scope.ctx.onAction({ tag: 'column_set', value: behaviors }));
    }
    for (const c of e.columns ?? []) {
      const col = el('div', 'lk-col');
      if (c.width === 'auto') col.classList.add('lk-col-auto');
      else if (typeof c.width === 'string' && /^\d+px$/.test(c.width)) col.style.flex = `0 0 ${c.width}`;
      else col.style.flexGrow = String(Number(c.weight) || 1);
      col.style.justifyContent =
        { top: 'flex-start', center: 'center', bottom: 'flex-end' }[c.vertical_align ?? 'top'] ?? '';
      if (c.background_style && c.background_style !== 'default')
        col.classList.add('lk-bg', `lk-bg-${c.background_style}`);
      if (typeof c.padding === 'string') col.style.padding = c.padding;
      renderElements(c.elements, col, scope);
      row.appendChild(col);
    }
    return row;
  },
  // 1.0 modules, still seen in older cards.
  action: (e, scope) => {
    const row = el('div', 'lk-cols lk-flex-flow');
    row.style.columnGap = '8px';
    for (const a of e.actions ?? []) {
      const col = el('div', 'lk-col lk-col-auto');
      renderElements([a], col, scope);
      row.appendChild(col);
    }
    return row;
  },
  note: (e, scope) => {
    const d = el('div', 'lk-note');
    renderElements(
      (e.elements ?? []).map((x) =>
        x.tag === 'plain_text' || x.tag === 'lark_md'
          ? { ...x, tag: x.tag === 'lark_md' ? 'markdown' : 'plain_text' }
          : x,
      ),
      d,
      scope,
    );
    return d;
  },
  collapsible_panel: (e, scope) => {
    const d = document.createElement('details');
    d.className = 'lk-panel';
    d.open = Boolean(e.expanded);
    const s = document.createElement('summary');
    s.innerHTML = textHtml(e.header?.title, scope.ctx) || '展开';
    d.appendChild(s);
    const inner = el('div', 'lk-panel-body');
    renderElements(e.elements, inner, scope);
    d.appendChild(inner);
    return d;
  },
  interactive_container: (e, scope) => {
    const d = el('div', 'lk-container');
    if (e.background_style && e.background_style !== 'default') d.classList.add('lk-bg', `lk-bg-${e.background_style}`);
    if (e.has_border) d.classList.add('lk-bordered');
    if (typeof e.padding === 'string') d.style.padding = e.padding;
    renderElements(e.elements, d, scope);
    const value = callbackOf(e);
    if (value) {
      d.classList.add('lk-clickable');
      d.addEventListener('click', (ev) => {
        if (ev.target.closest('button, input, select, textarea, .lk-multi')) return;
        void scope.ctx.onAction({ tag: 'interactive_container', name: e.name, value });
      });
    }
    return d;
  },
  ...INPUT_RENDERERS,
  ...MEDIA_RENDERERS,
};
