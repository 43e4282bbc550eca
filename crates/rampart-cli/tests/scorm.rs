//! `rampart export scorm`, run as an instructor would, on a synthetic site
//! shaped like `rampart site build`'s output. The package is read back with
//! a zip reader and an XML parser written here (strict: CRCs, sizes, header
//! agreement; balanced tags, quoted attributes, known entities), so the
//! tests do not trust the code they test.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Output;

use sha2::{Digest, Sha256};

mod common;
use common::*;

const SITE_JSON: &str = r#"{"name":"Northbridge \u003cSecure\u003e & Co","contact":{"name":"Secure Coding Team","email":"sec@example.edu"},"statusList":"https://example.edu/status.json","offline":true}"#;

fn index_html(base: &str, site_json: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <base href="{base}">
    <script type="application/json" id="rampart-site">{site_json}</script>
    <link rel="stylesheet" href="{base}main-1234.css">
    <script type="module" src="{base}boot-5678.js"></script>
  </head>
  <body></body>
</html>
"#
    )
}

fn course_manifest() -> String {
    let lesson = |id: &str, exercises: &[&str]| {
        let exercises: Vec<String> = exercises
            .iter()
            .map(|e| format!(r#"{{"id":"{e}","kind":"quiz","title":"{e}","points":1}}"#))
            .collect();
        format!(
            r#"{{"id":"{id}","title":"{id}","summary":"","minutes":5,"objectives":[],"exercises":[{}],"path":"lessons/{id}.json","sha256":"00"}}"#,
            exercises.join(",")
        )
    };
    format!(
        r#"{{"format":1,"version":"0123456789abcdef","title":"Course","description":"","tracks":[
            {{"id":"memory-safety","title":"Memory safety","summary":"","lessons":[{}]}},
            {{"id":"supply-chain","title":"Supply chain & CI","summary":"","lessons":[{}]}}]}}"#,
        lesson("bounds", &["bounds-quiz"]),
        lesson("pinning", &["pin-quiz", "pin-spot"])
    )
}

fn write(dir: &Path, path: &str, text: &[u8]) {
    let file = dir.join(path);
    std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
    std::fs::write(file, text).expect("write");
}

/// A site as `rampart site build` writes it, deployed under `/learn/`.
fn site() -> PathBuf {
    let dir = scratch("site");
    let index = index_html("/learn/", SITE_JSON);
    write(&dir, "index.html", index.as_bytes());
    write(&dir, "404.html", index.as_bytes());
    write(
        &dir,
        "sw.js",
        b"self.addEventListener('fetch', () => {});\n",
    );
    write(&dir, "SHA256SUMS", b"0000  index.html\n");
    write(&dir, "main-1234.css", b"body { color: black; }\n");
    write(
        &dir,
        "boot-5678.js",
        b"console.log('boot');\n".repeat(50).as_slice(),
    );
    write(
        &dir,
        "rampart-app-9abc_bg.wasm",
        &[0u8, 97, 115, 109, 1, 0, 0, 0, 255, 7],
    );
    write(&dir, "course/manifest.json", course_manifest().as_bytes());
    write(&dir, "course/lessons/bounds.json", b"{}");
    write(&dir, "course/lessons/pinning.json", b"{}");
    write(&dir, "course/files/a b&c.txt", b"odd name");
    dir
}

fn export(site: &Path, extra: &[&str]) -> (Output, PathBuf) {
    let out = scratch("out").join("package.zip");
    let site = site.display().to_string();
    let out_s = out.display().to_string();
    let mut args = vec!["export", "scorm", "--site", &site, "--out", &out_s];
    args.extend_from_slice(extra);
    (rampart(&args), out)
}

fn export_ok(site: &Path, extra: &[&str]) -> (Vec<u8>, BTreeMap<String, Vec<u8>>) {
    let (output, out) = export(site, extra);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let bytes = std::fs::read(&out).expect("package written");
    let files = unzip(&bytes);
    (bytes, files)
}

