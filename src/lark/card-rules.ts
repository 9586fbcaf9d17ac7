/**
 * Feishu card JSON 2.0 conformance: what real Feishu documents about a card the bot sends (message
 * create/reply, PATCH, and the `card` of a callback response). Pure: no I/O, no SDK.
 *
 * Written from Feishu's published documentation (open.feishu.cn/document/feishu-cards/…):
 *   card-json-v2-structure, card-json-v2-breaking-changes-release-notes ("在 JSON 2.0 版本中，传入不支持的
 *   属性将报错": unknown properties are errors), component pages (input, button, select, date picker,
 *   column set, form container, table, chart, rich text, title), configuring-card-interactions, and the
 *   message-card FAQ (30 KB). Rule ids C1–C21 are the ones in docs/…/platform-conformance.md.
 * The stand-in Open API (src/sandbox/fake-lark-server.ts) refuses a card that breaks a rule, as
 * Feishu answers 230099, so every card the tests and the sandbox produce is checked.
 */
export interface Violation {
  /** Rule id of the conformance table (C1–C21). */
  rule: string;
  /** JSONPath of the offending value, e.g. `$.body.elements[2].max_length`. */
  path: string;
  message: string;
}

export const CARD_LIMITS = {
  /** "一张卡片最多支持 200 个元素（如 tag 为 plain_text 的文本元素）或组件" (structure). */
  maxElements: 200,
  /** "卡片整体数据不可超过 30 KB" (FAQ), counted in UTF-8 bytes of the JSON. */
  maxBytes: 30 * 1024,
  /** "单张卡片最多支持放置五个表格组件" (table); markdown tables count too (230099 / 11310 reports). */
  maxTables: 5,
  /** "单张卡片建议最多放置五个图表组件" (chart). */
  maxCharts: 5,
  /** "容器类组件最多支持嵌套五层组件" (form container). */
  maxNesting: 5,
  /** input.max_length "可取 1~1,000 范围内的整数". */
  inputMaxLength: 1000,
  /** button text / placeholder "最多支持 100 个字符". */
  shortText: 100,
  tablePageSize: 10,
  tableColumns: 50,
  headerTags: 3,
  elementIdLength: 20,
} as const;

export const HEADER_TEMPLATES = [
  'blue',
  'wathet',
  'turquoise',
  'green',
  'yellow',
  'orange',
  'red',
  'carmine',
  'violet',
  'purple',
  'indigo',
  'grey',
  'default',
] as const;

/** Markdown HTML-like tags JSON 2.0 renders (rich text page); anything else is not 2.0 markdown. */
const MARKDOWN_TAGS = new Set(['font', 'at', 'a', 'link', 'text_tag', 'person', 'local_datetime', 'raw', 'br', 'hr']);

const COMMON = ['tag', 'element_id', 'margin'];
const CONFIRM_AND_BEHAVIOR = ['behaviors', 'confirm'];

