#!/usr/bin/env node
// Runs the TypeScript CLI straight from source (tsx), so `npx courseco-xero` works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli/main.ts');
