//! Integration tests for rampart-cert: one binary, one module per feature.
//! Reference data lives in `tests/fixtures/` (see its PROVENANCE.md).

mod browser;
mod credential;
mod json_strict;
mod keys;
mod schema;
mod status;
mod tamper;
mod util;
mod vectors;
mod verify;
