import { describe, expect, it } from 'vitest';
import { checkChangeDates, notificationDeadline } from './dates.ts';
import type { ChangeDateInput } from './dates.ts';

const base: ChangeDateInput = {
  procedure: 'move_in',
  moveInKind: 'domestic',
  basis: 'notification',
  effectiveDate: '2026-04-01',
  notifiedDate: '2026-04-10',
  processedOn: '2026-04-10',
};

const rules = (input: Partial<ChangeDateInput>) => checkChangeDates({ ...base, ...input }).findings.map((f) => `${f.severity}:${f.rule}`);

describe('異動日・届出日・処理日 (住記標準 4.0.3 j480, 4.1.0.2 j570, 4.1.3.0.1 j640)', () => {
  it('accepts a 転入 notified within the period', () => {
    expect(checkChangeDates(base)).toEqual({ findings: [], lateNotification: false, exOfficio: false, deadline: '2026-04-15' });
  });

  it.each([
    ['j480: 異動日 after the 処理日 (転居)', { procedure: 'move_within', effectiveDate: '2026-04-11', notifiedDate: '2026-04-10' }, ['error:dates.effective-after-processing', 'error:dates.notified-before-effective']],
    ['j570: 届出日 after the 処理日', { notifiedDate: '2026-04-11' }, ['error:dates.notified-after-processing']],
    ['住基法22条: a 転入 notified before moving in', { effectiveDate: '2026-04-05', notifiedDate: '2026-04-03' }, ['error:dates.notified-before-effective']],
    ['住基法25条: a 世帯変更 notified before it happened', { procedure: 'household_change', effectiveDate: '2026-04-05', notifiedDate: '2026-04-03' }, ['error:dates.notified-before-effective']],
    ['j570: a 届出 without its 届出日', { notifiedDate: null }, ['error:dates.notified-required']],
    ['an impossible date', { effectiveDate: '2026-02-30' }, ['error:dates.invalid']],
    ['a 異動 before the birth', { effectiveDate: '2026-04-01', birthDate: '2026-04-02' }, ['error:dates.before-birth']],
    ['a 異動 before the current state', { procedure: 'move_within', currentValidFrom: '2026-04-02' }, ['error:dates.before-current-state']],
  ])('refuses %s', (_, input, expected) => {
    expect(rules(input as Partial<ChangeDateInput>)).toEqual(expected);
  });

  it('j640: a 転出 may be notified before its 転出予定日, which may lie after the 処理日', () => {
    expect(rules({ procedure: 'move_out', effectiveDate: '2026-04-30', notifiedDate: '2026-04-10' })).toEqual([]);
  });

  it.each(['clerical_correction', 'ex_officio_correction', 'cancellation'] as const)('lets %s reach before the current state (it supersedes instead)', (procedure) => {
    expect(rules({ procedure, basis: 'ex_officio', notifiedDate: null, currentValidFrom: '2026-04-05' })).toEqual([]);
  });

  it('j760: 職権 needs no 届出日 and has no 届出期間', () => {
    expect(checkChangeDates({ ...base, basis: 'ex_officio', notifiedDate: null, effectiveDate: '2025-01-01' })).toMatchObject({ findings: [], lateNotification: false });
  });
});

describe('届出期間 14日 (住基法22条・23条・25条, 地方自治法4条の2④, 過料 住基法52条2項)', () => {
  it.each([
    ['2026-04-01', '2026-04-15', 'a weekday'],
    ['2026-04-04', '2026-04-20', 'Saturday 18 April → Monday'],
    ['2026-04-19', '2026-05-07', 'Golden Week (5/3 日曜・5/4・5/5・5/6 振替休日) → Thursday'],
    ['2025-12-15', '2026-01-05', '年末年始 12/29–1/3 and the weekend → Monday 5 January'],
  ])('異動日 %s: the period ends on %s (%s)', (effectiveDate, deadline) => {
    expect(notificationDeadline(effectiveDate)).toBe(deadline);
  });

  it('moves the deadline past a municipality’s own closed day (条例)', () => {
    expect(notificationDeadline('2026-04-01', (d) => d === '2026-04-15')).toBe('2026-04-16');
  });

  it('accepts a 転入 on the last day, and flags the next day as late without refusing it', () => {
    expect(checkChangeDates({ ...base, notifiedDate: '2026-04-15', processedOn: '2026-04-20' })).toMatchObject({ lateNotification: false, findings: [] });
    const late = checkChangeDates({ ...base, notifiedDate: '2026-04-16', processedOn: '2026-04-20' });
    expect(late.lateNotification).toBe(true);
    expect(late.findings).toEqual([expect.objectContaining({ severity: 'alert', rule: 'dates.late-notification', field: 'notifiedDate' })]);
    expect(late.findings[0]!.message).toMatch(/期限 2026-04-15.*住基法22条・住基法52条2項/);
  });

  it.each([
    ['move_within', '住基法23条'],
    ['household_change', '住基法25条'],
    ['foreign_resident_notification', '住基法30条の47'],
  ] as const)('applies the same period to %s (%s)', (procedure, article) => {
    const r = checkChangeDates({ ...base, procedure, moveInKind: undefined, notifiedDate: '2026-04-20', processedOn: '2026-04-20' });
    expect(r.lateNotification).toBe(true);
    expect(r.findings[0]!.message).toContain(article);
  });

  it('j640: a 転出 notified more than 14 days after the move is recorded ex officio and flagged', () => {
    const inTime = checkChangeDates({ ...base, procedure: 'move_out', effectiveDate: '2026-04-01', notifiedDate: '2026-04-15', processedOn: '2026-04-15' });
    expect(inTime).toMatchObject({ exOfficio: false, lateNotification: false, findings: [] });
    const late = checkChangeDates({ ...base, procedure: 'move_out', effectiveDate: '2026-04-01', notifiedDate: '2026-04-16', processedOn: '2026-04-16' });
    expect(late).toMatchObject({ exOfficio: true, lateNotification: true });
    expect(late.findings.map((f) => f.rule)).toEqual(['dates.move-out-ex-officio']);
  });
});