fn u16_at(b: &[u8], at: usize) -> usize {
    usize::from(u16::from_le_bytes([b[at], b[at + 1]]))
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// Reads a zip through its central directory, checking each entry's local
/// header agrees, its CRC-32 and size, and the fixed DOS timestamp.
fn unzip(b: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let eocd = b.len() - 22;
    assert_eq!(u32_at(b, eocd), 0x0605_4b50, "end of central directory");
    let count = u16_at(b, eocd + 10);
    let mut at = u32_at(b, eocd + 16) as usize;
    let mut files = BTreeMap::new();
    let mut names = Vec::new();
    for _ in 0..count {
        assert_eq!(u32_at(b, at), 0x0201_4b50, "central header");
        let method = u16_at(b, at + 10);
        let (time, date) = (u16_at(b, at + 12), u16_at(b, at + 14));
        assert_eq!(
            (time, date),
            (0, 0x21),
            "timestamps are fixed at 1980-01-01"
        );
        let crc = u32_at(b, at + 16);
        let compressed = u32_at(b, at + 20) as usize;
        let size = u32_at(b, at + 24) as usize;
        let name_len = u16_at(b, at + 28);
        let extra_len = u16_at(b, at + 30);
        let comment_len = u16_at(b, at + 32);
        let local = u32_at(b, at + 42) as usize;
        let name = String::from_utf8(b[at + 46..at + 46 + name_len].to_vec()).expect("utf-8 name");
        at += 46 + name_len + extra_len + comment_len;

        assert_eq!(u32_at(b, local), 0x0403_4b50, "local header of {name}");
        assert_eq!(u16_at(b, local + 8), method, "method of {name}");
        assert_eq!(u32_at(b, local + 14), crc, "crc of {name}");
        let local_name_len = u16_at(b, local + 26);
        let local_extra = u16_at(b, local + 28);
        assert_eq!(&b[local + 30..local + 30 + local_name_len], name.as_bytes());
        let start = local + 30 + local_name_len + local_extra;
        let body = &b[start..start + compressed];
        let data = match method {
            0 => body.to_vec(),
            8 => {
                let mut data = Vec::new();
                flate2::read::DeflateDecoder::new(body)
                    .read_to_end(&mut data)
                    .expect("inflate");
                data
            }
            other => panic!("{name}: unexpected method {other}"),
        };
        assert_eq!(data.len(), size, "size of {name}");
        let mut check = flate2::Crc::new();
        check.update(&data);
        assert_eq!(check.sum(), crc, "crc of {name}");
        names.push(name.clone());
        assert!(files.insert(name, data).is_none(), "duplicate entry");
    }
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "entries are sorted");
    files
}

/// An XML element: name, attributes in order, children, text.
#[derive(Debug)]
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Element>,
    text: String,
}

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
    fn child(&self, name: &str) -> &Element {
        self.children
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("<{}> has no <{name}>", self.name))
    }
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(';').expect("entity ends with ;") + at;
        out.push(match &rest[at + 1..end] {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            other => panic!("unknown entity &{other};"),
        });
        rest = &rest[end + 1..];
    }
    assert!(!rest.contains('<'), "raw < in text or attribute");
    out.push_str(rest);
    out
}

/// Parses a well-formed XML document (no DTD, comments or CDATA, which the
/// manifest does not use); panics on anything malformed.
fn parse_xml(text: &str) -> Element {
    let rest = text
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .expect("XML declaration");
    let mut stack: Vec<Element> = Vec::new();
    let mut root = None;
    let mut rest = rest;
    loop {
        let Some(open) = rest.find('<') else {
            assert!(rest.trim().is_empty(), "text after the root");
            break;
        };
        let text = unescape(&rest[..open]);
        match stack.last_mut() {
            Some(top) => top.text.push_str(&text),
            None => assert!(text.trim().is_empty(), "text outside the root"),
        }
        let close = rest[open..].find('>').expect("tag ends") + open;
        let tag = &rest[open + 1..close];
        rest = &rest[close + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let done = stack.pop().expect("closing tag without opening");
            assert_eq!(done.name, name.trim(), "mismatched closing tag");
            match stack.last_mut() {
                Some(parent) => parent.children.push(done),
                None => {
                    assert!(root.is_none(), "one root");
                    root = Some(done);
                }
            }
            continue;
        }
        let (tag, empty) = match tag.strip_suffix('/') {
            Some(t) => (t, true),
            None => (tag, false),
        };
        let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
        let name = &tag[..name_end];
        assert!(
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || ":-_.".contains(c)),
            "bad element name {name:?}"
        );
        let mut attrs: Vec<(String, String)> = Vec::new();
        let mut a = tag[name_end..].trim_start();
        while !a.is_empty() {
            let eq = a.find("=\"").expect("attribute is name=\"value\"");
            let attr_name = a[..eq].to_string();
            assert!(
                !attr_name.contains(char::is_whitespace),
                "bad attribute {attr_name:?}"
            );
            let end = a[eq + 2..].find('"').expect("attribute value ends") + eq + 2;
            let value = unescape(&a[eq + 2..end]);
            assert!(
                attrs.iter().all(|(n, _)| *n != attr_name),
                "duplicate attribute {attr_name}"
            );
            attrs.push((attr_name, value));
            a = a[end + 1..].trim_start();
        }
        let element = Element {
            name: name.to_string(),
            attrs,
            children: Vec::new(),
            text: String::new(),
        };
        if empty {
            match stack.last_mut() {
                Some(parent) => parent.children.push(element),
                None => panic!("empty root"),
            }
        } else {
            stack.push(element);
        }
    }
    assert!(stack.is_empty(), "unclosed elements");
    root.expect("a root element")
}

