import type { Member } from '../domain/members/roles.js';
import { hasRole } from '../domain/members/roles.js';
import type { Clock } from '../domain/shared/clock.js';
import { forbidden, invalidInput } from '../domain/shared/errors.js';
import type { Tx } from '../domain/shared/tx.js';
import { t } from '../i18n/index.js';
import { parseScheduleInput } from './cron-schedule.js';
import type { Job } from './job.js';
import type { EffectiveSchedule, Scheduler } from './scheduler.js';

/**
 * The admin's controls over the schedule. Input is validated before anything is written, so a bad
 * cron, time or job name is refused with a clear message and the schedule in force stays as it was.
 * Changes are audited (R-AUD-1) and reach other instances at their next safety tick.
 */
export class JobSettingsService {
  constructor(
    private readonly scheduler: Scheduler,
    private readonly clock: Clock,
  ) {}

  resolve(nameOrAlias: string): Job {
    const job = this.scheduler.find(nameOrAlias);
    if (!job) {
      const names = this.scheduler.jobs.map((j) => `${t(j.titleKey)}（${j.aliases[0] ?? j.name}）`).join('、');
      throw invalidInput('jobs.unknown_job', { value: nameOrAlias || '—', names });
    }
    return job;
  }

  async setEnabled(tx: Tx, actor: Member, nameOrAlias: string, enabled: boolean): Promise<Job> {
    this.requireAdmin(actor);
    const job = this.resolve(nameOrAlias);
    const current = await this.current(tx, job);
    await this.save(tx, actor, current, { enabled, cron: current.setting?.cron ?? null });
    return job;
  }

  /** `input`: `HH:mm` (keeps the job's days) or a full cron expression. Returns the cron now in force. */
  async setSchedule(tx: Tx, actor: Member, nameOrAlias: string, input: string): Promise<{ job: Job; cron: string }> {
    this.requireAdmin(actor);
    const job = this.resolve(nameOrAlias);
    if (!input.trim()) throw invalidInput('jobs.no_schedule_input');
    const current = await this.current(tx, job);
    const cron = parseScheduleInput(input, current.cron);
    await this.save(tx, actor, current, { enabled: current.enabled, cron });
    return { job, cron };
  }

  private async current(tx: Tx, job: Job): Promise<EffectiveSchedule> {
    const list = this.scheduler.merge(await tx.jobs.settings());
    return list.find((s) => s.job.name === job.name)!;
  }

  private async save(
    tx: Tx,
    actor: Member,
    before: EffectiveSchedule,
    next: { enabled: boolean; cron: string | null },
  ): Promise<void> {
    const now = this.clock.now();
    await tx.jobs.saveSetting({
      jobName: before.job.name,
      enabled: next.enabled,
      cron: next.cron,
      updatedBy: actor.openId,
      updatedAt: now,
    });
    await tx.audit.append(
      {
        actor: actor.openId,
        action: 'job.schedule_changed',
        subjectType: 'job',
        subjectId: before.job.name,
        before: { enabled: before.enabled, cron: before.cron },
        after: { enabled: next.enabled, cron: next.cron ?? before.cron },
        rule: 'R-AUD-1',
      },
      now,
    );
  }

  private requireAdmin(actor: Member): void {
    if (!hasRole(actor, 'admin')) throw forbidden('error.forbidden_role', { roles: t('role.admin') });
  }
}
