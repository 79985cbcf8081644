// Entry of the load worker (http-load.ts): tsx does not register itself in worker threads, so the
// worker registers it before loading the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./http-load.ts');
