// Feishu card JSON 2.0 → DOM, for the sandbox console. Every component the bot may send has a
// renderer; an unknown one shows as a dashed box naming its tag, so a new component is noticed.
// Interaction follows the Feishu client: a button posts its callback value; a form's submit button
// posts `form_value` keyed by each component's `name` (date pickers "2026-11-25 +0800", person
// pickers an open_id, multi-selects an array); required fields are checked before anything is sent.
import { TAG_COLORS, escapeHtml, renderMarkdown } from './markdown.js';

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

const TEXT_SIZES = {
  'heading-0': 30, 'heading-1': 24, 'heading-2': 20, 'heading-3': 18, 'heading-4': 16, heading: 18,
  'xxxx-large': 30, 'xxx-large': 24, 'xx-large': 20, 'x-large': 18, large: 16, normal: 14, medium: 14, small: 12, notation: 12, 'x-small': 10,
};

const CHART_RATIOS = { '1:1': 1, '2:1': 0.5, '4:3': 0.75, '16:9': 9 / 16 };

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
    return placeholder(root, `卡片模板 ${escapeHtml(card.data?.template_id ?? card.data?.card_id ?? '')}（沙盒不展开模板）`);
  }
  const config = card.config ?? {};
  if (config.width_mode === 'compact') root.classList.add('lk-compact');
  if (card.header) root.appendChild(renderHeader(card.header));
  const body = card.body ?? {};
  const bodyEl = el('div', 'lk-body');
  if (typeof body.padding === 'string') bodyEl.style.padding = body.padding;
  if (typeof body.vertical_spacing === 'string' && /^\d+px$/.test(body.vertical_spacing)) bodyEl.style.gap = body.vertical_spacing;
  const elements = Array.isArray(body.elements) ? body.elements : Array.isArray(card.elements) ? card.elements : [];
  renderElements(elements, bodyEl, { ctx, form: null });
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
      if (e.text.lines) t.style.cssText += `;display:-webkit-box;-webkit-line-clamp:${Number(e.text.lines)};-webkit-box-orient:vertical;overflow:hidden`;
      d.appendChild(t);
    }
    if (Array.isArray(e.fields)) {
      const grid = el('div', 'lk-fields');
      for (const f of e.fields) {
        const cell = el('div', f.is_short ? 'lk-field lk-field-short' : 'lk-field');
        cell.innerHTML = f.text?.tag === 'lark_md' ? renderMarkdown(f.text.content, ctx.nameOf) : escapeHtml(f.text?.content ?? '');
        grid.appendChild(cell);
      }
      d.appendChild(grid);
    }
    return d;
  },
  hr: () => el('hr', 'lk-hr'),
  column_set: (e, scope) => {
    const row = el('div', `lk-cols lk-flex-${e.flex_mode ?? 'none'}`);
    if (typeof e.horizontal_spacing === 'string' && /^\d+px$/.test(e.horizontal_spacing)) row.style.columnGap = e.horizontal_spacing;
    else if (e.horizontal_spacing === 'small') row.style.columnGap = '4px';
    else if (e.horizontal_spacing === 'large') row.style.columnGap = '16px';
    if (e.background_style && e.background_style !== 'default') row.classList.add('lk-bg', `lk-bg-${e.background_style}`);
    if (e.horizontal_align) row.style.justifyContent = { left: 'flex-start', center: 'center', right: 'flex-end' }[e.horizontal_align] ?? '';
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
      col.style.justifyContent = { top: 'flex-start', center: 'center', bottom: 'flex-end' }[c.vertical_align ?? 'top'] ?? '';
      if (c.background_style && c.background_style !== 'default') col.classList.add('lk-bg', `lk-bg-${c.background_style}`);
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
    renderElements((e.elements ?? []).map((x) => (x.tag === 'plain_text' || x.tag === 'lark_md' ? { ...x, tag: x.tag === 'lark_md' ? 'markdown' : 'plain_text' } : x)), d, scope);
    return d;
  },
  button: renderButton,
  form: (e, scope) => {
    const f = el('form', 'lk-form');
    f.noValidate = true;
    f.dataset.formName = e.name ?? '';
    const form = { name: e.name, fields: [] };
    f.addEventListener('submit', (ev) => ev.preventDefault());
    renderElements(e.elements, f, { ...scope, form });
    return f;
  },
  input: (e, scope) => {
    const wrap = fieldWrap(e);
    const multiline = e.input_type === 'multiline_text';
    const input = document.createElement(multiline ? 'textarea' : 'input');
    input.className = 'lk-input';
    if (multiline) input.rows = Number(e.rows) || 3;
    else input.type = e.input_type === 'password' ? 'password' : 'text';
    input.placeholder = i18n(e.placeholder?.content, e.placeholder?.i18n_content) || '请输入';
    input.value = i18n(e.default_value, e.i18n_default_value) ?? '';
    input.maxLength = Number(e.max_length) || 1000;
    if (e.name) input.dataset.name = e.name;
    if (e.disabled) input.disabled = true;
    wrap.control.appendChild(input);
    const initial = input.value;
    register(scope, wrap, e, { get: () => input.value, empty: () => input.value.trim() === '', reset: () => (input.value = initial), focus: input });
    if (!scope.form) {
      // Outside a form an input reports on Enter, as the client does.
      input.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' && !multiline) {
          ev.preventDefault();
          void scope.ctx.onAction({ tag: 'input', name: e.name, value: callbackOf(e) ?? {}, inputValue: input.value });
        }
      });
    }
    return wrap.root;
  },
  select_static: (e, scope) => selectLike(e, scope, (e.options ?? []).map((o) => ({ value: o.value, text: i18n(o.text?.content, o.text?.i18n_content) })), 'select_static'),
  select_person: (e, scope) => selectLike(e, scope, personOptions(e, scope.ctx), 'select_person'),
  multi_select_static: (e, scope) => multiSelect(e, scope, (e.options ?? []).map((o) => ({ value: o.value, text: i18n(o.text?.content, o.text?.i18n_content) })), 'multi_select_static'),
  multi_select_person: (e, scope) => multiSelect(e, scope, personOptions(e, scope.ctx), 'multi_select_person'),
  date_picker: (e, scope) => picker(e, scope, 'date', e.initial_date, (v) => v, '请选择日期'),
  picker_time: (e, scope) => picker(e, scope, 'time', e.initial_time, (v) => v, '请选择时间'),
  picker_datetime: (e, scope) =>
    picker(e, scope, 'datetime-local', e.initial_datetime ? String(e.initial_datetime).replace(' ', 'T') : undefined, (v) => v.replace('T', ' '), '请选择日期时间'),
  checker: (e, scope) => {
    const wrap = el('label', 'lk-checker');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = Boolean(e.checked);
    if (e.name) box.dataset.name = e.name;
    if (e.disabled) box.disabled = true;
    const text = el('span', 'lk-checker-text');
    text.innerHTML = textHtml(e.text, scope.ctx);
    const sync = () => wrap.classList.toggle('is-checked', box.checked);
    sync();
    wrap.append(box, text);
    box.addEventListener('change', () => {
      sync();
      if (!scope.form) void scope.ctx.onAction({ tag: 'checker', name: e.name, value: callbackOf(e) ?? {}, checked: box.checked });
    });
    if (scope.form && e.name) scope.form.fields.push({ name: e.name, get: () => box.checked, empty: () => false, reset: () => ((box.checked = Boolean(e.checked)), sync()), required: false });
    return wrap;
  },
  table: renderTable,
  chart: (e, { ctx }) => {
    const box = el('div', 'lk-chart');
    const ratio = CHART_RATIOS[e.aspect_ratio] ?? CHART_RATIOS['1:1'];
    if (typeof e.height === 'string' && /^\d+px$/.test(e.height)) box.style.height = e.height;
    else box.style.aspectRatio = String(1 / ratio);
    ctx.renderChart(box, e);
    return box;
  },
  img: (e, { ctx }) => {
    const fig = el('div', `lk-img lk-img-${e.scale_type ?? 'crop_center'}`);
    const img = document.createElement('img');
    img.alt = e.alt?.content ?? '';
    img.src = ctx.imageUrl(e.img_key);
    img.onerror = () => placeholder(fig, `图片 ${escapeHtml(e.img_key ?? '')}`);
    if (typeof e.size === 'string' && /^\d+px \d+px$/.test(e.size)) {
      const [w, h] = e.size.split(' ');
      img.style.width = w;
      img.style.height = h;
    }
    if (e.corner_radius) img.style.borderRadius = e.corner_radius;
    fig.appendChild(img);
    if (e.title?.content) {
      const cap = el('div', 'lk-img-title');
      cap.textContent = e.title.content;
      fig.appendChild(cap);
    }
    return fig;
  },
  img_combination: (e, { ctx }) => {
    const grid = el('div', 'lk-img-grid');
    for (const i of e.img_list ?? []) {
      const img = document.createElement('img');
      img.src = ctx.imageUrl(i.img_key);
      grid.appendChild(img);
    }
    return grid;
  },
  person: (e, { ctx }) => personChip(e.user_id, ctx),
  person_list: (e, { ctx }) => {
    const d = el('div', 'lk-person-list');
    for (const p of e.persons ?? []) d.appendChild(personChip(p.id, ctx));
    return d;
  },
  overflow: (e, scope) => {
    const wrap = el('div', 'lk-overflow');
    const btn = el('button', 'lk-btn lk-btn-default lk-overflow-btn');
    btn.type = 'button';
    btn.textContent = '···';
    const menu = el('div', 'lk-menu');
    menu.hidden = true;
    for (const o of e.options ?? []) {
      const item = el('div', 'lk-menu-item');
      item.textContent = i18n(o.text?.content, o.text?.i18n_content);
      item.addEventListener('click', () => {
        menu.hidden = true;
        void scope.ctx.onAction({ tag: 'overflow', name: e.name, value: callbackOf(e) ?? {}, option: o.value });
      });
      menu.appendChild(item);
    }
    btn.addEventListener('click', () => (menu.hidden = !menu.hidden));
    wrap.append(btn, menu);
    return wrap;
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
};