/** Each 2.0 component's documented properties (the field tables of its page). */
const PROPS: Record<string, readonly string[]> = {
  markdown: [...COMMON, 'text_align', 'text_size', 'icon', 'content', 'i18n_content'],
  div: [...COMMON, 'width', 'text', 'icon'],
  hr: COMMON,
  img: [
    ...COMMON,
    'img_key',
    'alt',
    'title',
    'corner_radius',
    'scale_type',
    'size',
    'transparent',
    'preview',
    'mode',
    'custom_width',
    'compact_width',
  ],
  img_combination: [...COMMON, 'combination_mode', 'combination_transparent', 'corner_radius', 'img_list'],
  person: [...COMMON, 'size', 'show_avatar', 'show_name', 'style', 'user_id'],
  person_list: [
    ...COMMON,
    'drop_invalid_user_id',
    'lines',
    'show_name',
    'show_avatar',
    'size',
    'persons',
    'icon',
    'ud_icon',
  ],
  audio: [
    ...COMMON,
    'file_key',
    'i18n_file_key',
    'audio_id',
    'disabled',
    'disabled_tips',
    'show_progress_bar',
    'show_time',
    'time_display',
    'time_position',
    'style',
    'padding',
    'width',
    'fallback',
  ],
  table: [
    ...COMMON,
    'page_size',
    'row_height',
    'row_max_height',
    'header_style',
    'freeze_first_column',
    'columns',
    'rows',
  ],
  chart: [...COMMON, 'aspect_ratio', 'color_theme', 'chart_spec', 'preview', 'height'],
  column_set: [
    ...COMMON,
    'horizontal_spacing',
    'horizontal_align',
    'flex_mode',
    'background_style',
    'action',
    'columns',
  ],
  column: [
    ...COMMON,
    'background_style',
    'width',
    'weight',
    'horizontal_spacing',
    'horizontal_align',
    'vertical_align',
    'vertical_spacing',
    'direction',
    'padding',
    'elements',
    'action',
  ],
  form: [
    ...COMMON,
    'direction',
    'padding',
    'horizontal_spacing',
    'horizontal_align',
    'vertical_align',
    'vertical_spacing',
    'name',
    'elements',
  ],
  collapsible_panel: [
    ...COMMON,
    'expanded',
    'horizontal_spacing',
    'horizontal_align',
    'vertical_spacing',
    'vertical_align',
    'direction',
    'padding',
    'background_color',
    'header',
    'border',
    'elements',
  ],
  interactive_container: [
    ...COMMON,
    'width',
    'height',
    'direction',
    'horizontal_spacing',
    'horizontal_align',
    'vertical_spacing',
    'vertical_align',
    'background_style',
    'has_border',
    'border_color',
    'corner_radius',
    'padding',
    'behaviors',
    'hover_tips',
    'disabled',
    'disabled_tips',
    'confirm',
    'elements',
  ],
  button: [
    ...COMMON,
    'type',
    'size',
    'width',
    'text',
    'icon',
    'hover_tips',
    'disabled',
    'disabled_tips',
    ...CONFIRM_AND_BEHAVIOR,
    'name',
    'form_action_type',
  ],
  input: [
    ...COMMON,
    'name',
    'required',
    'placeholder',
    'default_value',
    'disabled',
    'disabled_tips',
    'width',
    'max_length',
    'input_type',
    'rows',
    'auto_resize',
    'max_rows',
    'show_icon',
    'label',
    'label_position',
    'value',
    ...CONFIRM_AND_BEHAVIOR,
  ],
  select_static: [
    ...COMMON,
    'type',
    'name',
    'required',
    'disabled',
    'initial_option',
    'initial_index',
    'placeholder',
    'width',
    'options',
    ...CONFIRM_AND_BEHAVIOR,
  ],
  multi_select_static: [
    ...COMMON,
    'type',
    'name',
    'required',
    'disabled',
    'placeholder',
    'width',
    'selected_values',
    'options',
    ...CONFIRM_AND_BEHAVIOR,
  ],
  select_person: [
    ...COMMON,
    'type',
    'name',
    'required',
    'disabled',
    'initial_option',
    'placeholder',
    'width',
    'options',
    ...CONFIRM_AND_BEHAVIOR,
  ],
  multi_select_person: [
    ...COMMON,
    'type',
    'name',
    'required',
    'disabled',
    'placeholder',
    'width',
    'selected_values',
    'options',
    ...CONFIRM_AND_BEHAVIOR,
  ],
  date_picker: [
    ...COMMON,
    'name',
    'required',
    'disabled',
    'placeholder',
    'width',
    'initial_date',
    'value',
    ...CONFIRM_AND_BEHAVIOR,
  ],
  picker_time: [
    ...COMMON,
    'name',
    'required',
    'disabled',
    'placeholder',
    'width',
    'initial_time',
    'value',
    ...CONFIRM_AND_BEHAVIOR,
  ],
  picker_datetime: [
    ...COMMON,
    'name',
    'required',
    'disabled',
    'placeholder',
    'width',
    'initial_datetime',
    'value',
    ...CONFIRM_AND_BEHAVIOR,
  ],
  checker: [
    ...COMMON,
    'name',
    'checked',
    'text',
    'overall_checkable',
    'button_area',
    'checked_style',
    'padding',
    'hover_tips',
    'disabled',
    'disabled_tips',
    ...CONFIRM_AND_BEHAVIOR,
  ],
  overflow: [...COMMON, 'width', 'options', 'value', ...CONFIRM_AND_BEHAVIOR],
  select_img: [
    ...COMMON,
    'multi_select',
    'layout',
    'name',
    'required',
    'can_preview',
    'aspect_ratio',
    'disabled',
    'disabled_tips',
    'value',
    'options',
    'behaviors',
  ],
};

/** Components whose value a form submits: inside a form each needs a card-unique `name`. */
const FIELD_TAGS = new Set([
  'input',
  'select_static',
  'multi_select_static',
  'select_person',
  'multi_select_person',
  'date_picker',
  'picker_time',
  'picker_datetime',
  'checker',
  'select_img',
  'button',
]);
/** Components that may carry `required` (only inside a form). */
const REQUIRABLE = new Set([
  'input',
  'select_static',
  'multi_select_static',
  'select_person',
  'multi_select_person',
  'date_picker',
  'picker_time',
  'picker_datetime',
  'select_img',
]);
const CONTAINERS = new Set(['column_set', 'form', 'collapsible_panel', 'interactive_container']);
/** 2.0 removed these (breaking changes): note, action; `i18n_elements`/`fallback` at the top. */
const REMOVED_TAGS: Record<string, string> = {
  note: 'the note component was removed in 2.0',
  action: 'the action module was removed in 2.0',
};

const SPACING = /^(small|medium|large|extra_large|\d{1,2}px)$/;
const ALIGN_H = ['left', 'center', 'right'];
const ALIGN_V = ['top', 'center', 'bottom'];
const WIDTH = (v: unknown) =>
  v === 'default' || v === 'fill' || (typeof v === 'string' && /^\d+px$/.test(v) && Number.parseInt(v, 10) >= 100);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** The card's title, for messages that name a card. */
export function cardTitle(card: unknown): string {
  const title = isObj(card) && isObj(card.header) && isObj(card.header.title) ? card.header.title.content : undefined;
  return typeof title === 'string' ? title : '(untitled card)';
}