/// The site JSON of a packaged index.html.
fn site_json(index: &str) -> serde_json::Value {
    let open = r#"<script type="application/json" id="rampart-site">"#;
    let line = index
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with(open))
        .expect("data block kept");
    let json = line
        .strip_prefix(open)
        .and_then(|l| l.strip_suffix("</script>"))
        .expect("one line");
    assert!(!json.contains('<'), "`<` is escaped in the data block");
    serde_json::from_str(json).expect("valid JSON")
}

fn text(files: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        files
            .get(name)
            .unwrap_or_else(|| panic!("{name} packaged"))
            .clone(),
    )
    .expect("utf-8")
}

#[test]
fn scorm12_package_lists_every_file_and_marks_the_page() {
    let site = site();
    let (_, files) = export_ok(&site, &["--track", "supply-chain"]);

    // The site minus what an LMS must not get, plus the manifest.
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "SHA256SUMS",
            "boot-5678.js",
            "course/files/a b&c.txt",
            "course/lessons/bounds.json",
            "course/lessons/pinning.json",
            "course/manifest.json",
            "imsmanifest.xml",
            "index.html",
            "main-1234.css",
            "rampart-app-9abc_bg.wasm",
        ]
    );
    assert_eq!(
        files["boot-5678.js"],
        std::fs::read(site.join("boot-5678.js")).expect("read")
    );

    let manifest = parse_xml(&text(&files, "imsmanifest.xml"));
    assert_eq!(manifest.name, "manifest");
    assert_eq!(
        manifest.attr("xmlns:adlcp"),
        Some("http://www.adlnet.org/xsd/adlcp_rootv1p2")
    );
    let metadata = manifest.child("metadata");
    assert_eq!(metadata.child("schema").text, "ADL SCORM");
    assert_eq!(metadata.child("schemaversion").text, "1.2");
    let orgs = manifest.child("organizations");
    let org = orgs.child("organization");
    assert_eq!(orgs.attr("default"), org.attr("identifier"));
    assert_eq!(org.child("title").text, "Northbridge <Secure> & Co");
    let item = org.child("item");
    assert_eq!(
        item.child("title").text,
        "Northbridge <Secure> & Co: Supply chain & CI"
    );
    let resource = manifest.child("resources").child("resource");
    assert_eq!(item.attr("identifierref"), resource.attr("identifier"));
    assert_eq!(resource.attr("adlcp:scormtype"), Some("sco"));
    assert_eq!(resource.attr("href"), Some("index.html"));
    let listed: Vec<&str> = resource
        .children
        .iter()
        .map(|f| f.attr("href").expect("file href"))
        .collect();
    let expected: Vec<String> = files
        .keys()
        .filter(|n| *n != "imsmanifest.xml")
        .map(|n| n.replace(' ', "%20").replace('&', "%26"))
        .collect();
    assert_eq!(listed, expected);

    let index = text(&files, "index.html");
    assert!(index.contains("\n    <base href=\"./\">\n"), "{index}");
    assert!(
        !index.contains("/learn/"),
        "absolute asset URLs made relative: {index}"
    );
    assert!(index.contains(r#"href="./main-1234.css""#), "{index}");
    assert!(index.contains(r#"src="./boot-5678.js""#), "{index}");
    let json = site_json(&index);
    assert_eq!(json["lms"], "scorm12");
    assert_eq!(json["offline"], false);
    assert_eq!(json["tracks"], serde_json::json!(["supply-chain"]));
    // Everything else the host configured is kept.
    assert_eq!(json["name"], "Northbridge <Secure> & Co");
    assert_eq!(json["statusList"], "https://example.edu/status.json");
    assert_eq!(json["contact"]["email"], "sec@example.edu");

    // SHA256SUMS covers the package's own files, in GNU format.
    let sums = text(&files, "SHA256SUMS");
    let mut covered = Vec::new();
    for line in sums.lines() {
        let (hash, name) = line.split_once("  ").expect("GNU format");
        assert_eq!(hash, hex::encode(Sha256::digest(&files[name])), "{name}");
        covered.push(name);
    }
    let expected: Vec<&str> = files
        .keys()
        .map(String::as_str)
        .filter(|n| !["SHA256SUMS", "imsmanifest.xml"].contains(n))
        .collect();
    assert_eq!(covered, expected);
}

#[test]
fn scorm2004_package_and_all_tracks() {
    let site = site();
    let (_, files) = export_ok(&site, &["--scorm", "2004"]);
    let manifest = parse_xml(&text(&files, "imsmanifest.xml"));
    assert_eq!(
        manifest.attr("xmlns"),
        Some("http://www.imsglobal.org/xsd/imscp_v1p1")
    );
    assert_eq!(
        manifest.child("metadata").child("schemaversion").text,
        "2004 4th Edition"
    );
    let resource = manifest.child("resources").child("resource");
    assert_eq!(resource.attr("adlcp:scormType"), Some("sco"));
    let org = manifest.child("organizations").child("organization");
    assert_eq!(
        org.child("item").child("title").text,
        "Northbridge <Secure> & Co"
    );
    let json = site_json(&text(&files, "index.html"));
    assert_eq!(json["lms"], "scorm2004");
    assert!(json.get("tracks").is_none(), "no --track keeps every track");
}

#[test]
fn the_same_site_gives_the_same_bytes() {
    let site = site();
    let (first, _) = export_ok(&site, &["--track", "memory-safety"]);
    // Touch every file: modification times must not matter.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let again = scratch("copy");
    for (name, data) in unzip(&first) {
        if name != "imsmanifest.xml" && name != "SHA256SUMS" {
            write(&again, &name, &data);
        }
    }
    // The copy is the package's own content; restore the site's originals.
    let original_index = std::fs::read(site.join("index.html")).expect("read");
    write(&again, "index.html", &original_index);
    write(&again, "404.html", &original_index);
    write(&again, "sw.js", b"other service worker");
    let (second, _) = export_ok(&again, &["--track", "memory-safety"]);
    assert!(first == second, "same site, same package bytes");

    // And a change in content shows.
    write(&again, "main-1234.css", b"body { color: red; }\n");
    let (third, _) = export_ok(&again, &["--track", "memory-safety"]);
    assert!(first != third);
}

fn refused(site: &Path, extra: &[&str], expected: &str) {
    let (output, out) = export(site, extra);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(expected),
        "expected {expected:?} in: {stderr}"
    );
    assert!(!out.exists(), "nothing written");
}

#[test]
fn an_unknown_track_is_refused_listing_the_tracks() {
    refused(
        &site(),
        &["--track", "web-security"],
        "no track `web-security`; its tracks are: memory-safety, supply-chain",
    );
}

#[test]
fn a_folder_that_is_not_a_built_site_is_refused() {
    let empty = scratch("empty");
    refused(&empty, &[], "has no readable index.html");

    let no_block = site();
    write(
        &no_block,
        "index.html",
        index_html("/learn/", SITE_JSON)
            .replace("id=\"rampart-site\"", "id=\"other\"")
            .as_bytes(),
    );
    refused(
        &no_block,
        &[],
        "has no line `<script type=\"application/json\" id=\"rampart-site\">",
    );

    let no_base = site();
    write(
        &no_base,
        "index.html",
        index_html("/learn/", SITE_JSON)
            .replace("<base href=\"/learn/\">", "")
            .as_bytes(),
    );
    refused(&no_base, &[], "has no line `<base href=\"/path/\">`");

    let no_course = site();
    std::fs::remove_file(no_course.join("course/manifest.json")).expect("remove");
    refused(&no_course, &[], "has no course/manifest.json");

    let bad_json = site();
    write(
        &bad_json,
        "index.html",
        index_html("/learn/", r#"{"name":"x","colour":"red"}"#).as_bytes(),
    );
    refused(
        &bad_json,
        &[],
        "index.html:6: the rampart-site data block is not valid site settings",
    );

    let missing = scratch("missing").join("nothing-here");
    refused(&missing, &[], "is not a folder");
}

#[test]
fn an_out_folder_that_does_not_exist_is_named() {
    let site = site().display().to_string();
    let missing = scratch("no-out").join("not-yet");
    let out = missing.join("package.zip").display().to_string();
    let output = rampart(&["export", "scorm", "--site", &site, "--out", &out]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("the folder {} does not exist", missing.display())),
        "{stderr}"
    );
}

#[test]
fn a_package_inside_the_site_is_refused() {
    let site = site();
    let out = site.join("package.zip").display().to_string();
    let output = rampart(&[
        "export",
        "scorm",
        "--site",
        &site.display().to_string(),
        "--out",
        &out,
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("is inside the site"));
    assert!(!site.join("package.zip").exists());
}
