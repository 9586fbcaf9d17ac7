// Data and media components: table (paged), chart (VChart, drawn by the console), images, people.
import { TAG_COLORS, escapeHtml, renderMarkdown } from './markdown.js';
import { avatarColor, el, placeholder } from './card-util.js';

const CHART_RATIOS = { '1:1': 1, '2:1': 0.5, '4:3': 0.75, '16:9': 9 / 16 };

export const MEDIA_RENDERERS = {
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
};

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
      const s = n.toLocaleString('zh-CN', {
        useGrouping: Boolean(f.separator),
        ...(digits !== undefined ? { minimumFractionDigits: digits, maximumFractionDigits: digits } : {}),
      });
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
      return (Array.isArray(v) ? v : [v])
        .map((id) => `<span class="md-person">${escapeHtml(ctx.nameOf(id) ?? id)}</span>`)
        .join(' ');
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