/** Elements and components as Feishu counts them: every object with a `tag`, text elements included. */
export function countCardElements(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((n: number, x) => n + countCardElements(x), 0);
  if (!isObj(node)) return 0;
  let n = typeof node.tag === 'string' ? 1 : 0;
  for (const [k, v] of Object.entries(node))
    if (k !== 'chart_spec' && k !== 'rows' && v && typeof v === 'object') n += countCardElements(v);
  return n;
}

/** Markdown tables ("| a | b |" over "|---|---|") count against the 5-table limit. */
export function markdownTableCount(content: string): number {
  const lines = content.split('\n');
  let n = 0;
  for (let i = 1; i < lines.length; i++) {
    if (/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$/.test(lines[i]!) && lines[i - 1]!.includes('|')) n++;
  }
  return n;
}

interface Walk {
  out: Violation[];
  names: Map<string, string>;
  elementIds: Map<string, string>;
  tables: number;
  charts: number;
}

/** Every documented rule a card breaks, with the JSON path of each. An empty list means Feishu takes it. */
export function checkCard(card: unknown): Violation[] {
  const out: Violation[] = [];
  const v = (rule: string, path: string, message: string) => out.push({ rule, path, message });
  if (!isObj(card)) {
    v('C1', '$', 'a card is a JSON object');
    return out;
  }
  for (const k of Object.keys(card))
    if (!['schema', 'config', 'card_link', 'header', 'body'].includes(k))
      v('C1', `$.${k}`, `unknown top-level key "${k}" (2.0 allows schema, config, card_link, header, body)`);
  if (card.schema !== '2.0') v('C1', '$.schema', `schema must be "2.0", got ${JSON.stringify(card.schema)}`);

  checkConfig(card.config, v);
  if (card.card_link !== undefined)
    checkKeys(card.card_link, '$.card_link', ['url', 'android_url', 'ios_url', 'pc_url'], 'C1', v, true);
  checkHeader(card.header, v);

  const w: Walk = { out, names: new Map(), elementIds: new Map(), tables: 0, charts: 0 };
  if (card.body !== undefined) {
    if (!isObj(card.body)) v('C4', '$.body', 'body must be an object');
    else {
      const b = card.body;
      checkKeys(
        b,
        '$.body',
        [
          'elements',
          'direction',
          'padding',
          'horizontal_spacing',
          'horizontal_align',
          'vertical_spacing',
          'vertical_align',
        ],
        'C4',
        v,
      );
      if (b.direction !== undefined && !['vertical', 'horizontal'].includes(b.direction as string))
        v('C4', '$.body.direction', 'direction is vertical or horizontal');
      if (!Array.isArray(b.elements)) v('C4', '$.body.elements', 'body.elements must be an array');
      else
        b.elements.forEach((el, i) =>
          checkElement(el, `$.body.elements[${i}]`, { root: true, inForm: false, depth: 0 }, w),
        );
    }
  }
  if (w.tables > CARD_LIMITS.maxTables)
    v('C11', '$.body', `${w.tables} tables (markdown tables included); a card may hold ${CARD_LIMITS.maxTables}`);
  if (w.charts > CARD_LIMITS.maxCharts)
    v('C12', '$.body', `${w.charts} charts; a card may hold ${CARD_LIMITS.maxCharts}`);
  const count = countCardElements(card);
  if (count > CARD_LIMITS.maxElements)
    v('C13', '$', `${count} elements and components; a card may hold ${CARD_LIMITS.maxElements}`);
  const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (bytes > CARD_LIMITS.maxBytes)
    v('C14', '$', `${bytes} bytes of JSON; a card may be ${CARD_LIMITS.maxBytes} (30 KB)`);
  return out;
}

type Report = (rule: string, path: string, message: string) => void;

function checkKeys(
  o: unknown,
  path: string,
  allowed: readonly string[],
  rule: string,
  v: Report,
  strings = false,
): void {
  if (!isObj(o)) {
    v(rule, path, 'must be an object');
    return;
  }
  for (const [k, val] of Object.entries(o)) {
    if (!allowed.includes(k)) v(rule, `${path}.${k}`, `unsupported property "${k}"`);
    else if (strings && typeof val !== 'string') v(rule, `${path}.${k}`, 'must be a string');
  }
}

function checkConfig(config: unknown, v: Report): void {
  if (!isObj(config)) {
    // Every card the bot sends declares update_multi: PATCH requires it before and after the update.
    v('C21', '$.config', 'config with update_multi: true is required (shared card; PATCH needs it)');
    return;
  }
  checkKeys(
    config,
    '$.config',
    [
      'streaming_mode',
      'streaming_config',
      'summary',
      'locales',
      'enable_forward',
      'update_multi',
      'width_mode',
      'use_custom_translation',
      'enable_forward_interaction',
      'style',
    ],
    'C2',
    v,
  );
  if (config.update_multi !== true)
    v(
      'C2',
      '$.config.update_multi',
      `2.0 supports only update_multi: true, got ${JSON.stringify(config.update_multi)}`,
    );
  if (config.width_mode !== undefined && !['default', 'compact', 'fill'].includes(config.width_mode as string))
    v('C2', '$.config.width_mode', 'width_mode is default, compact or fill');
  if (config.summary !== undefined) checkKeys(config.summary, '$.config.summary', ['content', 'i18n_content'], 'C2', v);
  for (const k of ['streaming_mode', 'enable_forward', 'use_custom_translation', 'enable_forward_interaction']) {
    if (config[k] !== undefined && typeof config[k] !== 'boolean') v('C2', `$.config.${k}`, 'must be a boolean');
  }
}

