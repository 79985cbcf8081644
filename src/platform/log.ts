import path from 'node:path';
import pino, { type DestinationStream, type Logger } from 'pino';
import { scrubJsonLine } from './my-number/scrub.ts';

/**
 * Structured JSON logs, on stdout or, when YAKUBA_LOG_FILE names a file, appended to it (the test
 * run collects every process's log there and checks it for 個人番号).
 *
 * Personal data is never logged; two defences stand behind that rule. Keys that could hold personal
 * data are censored wherever they appear, and every finished line passes through the 個人番号
 * scrubber. The scrubber works on the serialised line (pino's streamWrite hook) rather than on
 * the logged object: only there does it also see the message after interpolation, child bindings
 * and what the error serializer extracts from an Error (serializers run after formatters.log), and
 * one regular-expression pass over a short string is cheaper than walking objects.
 */
export function createLogger(env: NodeJS.ProcessEnv = process.env): Logger {
  const options = {
    level: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' || env.VITEST ? 'silent' : 'info'),
    base: { service: 'yakuba' },
    redact: { paths: REDACTED_PATHS, censor: '[秘匿]' },
    hooks: { streamWrite: scrubJsonLine },
  };
  const file = env.YAKUBA_LOG_FILE?.trim();
  return file ? pino(options, fileDestination(file)) : pino(options);
}

const PERSONAL_KEYS = ['myNumber', 'my_number', 'individualNumber', 'individual_number', 'password', 'name', 'address', 'birthDate'];

/** Top level, one and two levels down (pino's wildcards match a single level). */
const REDACTED_PATHS = [
  ...['myNumber', 'my_number', 'individualNumber', 'individual_number'],
  ...PERSONAL_KEYS.map((k) => `*.${k}`),
  ...['myNumber', 'my_number', 'individualNumber', 'individual_number'].map((k) => `*.*.${k}`),
  'req.headers.cookie',
  'req.headers.authorization',
];

/**
 * One destination per file and process, however many loggers are created (each system in a test
 * file makes its own). Synchronous appends: a line is on disk when the call returns, so nothing is
 * lost when a test worker exits, and lines from concurrent processes do not interleave.
 */
const files = new Map<string, DestinationStream>();

function fileDestination(file: string): DestinationStream {
  const resolved = path.resolve(file);
  let destination = files.get(resolved);
  if (!destination) {
    destination = pino.destination({ dest: resolved, append: true, mkdir: true, sync: true, mode: 0o600 });
    files.set(resolved, destination);
  }
  return destination;
}
