#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so `npx yakuba` works straight after `npm install`, no build step.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