function checkHeader(header: unknown, v: Report): void {
  if (header === undefined) return;
  if (!isObj(header)) return v('C3', '$.header', 'header must be an object');
  checkKeys(
    header,
    '$.header',
    ['title', 'subtitle', 'text_tag_list', 'i18n_text_tag_list', 'template', 'icon', 'padding'],
    'C3',
    v,
  );
  if (header.title === undefined) v('C3', '$.header.title', 'a header needs a title');
  else checkText(header.title, '$.header.title', ['plain_text', 'lark_md'], 'C3', v);
  if (header.subtitle !== undefined)
    checkText(header.subtitle, '$.header.subtitle', ['plain_text', 'lark_md'], 'C3', v);
  if (header.template !== undefined && !(HEADER_TEMPLATES as readonly string[]).includes(header.template as string)) {
    v(
      'C3',
      '$.header.template',
      `template ${JSON.stringify(header.template)} is not one of ${HEADER_TEMPLATES.join('|')}`,
    );
  }
  if (header.text_tag_list !== undefined) {
    if (!Array.isArray(header.text_tag_list)) v('C3', '$.header.text_tag_list', 'must be an array');
    else {
      if (header.text_tag_list.length > CARD_LIMITS.headerTags)
        v('C3', '$.header.text_tag_list', `at most ${CARD_LIMITS.headerTags} tags`);
      header.text_tag_list.forEach((tg, i) => {
        const p = `$.header.text_tag_list[${i}]`;
        checkKeys(tg, p, ['tag', 'element_id', 'text', 'color'], 'C3', v);
        if (isObj(tg)) {
          if (tg.tag !== 'text_tag') v('C3', `${p}.tag`, 'a header tag is { tag: "text_tag" }');
          checkText(tg.text, `${p}.text`, ['plain_text'], 'C3', v);
        }
      });
    }
  }
}

/** A text object `{ tag, content }` (C7). */
function checkText(t: unknown, path: string, tags: string[], rule: string, v: Report, maxChars?: number): void {
  if (!isObj(t)) return v(rule, path, 'a text object { tag, content } is required');
  for (const k of Object.keys(t))
    if (!['tag', 'content', 'i18n_content', 'element_id', 'text_size', 'text_color', 'text_align', 'lines'].includes(k))
      v('C6', `${path}.${k}`, `unsupported property "${k}" of a text object`);
  if (!tags.includes(t.tag as string))
    v(rule, `${path}.tag`, `text tag must be ${tags.join(' or ')}, got ${JSON.stringify(t.tag)}`);
  if (typeof t.content !== 'string' && !isObj(t.i18n_content)) v(rule, `${path}.content`, 'content must be a string');
  if (maxChars !== undefined && typeof t.content === 'string' && [...t.content].length > maxChars)
    v(rule, `${path}.content`, `at most ${maxChars} characters, got ${[...t.content].length}`);
}

interface Where {
  root: boolean;
  inForm: boolean;
  /** Containers around this element. */
  depth: number;
}