function renderButton(e, scope) {
  const { ctx, form } = scope;
  const btn = el('button', `lk-btn lk-btn-${e.type ?? 'default'} lk-size-${e.size ?? 'medium'}`);
  btn.type = 'button';
  btn.textContent = i18n(e.text?.content, e.text?.i18n_content) || '按钮';
  if (e.width === 'fill') btn.classList.add('lk-btn-fill');
  else if (typeof e.width === 'string' && /^\d+px$/.test(e.width)) btn.style.width = e.width;
  if (e.disabled) {
    btn.disabled = true;
    if (e.disabled_tips?.content) btn.title = e.disabled_tips.content;
  }
  if (e.name) btn.dataset.name = e.name;
  const value = callbackOf(e);
  const url = (e.behaviors ?? []).find((b) => b.type === 'open_url') ?? (e.url || e.multi_url ? { default_url: e.url ?? e.multi_url?.url } : undefined);
  btn.addEventListener('click', async () => {
    if (btn.disabled) return;
    if (form && e.form_action_type === 'reset') return form.fields.forEach((f) => f.reset());
    let payload;
    if (form && e.form_action_type === 'submit') {
      payload = collectForm(form, e, value);
      if (!payload) return;
    } else if (value !== undefined) {
      payload = { tag: 'button', ...(e.name ? { name: e.name } : {}), value };
    }
    if (e.confirm && !(await ctx.confirm(e.confirm.title?.content ?? '', e.confirm.text?.content ?? ''))) return;
    if (url?.default_url || url?.pc_url) window.open(url.pc_url ?? url.default_url, '_blank', 'noopener');
    if (!payload) return;
    btn.classList.add('is-loading');
    btn.disabled = true;
    try {
      await ctx.onAction(payload);
    } finally {
      btn.classList.remove('is-loading');
      btn.disabled = Boolean(e.disabled);
    }
  });
  return btn;
}

