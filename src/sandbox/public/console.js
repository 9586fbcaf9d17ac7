// The sandbox console: a chat list of the demo department, one phone showing the selected chat,
// and the sandbox clock. State comes from /sandbox/api/state, then live from /sandbox/api/stream
// (server-sent events). Typing and card actions go to /sandbox/api/say and /sandbox/api/action,
// which turn them into real, signed Feishu webhook calls on the server.
import { avatarColor, renderCard } from './cards.js';
import { createClock } from './console-clock.js';
import { releaseCharts, renderChart } from './console-charts.js';
import { escapeHtml, renderTextMessage } from './markdown.js';

const $ = (sel) => document.querySelector(sel);

const state = {
  bot: { openId: '', name: '招商助手' },
  people: [],
  group: null,
  chats: new Map(),
  /** chatId → entries, oldest first */
  timeline: new Map(),
  byId: new Map(),
  users: {},
  /** sandbox clock − this browser's clock, ms (the sandbox may start on another day, or have jumped) */
  skew: 0,
  timezone: 'Asia/Shanghai',
  utcOffset: '+0800',
  upcoming: [],
  current: null,
  speaker: null,
  unread: new Map(),
};

const nameOf = (id) => {
  if (!id) return undefined;
  if (id === state.bot.openId || id === 'bot') return state.bot.name;
  return state.users[id] ?? state.people.find((p) => p.openId === id)?.name;
};

const { renderClock, tick, shortTime, longTime } = createClock({ state, api, showToast, $ });

async function api(path, body) {
  const res = await fetch(
    path,
    body === undefined
      ? {}
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.error ?? `HTTP ${res.status}`);
  return json;
}

async function load() {
  const s = await api('/sandbox/api/state');
  state.bot = s.bot;
  state.people = s.people;
  state.group = s.group;
  state.users = s.users;
  state.timezone = s.timezone;
  state.utcOffset = s.utcOffset;
  state.upcoming = s.upcoming;
  state.skew = s.now - Date.now();
  state.chats = new Map(s.chats.map((c) => [c.chatId, c]));
  state.timeline = new Map();
  state.byId = new Map();
  for (const m of s.messages) addEntry(m);
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('chat');
  const first = state.people[0]?.chatId;
  state.current = state.chats.has(fromHash)
    ? fromHash
    : state.current && state.chats.has(state.current)
      ? state.current
      : first;
  state.speaker =
    state.speaker ?? state.people.find((p) => p.roles.includes('manager'))?.openId ?? state.people[0]?.openId;
  renderSpeaker();
  renderChatList();
  renderChat();
  renderClock();
  document.body.dataset.ready = 'true';
}

function addEntry(m) {
  state.byId.set(m.id, m);
  if (!state.timeline.has(m.chatId)) state.timeline.set(m.chatId, []);
  state.timeline.get(m.chatId).push(m);
}

function connect() {
  const es = new EventSource('/sandbox/api/stream');
  let broken = false;
  es.onerror = () => (broken = true);
  es.onopen = () => {
    // After a reconnect (service restarted), start again from the server's state.
    if (broken) void load();
    broken = false;
  };
  es.onmessage = (ev) => {
    const e = JSON.parse(ev.data);
    if (e.type === 'message') {
      if (state.byId.has(e.entry.id)) return;
      addEntry(e.entry);
      if (e.entry.chatId === state.current) appendMessage(e.entry, true);
      else if (e.entry.from === 'bot') state.unread.set(e.entry.chatId, (state.unread.get(e.entry.chatId) ?? 0) + 1);
      renderChatList();
    } else if (e.type === 'update') {
      const known = state.byId.get(e.entry.id);
      if (!known || known.version > e.entry.version) return;
      Object.assign(known, e.entry);
      const node = document.querySelector(`[data-message-id="${CSS.escape(e.entry.id)}"]`);
      if (node) node.replaceWith(messageNode(known));
      renderChatList();
    } else if (e.type === 'chat') {
      state.chats.set(e.chat.chatId, e.chat);
      renderChatList();
    } else if (e.type === 'clock') {
      state.skew = e.now - Date.now();
      if (e.upcoming) state.upcoming = e.upcoming;
      renderClock();
    }
  };
}

