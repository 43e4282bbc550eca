//! The spanned, strict JSON parser.

use rampart_supply::json::{self, MAX_DEPTH, Node, Value};
use rampart_supply::{InputError, MAX_INPUT};

#[track_caller]
fn ok(text: &str) -> Node {
    match json::parse(text) {
        Ok(n) => n,
        Err(e) => panic!("expected {text:?} to parse, got {e}"),
    }
}

#[track_caller]
fn err(text: &str) -> InputError {
    match json::parse(text) {
        Ok(n) => panic!("expected {text:?} to be refused, got {n:?}"),
        Err(e) => e,
    }
}

mod values_and_positions {
    use super::*;

    #[test]
    fn every_kind_of_value_with_its_line_and_column() {
        let doc = ok("{\n  \"a\": [1, -2.5e3, true, false, null],\n  \"b\": {\"c\": \"d\"}\n}");
        assert_eq!((doc.line, doc.column), (1, 1));
        let (key, a) = doc.entry("a").expect("a");
        assert_eq!((key.line, key.column), (2, 3));
        assert_eq!((a.line, a.column), (2, 8));
        let items = a.as_array().expect("array");
        assert_eq!(items[0].as_u64(), Some(1));
        assert_eq!(items[1].as_number(), Some("-2.5e3"));
        assert_eq!(items[1].as_f64(), Some(-2500.0));
        assert_eq!(items[1].as_u64(), None);
        assert_eq!(items[2].as_bool(), Some(true));
        assert_eq!(items[3].as_bool(), Some(false));
        assert!(items[4].is_null());
        assert_eq!((items[4].line, items[4].column), (2, 33));
        let c = doc.get("b").and_then(|b| b.get("c")).expect("b.c");
        assert_eq!(c.as_str(), Some("d"));
        assert_eq!((c.line, c.column), (3, 14));
        assert_eq!(doc.get("missing"), None);
        assert_eq!(c.get("x"), None, "get on a non-object is None");
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let doc = ok("{\"ключ\": \"значение\", \"x\": 1}");
        let (k, v) = doc.entry("x").expect("x");
        assert_eq!(k.column, 22);
        assert_eq!(v.column, 27);
    }

