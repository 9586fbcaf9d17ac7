import { describe, expect, it } from 'vitest';
import { CARD_LIMITS, checkCard, countCardElements, markdownTableCount } from '../../src/lark/card-rules.js';

/** A card using every component the bot sends, each the way Feishu's pages document it. */
function goodCard(): any {
  const text = (content: string) => ({ tag: 'plain_text', content });
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: '摘要' }, width_mode: 'fill' },
    header: {
      title: text('标题'),
      subtitle: text('副标题'),
      template: 'indigo',
      text_tag_list: [{ tag: 'text_tag', text: text('新'), color: 'blue' }],
    },
    body: {
      elements: [
        { tag: 'markdown', content: '**粗体** <font color="red">红</font> <at id=ou_1></at>', element_id: 'intro_1' },
        { tag: 'hr' },
        {
          tag: 'column_set',
          flex_mode: 'flow',
          horizontal_spacing: '8px',
          columns: [
            {
              tag: 'column',
              width: 'auto',
              elements: [
                {
                  tag: 'button',
                  text: text('确定'),
                  type: 'primary',
                  behaviors: [{ type: 'callback', value: { a: 'x' } }],
                  confirm: { title: text('确认'), text: text('确定吗') },
                },
              ],
            },
            {
              tag: 'column',
              width: 'weighted',
              weight: 2,
              elements: [
                {
                  tag: 'button',
                  text: text('打开'),
                  behaviors: [{ type: 'open_url', default_url: 'https://example.com' }],
                },
              ],
            },
          ],
        },
        {
          tag: 'table',
          page_size: 10,
          columns: [
            { name: 'a', display_name: '甲', data_type: 'text' },
            { name: 'n', display_name: '数', data_type: 'number' },
          ],
          rows: [{ a: 'x', n: 1 }],
        },
        {
          tag: 'chart',
          aspect_ratio: '16:9',
          chart_spec: { type: 'bar', data: { values: [] }, xField: ['agent', 'type'], seriesField: 'type' },
        },
        {
          tag: 'form',
          name: 'f1',
          elements: [
            {
              tag: 'input',
              name: 'note',
              required: true,
              max_length: 1000,
              input_type: 'multiline_text',
              rows: 3,
              default_value: '已填',
              placeholder: text('请输入'),
            },
            {
              tag: 'select_static',
              name: 'grade',
              required: true,
              options: [
                { text: text('A'), value: 'A' },
                { text: text('B'), value: 'B' },
              ],
              initial_option: 'B',
            },
            {
              tag: 'multi_select_static',
              name: 'roles',
              required: false,
              options: [{ text: text('甲'), value: 'a' }],
              selected_values: ['a'],
            },
            { tag: 'date_picker', name: 'date', required: true, initial_date: '2026-12-05' },
            {
              tag: 'column_set',
              columns: [
                {
                  tag: 'column',
                  elements: [
                    {
                      tag: 'button',
                      name: 'submit',
                      text: text('提交'),
                      type: 'primary_filled',
                      form_action_type: 'submit',
                      behaviors: [{ type: 'callback', value: { a: 'f1' } }],
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
  };
}

/** Each documented rule, a card that breaks it, and the path the violation must name. */
const broken: Array<[string, string, (c: any) => void, string]> = [
  ['C1', 'an unknown top-level key (2.0 has no i18n_elements)', (c) => (c.i18n_elements = {}), '$.i18n_elements'],
  ['C1', 'schema other than "2.0"', (c) => (c.schema = '1.0'), '$.schema'],
  ['C2', 'update_multi false', (c) => (c.config.update_multi = false), '$.config.update_multi'],
  ['C2', 'an unknown config key', (c) => (c.config.wide_screen_mode = true), '$.config.wide_screen_mode'],
  ['C21', 'no config at all', (c) => delete c.config, '$.config'],
  ['C3', 'a header template outside the 13 colours', (c) => (c.header.template = 'pink'), '$.header.template'],
  ['C3', 'a header title that is not a text object', (c) => (c.header.title = '标题'), '$.header.title'],
  [
    'C3',
    'four header tags',
    (c) =>
      c.header.text_tag_list.push(
        ...[1, 2, 3].map(() => ({ tag: 'text_tag', text: { tag: 'plain_text', content: 'x' } })),
      ),
    '$.header.text_tag_list',
  ],
  ['C4', 'an unknown body key', (c) => (c.body.elements_v2 = []), '$.body.elements_v2'],
  [
    'C5',
    'the note component, removed in 2.0',
    (c) => c.body.elements.push({ tag: 'note', elements: [] }),
    '$.body.elements[6].tag',
  ],
  [
    'C5',
    'the action module, removed in 2.0',
    (c) => c.body.elements.push({ tag: 'action', actions: [] }),
    '$.body.elements[6].tag',
  ],
  [
    'C6',
    'an undocumented property of a component',
    (c) => (c.body.elements[0].text_color = 'red'),
    '$.body.elements[0].text_color',
  ],
  [
    'C6',
    'a 1.0 button value',
    (c) => (c.body.elements[2].columns[0].elements[0].value = { a: 'x' }),
    '$.body.elements[2].columns[0].elements[0].value',
  ],
  [
    'C7',
    'a button text over 100 characters',
    (c) => (c.body.elements[2].columns[0].elements[0].text.content = '字'.repeat(101)),
    '$.body.elements[2].columns[0].elements[0].text.content',
  ],
  [
    'C7',
    'a lark_md button text',
    (c) => (c.body.elements[2].columns[0].elements[0].text.tag = 'lark_md'),
    '$.body.elements[2].columns[0].elements[0].text.tag',
  ],
  [
    'C7',
    'an undocumented button type',
    (c) => (c.body.elements[2].columns[0].elements[0].type = 'warning'),
    '$.body.elements[2].columns[0].elements[0].type',
  ],
  [
    'C7',
    'an undocumented button size',
    (c) => (c.body.elements[2].columns[0].elements[0].size = 'huge'),
    '$.body.elements[2].columns[0].elements[0].size',
  ],
  ['C7', 'an undocumented flex_mode', (c) => (c.body.elements[2].flex_mode = 'grid'), '$.body.elements[2].flex_mode'],
  [
    'C7',
    'a column width outside auto/weighted/[16,600]px',
    (c) => (c.body.elements[2].columns[0].width = '50%'),
    '$.body.elements[2].columns[0].width',
  ],
  [
    'C7',
    'a column weight above 5',
    (c) => (c.body.elements[2].columns[1].weight = 6),
    '$.body.elements[2].columns[1].weight',
  ],
  [
    'C7',
    'an undocumented input_type',
    (c) => (c.body.elements[5].elements[0].input_type = 'number'),
    '$.body.elements[5].elements[0].input_type',
  ],
  [
    'C7',
    'a placeholder over 100 characters',
    (c) => (c.body.elements[5].elements[0].placeholder.content = 'x'.repeat(101)),
    '$.body.elements[5].elements[0].placeholder.content',
  ],
  [
    'C8',
    'an element_id starting with a digit',
    (c) => (c.body.elements[0].element_id = '1intro'),
    '$.body.elements[0].element_id',
  ],
  [
    'C8',
    'an element_id over 20 characters',
    (c) => (c.body.elements[0].element_id = 'a'.repeat(21)),
    '$.body.elements[0].element_id',
  ],
  ['C8', 'a duplicate element_id', (c) => (c.body.elements[1].element_id = 'intro_1'), '$.body.elements[1].element_id'],
  ['C9', 'a form without a name', (c) => delete c.body.elements[5].name, '$.body.elements[5].name'],
  [
    'C9',
    'a form field without a name',
    (c) => delete c.body.elements[5].elements[1].name,
    '$.body.elements[5].elements[1].name',
  ],
  [
    'C9',
    'two fields with one name',
    (c) => (c.body.elements[5].elements[1].name = 'note'),
    '$.body.elements[5].elements[1].name',
  ],
  [
    'C9',
    'a form without a submit button',
    (c) => (c.body.elements[5].elements[4].columns[0].elements[0].form_action_type = 'reset'),
    '$.body.elements[5]',
  ],
  [
    'C9',
    'a form inside a column',
    (c) => c.body.elements[2].columns[0].elements.push({ tag: 'form', name: 'f2', elements: [] }),
    '$.body.elements[2].columns[0].elements[1]',
  ],
  [
    'C9',
    'a form inside a form',
    (c) => c.body.elements[5].elements.push({ tag: 'form', name: 'f3', elements: [] }),
    '$.body.elements[5].elements[5]',
  ],
  [
    'C9',
    'a chart inside a form',
    (c) => c.body.elements[5].elements.push({ tag: 'chart', chart_spec: { type: 'bar' } }),
    '$.body.elements[5].elements[5]',
  ],
  [
    'C10',
    'required outside a form',
    (c) => c.body.elements.push({ tag: 'input', name: 'free', required: true }),
    '$.body.elements[6].required',
  ],
  [
    'C10',
    'form_action_type outside a form',
    (c) => (c.body.elements[2].columns[0].elements[0].form_action_type = 'submit'),
    '$.body.elements[2].columns[0].elements[0].form_action_type',
  ],
  [
    'C10',
    'a multi-select outside a form',
    (c) => c.body.elements.push({ tag: 'multi_select_static', options: [] }),
    '$.body.elements[6]',
  ],
  [
    'C11',
    'a table inside a form',
    (c) => c.body.elements[5].elements.push({ tag: 'table', columns: [], rows: [] }),
    '$.body.elements[5].elements[5]',
  ],
  ['C11', 'a table page_size of 11', (c) => (c.body.elements[3].page_size = 11), '$.body.elements[3].page_size'],
  ['C11', 'a row key without a column', (c) => (c.body.elements[3].rows[0].z = 'x'), '$.body.elements[3].rows[0].z'],
  [
    'C11',
    '51 table columns',
    (c) => (c.body.elements[3].columns = Array.from({ length: 51 }, (_, i) => ({ name: `c${i}`, data_type: 'text' }))),
    '$.body.elements[3].columns',
  ],
  [
    'C11',
    'six tables, markdown tables included',
    (c) =>
      c.body.elements.push(
        ...Array.from({ length: 5 }, () => ({ tag: 'markdown', content: '| a | b |\n|---|---|\n| 1 | 2 |' })),
      ),
    '$.body',
  ],
  [
    'C12',
    'an undocumented chart aspect_ratio',
    (c) => (c.body.elements[4].aspect_ratio = '3:2'),
    '$.body.elements[4].aspect_ratio',
  ],
  [
    'C12',
    'a chart_spec without a type',
    (c) => delete c.body.elements[4].chart_spec.type,
    '$.body.elements[4].chart_spec.type',
  ],
  [
    'C12',
    'JavaScript in a chart_spec',
    (c) => (c.body.elements[4].chart_spec.label = { formatMethod: 'function (v) { return v; }' }),
    '$.body.elements[4].chart_spec.label.formatMethod',
  ],
  [
    'C12',
    'six charts',
    (c) => c.body.elements.push(...Array.from({ length: 5 }, () => ({ tag: 'chart', chart_spec: { type: 'bar' } }))),
    '$.body',
  ],
  [
    'C13',
    'more than 200 elements',
    (c) => c.body.elements.push(...Array.from({ length: 200 }, () => ({ tag: 'hr' }))),
    '$',
  ],
  ['C14', 'more than 30 KB', (c) => c.body.elements.push({ tag: 'markdown', content: '字'.repeat(11_000) }), '$'],
  [
    'C15',
    'six levels of containers',
    (c) => {
      let inner: any = { tag: 'markdown', content: 'deep' };
      for (let i = 0; i < 6; i++) inner = { tag: 'column_set', columns: [{ tag: 'column', elements: [inner] }] };
      c.body.elements.push(inner);
    },
    '$.body.elements[6].columns[0].elements[0].columns[0].elements[0].columns[0].elements[0].columns[0].elements[0].columns[0].elements[0]',
  ],
  [
    'C16',
    'a callback with a string value',
    (c) => (c.body.elements[2].columns[0].elements[0].behaviors[0].value = 'x'),
    '$.body.elements[2].columns[0].elements[0].behaviors[0].value',
  ],
  [
    'C16',
    'an open_url without default_url',
    (c) => delete c.body.elements[2].columns[1].elements[0].behaviors[0].default_url,
    '$.body.elements[2].columns[1].elements[0].behaviors[0].default_url',
  ],
  [
    'C16',
    'an undocumented behavior type',
    (c) => (c.body.elements[2].columns[0].elements[0].behaviors[0].type = 'form_submit'),
    '$.body.elements[2].columns[0].elements[0].behaviors[0].type',
  ],
  [
    'C16',
    'a live button that does nothing',
    (c) => delete c.body.elements[2].columns[0].elements[0].behaviors,
    '$.body.elements[2].columns[0].elements[0]',
  ],
  [
    'C16',
    'a confirm without a title',
    (c) => delete c.body.elements[2].columns[0].elements[0].confirm.title,
    '$.body.elements[2].columns[0].elements[0].confirm.title',
  ],
  [
    'C17',
    'an initial_option that is not an option',
    (c) => (c.body.elements[5].elements[1].initial_option = 'C'),
    '$.body.elements[5].elements[1].initial_option',
  ],
  [
    'C17',
    'a selected value that is not an option',
    (c) => (c.body.elements[5].elements[2].selected_values = ['3']),
    '$.body.elements[5].elements[2].selected_values[0]',
  ],
  [
    'C17',
    'an option value that is a number',
    (c) => (c.body.elements[5].elements[1].options[0].value = 1),
    '$.body.elements[5].elements[1].options[0].value',
  ],
  [
    'C18',
    'an input max_length above 1000',
    (c) => (c.body.elements[5].elements[0].max_length = 2000),
    '$.body.elements[5].elements[0].max_length',
  ],
  [
    'C18',
    'an input max_length of 0',
    (c) => (c.body.elements[5].elements[0].max_length = 0),
    '$.body.elements[5].elements[0].max_length',
  ],
  [
    'C18',
    'rows on a single-line input',
    (c) => delete c.body.elements[5].elements[0].input_type,
    '$.body.elements[5].elements[0].rows',
  ],
  [
    'C18',
    'a default_value longer than max_length',
    (c) => (c.body.elements[5].elements[0].default_value = 'x'.repeat(1001)),
    '$.body.elements[5].elements[0].default_value',
  ],
  [
    'C19',
    'an initial_date that is not yyyy-MM-dd',
    (c) => (c.body.elements[5].elements[3].initial_date = '2026-12-05 +0800'),
    '$.body.elements[5].elements[3].initial_date',
  ],
  [
    'C19',
    'an initial_date that does not exist',
    (c) => (c.body.elements[5].elements[3].initial_date = '2026-02-30'),
    '$.body.elements[5].elements[3].initial_date',
  ],
  [
    'C20',
    'a markdown HTML tag 2.0 does not render',
    (c) => (c.body.elements[0].content = '<b>粗</b>'),
    '$.body.elements[0].content',
  ],
];

describe('Feishu card JSON 2.0 rules (src/lark/card-rules.ts)', () => {
  it('C1–C21: a card built the documented way has no violations', () => {
    expect(checkCard(goodCard())).toEqual([]);
  });

  it.each(broken)('%s: %s is a violation', (rule, _what, breakIt, path) => {
    const card = goodCard();
    breakIt(card);
    const found = checkCard(card);
    expect(found.map((v) => `${v.rule} ${v.path}`)).toContain(`${rule} ${path}`);
  });

  it('C13: Feishu counts text elements (plain_text) as elements, not only components', () => {
    const card = goodCard();
    expect(countCardElements({ tag: 'button', text: { tag: 'plain_text', content: 'x' } })).toBe(2);
    expect(countCardElements(card)).toBeGreaterThan(card.body.elements.length);
    expect(CARD_LIMITS.maxElements).toBe(200);
  });

  it('C11: a markdown table is counted, prose with a bar is not', () => {
    expect(markdownTableCount('| a | b |\n|---|---|\n| 1 | 2 |')).toBe(1);
    expect(markdownTableCount('甲 | 乙\n没有分隔行')).toBe(0);
  });

  it('C1: a non-object is not a card', () => {
    expect(checkCard('hello').map((v) => v.rule)).toEqual(['C1']);
  });
});
