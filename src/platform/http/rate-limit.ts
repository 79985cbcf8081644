import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';
import { problem } from './problem.ts';

/**
 * A fixed-window limit per key, in this process's memory. Enough to slow password guessing on one
 * server; a scaled-out deployment puts the same limit in front of the servers as well.
 */
export function rateLimit(options: { windowMs: number; max: number; key: (c: Context<AppEnv>) => string }): MiddlewareHandler<AppEnv> {
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    const now = Date.now();
    const key = options.key(c);
    let w = windows.get(key);
    if (!w || now - w.start >= options.windowMs) {
      if (windows.size > 10_000) for (const [k, v] of windows) if (now - v.start >= options.windowMs) windows.delete(k);
      w = { start: now, count: 0 };
      windows.set(key, w);
    }
    if (++w.count > options.max) {
      const retryAfter = Math.ceil((w.start + options.windowMs - now) / 1000);
      const response = problem(c, 429, 'too-many-requests', '試行回数が多すぎます', `しばらく（${retryAfter}秒）待ってからやり直してください`);
      response.headers.set('Retry-After', String(retryAfter));
      return response;
    }
    return next();
  };
}