    #[test]
    fn member_order_is_kept() {
        let doc = ok(r#"{"z": 1, "a": 2, "m": 3}"#);
        let keys: Vec<&str> = doc
            .as_object()
            .expect("object")
            .iter()
            .filter_map(|(k, _)| k.as_str())
            .collect();
        assert_eq!(keys, ["z", "a", "m"]);
    }

    #[test]
    fn escapes_decode() {
        let doc = ok(r#""a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00""#);
        assert_eq!(doc.as_str(), Some("a\"b\\c/d\u{8}\u{c}\n\r\té😀"));
    }

    #[test]
    fn scalars_at_the_top_and_a_byte_order_mark_are_accepted() {
        assert_eq!(ok("  42 ").as_u64(), Some(42));
        assert_eq!(ok("\"s\"").as_str(), Some("s"));
        assert_eq!(
            ok("\u{feff}{\"a\": 1}").get("a").and_then(Node::as_u64),
            Some(1)
        );
    }

    #[test]
    fn kind_names_for_messages() {
        let doc = ok(r#"[null, true, 1, "s", [], {}]"#);
        let kinds: Vec<&str> = doc
            .as_array()
            .expect("array")
            .iter()
            .map(Node::kind)
            .collect();
        assert_eq!(
            kinds,
            ["null", "boolean", "number", "string", "array", "object"]
        );
        assert_eq!(doc.kind_with_article(), "an array");
        assert!(matches!(doc.value, Value::Array(_)));
    }
}

mod strictness {
    use super::*;

    #[test]
    fn duplicate_keys_are_refused_at_the_second_one() {
        let e = err("{\n  \"name\": \"a\",\n  \"name\": \"b\"\n}");
        assert_eq!((e.line, e.column), (3, Some(3)));
        insta::assert_snapshot!(e.to_string(), @r#"line 3, column 3: duplicate key "name" (first at line 2); JSON tools disagree on which one wins, so Rampart refuses both"#);
    }

    #[test]
    fn duplicate_keys_in_nested_objects_too() {
        let e = err(r#"{"a": {"x": 1, "y": 2, "x": 3}}"#);
        assert!(e.message.contains("duplicate key \"x\""), "{e}");
        // The same key in sibling objects is fine.
        ok(r#"[{"x": 1}, {"x": 2}]"#);
    }

    #[test]
    fn trailing_commas_comments_and_single_quotes() {
        let cases = [
            ("[1, 2,]", "trailing comma before ']'"),
            ("{\"a\": 1,}", "trailing comma before '}'"),
            ("// hi\n{}", "comments are not allowed"),
            ("{\"a\": /* x */ 1}", "comments are not allowed"),
            ("{'a': 1}", "expected an object key in double quotes"),
            ("['a']", "double quotes, not single quotes"),
        ];
        for (text, expected) in cases {
            let e = err(text);
            assert!(e.message.contains(expected), "{text:?}: {e}");
        }
    }

    #[test]
    fn numbers_follow_the_rfc_grammar() {
        for bad in [
            "01",
            "-",
            "1.",
            ".5",
            "1e",
            "1e+",
            "+1",
            "0x10",
            "NaN",
            "Infinity",
            "-Infinity",
        ] {
            err(bad);
        }
        for good in ["0", "-0", "0.5", "1e10", "1E-7", "-12.34e+5"] {
            assert_eq!(ok(good).as_number(), Some(good));
        }
    }

    #[test]
    fn literals_are_lowercase() {
        let e = err("[True]");
        assert!(e.message.contains("`True`"), "{e}");
        err("nul");
        err("[tru]");
    }

    #[test]
    fn strings_refuse_raw_control_characters_bad_escapes_and_lone_surrogates() {
        let e = err("[\"a\nb\"]");
        assert!(e.message.contains("runs past the end of the line"), "{e}");
        let e = err("\"a\tb\"");
        assert!(e.message.contains("U+0009"), "{e}");
        let e = err(r#""\x41""#);
        assert!(e.message.contains("invalid escape \\x"), "{e}");
        let e = err(r#""\ud83d""#);
        assert!(e.message.contains("low surrogate"), "{e}");
        let e = err(r#""\ude00""#);
        assert!(e.message.contains("lone surrogate"), "{e}");
        let e = err(r#""\u12g4""#);
        assert!(e.message.contains("four hex digits"), "{e}");
        err("\"unterminated");
        err("\"ends in a backslash\\");
    }

    #[test]
    fn structure_errors_name_what_was_found() {
        insta::assert_snapshot!(err("{\"a\" 1}").to_string(), @r#"line 1, column 6: expected ':' after the key "a", found '1'"#);
        insta::assert_snapshot!(err("[1 2]").to_string(), @"line 1, column 4: expected ',' or ']' after an array element, found '2'");
        insta::assert_snapshot!(err("{\"a\": 1} {").to_string(), @"line 1, column 10: unexpected '{' after the end of the JSON value; a JSON file holds exactly one value");
        insta::assert_snapshot!(err("").to_string(), @"line 1, column 1: the file is empty; expected a JSON value");
        insta::assert_snapshot!(err("  \n ").to_string(), @"line 2, column 2: the file is empty; expected a JSON value");
        insta::assert_snapshot!(err("{\"a\": [1,").to_string(), @"line 1, column 10: unexpected end of file; expected a value");
    }

    #[test]
    fn errors_point_at_later_lines() {
        let e = err("{\n  \"a\": 1,\n  \"b\": [1, 2,, 3]\n}");
        assert_eq!((e.line, e.column), (3, Some(14)));
    }
}

mod limits {
    use super::*;

    #[test]
    fn nesting_up_to_the_limit_is_fine_and_beyond_is_refused() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        ok(&deep(MAX_DEPTH));
        let e = err(&deep(MAX_DEPTH + 1));
        assert!(e.message.contains("nested more than 256 levels"), "{e}");
    }

    #[test]
    fn hostile_nesting_does_not_overflow_the_stack() {
        let text = "[{\"a\":".repeat(200_000);
        let e = err(&text);
        assert!(e.message.contains("nested"), "{e}");
    }

    #[test]
    fn input_over_the_size_limit_is_refused_without_parsing() {
        let text = format!("\"{}\"", "a".repeat(MAX_INPUT));
        let e = err(&text);
        assert!(e.message.contains("Rampart reads files up to 8 MiB"), "{e}");
    }

    #[test]
    fn a_large_single_line_document_parses_in_linear_time() {
        // Minified lockfiles put megabytes on one line; columns must not be
        // recounted from the start of the line for every value.
        let item = r#"{"name":"pkg","version":"1.0.0","integrity":"sha512-AAAA"},"#;
        let mut text = String::from("[");
        for _ in 0..60_000 {
            text.push_str(item);
        }
        text.push_str("{}]");
        assert!(text.len() > 3_000_000);
        let start = std::time::Instant::now();
        let doc = ok(&text);
        assert_eq!(doc.as_array().map(<[Node]>::len), Some(60_001));
        let last = &doc.as_array().expect("array")[60_000];
        assert_eq!(last.column as usize, text.len() - 2);
        assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
    }
}