/** Feishu checks required fields in the client; then form_value carries every named field. */
function collectForm(form, button, value) {
  let ok = true;
  const formValue = {};
  for (const f of form.fields) {
    f.setError?.('');
    if (f.required && f.empty()) {
      f.setError?.('此项为必填项');
      ok = false;
      continue;
    }
    const v = f.get();
    if (v === undefined) continue;
    formValue[f.name] = v;
  }
  if (!ok) return undefined;
  return { tag: 'button', name: button.name, value: value ?? {}, formValue };
}

function register(scope, wrap, e, api) {
  if (!scope.form || !e.name) return;
  scope.form.fields.push({
    name: e.name,
    required: Boolean(e.required),
    setError: (msg) => {
      wrap.root.classList.toggle('has-error', Boolean(msg));
      wrap.error.textContent = msg;
    },
    ...api,
  });
}

/** A field with the optional label Feishu draws itself (`label`, `label_position`) and a slot for the required-field error. */
function fieldWrap(e) {
  const root = el('div', `lk-field-wrap${e.label_position === 'left' ? ' lk-label-left' : ''}`);
  if (typeof e.width === 'string' && /^\d+px$/.test(e.width)) root.style.maxWidth = e.width;
  if (e.label?.content) {
    const label = el('div', 'lk-label');
    label.innerHTML = `${e.required ? '<span class="lk-required">*</span>' : ''}${textHtml(e.label)}`;
    root.appendChild(label);
  }
  const control = el('div', 'lk-control');
  root.appendChild(control);
  const error = el('div', 'lk-field-error');
  root.appendChild(error);
  return { root, control, error };
}