function checkElement(el: unknown, path: string, where: Where, w: Walk): void {
  const v: Report = (rule, p, message) => w.out.push({ rule, path: p, message });
  if (!isObj(el)) return v('C5', path, 'an element is an object with a tag');
  const tag = el.tag;
  if (typeof tag !== 'string') return v('C5', `${path}.tag`, 'an element needs a tag');
  if (REMOVED_TAGS[tag]) return v('C5', `${path}.tag`, `"${tag}": ${REMOVED_TAGS[tag]}`);
  const props = PROPS[tag];
  if (!props || tag === 'column') return v('C5', `${path}.tag`, `"${tag}" is not a JSON 2.0 component`);
  for (const k of Object.keys(el))
    if (!props.includes(k))
      v('C6', `${path}.${k}`, `${tag} has no property "${k}" (2.0 rejects unsupported properties)`);

  if (el.element_id !== undefined) checkElementId(el.element_id, `${path}.element_id`, w);
  if (el.confirm !== undefined) checkConfirm(el.confirm, `${path}.confirm`, v);
  if (el.behaviors !== undefined) checkBehaviors(el.behaviors, `${path}.behaviors`, v);
  if (el.placeholder !== undefined)
    checkText(el.placeholder, `${path}.placeholder`, ['plain_text'], 'C7', v, CARD_LIMITS.shortText);
  if (
    el.width !== undefined &&
    tag !== 'column' &&
    [
      'button',
      'input',
      'select_static',
      'multi_select_static',
      'select_person',
      'multi_select_person',
      'date_picker',
      'picker_time',
      'picker_datetime',
    ].includes(tag) &&
    !WIDTH(el.width)
  ) {
    v('C7', `${path}.width`, 'width is default, fill or [100,∞)px');
  }

  // Forms (C9) and form-only properties (C10).
  if (el.required !== undefined) {
    if (!REQUIRABLE.has(tag)) v('C6', `${path}.required`, `${tag} has no required`);
    else if (!where.inForm) v('C10', `${path}.required`, 'required is only available inside a form');
    else if (typeof el.required !== 'boolean') v('C10', `${path}.required`, 'required is a boolean');
  }
  if (el.form_action_type !== undefined) {
    if (!where.inForm) v('C10', `${path}.form_action_type`, 'form_action_type is only available inside a form');
    else if (!['submit', 'reset'].includes(el.form_action_type as string))
      v('C10', `${path}.form_action_type`, 'form_action_type is submit or reset');
  }
  if ((tag === 'multi_select_static' || tag === 'multi_select_person') && !where.inForm)
    v('C10', path, `${tag} works only inside a form`);
  if (where.inForm && FIELD_TAGS.has(tag)) {
    if (typeof el.name !== 'string' || el.name === '')
      v('C9', `${path}.name`, `every ${tag} inside a form needs a name`);
  }
  if (typeof el.name === 'string' && el.name !== '' && (where.inForm || tag === 'form')) {
    const seen = w.names.get(el.name);
    if (seen) v('C9', `${path}.name`, `name "${el.name}" is already used at ${seen}; names are unique in the card`);
    else w.names.set(el.name, path);
  }

  switch (tag) {
    case 'markdown':
      if (typeof el.content !== 'string') v('C6', `${path}.content`, 'markdown needs content');
      else {
        w.tables += markdownTableCount(el.content);
        for (const m of el.content.matchAll(/<\/?([A-Za-z][A-Za-z0-9_-]*)/g)) {
          if (!MARKDOWN_TAGS.has(m[1]!.toLowerCase()))
            v('C20', `${path}.content`, `<${m[1]}> is not a 2.0 markdown tag`);
        }
      }
      if (el.text_align !== undefined && !ALIGN_H.includes(el.text_align as string))
        v('C6', `${path}.text_align`, 'text_align is left, center or right');
      break;
    case 'div':
      checkText(el.text, `${path}.text`, ['plain_text', 'lark_md'], 'C7', v);
      break;
    case 'button':
      checkButton(el, path, v);
      break;
    case 'input':
      checkInput(el, path, v);
      break;
    case 'select_static':
    case 'multi_select_static':
      checkSelect(el, path, v);
      break;
    case 'select_person':
    case 'multi_select_person':
      checkPersonSelect(el, path, v);
      break;
    case 'date_picker':
      if (el.initial_date !== undefined && !isDate(el.initial_date))
        v('C19', `${path}.initial_date`, `initial_date is yyyy-MM-dd, got ${JSON.stringify(el.initial_date)}`);
      break;
    case 'picker_time':
      if (
        el.initial_time !== undefined &&
        !(typeof el.initial_time === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(el.initial_time))
      )
        v('C19', `${path}.initial_time`, 'initial_time is HH:mm');
      break;
    case 'picker_datetime':
      if (
        el.initial_datetime !== undefined &&
        !(
          typeof el.initial_datetime === 'string' &&
          isDate(el.initial_datetime.slice(0, 10)) &&
          /^.{10} ([01]\d|2[0-3]):[0-5]\d$/.test(el.initial_datetime)
        )
      ) {
        v('C19', `${path}.initial_datetime`, 'initial_datetime is yyyy-MM-dd HH:mm');
      }
      break;
    case 'table':
      w.tables++;
      checkTable(el, path, where, v);
      break;
    case 'chart':
      w.charts++;
      checkChart(el, path, where, v);
      break;
    case 'form':
      checkForm(el, path, where, w);
      return;
    case 'column_set':
      checkColumnSet(el, path, where, w);
      return;
  }
  if (CONTAINERS.has(tag) && Array.isArray(el.elements)) {
    const depth = where.depth + 1;
    if (depth > CARD_LIMITS.maxNesting)
      v('C15', path, `containers nest ${depth} deep; at most ${CARD_LIMITS.maxNesting}`);
    el.elements.forEach((c, i) =>
      checkElement(c, `${path}.elements[${i}]`, { root: false, inForm: where.inForm, depth }, w),
    );
  }
}

function checkElementId(id: unknown, path: string, w: Walk): void {
  const v: Report = (rule, p, message) => w.out.push({ rule, path: p, message });
  if (typeof id !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(id) || id.length > CARD_LIMITS.elementIdLength) {
    return v(
      'C8',
      path,
      `element_id starts with a letter, uses letters, digits and _, at most ${CARD_LIMITS.elementIdLength} characters; got ${JSON.stringify(id)}`,
    );
  }
  const seen = w.elementIds.get(id);
  if (seen) v('C8', path, `element_id "${id}" is already used at ${seen}`);
  else w.elementIds.set(id, path);
}

function checkConfirm(c: unknown, path: string, v: Report): void {
  if (!isObj(c)) return v('C16', path, 'confirm is { title, text }');
  for (const k of Object.keys(c)) if (k !== 'title' && k !== 'text') v('C6', `${path}.${k}`, `confirm has no "${k}"`);
  checkText(c.title, `${path}.title`, ['plain_text'], 'C16', v);
  checkText(c.text, `${path}.text`, ['plain_text'], 'C16', v);
}

