//! A JSON Schema (draft 2019-09) validator for the keywords 1EdTech's Open
//! Badges 3.0 schemas use, and that schema, embedded.
//!
//! Why not the `jsonschema` crate: it pulls in an HTTP resolver, `fancy-regex`
//! and a dozen other crates, which is a lot of wasm for one fixed schema.
//! This validator knows a closed set of keywords and refuses to compile a
//! schema that uses any other assertion, so a later schema that needs more
//! fails loudly in a test instead of passing everything silently.
//!
//! Supported: `$ref` (to `#/$defs/…` or `#`), `type`, `enum`, `const`,
//! `properties`, `required`, `additionalProperties`, `items` (schema or
//! tuple), `additionalItems`, `minItems`, `maxItems`, `contains`,
//! `minLength`, `maxLength`, `allOf`, `anyOf`, `oneOf`, `not`, `pattern`
//! (ECMA-262 patterns through `regex-lite`, unanchored as JSON Schema says),
//! `format` (`date-time` and `date` are asserted; others are annotations).

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use regex_lite::Regex;
use serde_json::Value;

use crate::json::Path;
use crate::time::{self, Timestamp};

/// `credentialSchema[0].id` of an Open Badges 3.0 credential.
pub const ACHIEVEMENT_CREDENTIAL_SCHEMA_URL: &str =
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";
/// `credentialSchema[0].type` for a 1EdTech JSON Schema.
pub const SCHEMA_VALIDATOR_TYPE: &str = "1EdTechJsonSchemaValidator2019";

/// The official schema, byte for byte (see `data/PROVENANCE.md`).
const ACHIEVEMENT_CREDENTIAL_SCHEMA: &str =
    include_str!("../data/ob_v3p0_achievementcredential_schema.json");

const ANNOTATIONS: &[&str] = &[
    "$schema",
    "$id",
    "$defs",
    "$comment",
    "title",
    "description",
    "examples",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
];

const ASSERTIONS: &[&str] = &[
    "$ref",
    "type",
    "enum",
    "const",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "additionalItems",
    "minItems",
    "maxItems",
    "contains",
    "minLength",
    "maxLength",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "pattern",
    "format",
];

/// One reason an instance does not match the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaError {
    /// Where in the instance, e.g. `credentialSubject.achievement.type`.
    pub instance_path: String,
    /// Which schema rule, e.g. `#/$defs/Achievement/properties/type/contains`.
    pub schema_path: String,
    pub message: String,
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} (schema rule {})",
            self.instance_path, self.message, self.schema_path
        )
    }
}

/// A compiled schema.
#[derive(Debug)]
pub struct Schema {
    root: Value,
    regexes: HashMap<String, Regex>,
}

impl Schema {
    /// Checks that `schema` uses only supported keywords, that its `$ref`s
    /// resolve and its patterns compile.
    pub fn compile(schema: Value) -> Result<Schema, String> {
        let mut regexes = HashMap::new();
        check_schema(&schema, &schema, "#", &mut regexes)?;
        Ok(Schema {
            root: schema,
            regexes,
        })
    }

    /// Every way `instance` breaks the schema; empty when it is valid.
    pub fn validate(&self, instance: &Value) -> Vec<SchemaError> {
        let mut errors = Vec::new();
        let mut path = Path::root();
        self.check(&self.root, "#", instance, &mut path, &mut errors, 0);
        errors
    }

