import { z } from 'zod';

/**
 * Validation messages in Japanese for the whole process (zod's `ja` locale), with the plainer
 * 「必須項目です」 for a missing value, which is what staff read most often.
 */
export const REQUIRED_MESSAGE = '必須項目です';

z.config(z.locales.ja());
z.config({
  customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? REQUIRED_MESSAGE : undefined),
});