function selectLike(e, scope, options, tag) {
  const wrap = fieldWrap(e);
  const sel = document.createElement('select');
  sel.className = 'lk-select';
  if (e.name) sel.dataset.name = e.name;
  if (e.disabled) sel.disabled = true;
  const ph = document.createElement('option');
  ph.value = '';
  ph.textContent = i18n(e.placeholder?.content, e.placeholder?.i18n_content) || (tag === 'select_person' ? '请选择人员' : '请选择');
  ph.disabled = true;
  sel.appendChild(ph);
  for (const o of options) {
    const opt = document.createElement('option');
    opt.value = o.value;
    opt.textContent = o.text;
    sel.appendChild(opt);
  }
  const initial = e.initial_option ?? (Number.isInteger(e.initial_index) && options[e.initial_index - 1] ? options[e.initial_index - 1].value : '');
  sel.value = options.some((o) => o.value === initial) ? initial : '';
  const sync = () => sel.classList.toggle('is-empty', sel.value === '');
  sync();
  wrap.control.appendChild(sel);
  register(scope, wrap, e, { get: () => (sel.value === '' ? undefined : sel.value), empty: () => sel.value === '', reset: () => ((sel.value = initial), sync()) });
  sel.addEventListener('change', () => {
    sync();
    if (!scope.form) void scope.ctx.onAction({ tag, name: e.name, value: callbackOf(e) ?? {}, option: sel.value });
  });
  return wrap.root;
}

function multiSelect(e, scope, options, tag) {
  const wrap = fieldWrap(e);
  const box = el('div', 'lk-multi');
  if (e.name) box.dataset.name = e.name;
  box.tabIndex = 0;
  const shown = el('div', 'lk-multi-value');
  const menu = el('div', 'lk-menu lk-multi-menu');
  menu.hidden = true;
  const initial = Array.isArray(e.selected_values) ? e.selected_values.filter((v) => options.some((o) => o.value === v)) : [];
  let chosen = [...initial];
  const draw = () => {
    shown.innerHTML = '';
    if (!chosen.length) {
      shown.textContent = i18n(e.placeholder?.content, e.placeholder?.i18n_content) || '请选择';
      shown.classList.add('is-empty');
    } else {
      shown.classList.remove('is-empty');
      for (const v of chosen) {
        const chip = el('span', 'lk-chip');
        chip.textContent = options.find((o) => o.value === v)?.text ?? v;
        shown.appendChild(chip);
      }
    }
    for (const item of menu.children) item.classList.toggle('is-selected', chosen.includes(item.dataset.value));
  };
  for (const o of options) {
    const item = el('div', 'lk-menu-item lk-check-item');
    item.dataset.value = o.value;
    item.textContent = o.text;
    item.addEventListener('click', (ev) => {
      ev.stopPropagation();
      chosen = chosen.includes(o.value) ? chosen.filter((v) => v !== o.value) : [...chosen, o.value];
      draw();
    });
    menu.appendChild(item);
  }
  const close = () => {
    if (menu.hidden) return;
    menu.hidden = true;
    box.classList.remove('is-open');
    if (!scope.form) void scope.ctx.onAction({ tag, name: e.name, value: callbackOf(e) ?? {}, options: chosen });
  };
  box.addEventListener('click', (ev) => {
    if (e.disabled) return;
    ev.stopPropagation();
    if (menu.hidden) {
      menu.hidden = false;
      box.classList.add('is-open');
      const outside = (o) => {
        if (box.contains(o.target)) return;
        document.removeEventListener('click', outside, true);
        close();
      };
      document.addEventListener('click', outside, true);
    } else if (!menu.contains(ev.target)) close();
  });
  box.append(shown, menu);
  draw();
  wrap.control.appendChild(box);
  register(scope, wrap, e, { get: () => [...chosen], empty: () => chosen.length === 0, reset: () => ((chosen = [...initial]), draw()) });
  return wrap.root;
}