    fn check(
        &self,
        schema: &Value,
        at: &str,
        v: &Value,
        path: &mut Path,
        errors: &mut Vec<SchemaError>,
        depth: usize,
    ) {
        let Value::Object(s) = schema else {
            if schema == &Value::Bool(false) {
                push(errors, path, at, "no value is allowed here".into());
            }
            return;
        };
        // A `$ref` cycle cannot recurse further than the instance is deep,
        // and the instance is depth-limited by the parser; this guards
        // callers that built the Value themselves.
        if depth > 256 {
            push(
                errors,
                path,
                at,
                "the instance nests too deeply to validate".into(),
            );
            return;
        }
        let sub = |k: &str| format!("{at}/{k}");
        if let Some(Value::String(r)) = s.get("$ref")
            && let Some(target) = resolve_ref(&self.root, r)
        {
            self.check(target, r, v, path, errors, depth + 1);
        }
        if let Some(t) = s.get("type") {
            let ok = match t {
                Value::String(name) => type_matches(name, v),
                Value::Array(names) => names
                    .iter()
                    .any(|n| n.as_str().is_some_and(|n| type_matches(n, v))),
                _ => true,
            };
            if !ok {
                let wanted = match t {
                    Value::String(n) => article(n),
                    other => format!("one of the types {other}"),
                };
                push(
                    errors,
                    path,
                    &sub("type"),
                    format!("expected {wanted}, found {}", describe(v)),
                );
            }
        }
        if let Some(Value::Array(options)) = s.get("enum")
            && !options.iter().any(|o| json_eq(o, v))
        {
            push(
                errors,
                path,
                &sub("enum"),
                format!("expected {}, found {}", one_of(options), describe(v)),
            );
        }
        if let Some(c) = s.get("const")
            && !json_eq(c, v)
        {
            push(
                errors,
                path,
                &sub("const"),
                format!("expected {c}, found {}", describe(v)),
            );
        }
        if let Value::Object(obj) = v {
            if let Some(Value::Array(required)) = s.get("required") {
                for name in required.iter().filter_map(Value::as_str) {
                    if !obj.contains_key(name) {
                        push(
                            errors,
                            path,
                            &sub("required"),
                            format!("the required property \"{name}\" is missing"),
                        );
                    }
                }
            }
            let props = s.get("properties").and_then(Value::as_object);
            for (k, child) in obj {
                path.push_key(k);
                match props.and_then(|p| p.get(k)) {
                    Some(ps) => {
                        self.check(
                            ps,
                            &format!("{at}/properties/{k}"),
                            child,
                            path,
                            errors,
                            depth + 1,
                        );
                    }
                    None => match s.get("additionalProperties") {
                        Some(Value::Bool(false)) => push(
                            errors,
                            path,
                            &sub("additionalProperties"),
                            format!("the property \"{k}\" is not allowed here"),
                        ),
                        Some(ap @ Value::Object(_)) => self.check(
                            ap,
                            &sub("additionalProperties"),
                            child,
                            path,
                            errors,
                            depth + 1,
                        ),
                        _ => {}
                    },
                }
                path.pop();
            }
        }
        if let Value::Array(items) = v {
            self.check_array(s, at, items, path, errors, depth);
        }
        if let Value::String(text) = v {
            let chars = || text.chars().count() as u64;
            if let Some(min) = s.get("minLength").and_then(Value::as_u64)
                && chars() < min
            {
                push(
                    errors,
                    path,
                    &sub("minLength"),
                    format!("expected at least {min} characters, found {}", chars()),
                );
            }
            if let Some(max) = s.get("maxLength").and_then(Value::as_u64)
                && chars() > max
            {
                push(
                    errors,
                    path,
                    &sub("maxLength"),
                    format!("expected at most {max} characters, found {}", chars()),
                );
            }
            if let Some(Value::String(p)) = s.get("pattern")
                && let Some(re) = self.regexes.get(p)
                && !re.is_match(text)
            {
                push(
                    errors,
                    path,
                    &sub("pattern"),
                    format!("{} does not match the pattern {p}", describe(v)),
                );
            }
            match s.get("format").and_then(Value::as_str) {
                Some("date-time") => {
                    if let Err(e) = Timestamp::parse(text) {
                        push(
                            errors,
                            path,
                            &sub("format"),
                            format!("expected a date-time: {e}"),
                        );
                    }
                }
                Some("date") if !time::is_date(text) => push(
                    errors,
                    path,
                    &sub("format"),
                    format!("expected a date such as 2025-01-31, found {}", describe(v)),
                ),
                _ => {}
            }
        }
        if let Some(Value::Array(all)) = s.get("allOf") {
            for (i, branch) in all.iter().enumerate() {
                self.check(
                    branch,
                    &format!("{at}/allOf/{i}"),
                    v,
                    path,
                    errors,
                    depth + 1,
                );
            }
        }
        if let Some(Value::Array(any)) = s.get("anyOf") {
            let results = self.branches(any, &sub("anyOf"), v, path, depth);
            if !results.iter().any(Vec::is_empty) {
                self.explain_branches(&results, "anyOf", &sub("anyOf"), path, errors);
            }
        }
        if let Some(Value::Array(one)) = s.get("oneOf") {
            let results = self.branches(one, &sub("oneOf"), v, path, depth);
            let passing: Vec<usize> = (0..results.len())
                .filter(|&i| results[i].is_empty())
                .collect();
            match passing.len() {
                1 => {}
                0 => self.explain_branches(&results, "oneOf", &sub("oneOf"), path, errors),
                _ => push(
                    errors,
                    path,
                    &sub("oneOf"),
                    format!(
                        "matches {} of the oneOf alternatives ({}); exactly one must match",
                        passing.len(),
                        passing
                            .iter()
                            .map(|i| (i + 1).to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ),
            }
        }
        if let Some(not) = s.get("not") {
            let mut sub_errors = Vec::new();
            self.check(not, &sub("not"), v, path, &mut sub_errors, depth + 1);
            if sub_errors.is_empty() {
                push(
                    errors,
                    path,
                    &sub("not"),
                    "matches a schema it must not match".into(),
                );
            }
        }
    }

    fn check_array(
        &self,
        s: &serde_json::Map<String, Value>,
        at: &str,
        items: &[Value],
        path: &mut Path,
        errors: &mut Vec<SchemaError>,
        depth: usize,
    ) {
        let sub = |k: &str| format!("{at}/{k}");
        if let Some(min) = s.get("minItems").and_then(Value::as_u64)
            && (items.len() as u64) < min
        {
            push(
                errors,
                path,
                &sub("minItems"),
                format!("expected at least {min} items, found {}", items.len()),
            );
        }
        if let Some(max) = s.get("maxItems").and_then(Value::as_u64)
            && items.len() as u64 > max
        {
            push(
                errors,
                path,
                &sub("maxItems"),
                format!("expected at most {max} items, found {}", items.len()),
            );
        }
        match s.get("items") {
            Some(Value::Array(tuple)) => {
                for (i, (item, schema)) in items.iter().zip(tuple).enumerate() {
                    path.push_index(i);
                    self.check(
                        schema,
                        &format!("{at}/items/{i}"),
                        item,
                        path,
                        errors,
                        depth + 1,
                    );
                    path.pop();
                }
                if let Some(additional) = s.get("additionalItems") {
                    for (i, item) in items.iter().enumerate().skip(tuple.len()) {
                        path.push_index(i);
                        if additional == &Value::Bool(false) {
                            push(
                                errors,
                                path,
                                &sub("additionalItems"),
                                "no item is allowed at this position".into(),
                            );
                        } else {
                            self.check(
                                additional,
                                &sub("additionalItems"),
                                item,
                                path,
                                errors,
                                depth + 1,
                            );
                        }
                        path.pop();
                    }
                }
            }
            Some(schema) => {
                for (i, item) in items.iter().enumerate() {
                    path.push_index(i);
                    self.check(schema, &sub("items"), item, path, errors, depth + 1);
                    path.pop();
                }
            }
            None => {}
        }
        if let Some(contains) = s.get("contains") {
            let found = items.iter().enumerate().any(|(i, item)| {
                let mut sub_errors = Vec::new();
                path.push_index(i);
                self.check(
                    contains,
                    &sub("contains"),
                    item,
                    path,
                    &mut sub_errors,
                    depth + 1,
                );
                path.pop();
                sub_errors.is_empty()
            });
            if !found {
                let wanted = match contains.get("enum").or_else(|| contains.get("const")) {
                    Some(Value::Array(options)) => one_of(options),
                    Some(c) => c.to_string(),
                    None => "an item matching the rule".into(),
                };
                push(
                    errors,
                    path,
                    &sub("contains"),
                    format!(
                        "must contain {wanted}, found {}",
                        Value::Array(items.to_vec())
                    ),
                );
            }
        }
    }

    fn branches(
        &self,
        branches: &[Value],
        at: &str,
        v: &Value,
        path: &mut Path,
        depth: usize,
    ) -> Vec<Vec<SchemaError>> {
        branches
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let mut e = Vec::new();
                self.check(b, &format!("{at}/{i}"), v, path, &mut e, depth + 1);
                e
            })
            .collect()
    }

