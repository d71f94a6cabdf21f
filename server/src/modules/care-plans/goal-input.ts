import { ASSESSMENTS, GOAL_INSTRUMENTS, type FieldError, type GoalMeasure } from '@anxin/common';
import { AppError } from '../../platform/http/app-error.ts';

const DAY_MS = 86_400_000;
/** `YYYY-MM-DD` of an instant in UTC. */
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Days are compared with a day of slack either way: the organisation's "today" may be UTC's
 * yesterday or tomorrow (Asia/Shanghai is UTC+8), and a day early or late is no mistake worth
 * refusing, while a year off is.
 */
export const yesterday = (now = Date.now()) => utcDay(now - DAY_MS);
export const tomorrow = (now = Date.now()) => utcDay(now + DAY_MS);

/**
 * What the schema cannot say about a goal's measure and date, each problem naming its field:
 * an instrument goal targets a sum-scored instrument within its range; a target date is not
 * already past.
 */
export function checkGoalInput(
  input: { measure: GoalMeasure; targetDate: string },
  now = Date.now(),
): FieldError[] {
  const errors: FieldError[] = [];
  const m = input.measure;
  if (m.kind === 'instrument') {
    if (!GOAL_INSTRUMENTS.includes(m.instrument)) {
      errors.push({
        path: 'body.measure.instrument',
        message: 'Not an instrument with a total score',
        code: 'invalid_option',
      });
    } else {
      const scoring = ASSESSMENTS[m.instrument].scoring;
      if (scoring.kind === 'sum' && m.target > scoring.max)
        errors.push({
          path: 'body.measure.target',
          message: `At most ${scoring.max} for this instrument`,
          code: 'too_big',
        });
    }
  }
  if (input.targetDate < yesterday(now))
    errors.push({ path: 'body.targetDate', message: 'Must not be in the past', code: 'too_small' });
  return errors;
}

export function refuseInvalid(errors: FieldError[], detail: string): void {
  if (errors.length) throw new AppError('validation_failed', detail, errors);
}
