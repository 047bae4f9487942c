#!/usr/bin/env node
// `npx accord <command>`: the built command line (`npm run build` first).
require('../dist/apps/cli/main.js');
