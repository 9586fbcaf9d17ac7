import type { JobRun } from '../../domain/jobs/job-run.js';
import { localDate, wallClock } from '../../domain/shared/zoned-time.js';
import type { CardJson } from '../../domain/shared/outbox.js';
import type { JobStatus } from '../../jobs/scheduler.js';
import { t, dynamicKey } from '../../i18n/index.js';
import { markup, tmd } from './safe-text.js';
import { cronInWords } from './cron-words.js';
import {
  button,
  buttonRow,
  card,
  form,
  hr,
  input,
  labelled,
  md,
  selectStatic,
  submitButton,
  type El,
} from './card-kit.js';

/** The admin's schedule: what runs when, whether it is on, its last runs; buttons to change it. */
export function formatLocal(at: Date, tz: string): string {
  const w = wallClock(at, tz);
  return `${w.date} ${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}

function runText(r: JobRun): string {
  return tmd('jobs.run_line', {
    period: r.periodKey,
    status: t(`jobs.status.${r.status}`),
    summary: r.summary ? ` ${r.summary}` : r.error ? ` ${r.error.slice(0, 60)}` : '',
  });
}

export interface JobsCardState {
  notice?: string;
  error?: string;
  values?: { job?: string; schedule?: string };
  /** Which page of jobs (1-based). */
  page?: number;
}

/**
 * Jobs per page: each job costs 11 of the card's 200 elements as Feishu counts them (rule, line, two
 * buttons in columns with their texts and confirm), so a page stays near 150 however many jobs there are.
 */
export const JOBS_PAGE = 10;

export function jobsCard(
  list: JobStatus[],
  ctx: { tz: string; now: Date; isWorkingDay: boolean },
  state: JobsCardState = {},
): CardJson {
  const elements: El[] = [];
  if (state.notice) elements.push(md(state.notice));
  elements.push(
    md(
      t('jobs.header', {
        tz: ctx.tz,
        today: localDate(ctx.now, ctx.tz),
        workday: t(ctx.isWorkingDay ? 'jobs.workday' : 'jobs.dayoff'),
      }),
    ),
  );
  const pages = Math.max(1, Math.ceil(list.length / JOBS_PAGE));
  const page = Math.min(Math.max(1, state.page ?? 1), pages);
  for (const s of list.slice((page - 1) * JOBS_PAGE, page * JOBS_PAGE)) {
    const last = s.lastRuns.length ? s.lastRuns.map(runText).join('；') : t('jobs.never');
    elements.push(
      hr(),
      md(
        tmd('jobs.line', {
          title: t(dynamicKey(s.job.titleKey)),
          name: s.job.aliases[0] ?? s.job.name,
          cron: markup(cronInWords(s.cron, s.job.workingDaysOnly)),
          state: t(s.enabled ? 'jobs.enabled' : 'jobs.disabled'),
          next: s.nextRun ? formatLocal(s.nextRun, ctx.tz) : t('jobs.none_next'),
          last: markup(last),
        }),
      ),
      buttonRow([
        s.enabled
          ? button(t('jobs.btn.disable'), { a: 'jobs.toggle', job: s.job.name, enabled: false, page }, 'danger')
          : button(t('jobs.btn.enable'), { a: 'jobs.toggle', job: s.job.name, enabled: true, page }, 'primary'),
        button(t('jobs.btn.run_now'), { a: 'jobs.run', job: s.job.name, page }, 'default', {
          confirm: { title: t('jobs.btn.run_now'), text: t(dynamicKey(s.job.titleKey)) },
        }),
      ]),
    );
  }
  if (pages > 1) {
    const nav: El[] = [];
    if (page > 1) nav.push(button(t('common.prev'), { a: 'jobs.page', page: page - 1 }));
    nav.push(md(t('common.page', { page, pages })));
    if (page < pages) nav.push(button(t('common.next'), { a: 'jobs.page', page: page + 1 }));
    elements.push(buttonRow(nav));
  }
  elements.push(
    hr(),
    form('job_schedule_form', [
      ...labelled(
        t('jobs.form.job'),
        selectStatic(
          'job',
          list.map((s) => ({ value: s.job.name, text: t(dynamicKey(s.job.titleKey)) })),
          { value: state.values?.job ?? '', required: true },
        ),
        undefined,
        true,
      ),
      ...labelled(
        t('jobs.form.schedule'),
        input('schedule', {
          placeholder: '18:00',
          value: state.values?.schedule ?? '',
          maxLength: 100,
          required: true,
        }),
        state.error,
        true,
      ),
      submitButton(t('jobs.btn.set_time'), 'job_schedule_submit', { a: 'jobs.schedule' }),
    ]),
    md(t('jobs.hint')),
  );
  return card({ title: t('jobs.title'), template: 'indigo', elements });
}