    /// No alternative matched. When only one alternative has the right JSON
    /// type, its errors are the useful ones; otherwise list each briefly.
    fn explain_branches(
        &self,
        results: &[Vec<SchemaError>],
        keyword: &str,
        at: &str,
        path: &Path,
        errors: &mut Vec<SchemaError>,
    ) {
        let here = path.to_string();
        let type_ok: Vec<&Vec<SchemaError>> = results
            .iter()
            .filter(|errs| {
                !errs
                    .iter()
                    .any(|e| e.instance_path == here && e.schema_path.ends_with("/type"))
            })
            .collect();
        if let [only] = type_ok.as_slice() {
            errors.extend(only.iter().cloned());
            return;
        }
        let summary: Vec<String> = results
            .iter()
            .enumerate()
            .map(|(i, errs)| {
                let first = errs.first().map_or(String::new(), |e| e.message.clone());
                format!("({}) {first}", i + 1)
            })
            .collect();
        push(
            errors,
            path,
            at,
            format!(
                "matches none of the {keyword} alternatives: {}",
                summary.join("; ")
            ),
        );
    }
}

fn push(errors: &mut Vec<SchemaError>, path: &Path, at: &str, message: String) {
    errors.push(SchemaError {
        instance_path: path.to_string(),
        schema_path: at.to_string(),
        message,
    });
}

