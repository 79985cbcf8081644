import { OpenAPIHono } from '@hono/zod-openapi';
import { ValidationError } from '../errors.ts';
import './zod-locale.ts';
import type { AppEnv } from './context.ts';
import { fieldProblems } from './problem.ts';

/**
 * The router every module builds its routes on: request validation failures become a ValidationError,
 * which the application's error handler renders as problem+json like any other.
 */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        // A body is a body, JSON or form (the token endpoint): its fields are named body.<field> alike.
        const where = result.target === 'json' || result.target === 'form' ? 'body' : result.target;
        throw new ValidationError(fieldProblems(result.error.issues, where));
      }
    },
  });
}
