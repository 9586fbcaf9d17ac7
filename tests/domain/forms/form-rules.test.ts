import { describe, expect, it } from 'vitest';
import { advance, canLose } from '../../../src/domain/clients/pipeline.rules.js';
import {
  compliance,
  isOverdue,
  revisitOutcomeDue,
  revisitPlanDue,
  signedContractDue,
  signingPlanDue,
  visitorRegistrationDue,
  type DeadlineSettings,
} from '../../../src/domain/forms/form-deadline.rules.js';
import { revisitPlanSpec } from '../../../src/domain/forms/revisit-plan.js';
import { parseForm } from '../../../src/domain/forms/form-schema.js';
import { signingPlanSpec } from '../../../src/domain/forms/signing-plan.js';
import { visitorSpec } from '../../../src/domain/forms/visitor-registration.js';
import { FormError } from '../../../src/domain/shared/errors.js';

const S: DeadlineSettings = {
  timezone: 'Asia/Shanghai',
  visitorRegistrationHours: 2,
  visitorRegistrationDayEnd: '23:59',
  endOfWorkDay: '17:30',
  signingPlanBy: '23:59',
  signedContractBy: '23:59',
};
const at = (iso: string) => new Date(iso);

describe('form deadlines (R-FORM-1)', () => {
  it('R-FORM-1: visitor registration is due 2 h after acceptance', () => {
    expect(visitorRegistrationDue(at('2026-11-22T02:00:00Z'), S).toISOString()).toBe('2026-11-22T04:00:00.000Z');
  });
  it('R-FORM-1: …but at the latest by the end of that day', () => {
    // Accepted 23:00 local: due 23:59:59.999 local, not 01:00 next day.
    expect(visitorRegistrationDue(at('2026-11-22T15:00:00Z'), S).toISOString()).toBe('2026-11-22T15:59:59.999Z');
  });
  it('R-FORM-1: a revisit plan is due by 17:30 on the day of the contact it follows', () => {
    expect(revisitPlanDue(at('2026-11-22T02:00:00Z'), at('2026-11-23T01:00:00Z'), S).toISOString()).toBe(
      '2026-11-22T09:30:59.999Z',
    );
    expect(revisitPlanDue(undefined, at('2026-11-23T01:00:00Z'), S).toISOString()).toBe('2026-11-23T09:30:59.999Z');
  });
  it('R-FORM-1: signing plan and signed-contract entry are due the same day', () => {
    expect(signingPlanDue('2026-11-22', S).toISOString()).toBe('2026-11-22T15:59:59.999Z');
    expect(signedContractDue('2026-11-22', S).toISOString()).toBe('2026-11-22T15:59:59.999Z');
  });
  it('R-REV-2: a revisit not done by the end of its day is overdue', () => {
    expect(revisitOutcomeDue('2026-11-22', S).toISOString()).toBe('2026-11-22T15:59:59.999Z');
    expect(isOverdue('2026-11-21', '2026-11-22')).toBe(true);
    expect(isOverdue('2026-11-22', '2026-11-22')).toBe(false);
  });
  it('R-FORM-1: late after the deadline, incomplete with a required field missing', () => {
    const due = at('2026-11-22T09:30:59.999Z');
    expect(compliance(at('2026-11-22T09:30:30Z'), due, [])).toEqual({ late: false, incomplete: false });
    expect(compliance(at('2026-11-22T09:31:00Z'), due, [])).toEqual({ late: true, incomplete: false });
    expect(compliance(at('2026-11-22T09:00:00Z'), due, ['phone'])).toEqual({ late: false, incomplete: true });
    expect(compliance(at('2026-11-22T09:00:00Z'), null, [])).toEqual({ late: false, incomplete: false });
  });
});

describe('form validation', () => {
  const fieldsOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof FormError)
        return { fields: Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, v.key])), values: e.values };
      throw e;
    }
    throw new Error('expected a FormError');
  };

  it('R-FORM-1: missing required fields are listed, not refused; a missing essential field is refused', () => {
    const ok = parseForm(visitorSpec, { name: ' 老王五金 ', phone: '138 1234 5678' });
    expect(ok.values.name).toBe('老王五金');
    expect(ok.values.phone).toBe('13812345678');
    expect(ok.missing).toEqual(['contact', 'category', 'client_type', 'source', 'grade']);
    expect(fieldsOf(() => parseForm(visitorSpec, { phone: '13812345678' })).fields).toEqual({
      name: 'form.err.required',
    });
  });

  it('R-FORM-1: every bad field at once, with what was typed', () => {
    const r = fieldsOf(() => parseForm(visitorSpec, { name: '老王', phone: '12345', grade: 'E', client_type: 'shop' }));
    expect(r.fields).toEqual({ phone: 'form.err.phone', grade: 'form.err.choice', client_type: 'form.err.choice' });
    expect(r.values).toMatchObject({ name: '老王', phone: '12345', grade: 'E' });
  });

  it('R-REV-1: a revisit date must be a real date, today or later — 下周 and 2026-02-30 are refused', () => {
    const spec = revisitPlanSpec('2026-11-22');
    expect(fieldsOf(() => parseForm(spec, { date: '下周', purpose: 'x' })).fields).toEqual({
      date: 'form.err.date_format',
    });
    expect(fieldsOf(() => parseForm(spec, { date: '2026-02-30', purpose: 'x' })).fields).toEqual({
      date: 'form.err.date_unreal',
    });
    expect(fieldsOf(() => parseForm(spec, { date: '2026-11-21', purpose: 'x' })).fields).toEqual({
      date: 'form.err.date_past',
    });
    expect(parseForm(spec, { date: '2026-11-22 +0800' }).values.date).toBe('2026-11-22');
  });

  it('R-CON-1: negative or absurd deposits are refused, naming the field', () => {
    const spec = signingPlanSpec('2026-11-22', 5_000_000);
    const base = { paid_date: '2026-11-22', signing_date: '2026-11-30', unit: 'A-108' };
    expect(fieldsOf(() => parseForm(spec, { ...base, deposit: '-5000' })).fields).toEqual({
      deposit: 'form.err.amount_positive',
    });
    expect(fieldsOf(() => parseForm(spec, { ...base, deposit: '99999999999' })).fields).toEqual({
      deposit: 'form.err.amount_too_large',
    });
    expect(fieldsOf(() => parseForm(spec, { ...base, deposit: '两万' })).fields).toEqual({
      deposit: 'form.err.amount_format',
    });
    expect(fieldsOf(() => parseForm(spec, { ...base, deposit: '20000', paid_date: '2026-11-23' })).fields).toEqual({
      paid_date: 'form.err.date_future',
    });
  });

  it('pipeline: forms move a client forward only; signed clients are not lost', () => {
    expect(advance('intent', 'following')).toBe('following');
    expect(advance('deposit', 'following')).toBe('deposit');
    expect(advance('lost', 'following')).toBe('lost');
    expect(canLose('signed')).toBe(false);
    expect(canLose('following')).toBe(true);
  });
});