fn check_schema(
    root: &Value,
    s: &Value,
    at: &str,
    regexes: &mut HashMap<String, Regex>,
) -> Result<(), String> {
    let map = match s {
        Value::Bool(_) => return Ok(()),
        Value::Object(m) => m,
        other => {
            return Err(format!(
                "{at}: a schema must be an object or a boolean, found {other}"
            ));
        }
    };
    for (k, v) in map {
        let here = format!("{at}/{k}");
        if ANNOTATIONS.contains(&k.as_str()) {
            if k == "$defs" {
                for (name, def) in v.as_object().into_iter().flatten() {
                    check_schema(root, def, &format!("{here}/{name}"), regexes)?;
                }
            }
            continue;
        }
        if !ASSERTIONS.contains(&k.as_str()) {
            return Err(format!(
                "{here}: the keyword \"{k}\" is not supported by this validator"
            ));
        }
        match k.as_str() {
            "$ref" => {
                let r = v.as_str().ok_or(format!("{here}: must be a string"))?;
                resolve_ref(root, r).ok_or(format!("{here}: {r} does not resolve"))?;
            }
            "properties" => {
                for (name, p) in v.as_object().ok_or(format!("{here}: must be an object"))? {
                    check_schema(root, p, &format!("{here}/{name}"), regexes)?;
                }
            }
            "items" => match v {
                Value::Array(list) => {
                    for (i, item) in list.iter().enumerate() {
                        check_schema(root, item, &format!("{here}/{i}"), regexes)?;
                    }
                }
                other => check_schema(root, other, &here, regexes)?,
            },
            "additionalProperties" | "additionalItems" | "contains" | "not" => {
                check_schema(root, v, &here, regexes)?;
            }
            "allOf" | "anyOf" | "oneOf" => {
                for (i, b) in v
                    .as_array()
                    .ok_or(format!("{here}: must be an array"))?
                    .iter()
                    .enumerate()
                {
                    check_schema(root, b, &format!("{here}/{i}"), regexes)?;
                }
            }
            "pattern" => {
                let p = v.as_str().ok_or(format!("{here}: must be a string"))?;
                if !regexes.contains_key(p) {
                    let re =
                        Regex::new(p).map_err(|e| format!("{here}: {p} does not compile: {e}"))?;
                    regexes.insert(p.to_string(), re);
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn resolve_ref<'a>(root: &'a Value, r: &str) -> Option<&'a Value> {
    let pointer = r.strip_prefix('#')?;
    if pointer.is_empty() {
        return Some(root);
    }
    root.pointer(pointer)
}

fn type_matches(name: &str, v: &Value) -> bool {
    match name {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "number" => v.is_number(),
        "integer" => v.as_f64().is_some_and(|f| f.fract() == 0.0),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        _ => false,
    }
}

fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_eq(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, a)| y.get(k).is_some_and(|b| json_eq(a, b)))
        }
        _ => a == b,
    }
}