/**
 * Date and time pickers: a face drawn like Feishu's ("请选择日期" / "2026-11-25" and an icon) over the
 * browser's own picker input, which stays invisible on top of it and opens on click.
 */
function picker(e, scope, type, initial, toValue, defaultPlaceholder) {
  const wrap = fieldWrap(e);
  const box = el('div', 'lk-picker');
  const face = el('span', 'lk-picker-face');
  const icon = el('span', `lk-picker-icon lk-picker-icon-${type === 'time' ? 'time' : 'date'}`);
  const input = document.createElement('input');
  input.type = type;
  input.className = 'lk-picker-native';
  if (e.name) input.dataset.name = e.name;
  if (e.disabled) input.disabled = true;
  input.value = initial ?? '';
  const placeholder = i18n(e.placeholder?.content, e.placeholder?.i18n_content) || defaultPlaceholder;
  const sync = () => {
    face.textContent = input.value ? toValue(input.value) : placeholder;
    box.classList.toggle('is-empty', input.value === '');
  };
  sync();
  box.append(face, icon, input);
  input.addEventListener('click', () => {
    try {
      input.showPicker?.();
    } catch {
      /* not from a user gesture (tests fill the value directly) */
    }
  });
  wrap.control.appendChild(box);
  // Feishu sends the picked value with the user's UTC offset: "2026-11-25 +0800", "09:30 +0800".
  const value = () => (input.value ? `${toValue(input.value)} ${scope.ctx.utcOffset}` : undefined);
  register(scope, wrap, e, { get: value, empty: () => input.value === '', reset: () => ((input.value = initial ?? ''), sync()) });
  input.addEventListener('input', sync);
  input.addEventListener('change', () => {
    sync();
    if (!scope.form && input.value) void scope.ctx.onAction({ tag: e.tag, name: e.name, value: callbackOf(e) ?? {}, option: value() });
  });
  return wrap.root;
}

function personOptions(e, ctx) {
  const ids = Array.isArray(e.options) && e.options.length ? e.options.map((o) => o.value) : ctx.people.map((p) => p.openId);
  return ids.map((id) => ({ value: id, text: ctx.nameOf(id) ?? id }));
}

function renderTable(e, { ctx }) {
  const wrap = el('div', 'lk-table-wrap');
  const cols = Array.isArray(e.columns) ? e.columns : [];
  const rows = Array.isArray(e.rows) ? e.rows : [];
  const pageSize = Math.min(10, Math.max(1, Number(e.page_size) || 5));
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  let page = 1;
  const scroller = el('div', 'lk-table-scroll');
  const table = el('table', 'lk-table');
  scroller.appendChild(table);
  wrap.appendChild(scroller);
  const hs = e.header_style ?? {};
  const draw = () => {
    table.innerHTML = '';
    const thead = el('thead');
    const tr = el('tr');
    if (hs.background_style === 'none') thead.classList.add('lk-thead-plain');
    for (const c of cols) {
      const th = el('th');
      th.textContent = c.display_name ?? c.name;
      if (c.width && /^\d+px$/.test(c.width)) th.style.minWidth = c.width;
      if (c.horizontal_align || hs.text_align) th.style.textAlign = c.horizontal_align ?? hs.text_align;
      if (hs.bold === false) th.style.fontWeight = '400';
      tr.appendChild(th);
    }
    thead.appendChild(tr);
    table.appendChild(thead);
    const tbody = el('tbody');
    for (const row of rows.slice((page - 1) * pageSize, page * pageSize)) {
      const r = el('tr');
      for (const c of cols) {
        const td = el('td');
        td.innerHTML = cellHtml(row[c.name], c, ctx);
        if (c.horizontal_align) td.style.textAlign = c.horizontal_align;
        r.appendChild(td);
      }
      tbody.appendChild(r);
    }
    table.appendChild(tbody);
    pager.innerHTML = '';
    if (pages > 1) {
      const prev = el('button', 'lk-page-btn');
      prev.type = 'button';
      prev.textContent = '‹';
      prev.disabled = page === 1;
      prev.onclick = () => ((page -= 1), draw());
      const label = el('span', 'lk-page-label');
      label.textContent = `${page} / ${pages}`;
      const next = el('button', 'lk-page-btn');
      next.type = 'button';
      next.textContent = '›';
      next.disabled = page === pages;
      next.onclick = () => ((page += 1), draw());
      pager.append(prev, label, next);
    }
  };
  const pager = el('div', 'lk-pager');
  wrap.appendChild(pager);
  draw();
  return wrap;
}

