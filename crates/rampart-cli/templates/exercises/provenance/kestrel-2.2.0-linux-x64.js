#!/usr/bin/env node
// kestrel 2.2.0 (linux-x64): deploy static sites to object storage.
// Bundled release build. Source: https://github.com/kestrel-labs/kestrel
"use strict";
const VERSION = "2.2.0";
const PLATFORM = "linux-x64";
const [cmd, ...args] = process.argv.slice(2);
if (cmd === "--version") {
  console.log(`kestrel ${VERSION} (${PLATFORM})`);
  process.exit(0);
}
require("./lib/cli.js").main(cmd, args, { version: VERSION, platform: PLATFORM });