// ——— chat list ———

function orderedChats() {
  const all = [...state.chats.values()];
  const groups = all.filter((c) => c.kind === 'group');
  const people = state.people.map((p) => state.chats.get(p.chatId)).filter(Boolean);
  const others = all.filter((c) => c.kind === 'p2p' && !state.people.some((p) => p.chatId === c.chatId));
  return [...groups, ...people, ...others];
}

function renderChatList() {
  const list = $('[data-testid="chat-list"]');
  list.innerHTML = '';
  for (const c of orderedChats()) {
    const item = document.createElement('button');
    item.type = 'button';
    item.className = `chat-item${c.chatId === state.current ? ' is-active' : ''}`;
    item.dataset.chatId = c.chatId;
    const entries = state.timeline.get(c.chatId) ?? [];
    const last = entries[entries.length - 1];
    const unread = state.unread.get(c.chatId) ?? 0;
    const isGroup = c.kind === 'group';
    item.innerHTML = `
      <span class="avatar ${isGroup ? 'avatar-group' : ''}" style="background:${isGroup ? '#3370FF' : avatarColor(c.openId ?? c.chatId)}">${escapeHtml(isGroup ? '群' : c.name.slice(-2))}</span>
      <span class="chat-item-main">
        <span class="chat-item-top"><span class="chat-item-name">${escapeHtml(c.name)}</span>${last ? `<span class="chat-item-time">${escapeHtml(shortTime(last.at))}</span>` : ''}</span>
        <span class="chat-item-sub">${escapeHtml(isGroup ? '部门群 · 机器人在群里' : (c.title ?? ''))}</span>
        <span class="chat-item-preview">${escapeHtml(last ? preview(last) : '还没有消息')}</span>
      </span>
      ${unread ? `<span class="badge">${unread}</span>` : ''}`;
    item.addEventListener('click', () => select(c.chatId));
    list.appendChild(item);
  }
}

function preview(m) {
  const who = m.from === 'bot' ? '' : `${nameOf(m.from) ?? ''}: `;
  if (m.msgType === 'text') return who + String(m.content?.text ?? '').replace(/<at[^>]*>([^<]*)<\/at>/g, '@$1');
  if (m.msgType === 'interactive') return `[卡片] ${m.content?.header?.title?.content ?? ''}`;
  if (m.msgType === 'image') return '[图片]';
  if (m.msgType === 'file') return '[文件]';
  return `[${m.msgType}]`;
}

function select(chatId) {
  state.current = chatId;
  state.unread.delete(chatId);
  history.replaceState(null, '', `#chat=${encodeURIComponent(chatId)}`);
  renderChatList();
  renderChat();
  $('[data-testid="composer-input"]').focus();
}

// ——— the phone ———

function currentChat() {
  return state.chats.get(state.current);
}

/** Who is holding the phone: the p2p chat's person, or the chosen speaker in a group. */
function actor() {
  const c = currentChat();
  return c?.kind === 'group' ? state.speaker : c?.openId;
}

function renderChat() {
  const c = currentChat();
  const isGroup = c?.kind === 'group';
  $('[data-testid="chat-title"]').textContent = isGroup ? `${c.name} (${state.people.length + 1})` : state.bot.name;
  $('[data-testid="chat-sub"]').textContent = isGroup
    ? '群聊 · 机器人只回应 @ 它的消息'
    : c
      ? `${c.name}的手机${c.title ? ` · ${c.title}` : ''}`
      : '';
  $('[data-testid="speaker-wrap"]').hidden = !isGroup;
  $('[data-testid="mention-wrap"]').hidden = !isGroup;
  $('[data-testid="composer-input"]').placeholder = isGroup ? `发送到 ${c.name}` : `发送给 ${state.bot.name}`;
  const box = $('[data-testid="messages"]');
  releaseCharts(box);
  box.innerHTML = '';
  let lastAt = 0;
  for (const m of state.timeline.get(state.current) ?? []) {
    if (m.at - lastAt > 5 * 60_000) box.appendChild(timeDivider(m.at));
    lastAt = m.at;
    box.appendChild(messageNode(m));
  }
  renderQuick();
  box.scrollTop = box.scrollHeight;
}

