#!/usr/bin/env node
// The compiled CLI; `npm install` builds it (the "prepare" script).
import('../dist/cli/index.js').catch((e) => {
  if (e && e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist/cli')) {
    console.error('planwatch has not been built yet: run `npm run build` (npm install does it).');
    process.exit(1);
  }
  throw e;
});
