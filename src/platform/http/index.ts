export { createApp, type AppOptions } from './app.ts';
export type { AppEnv } from './context.ts';
export { problem, fieldProblems, type Problem } from './problem.ts';
export { createRouter } from './router.ts';