function appendMessage(m, scroll) {
  const box = $('[data-testid="messages"]');
  const list = state.timeline.get(m.chatId) ?? [];
  const prev = list[list.length - 2];
  if (!prev || m.at - prev.at > 5 * 60_000) box.appendChild(timeDivider(m.at));
  const nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 200;
  box.appendChild(messageNode(m));
  if (scroll && (nearBottom || m.from !== 'bot')) box.scrollTop = box.scrollHeight;
  // Charts and images settle a moment later.
  setTimeout(() => nearBottom && (box.scrollTop = box.scrollHeight), 300);
}

function timeDivider(at) {
  const d = document.createElement('div');
  d.className = 'time-divider';
  d.textContent = longTime(at);
  return d;
}

function messageNode(m) {
  const c = state.chats.get(m.chatId);
  const mine = m.from !== 'bot' && m.from === (c?.kind === 'group' ? state.speaker : c?.openId);
  const row = document.createElement('div');
  row.className = `msg ${mine ? 'msg-right' : 'msg-left'}${m.msgType === 'interactive' ? ' msg-card' : ''}`;
  row.dataset.messageId = m.id;
  row.dataset.from = m.from;
  const av = document.createElement('span');
  av.className = `avatar avatar-sm${m.from === 'bot' ? ' avatar-bot' : ''}`;
  av.textContent = m.from === 'bot' ? '招' : (nameOf(m.from) ?? '?').slice(-2);
  if (m.from !== 'bot') av.style.background = avatarColor(m.from);
  const main = document.createElement('div');
  main.className = 'msg-main';
  if (c?.kind === 'group' && !mine) {
    const name = document.createElement('div');
    name.className = 'msg-name';
    name.innerHTML =
      m.from === 'bot'
        ? `${escapeHtml(state.bot.name)} <span class="bot-tag">机器人</span>`
        : escapeHtml(nameOf(m.from) ?? m.from);
    main.appendChild(name);
  }
  main.appendChild(contentNode(m));
  row.append(av, main);
  return row;
}

function contentNode(m) {
  if (m.msgType === 'interactive') {
    const holder = document.createElement('div');
    holder.className = 'card-holder';
    holder.appendChild(renderCard(m.content, cardContext(m)));
    return holder;
  }
  const bubble = document.createElement('div');
  bubble.className = 'bubble';
  if (m.msgType === 'text') bubble.innerHTML = renderTextMessage(m.content?.text ?? '', nameOf);
  else if (m.msgType === 'image')
    bubble.innerHTML = `<img class="msg-image" src="/sandbox/api/uploads/${encodeURIComponent(m.content?.image_key ?? '')}" alt="图片">`;
  else if (m.msgType === 'file') {
    const name = m.content?.file_name ?? m.content?.file_key ?? '文件';
    const ext = (/\.(\w+)$/.exec(name)?.[1] ?? 'file').slice(0, 4).toUpperCase();
    bubble.classList.add('bubble-file');
    bubble.innerHTML = `<a class="file-card" href="/sandbox/api/uploads/${encodeURIComponent(m.content?.file_key ?? '')}" download="${escapeHtml(name)}">
      <span class="file-icon file-${escapeHtml(ext.toLowerCase())}">${escapeHtml(ext)}</span>
      <span class="file-meta"><span class="file-name">${escapeHtml(name)}</span><span class="file-size">${escapeHtml(fileSize(m.content?.file_size))}</span></span></a>`;
  } else bubble.textContent = `[${m.msgType}] ${JSON.stringify(m.content).slice(0, 200)}`;
  return bubble;
}

