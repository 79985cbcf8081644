import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Keys that could hold personal data are censored wherever they appear, as a
 * second line of defence behind the rule that personal records are never logged at all.
 */
export function createLogger(env: NodeJS.ProcessEnv = process.env): Logger {
  return pino({
    level: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' || env.VITEST ? 'silent' : 'info'),
    base: { service: 'yakuba' },
    redact: {
      paths: ['*.myNumber', '*.password', '*.name', '*.address', '*.birthDate', 'req.headers.cookie', 'req.headers.authorization'],
      censor: '[秘匿]',
    },
  });
}