function cellHtml(v, col, ctx) {
  if (v === undefined || v === null || v === '') return '<span class="lk-cell-empty">—</span>';
  switch (col.data_type) {
    case 'lark_md':
    case 'markdown':
      return renderMarkdown(String(v), ctx.nameOf);
    case 'number': {
      const n = Number(v);
      if (!Number.isFinite(n)) return escapeHtml(v);
      const f = col.format ?? {};
      const digits = Number.isInteger(f.precision) ? f.precision : undefined;
      const s = n.toLocaleString('zh-CN', { useGrouping: Boolean(f.separator), ...(digits !== undefined ? { minimumFractionDigits: digits, maximumFractionDigits: digits } : {}) });
      return escapeHtml(`${f.symbol ?? ''}${s}`);
    }
    case 'options':
      return (Array.isArray(v) ? v : [v])
        .map((o) => {
          const [bg, fg] = TAG_COLORS[o?.color] ?? TAG_COLORS.neutral;
          return `<span class="md-tag" style="background:${bg};color:${fg}">${escapeHtml(o?.text ?? o)}</span>`;
        })
        .join(' ');
    case 'persons':
      return (Array.isArray(v) ? v : [v]).map((id) => `<span class="md-person">${escapeHtml(ctx.nameOf(id) ?? id)}</span>`).join(' ');
    case 'date': {
      const d = new Date(Number(v));
      return Number.isNaN(d.getTime()) ? escapeHtml(v) : escapeHtml(d.toLocaleDateString('zh-CN'));
    }
    default:
      return escapeHtml(v).replace(/\n/g, '<br>');
  }
}

function personChip(id, ctx) {
  const chip = el('span', 'lk-person');
  const name = ctx.nameOf(id) ?? id ?? '';
  const av = el('span', 'lk-person-avatar');
  av.textContent = String(name).slice(-2);
  av.style.background = avatarColor(id ?? '');
  const n = el('span');
  n.textContent = name;
  chip.append(av, n);
  return chip;
}

export function avatarColor(seed) {
  const palette = ['#3370FF', '#14C0FF', '#2EA121', '#FF8800', '#7F3BF5', '#F54A45', '#04B49C', '#D136D1'];
  let h = 0;
  for (const ch of String(seed)) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return palette[h % palette.length];
}

/** A component's callback value: 2.0 `behaviors[{type:'callback', value}]`, or 1.0's `value`. */
function callbackOf(e) {
  const b = Array.isArray(e.behaviors) ? e.behaviors.find((x) => x.type === 'callback') : undefined;
  if (b) return b.value ?? {};
  if (e.value !== undefined && typeof e.value === 'object') return e.value;
  return undefined;
}

function applyText(node, e) {
  const size = TEXT_SIZES[e.text_size];
  if (size) node.style.fontSize = `${size}px`;
  if (e.text_align) node.style.textAlign = e.text_align;
  if (e.text_color && e.text_color !== 'default') node.style.color = `var(--lk-${e.text_color}, ${e.text_color})`;
}

function textHtml(t, ctx) {
  if (!t) return '';
  const content = i18n(t.content, t.i18n_content);
  return t.tag === 'lark_md' ? renderMarkdown(content, ctx?.nameOf) : escapeHtml(content).replace(/\n/g, '<br>');
}

function i18n(content, i18nContent) {
  return content ?? i18nContent?.zh_cn ?? i18nContent?.en_us ?? '';
}

function placeholder(node, text) {
  node.innerHTML = `<div class="lk-placeholder">${text}</div>`;
  return node;
}

function el(tag, className) {
  const n = document.createElement(tag);
  if (className) n.className = className;
  return n;
}