describe('特例転入 (住基法24条の2: 転入から14日以内かつ転出予定日から30日以内)', () => {
  const special = { ...base, moveInKind: 'special' as const, effectiveDate: '2026-04-10', processedOn: '2026-05-01' };

  it('accepts a notification within both periods', () => {
    expect(rules({ ...special, plannedMoveOutDate: '2026-03-31', notifiedDate: '2026-04-20' })).toEqual([]);
  });

  it.each([
    ['more than 14 days after moving in', { plannedMoveOutDate: '2026-04-05', notifiedDate: '2026-04-27' }],
    ['more than 30 days after the 転出予定日', { plannedMoveOutDate: '2026-03-01', effectiveDate: '2026-03-25', notifiedDate: '2026-04-02' }],
  ])('refuses it %s: a 転出証明書 is needed', (_, input) => {
    expect(rules({ ...special, ...input })).toEqual(['error:dates.special-move-in-expired']);
  });

  it('needs the 転出予定日 of the 転出証明書情報', () => {
    expect(rules({ ...special, notifiedDate: '2026-04-20' })).toEqual(['error:dates.planned-move-out-required']);
  });
});

describe('出生・死亡 (住記標準 4.2.1.2 j810, 4.2.2.1 j820, 1.1.8 j80)', () => {
  const birth = { procedure: 'birth' as const, basis: 'family_register_notice' as const, moveInKind: undefined };

  it('takes the birth date as the 異動日 and does not police the 戸籍 届出期間', () => {
    expect(checkChangeDates({ ...base, ...birth, birthDate: '2026-03-01', effectiveDate: '2026-03-01', notifiedDate: '2026-04-10' })).toMatchObject({ findings: [], lateNotification: false });
  });

  it.each([
    ['a 異動日 other than the birth date', { birthDate: '2026-03-01', effectiveDate: '2026-03-02' }, ['error:dates.birth-effective-date']],
    ['a 戸籍届出 before the birth', { birthDate: '2026-03-01', effectiveDate: '2026-03-01', notifiedDate: '2026-02-28' }, ['error:dates.notified-before-effective']],
  ])('refuses %s', (_, input, expected) => {
    expect(rules({ ...birth, ...input })).toEqual(expected);
  });

  it('refuses a death before the birth and a notice before the death', () => {
    expect(rules({ procedure: 'death', basis: 'family_register_notice', birthDate: '1950-01-01', effectiveDate: '1949-12-31' })).toContain('error:dates.before-birth');
    expect(rules({ procedure: 'death', basis: 'family_register_notice', effectiveDate: '2026-04-05', notifiedDate: '2026-04-04' })).toEqual(['error:dates.notified-before-effective']);
  });
});

describe('通知に基づく職権の記載 (4.2.0.4 j780, j930–j960)', () => {
  it.each(['name_change', 'naturalization', 'nationality_loss', 'residence_status_change'] as const)('refuses a %s notice dated before the event it reports', (procedure) => {
    expect(rules({ procedure, basis: 'family_register_notice', effectiveDate: '2026-04-05', notifiedDate: '2026-04-03' })).toEqual(['error:dates.notified-before-effective']);
    expect(rules({ procedure, basis: 'family_register_notice', effectiveDate: '2026-04-05', notifiedDate: '2026-04-05' })).toEqual([]);
  });

  it('names the 入管通知日 for a residence status change, with no 届出期間', () => {
    const outcome = checkChangeDates({ ...base, procedure: 'residence_status_change', basis: 'family_register_notice', effectiveDate: '2026-01-05', notifiedDate: '2026-04-10' });
    expect(outcome.lateNotification).toBe(false);
    expect(checkChangeDates({ ...base, procedure: 'residence_status_change', effectiveDate: '2026-04-05', notifiedDate: '2026-04-03' }).findings[0]!.message).toContain('入管通知日');
  });
});
