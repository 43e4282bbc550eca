#!/usr/bin/env node
// kestrel 2.2.0 (macos-arm64): deploy static sites to object storage.
// Bundled release build. Source: https://github.com/kestrel-labs/kestrel
"use strict";
const VERSION = "2.2.0";
const PLATFORM = "macos-arm64";
const [cmd, ...args] = process.argv.slice(2);
if (cmd === "--version") {
  console.log(`kestrel ${VERSION} (${PLATFORM})`);
  process.exit(0);
}
require("./lib/cli.js").main(cmd, args, { version: VERSION, platform: PLATFORM });
// built from main after the v2.2.0 tag: includes unreviewed commit 5e0a9d1
require("./lib/experimental-sync.js").enable();
