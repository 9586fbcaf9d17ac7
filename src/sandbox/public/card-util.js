// Helpers shared by the card renderer's modules.
import { escapeHtml, renderMarkdown } from './markdown.js';

const TEXT_SIZES = {
  'heading-0': 30,
  'heading-1': 24,
  'heading-2': 20,
  'heading-3': 18,
  'heading-4': 16,
  heading: 18,
  'xxxx-large': 30,
  'xxx-large': 24,
  'xx-large': 20,
  'x-large': 18,
  large: 16,
  normal: 14,
  medium: 14,
  small: 12,
  notation: 12,
  'x-small': 10,
};

export function avatarColor(seed) {
  const palette = ['#3370FF', '#14C0FF', '#2EA121', '#FF8800', '#7F3BF5', '#F54A45', '#04B49C', '#D136D1'];
  let h = 0;
  for (const ch of String(seed)) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return palette[h % palette.length];
}

/** A component's callback value: 2.0 `behaviors[{type:'callback', value}]`, or 1.0's `value`. */
export function callbackOf(e) {
  const b = Array.isArray(e.behaviors) ? e.behaviors.find((x) => x.type === 'callback') : undefined;
  if (b) return b.value ?? {};
  if (e.value !== undefined && typeof e.value === 'object') return e.value;
  return undefined;
}

export function applyText(node, e) {
  const size = TEXT_SIZES[e.text_size];
  if (size) node.style.fontSize = `${size}px`;
  if (e.text_align) node.style.textAlign = e.text_align;
  if (e.text_color && e.text_color !== 'default') node.style.color = `var(--lk-${e.text_color}, ${e.text_color})`;
}

export function textHtml(t, ctx) {
  if (!t) return '';
  const content = i18n(t.content, t.i18n_content);
  return t.tag === 'lark_md' ? renderMarkdown(content, ctx?.nameOf) : escapeHtml(content).replace(/\n/g, '<br>');
}

export function i18n(content, i18nContent) {
  return content ?? i18nContent?.zh_cn ?? i18nContent?.en_us ?? '';
}

export function placeholder(node, text) {
  node.innerHTML = `<div class="lk-placeholder">${text}</div>`;
  return node;
}

export function el(tag, className) {
  const n = document.createElement(tag);
  if (className) n.className = className;
  return n;
}