function fileSize(bytes) {
  if (typeof bytes !== 'number') return '';
  return bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function cardContext(m) {
  return {
    nameOf,
    people: state.people,
    utcOffset: state.utcOffset,
    imageUrl: (key) => `/sandbox/api/uploads/${encodeURIComponent(key ?? '')}`,
    renderChart,
    confirm,
    onAction: async (payload) => {
      const operatorOpenId =
        state.chats.get(m.chatId)?.kind === 'group' ? state.speaker : state.chats.get(m.chatId)?.openId;
      try {
        const res = await api('/sandbox/api/action', { chatId: m.chatId, operatorOpenId, messageId: m.id, ...payload });
        if (res.status !== 200) showToast({ type: 'error', content: `回调失败（HTTP ${res.status}）` });
        else if (res.toast) showToast(res.toast);
      } catch (err) {
        showToast({ type: 'error', content: String(err.message ?? err) });
      }
    },
  };
}

// ——— composer ———

function renderSpeaker() {
  const sel = $('[data-testid="speaker"]');
  sel.innerHTML = state.people
    .map((p) => `<option value="${escapeHtml(p.openId)}">${escapeHtml(p.name)}（${escapeHtml(p.title)}）</option>`)
    .join('');
  sel.value = state.speaker;
}

function renderQuick() {
  const quick = $('[data-testid="quick"]');
  quick.innerHTML = '';
  for (const text of ['帮助']) {
    const chip = document.createElement('button');
    chip.type = 'button';
    chip.className = 'quick-chip';
    chip.textContent = text;
    chip.addEventListener('click', () => void send(text));
    quick.appendChild(chip);
  }
}

async function send(text) {
  const c = currentChat();
  if (!c || !text.trim()) return;
  try {
    const res = await api('/sandbox/api/say', {
      chatId: c.chatId,
      senderOpenId: actor(),
      text,
      mentionBot: $('[data-testid="mention-bot"]').checked,
    });
    if (res.status !== 200) showToast({ type: 'error', content: `机器人回调返回 HTTP ${res.status}` });
  } catch (err) {
    showToast({ type: 'error', content: String(err.message ?? err) });
  }
}

// ——— toast and confirm, drawn inside the phone like the Feishu client ———

let toastTimer;
function showToast(t) {
  const box = $('[data-testid="toast"]');
  const icon = { success: '✓', error: '✕', warning: '!', info: 'i' }[t.type] ?? 'i';
  box.innerHTML = `<span class="toast-icon toast-${escapeHtml(t.type ?? 'info')}">${icon}</span><span class="toast-text">${escapeHtml(t.content ?? t.i18n?.zh_cn ?? '')}</span>`;
  box.dataset.type = t.type ?? 'info';
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (box.hidden = true), 2500);
}

function confirm(title, text) {
  const mask = $('[data-testid="dialog"]');
  mask.querySelector('.dialog-title').textContent = title;
  mask.querySelector('.dialog-text').textContent = text;
  mask.hidden = false;
  return new Promise((resolve) => {
    const done = (ev) => {
      const answer = ev.target.dataset.answer;
      if (!answer) return;
      mask.hidden = true;
      mask.removeEventListener('click', done);
      resolve(answer === 'yes');
    };
    mask.addEventListener('click', done);
  });
}

// ——— boot ———

$('[data-testid="composer"]').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const input = $('[data-testid="composer-input"]');
  const text = input.value;
  input.value = '';
  void send(text);
});
$('[data-testid="speaker"]').addEventListener('change', (ev) => {
  state.speaker = ev.target.value;
  renderChat();
});
setInterval(tick, 1000);
load()
  .then(connect)
  .catch((err) => {
    document.body.innerHTML = `<pre class="boot-error">沙盒控制台无法启动：${escapeHtml(err.message ?? String(err))}</pre>`;
  });
