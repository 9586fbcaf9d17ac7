// The sandbox clock in the top bar: the time now, the next scheduled runs to jump to, +1 小时 / +1 天.
// Jumping posts to /sandbox/api/clock; the jobs due at the new time run on the server.
import { escapeHtml } from './markdown.js';

const SCHEDULE_LABELS = {
  rotationReset: '轮续表重置',
  nextDayPlan: '次日计划',
  revisitReminders: '回访提醒',
  dailyDigest: '每日简报',
  weeklySummary: '每周汇总',
  monthlyReport: '月度报告',
};

/** 每周业绩汇总（部门群） → 每周业绩汇总: the button says what, the tooltip says the rest. */
function shortTitle(u) {
  return (u.title ?? SCHEDULE_LABELS[u.name] ?? u.name).replace(/（[^）]*）$/, '');
}

/**
 * deps: { state, api(path, body), showToast(toast), $ } — the console's shared state and helpers.
 */
export function createClock({ state, api, showToast, $ }) {
  const sandboxNow = () => new Date(Date.now() + state.skew);

  /** The soonest runs as buttons; every other scheduled job in a 更多 menu (a weekly one may be days away). */
  function renderClock() {
    const jumps = $('[data-testid="clock-jumps"]');
    jumps.innerHTML = '';
    const runs = [];
    for (const u of state.upcoming) if (!runs.some((r) => r.name === u.name)) runs.push(u);
    const QUICK = 4;
    for (const u of runs.slice(0, QUICK)) jumps.appendChild(jumpButton(u, 'jump'));
    if (runs.length > QUICK) {
      const more = document.createElement('div');
      more.className = 'jump-more';
      const toggle = document.createElement('button');
      toggle.type = 'button';
      toggle.className = 'jump jump-plain';
      toggle.dataset.testid = 'clock-more';
      toggle.textContent = '更多 ▾';
      const menu = document.createElement('div');
      menu.className = 'jump-menu';
      menu.hidden = true;
      for (const u of runs.slice(QUICK)) menu.appendChild(jumpButton(u, 'jump-item'));
      toggle.addEventListener('click', () => (menu.hidden = !menu.hidden));
      more.append(toggle, menu);
      jumps.appendChild(more);
    }
    for (const [label, minutes] of [
      ['+1 小时', 60],
      ['+1 天', 1440],
    ]) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'jump jump-plain';
      b.textContent = label;
      b.addEventListener('click', () => void jump({ minutes }));
      jumps.appendChild(b);
    }
    tick();
  }

  function jumpButton(u, className) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = className;
    b.dataset.schedule = u.name;
    b.dataset.at = String(new Date(u.at).getTime());
    b.innerHTML = `<span class="jump-when">${escapeHtml(jumpTime(new Date(u.at)))}</span> ${escapeHtml(shortTitle(u))}`;
    b.title = `${u.title ?? u.name}：跳到 ${longTime(new Date(u.at).getTime())}，运行到期的定时任务（${u.pattern}）`;
    b.addEventListener('click', () => void jump({ schedule: u.name }));
    return b;
  }

  async function jump(body) {
    try {
      const res = await api('/sandbox/api/clock', body);
      state.skew = res.now - Date.now();
      state.upcoming = res.upcoming;
      renderClock();
      showToast({ type: 'info', content: `时间已到 ${longTime(res.now)}` });
    } catch (err) {
      showToast({ type: 'error', content: String(err.message ?? err) });
    }
  }

  function tick() {
    const now = sandboxNow();
    $('[data-testid="clock-now"]').textContent = fmt(now, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    $('[data-testid="status-time"]').textContent = fmt(now, { hour: '2-digit', minute: '2-digit' });
  }

  function fmt(d, opts) {
    return new Intl.DateTimeFormat('zh-CN', { timeZone: state.timezone, hourCycle: 'h23', ...opts }).format(d);
  }

  function shortTime(at) {
    const d = new Date(at);
    const sameDay = fmt(d, { dateStyle: 'short' }) === fmt(sandboxNow(), { dateStyle: 'short' });
    return sameDay ? fmt(d, { hour: '2-digit', minute: '2-digit' }) : fmt(d, { month: 'numeric', day: 'numeric' });
  }

  function longTime(at) {
    return fmt(new Date(at), { month: 'long', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit' });
  }

  /** 周一 09:00 within the coming week, 12/1 09:00 beyond it. */
  function jumpTime(d) {
    const soon = d.getTime() - sandboxNow().getTime() < 6 * 86_400_000;
    return fmt(
      d,
      soon
        ? { weekday: 'short', hour: '2-digit', minute: '2-digit' }
        : { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' },
    );
  }

  return { renderClock, tick, fmt, shortTime, longTime, sandboxNow };
}
