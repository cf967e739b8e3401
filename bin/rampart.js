#!/usr/bin/env node
// The `rampart` command. TypeScript sources run through tsx, so `npx rampart` works
// right after `npm ci` with no build step; a deployed build (dist/) is used when present.
'use strict';
const path = require('path');
const fs = require('fs');

const built = path.join(__dirname, '..', 'dist', 'cli.js');
if (process.env.RAMPART_USE_DIST === '1' && fs.existsSync(built)) {
  require(built).main(process.argv.slice(2));
} else {
  require('tsx/cjs');
  require('../src/cli.ts').main(process.argv.slice(2));
}