function checkBehaviors(b: unknown, path: string, v: Report): void {
  if (!Array.isArray(b) || b.length === 0) return v('C16', path, 'behaviors is a non-empty array');
  b.forEach((x, i) => {
    const p = `${path}[${i}]`;
    if (!isObj(x)) return v('C16', p, 'a behavior is an object');
    if (x.type === 'callback') {
      for (const k of Object.keys(x))
        if (k !== 'type' && k !== 'value') v('C6', `${p}.${k}`, `a callback behavior has no "${k}"`);
      // "开放平台 SDK 仅支持 object 类型的回传交互数据".
      if (!isObj(x.value)) v('C16', `${p}.value`, 'a callback value is an object');
    } else if (x.type === 'open_url') {
      for (const k of Object.keys(x))
        if (!['type', 'default_url', 'android_url', 'ios_url', 'pc_url'].includes(k))
          v('C6', `${p}.${k}`, `an open_url behavior has no "${k}"`);
      if (typeof x.default_url !== 'string' || !x.default_url)
        v('C16', `${p}.default_url`, 'open_url needs a default_url');
    } else v('C16', `${p}.type`, `behavior type is callback or open_url, got ${JSON.stringify(x.type)}`);
  });
}

function checkButton(el: Obj, path: string, v: Report): void {
  if (
    el.type !== undefined &&
    ![
      'default',
      'primary',
      'danger',
      'text',
      'primary_text',
      'danger_text',
      'primary_filled',
      'danger_filled',
    ].includes(el.type as string)
  ) {
    v('C7', `${path}.type`, `button type ${JSON.stringify(el.type)} is not documented`);
  }
  if (el.size !== undefined && !['tiny', 'small', 'medium', 'large'].includes(el.size as string))
    v('C7', `${path}.size`, 'button size is tiny, small, medium or large');
  if (el.text !== undefined) checkText(el.text, `${path}.text`, ['plain_text'], 'C7', v, CARD_LIMITS.shortText);
  if (el.disabled !== undefined && typeof el.disabled !== 'boolean')
    v('C7', `${path}.disabled`, 'disabled is a boolean');
  // A live button does something: a callback/link, or (inside a form) submit/reset.
  if (el.disabled !== true && el.behaviors === undefined && el.form_action_type === undefined)
    v('C16', path, 'a live button needs behaviors');
}

function checkInput(el: Obj, path: string, v: Report): void {
  if (
    el.max_length !== undefined &&
    !(isInt(el.max_length) && el.max_length >= 1 && el.max_length <= CARD_LIMITS.inputMaxLength)
  ) {
    v(
      'C18',
      `${path}.max_length`,
      `max_length is an integer in 1..${CARD_LIMITS.inputMaxLength}, got ${JSON.stringify(el.max_length)}`,
    );
  }
  if (el.input_type !== undefined && !['text', 'multiline_text', 'password'].includes(el.input_type as string))
    v('C7', `${path}.input_type`, 'input_type is text, multiline_text or password');
  for (const k of ['rows', 'auto_resize', 'max_rows']) {
    if (el[k] !== undefined && el.input_type !== 'multiline_text')
      v('C18', `${path}.${k}`, `${k} applies only to input_type multiline_text`);
  }
  if (el.rows !== undefined && !(isInt(el.rows) && el.rows >= 1))
    v('C18', `${path}.rows`, 'rows is a positive integer');
  if (el.default_value !== undefined) {
    if (typeof el.default_value !== 'string') v('C18', `${path}.default_value`, 'default_value is a string');
    else {
      const max = isInt(el.max_length) ? el.max_length : CARD_LIMITS.inputMaxLength;
      if ([...el.default_value].length > max)
        v('C18', `${path}.default_value`, `default_value is longer than max_length ${max}`);
    }
  }
  if (el.label !== undefined) checkText(el.label, `${path}.label`, ['plain_text'], 'C7', v);
  if (el.label_position !== undefined && !['top', 'left'].includes(el.label_position as string))
    v('C7', `${path}.label_position`, 'label_position is top or left');
}

function checkSelect(el: Obj, path: string, v: Report): void {
  if (el.type !== undefined && !['default', 'text'].includes(el.type as string))
    v('C7', `${path}.type`, 'select type is default or text');
  const values: string[] = [];
  if (el.options !== undefined) {
    if (!Array.isArray(el.options)) v('C17', `${path}.options`, 'options is an array');
    else
      el.options.forEach((o, i) => {
        const p = `${path}.options[${i}]`;
        if (!isObj(o)) return v('C17', p, 'an option is { text, value }');
        for (const k of Object.keys(o))
          if (!['text', 'value', 'icon'].includes(k)) v('C6', `${p}.${k}`, `an option has no "${k}"`);
        checkText(o.text, `${p}.text`, ['plain_text'], 'C17', v);
        if (typeof o.value !== 'string') v('C17', `${p}.value`, 'an option value is a string');
        else values.push(o.value);
      });
  }
  if (el.initial_option !== undefined && !values.includes(el.initial_option as string))
    v('C17', `${path}.initial_option`, `initial_option ${JSON.stringify(el.initial_option)} is not among the options`);
  if (
    el.initial_index !== undefined &&
    !(isInt(el.initial_index) && el.initial_index >= 0 && el.initial_index <= values.length)
  )
    v('C17', `${path}.initial_index`, 'initial_index points at an option');
  if (el.selected_values !== undefined) {
    if (!Array.isArray(el.selected_values))
      v('C17', `${path}.selected_values`, 'selected_values is an array of option values');
    else
      el.selected_values.forEach(
        (s, i) =>
          !values.includes(s as string) &&
          v('C17', `${path}.selected_values[${i}]`, `${JSON.stringify(s)} is not among the options`),
      );
  }
}

