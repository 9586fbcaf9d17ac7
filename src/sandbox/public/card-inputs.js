// Interactive components: buttons, forms and their fields. A form's submit collects `form_value`
// by component name in Feishu's formats and checks `required` fields before anything is sent.
import { callbackOf, el, i18n, textHtml } from './card-util.js';

export const INPUT_RENDERERS = {
  button: renderButton,
  form: (e, scope) => {
    const f = el('form', 'lk-form');
    f.noValidate = true;
    f.dataset.formName = e.name ?? '';
    const form = { name: e.name, fields: [] };
    f.addEventListener('submit', (ev) => ev.preventDefault());
    scope.render(e.elements, f, { ...scope, form });
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
    register(scope, wrap, e, {
      get: () => input.value,
      empty: () => input.value.trim() === '',
      reset: () => (input.value = initial),
      focus: input,
    });
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
  select_static: (e, scope) =>
    selectLike(
      e,
      scope,
      (e.options ?? []).map((o) => ({ value: o.value, text: i18n(o.text?.content, o.text?.i18n_content) })),
      'select_static',
    ),
  select_person: (e, scope) => selectLike(e, scope, personOptions(e, scope.ctx), 'select_person'),
  multi_select_static: (e, scope) =>
    multiSelect(
      e,
      scope,
      (e.options ?? []).map((o) => ({ value: o.value, text: i18n(o.text?.content, o.text?.i18n_content) })),
      'multi_select_static',
    ),
  multi_select_person: (e, scope) => multiSelect(e, scope, personOptions(e, scope.ctx), 'multi_select_person'),
  date_picker: (e, scope) => picker(e, scope, 'date', e.initial_date, (v) => v, '请选择日期'),
  picker_time: (e, scope) => picker(e, scope, 'time', e.initial_time, (v) => v, '请选择时间'),
  picker_datetime: (e, scope) =>
    picker(
      e,
      scope,
      'datetime-local',
      e.initial_datetime ? String(e.initial_datetime).replace(' ', 'T') : undefined,
      (v) => v.replace('T', ' '),
      '请选择日期时间',
    ),
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
      if (!scope.form)
        void scope.ctx.onAction({ tag: 'checker', name: e.name, value: callbackOf(e) ?? {}, checked: box.checked });
    });
    if (scope.form && e.name)
      scope.form.fields.push({
        name: e.name,
        get: () => box.checked,
        empty: () => false,
        reset: () => ((box.checked = Boolean(e.checked)), sync()),
        required: false,
      });
    return wrap;
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
  const url =
    (e.behaviors ?? []).find((b) => b.type === 'open_url') ??
    (e.url || e.multi_url ? { default_url: e.url ?? e.multi_url?.url } : undefined);
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
    // Documented defaults: a static multi-select is required unless it says `required: false`; the rest are optional.
    required: e.required ?? e.tag === 'multi_select_static',
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
  ph.textContent =
    i18n(e.placeholder?.content, e.placeholder?.i18n_content) || (tag === 'select_person' ? '请选择人员' : '请选择');
  ph.disabled = true;
  sel.appendChild(ph);
  for (const o of options) {
    const opt = document.createElement('option');
    opt.value = o.value;
    opt.textContent = o.text;
    sel.appendChild(opt);
  }
  const initial =
    e.initial_option ??
    (Number.isInteger(e.initial_index) && options[e.initial_index - 1] ? options[e.initial_index - 1].value : '');
  sel.value = options.some((o) => o.value === initial) ? initial : '';
  const sync = () => sel.classList.toggle('is-empty', sel.value === '');
  sync();
  wrap.control.appendChild(sel);
  register(scope, wrap, e, {
    get: () => (sel.value === '' ? undefined : sel.value),
    empty: () => sel.value === '',
    reset: () => ((sel.value = initial), sync()),
  });
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
  const initial = Array.isArray(e.selected_values)
    ? e.selected_values.filter((v) => options.some((o) => o.value === v))
    : [];
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
  register(scope, wrap, e, {
    get: () => [...chosen],
    empty: () => chosen.length === 0,
    reset: () => ((chosen = [...initial]), draw()),
  });
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
  register(scope, wrap, e, {
    get: value,
    empty: () => input.value === '',
    reset: () => ((input.value = initial ?? ''), sync()),
  });
  input.addEventListener('input', sync);
  input.addEventListener('change', () => {
    sync();
    if (!scope.form && input.value)
      void scope.ctx.onAction({ tag: e.tag, name: e.name, value: callbackOf(e) ?? {}, option: value() });
  });
  return wrap.root;
}

function personOptions(e, ctx) {
  const ids =
    Array.isArray(e.options) && e.options.length ? e.options.map((o) => o.value) : ctx.people.map((p) => p.openId);
  return ids.map((id) => ({ value: id, text: ctx.nameOf(id) ?? id }));
}
