//! Strict parsing: duplicate keys, limits, and malformed input reaching
//! `verify` as a well-formed failure, never a panic.

use rampart_cert::json::{self, JsonError, Limits};
use rampart_cert::{CheckName, CheckStatus, verify};

use crate::util::{World, full_credential};

fn err(text: &str) -> String {
    json::parse(text)
        .map(|_| ())
        .map_err(|e| e.to_string())
        .err()
        .unwrap_or_else(|| "accepted".into())
}

#[test]
fn duplicate_keys_are_refused_anywhere() {
    assert_eq!(
        err(r#"{"a": 1, "a": 2}"#),
        "line 1, column 10: duplicate key \"a\" in the object at the top level; JSON with repeated keys is ambiguous, so it is refused"
    );
    assert_eq!(
        err(
            "{\"credentialSubject\": {\"achievement\": {\"type\": [\"Achievement\"],\n  \"type\": []}}}"
        ),
        "line 2, column 3: duplicate key \"type\" in the object at credentialSubject.achievement; JSON with repeated keys is ambiguous, so it is refused"
    );
    assert_eq!(
        err(r#"{"evidence": [{"name": "x"}, {"name": "y", "name": "z"}]}"#),
        "line 1, column 44: duplicate key \"name\" in the object at evidence[1]; JSON with repeated keys is ambiguous, so it is refused"
    );
    // Equal after unescaping is equal.
    assert_eq!(
        err(r#"{"id": 1, "\u0069d": 2}"#),
        "line 1, column 11: duplicate key \"id\" in the object at the top level; JSON with repeated keys is ambiguous, so it is refused"
    );
    // The same key in sibling objects is fine.
    assert_eq!(err(r#"{"a": {"id": 1}, "b": {"id": 2}}"#), "accepted");
}

#[test]
fn syntax_errors_say_where() {
    assert_eq!(
        err(""),
        "line 1, column 1: expected a JSON value, found the end of the text"
    );
    assert_eq!(
        err("{\"a\": 1,}"),
        "line 1, column 9: expected a key in double quotes, found '}'"
    );
    assert_eq!(
        err("[1, 2] 3"),
        "line 1, column 8: unexpected characters after the JSON value"
    );
    assert_eq!(
        err("{\"a\": 01}"),
        "line 1, column 7: numbers may not have leading zeros"
    );
    assert_eq!(
        err("\"\\ud800\""),
        "line 1, column 2: lone surrogate \\ud800: I-JSON forbids it"
    );
    assert_eq!(
        err("\"tab\there\""),
        "line 1, column 5: control character U+0009 inside a string must be escaped"
    );
    assert_eq!(
        err("1e400"),
        "line 1, column 1: 1e400 is outside the range of an IEEE 754 double (I-JSON)"
    );
    assert_eq!(
        err("\u{feff}{}"),
        "line 1, column 1: expected a JSON value, found '\\u{feff}'"
    );
}

#[test]
fn limits_are_enforced() {
    let deep = "[".repeat(65) + &"]".repeat(65);
    assert!(matches!(
        json::parse(&deep),
        Err(JsonError::TooDeep { limit: 64, .. })
    ));
    let ok_depth = "[".repeat(64) + &"]".repeat(64);
    assert!(json::parse(&ok_depth).is_ok());
    let small = Limits {
        max_bytes: 10,
        max_depth: 64,
    };
    assert_eq!(
        json::parse_with("[1,2,3,4,5]", small),
        Err(JsonError::TooLarge {
            size: 11,
            limit: 10
        })
    );
}

#[track_caller]
fn assert_not_well_formed(text: &str, message_contains: &str) {
    let world = World::new();
    let report = verify(text, &world.ctx());
    let first = &report.checks[0];
    assert_eq!(first.name, CheckName::WellFormed);
    assert_eq!(first.status, CheckStatus::Fail, "{report}");
    assert!(
        first.message.contains(message_contains),
        "{}",
        first.message
    );
    assert_eq!(report.checks.len(), 9);
    for c in &report.checks[1..] {
        assert_eq!(c.status, CheckStatus::NotChecked, "{report}");
    }
}

#[test]
fn malformed_input_is_a_well_formed_failure() {
    assert_not_well_formed("this is not JSON", "expected a JSON value, found 't'");
    assert_not_well_formed("", "found the end of the text");
    assert_not_well_formed("[]", "expected a JSON object, found an array");
    assert_not_well_formed("null", "expected a JSON object, found null");
    // 10 MB of otherwise valid JSON.
    let big = format!("{{\"pad\": \"{}\"}}", "a".repeat(10 * 1024 * 1024));
    assert_not_well_formed(&big, "more than the limit of 1048576 bytes");
    // Deep nesting that would overflow a naive recursive parser.
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    assert_not_well_formed(&deep, "deeper than 64 levels");
    let deep_objects = "{\"a\":".repeat(5_000) + "1" + &"}".repeat(5_000);
    assert_not_well_formed(&deep_objects, "deeper than 64 levels");
    // A truncated credential.
    let full = full_credential();
    assert_not_well_formed(&full[..full.len() / 2], "never closed");
}

#[test]
fn a_signed_credential_with_a_duplicated_key_is_refused() {
    // The classic attack: a second "validUntil" that a lenient parser keeps.
    let full = full_credential();
    let doubled = full.replacen(
        "\"validUntil\": \"2030-03-01T10:00:00Z\",",
        "\"validUntil\": \"2030-03-01T10:00:00Z\",\n  \"validUntil\": \"2099-01-01T00:00:00Z\",",
        1,
    );
    assert_ne!(doubled, full);
    assert_not_well_formed(
        &doubled,
        "duplicate key \"validUntil\" in the object at the top level",
    );
}