function checkPersonSelect(el: Obj, path: string, v: Report): void {
  const ids: string[] = [];
  if (el.options !== undefined) {
    if (!Array.isArray(el.options)) v('C17', `${path}.options`, 'options is an array of { value: open_id }');
    else
      el.options.forEach((o, i) => {
        const p = `${path}.options[${i}]`;
        if (!isObj(o) || typeof o.value !== 'string') return v('C17', p, 'a person option is { value: open_id }');
        for (const k of Object.keys(o)) if (k !== 'value') v('C6', `${p}.${k}`, `a person option has no "${k}"`);
        ids.push(o.value);
      });
  }
  if (el.initial_option !== undefined && typeof el.initial_option !== 'string')
    v('C17', `${path}.initial_option`, 'initial_option is an open_id');
  if (el.selected_values !== undefined && !Array.isArray(el.selected_values))
    v('C17', `${path}.selected_values`, 'selected_values is an array');
}

function checkTable(el: Obj, path: string, where: Where, v: Report): void {
  if (!where.root)
    v('C11', path, where.inForm ? 'a form may not contain a table' : 'a table sits only at the root of the body');
  if (
    el.page_size !== undefined &&
    !(isInt(el.page_size) && el.page_size >= 1 && el.page_size <= CARD_LIMITS.tablePageSize)
  )
    v('C11', `${path}.page_size`, `page_size is an integer in 1..${CARD_LIMITS.tablePageSize}`);
  if (
    el.row_height !== undefined &&
    !(['low', 'middle', 'high', 'auto'].includes(el.row_height as string) || /^\d+px$/.test(String(el.row_height)))
  )
    v('C11', `${path}.row_height`, 'row_height is low, middle, high, auto or [32,124]px');
  const names = new Set<string>();
  if (!Array.isArray(el.columns)) v('C11', `${path}.columns`, 'a table needs columns');
  else {
    if (el.columns.length > CARD_LIMITS.tableColumns)
      v('C11', `${path}.columns`, `${el.columns.length} columns; at most ${CARD_LIMITS.tableColumns}`);
    el.columns.forEach((c, i) => {
      const p = `${path}.columns[${i}]`;
      if (!isObj(c)) return v('C11', p, 'a column is an object');
      for (const k of Object.keys(c))
        if (
          ![
            'name',
            'display_name',
            'width',
            'vertical_align',
            'horizontal_align',
            'data_type',
            'format',
            'date_format',
          ].includes(k)
        )
          v('C6', `${p}.${k}`, `a table column has no "${k}"`);
      if (typeof c.name !== 'string' || !c.name) v('C11', `${p}.name`, 'a column needs a name');
      else names.add(c.name);
      if (
        c.data_type !== undefined &&
        !['text', 'lark_md', 'options', 'number', 'persons', 'date', 'markdown'].includes(c.data_type as string)
      )
        v('C11', `${p}.data_type`, `data_type ${JSON.stringify(c.data_type)} is not documented`);
      if (c.horizontal_align !== undefined && !ALIGN_H.includes(c.horizontal_align as string))
        v('C11', `${p}.horizontal_align`, 'horizontal_align is left, center or right');
      if (c.vertical_align !== undefined && !ALIGN_V.includes(c.vertical_align as string))
        v('C11', `${p}.vertical_align`, 'vertical_align is top, center or bottom');
    });
  }
  if (!Array.isArray(el.rows)) v('C11', `${path}.rows`, 'a table needs rows (an array)');
  else
    el.rows.forEach((r, i) => {
      if (!isObj(r)) return v('C11', `${path}.rows[${i}]`, 'a row is an object keyed by column name');
      for (const k of Object.keys(r))
        if (!names.has(k)) v('C11', `${path}.rows[${i}].${k}`, `row key "${k}" has no column`);
    });
}