fn article(type_name: &str) -> String {
    match type_name {
        "object" | "array" | "integer" => format!("an {type_name}"),
        other => format!("a {other}"),
    }
}

fn one_of(options: &[Value]) -> String {
    let list: Vec<String> = options.iter().map(Value::to_string).collect();
    match list.as_slice() {
        [one] => one.clone(),
        _ => format!("one of {}", list.join(", ")),
    }
}

/// A short description of a value for messages: its type and, when short, itself.
fn describe(v: &Value) -> String {
    let kind = match v {
        Value::Null => return "null".into(),
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    let text = v.to_string();
    if text.chars().count() <= 80 {
        format!("{kind} {text}")
    } else {
        kind.to_string()
    }
}

/// The embedded Open Badges 3.0 AchievementCredential schema, compiled once.
pub fn achievement_credential_schema() -> &'static Schema {
    static SCHEMA: OnceLock<Schema> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let value = crate::json::parse(ACHIEVEMENT_CREDENTIAL_SCHEMA)
            .expect("the embedded OB 3.0 schema is valid JSON (tested)");
        Schema::compile(value).expect("the embedded OB 3.0 schema compiles (tested)")
    })
}

/// Validates `credential` against the official Open Badges 3.0
/// AchievementCredential schema.
pub fn validate_achievement_credential(credential: &Value) -> Vec<SchemaError> {
    achievement_credential_schema().validate(credential)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn embedded_schema_compiles() {
        let _ = achievement_credential_schema();
    }

    #[test]
    fn unknown_keywords_are_refused() {
        let err = Schema::compile(json!({"properties": {"a": {"uniqueItems": true}}}));
        assert_eq!(
            err.err().as_deref(),
            Some(
                "#/properties/a/uniqueItems: the keyword \"uniqueItems\" is not supported by this validator"
            )
        );
    }

    #[test]
    fn core_keywords() {
        let s = Schema::compile(json!({
            "type": "object",
            "properties": {
                "a": {"type": "array", "items": [{"enum": ["x"]}], "additionalItems": {"type": "string"}, "minItems": 2},
                "b": {"oneOf": [{"type": "string"}, {"type": "object", "required": ["id"]}]},
                "c": {"type": "string", "pattern": "^a\\/b\\.\\d$"}
            },
            "required": ["a"],
            "additionalProperties": false
        }))
        .expect("compiles");
        assert!(
            s.validate(&json!({"a": ["x", "y"], "b": "s", "c": "a/b.1"}))
                .is_empty()
        );
        let errs = s.validate(&json!({"a": ["z", 1], "b": {}, "c": "a/b.x", "d": 1}));
        let text: Vec<String> = errs.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "a[0]: expected \"x\", found a string \"z\" (schema rule #/properties/a/items/0/enum)",
                "a[1]: expected a string, found a number 1 (schema rule #/properties/a/additionalItems/type)",
                "b: the required property \"id\" is missing (schema rule #/properties/b/oneOf/1/required)",
                "c: a string \"a/b.x\" does not match the pattern ^a\\/b\\.\\d$ (schema rule #/properties/c/pattern)",
                "d: the property \"d\" is not allowed here (schema rule #/additionalProperties)",
            ]
        );
    }
}