function checkChart(el: Obj, path: string, where: Where, v: Report): void {
  if (where.inForm) v('C9', path, 'a form may not contain a chart');
  if (el.aspect_ratio !== undefined && !['1:1', '2:1', '4:3', '16:9'].includes(el.aspect_ratio as string))
    v('C12', `${path}.aspect_ratio`, 'aspect_ratio is 1:1, 2:1, 4:3 or 16:9');
  if (
    el.color_theme !== undefined &&
    !['brand', 'rainbow', 'complementary', 'converse', 'primary'].includes(el.color_theme as string)
  )
    v('C12', `${path}.color_theme`, 'color_theme is not documented');
  if (!isObj(el.chart_spec)) return v('C12', `${path}.chart_spec`, 'a chart needs a VChart chart_spec object');
  if (typeof el.chart_spec.type !== 'string') v('C12', `${path}.chart_spec.type`, 'chart_spec needs a type');
  // "图表组件暂不支持 JavaScript 语法": no functions smuggled in as strings.
  const js = (x: unknown, p: string): void => {
    if (typeof x === 'string' && /^\s*(function\s*\(|\(?[\w\s,]*\)?\s*=>)/.test(x))
      v('C12', p, 'chart_spec may not contain JavaScript');
    else if (Array.isArray(x)) x.forEach((y, i) => js(y, `${p}[${i}]`));
    else if (isObj(x)) for (const [k, y] of Object.entries(x)) js(y, `${p}.${k}`);
  };
  js(el.chart_spec, `${path}.chart_spec`);
}

function checkForm(el: Obj, path: string, where: Where, w: Walk): void {
  const v: Report = (rule, p, message) => w.out.push({ rule, path: p, message });
  if (where.inForm) v('C9', path, 'a form may not contain a form');
  else if (!where.root) v('C9', path, 'a form sits only at the root of the body');
  if (typeof el.name !== 'string' || !el.name) v('C9', `${path}.name`, 'a form needs a name');
  if (!Array.isArray(el.elements)) return v('C9', `${path}.elements`, 'a form needs elements');
  const depth = where.depth + 1;
  if (depth > CARD_LIMITS.maxNesting)
    v('C15', path, `containers nest ${depth} deep; at most ${CARD_LIMITS.maxNesting}`);
  el.elements.forEach((c, i) => checkElement(c, `${path}.elements[${i}]`, { root: false, inForm: true, depth }, w));
  if (!hasSubmit(el.elements)) v('C9', path, 'a form needs a button with form_action_type "submit"');
}

function hasSubmit(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasSubmit);
  if (!isObj(node)) return false;
  if (node.tag === 'button' && node.form_action_type === 'submit') return true;
  return hasSubmit(node.elements) || hasSubmit(node.columns);
}

function checkColumnSet(el: Obj, path: string, where: Where, w: Walk): void {
  const v: Report = (rule, p, message) => w.out.push({ rule, path: p, message });
  if (el.flex_mode !== undefined && !['none', 'stretch', 'flow', 'bisect', 'trisect'].includes(el.flex_mode as string))
    v('C7', `${path}.flex_mode`, 'flex_mode is none, stretch, flow, bisect or trisect');
  if (el.horizontal_spacing !== undefined && !SPACING.test(String(el.horizontal_spacing)))
    v('C7', `${path}.horizontal_spacing`, 'horizontal_spacing is small|medium|large|extra_large or [0,99]px');
  if (el.horizontal_align !== undefined && !ALIGN_H.includes(el.horizontal_align as string))
    v('C7', `${path}.horizontal_align`, 'horizontal_align is left, center or right');
  const depth = where.depth + 1;
  if (depth > CARD_LIMITS.maxNesting)
    v('C15', path, `containers nest ${depth} deep; at most ${CARD_LIMITS.maxNesting}`);
  if (el.columns === undefined) return;
  if (!Array.isArray(el.columns)) return v('C7', `${path}.columns`, 'columns is an array of column');
  el.columns.forEach((c, i) => {
    const p = `${path}.columns[${i}]`;
    if (!isObj(c) || c.tag !== 'column') return v('C5', p, 'a column_set holds only { tag: "column" }');
    for (const k of Object.keys(c))
      if (!PROPS.column!.includes(k)) v('C6', `${p}.${k}`, `column has no property "${k}"`);
    if (c.element_id !== undefined) checkElementId(c.element_id, `${p}.element_id`, w);
    if (
      c.width !== undefined &&
      !(
        c.width === 'auto' ||
        c.width === 'weighted' ||
        (typeof c.width === 'string' &&
          /^\d+px$/.test(c.width) &&
          Number.parseInt(c.width, 10) >= 16 &&
          Number.parseInt(c.width, 10) <= 600)
      )
    ) {
      v('C7', `${p}.width`, 'column width is auto, weighted or [16,600]px');
    }
    if (c.weight !== undefined && !(isInt(c.weight) && c.weight >= 1 && c.weight <= 5))
      v('C7', `${p}.weight`, 'column weight is an integer 1..5');
    if (c.vertical_align !== undefined && !ALIGN_V.includes(c.vertical_align as string))
      v('C7', `${p}.vertical_align`, 'vertical_align is top, center or bottom');
    if (c.horizontal_align !== undefined && !ALIGN_H.includes(c.horizontal_align as string))
      v('C7', `${p}.horizontal_align`, 'horizontal_align is left, center or right');
    if (c.horizontal_spacing !== undefined && !SPACING.test(String(c.horizontal_spacing)))
      v('C7', `${p}.horizontal_spacing`, 'horizontal_spacing is small|medium|large|extra_large or [0,99]px');
    if (c.vertical_spacing !== undefined && !SPACING.test(String(c.vertical_spacing)))
      v('C7', `${p}.vertical_spacing`, 'vertical_spacing is small|medium|large|extra_large or [0,99]px');
    if (c.elements !== undefined && !Array.isArray(c.elements)) return v('C7', `${p}.elements`, 'elements is an array');
    ((c.elements as unknown[] | undefined) ?? []).forEach((x, j) =>
      checkElement(x, `${p}.elements[${j}]`, { root: false, inForm: where.inForm, depth }, w),
    );
  });
}

function isDate(s: unknown): boolean {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Violations as lines for an error message: `C18 $.body.elements[2].max_length: …`. */
export function formatViolations(vs: Violation[]): string {
  return vs.map((x) => `${x.rule} ${x.path}: ${x.message}`).join('; ');
}
