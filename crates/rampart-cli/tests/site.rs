//! `rampart site build`, run as a host would, on a stand-in for Trunk's
//! output (the browser tests run the real one).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use sha2::{Digest, Sha256, Sha384};

mod common;
use common::*;

/// What Trunk's release build leaves: hashed app files, unhashed worker files.
fn fake_app(dir: &Path) -> PathBuf {
    let app = dir.join("app");
    std::fs::create_dir_all(&app).expect("test step");
    let files: [(&str, &[u8]); 7] = [
        (
            "index.html",
            b"<!doctype html><html><head><link href=/main-1111111111111111.css rel=stylesheet><link href=/editor-2222222222222222.css rel=stylesheet></head></html>",
        ),
        ("main-1111111111111111.css", b":root { --accent: #0b5cad; }\n"),
        ("editor-2222222222222222.css", b".editor { color: red; }\n"),
        ("rampart-app-3333333333333333.js", b"export default async function init() {}\n"),
        ("rampart-app-3333333333333333_bg.wasm", b"\0asm\x01\0\0\0"),
        ("rampart-worker.js", b"let wasm_bindgen = () => {};\n"),
        ("rampart-worker_bg.wasm", b"\0asm\x01\0\0\0worker"),
    ];
    for (name, bytes) in files {
        std::fs::write(app.join(name), bytes).expect("test step");
    }
    app
}

fn sri(bytes: &[u8]) -> String {
    let digest = Sha384::digest(bytes);
    // Standard base64, checked against the CLI's own encoder's RFC vectors.
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for c in digest.chunks(3) {
        let n = (u32::from(c[0]) << 16) | (u32::from(c[1]) << 8) | u32::from(c[2]);
        for i in 0..4 {
            out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    format!("sha384-{out}")
}

/// Every `attr="value"` of every tag named `tag` in `html`.
fn tags<'a>(html: &'a str, tag: &str) -> Vec<BTreeMap<&'a str, &'a str>> {
    let open = format!("<{tag} ");
    html.match_indices(&open)
        .map(|(i, _)| {
            let end = html[i..].find('>').expect("test step") + i;
            let mut attrs = BTreeMap::new();
            let mut rest = &html[i + open.len()..end];
            while let Some(eq) = rest.find("=\"") {
                let name = rest[..eq].trim();
                let after = &rest[eq + 2..];
                let close = after.find('"').expect("test step");
                attrs.insert(name, &after[..close]);
                rest = &after[close + 1..];
            }
            attrs
        })
        .collect()
}

fn build(dir: &Path, config: Option<&Path>, extra: &[&str]) -> (Output, PathBuf) {
    let app = fake_app(dir);
    let out = dir.join("site");
    let mut args = vec![
        "site".to_string(),
        "build".into(),
        "--app".into(),
        app.display().to_string(),
        "--out".into(),
        out.display().to_string(),
    ];
    match config {
        Some(config) => args.extend(["--config".into(), config.display().to_string()]),
        None => args.extend(["--course".into(), repo_root().display().to_string()]),
    }
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    (rampart(&args), out)
}

#[test]
fn every_script_and_style_has_integrity_and_the_policy_allows_no_inline_script() {
    let dir = scratch("sri");
    let (out, site) = build(&dir, None, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(site.join("index.html")).expect("test step");

    let styles: Vec<_> = tags(&html, "link")
        .into_iter()
        .filter(|l| l["rel"] == "stylesheet")
        .collect();
    assert_eq!(styles.len(), 2, "{html}");
    assert_eq!(
        styles[0]["href"], "main-1111111111111111.css",
        "Trunk's order is kept"
    );
    for link in tags(&html, "link")
        .into_iter()
        .filter(|l| l["rel"] != "icon")
    {
        let bytes = std::fs::read(site.join(link["href"])).expect("test step");
        assert_eq!(link["integrity"], sri(&bytes), "{}", link["href"]);
    }
    let scripts = tags(&html, "script");
    assert_eq!(scripts.len(), 2, "{html}");
    for script in &scripts {
        // No inline script: each one is a file with integrity, or JSON data.
        match script.get("src") {
            Some(src) => {
                let bytes = std::fs::read(site.join(src)).expect("test step");
                assert_eq!(script["integrity"], sri(&bytes), "{src}");
                assert!(src.starts_with("boot-") && src.ends_with(".js"), "{src}");
            }
            None => assert_eq!(script["type"], "application/json"),
        }
    }
    let csp = tags(&html, "meta")
        .into_iter()
        .find(|m| m.get("http-equiv") == Some(&"Content-Security-Policy"))
        .expect("a CSP meta element")["content"]
        .to_string();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval';"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert!(csp.contains("connect-src 'self' https:;"), "{csp}");
    // The CSP comes before anything it governs.
    assert!(
        html.find("Content-Security-Policy").expect("test step")
            < html.find("<link").expect("test step")
    );
    // The wasm is fetched with its integrity checked.
    let boot = std::fs::read_to_string(
        site.join(
            scripts
                .iter()
                .find_map(|s| s.get("src"))
                .expect("test step"),
        ),
    )
    .expect("test step");
    let wasm = std::fs::read(site.join("rampart-app-3333333333333333_bg.wasm")).expect("test step");
    assert!(boot.contains(&sri(&wasm)), "{boot}");
    assert_eq!(
        std::fs::read(site.join("404.html")).expect("test step"),
        html.as_bytes(),
        "404.html is the app"
    );
    std::fs::remove_dir_all(&dir).expect("test step");
}

#[test]
fn worker_files_get_hashed_names_and_the_loader_checks_the_wasm() {
    let dir = scratch("worker");
    let (out, site) = build(&dir, None, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!site.join("rampart-worker.js").exists());
    let loader = std::fs::read_to_string(site.join("rampart-worker_loader.js")).expect("test step");
    let js = "./rampart-worker-".to_string()
        + &hex::encode(Sha256::digest(b"let wasm_bindgen = () => {};\n"))[..16]
        + ".js";
    assert!(
        loader.contains(&format!("importScripts(\"{js}\")")),
        "{loader}"
    );
    assert!(site.join(&js[2..]).is_file());
    assert!(loader.contains(&sri(b"\0asm\x01\0\0\0worker")), "{loader}");
    std::fs::remove_dir_all(&dir).expect("test step");
}

#[test]
fn sha256sums_and_the_service_worker_cover_every_file() {
    let dir = scratch("sums");
    let sbom = dir.join("sbom.cdx.json");
    std::fs::write(&sbom, "{}").expect("test step");
    let (out, site) = build(&dir, None, &["--include", &sbom.display().to_string()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sums = std::fs::read_to_string(site.join("SHA256SUMS")).expect("test step");
    let mut listed = Vec::new();
    for line in sums.lines() {
        let (hash, path) = line.split_once("  ").expect("test step");
        assert_eq!(
            hash,
            hex::encode(Sha256::digest(
                std::fs::read(site.join(path)).expect("test step")
            )),
            "{path}"
        );
        listed.push(path.to_string());
    }
    let mut on_disk = Vec::new();
    let mut stack = vec![site.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).expect("test step") {
            let p = e.expect("test step").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                on_disk.push(
                    p.strip_prefix(&site)
                        .expect("test step")
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    on_disk.retain(|p| p != "SHA256SUMS");
    on_disk.sort();
    assert_eq!(listed, on_disk);
    assert!(listed.contains(&"sbom.cdx.json".to_string()));
    assert!(listed.iter().any(|p| p.starts_with("course/lessons/")));

    let sw = std::fs::read_to_string(site.join("sw.js")).expect("test step");
    for path in &listed {
        let cached = sw.contains(&format!("\"{path}\""));
        let expect = !matches!(path.as_str(), "sw.js" | "404.html" | "sbom.cdx.json");
        assert_eq!(cached, expect, "{path} cached by the service worker");
    }
    std::fs::remove_dir_all(&dir).expect("test step");
}

#[test]
fn a_hosts_name_colours_base_and_trust_list_reach_the_site() {
    let dir = scratch("config");
    std::fs::write(
        dir.join("logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .expect("test step");
    let root = repo_root().display().to_string().replace('\\', "/");
    let config = dir.join("rampart.toml");
    std::fs::write(
        &config,
        format!(
            r##"[site]
name = "Northbridge <Secure> Coding"
base = "/secure-coding/"
logo = "logo.svg"
contact = {{ email = "training@northbridge.example" }}
connect = []

[theme]
accent = "#7a1f3d"

[course]
dir = "{root}"
tracks = ["supply-chain"]

[certificates]
status_list = "https://certs.northbridge.example/status/1.json"
trust = [{{ did = "did:web:certs.northbridge.example", name = "Northbridge University" }}]
"##
        ),
    )
    .expect("test step");
    let (out, site) = build(&dir, Some(&config), &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(site.join("index.html")).expect("test step");
    assert!(html.contains("<base href=\"/secure-coding/\">\n"), "{html}");
    assert!(
        html.contains("<title>Northbridge &lt;Secure&gt; Coding</title>"),
        "{html}"
    );
    assert!(
        html.contains(r#""name":"Northbridge \u003cSecure\u003e Coding""#),
        "{html}"
    );
    assert!(html.contains(r#""tracks":["supply-chain"]"#), "{html}");
    assert!(
        html.contains("connect-src 'self' https://certs.northbridge.example;"),
        "{html}"
    );
    let theme = tags(&html, "link")
        .into_iter()
        .find(|l| l["href"].starts_with("theme-"))
        .expect("a theme stylesheet, linked last");
    let css = std::fs::read_to_string(site.join(theme["href"])).expect("test step");
    assert!(css.contains("--accent: #7a1f3d;"), "{css}");
    assert!(
        html.rfind("rel=\"stylesheet\"").expect("test step")
            < html.find(theme["href"]).expect("test step") + 200
    );
    let logo = tags(&html, "link")
        .into_iter()
        .find(|l| l["rel"] == "icon")
        .expect("test step")["href"]
        .to_string();
    assert!(
        logo.starts_with("logo-") && logo.ends_with(".svg") && site.join(&logo).is_file(),
        "{logo}"
    );
    let issuers = std::fs::read_to_string(site.join("issuers.json")).expect("test step");
    assert!(
        issuers.contains("did:web:certs.northbridge.example"),
        "{issuers}"
    );

    // --base overrides the file.
    let (out, site) = build(&dir, Some(&config), &["--base", "/other/"]);
    assert!(out.status.success());
    assert!(
        std::fs::read_to_string(site.join("index.html"))
            .expect("test step")
            .contains("<base href=\"/other/\">")
    );
    std::fs::remove_dir_all(&dir).expect("test step");
}

#[test]
fn bad_settings_name_the_line_and_write_nothing() {
    let dir = scratch("bad");
    let config = dir.join("rampart.toml");
    let root = repo_root().display().to_string().replace('\\', "/");
    std::fs::write(
        &config,
        format!("[site]\nname = \"X\"\n\n[theme]\naccent = \"#ffff00\"\n\n[course]\ndir = \"{root}\"\ntracks = [\"cooking\"]\n"),
    )
    .expect("test step");
    let (out, site) = build(&dir, Some(&config), &[]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("rampart.toml:5:") && stderr.contains("contrast"),
        "{stderr}"
    );
    assert!(!site.exists());

    std::fs::write(
        &config,
        format!("[course]\ndir = \"{root}\"\ntracks = [\"cooking\"]\n"),
    )
    .expect("test step");
    let (out, site) = build(&dir, Some(&config), &[]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("rampart.toml:3:") && stderr.contains("\"cooking\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("memory-safety"),
        "names the tracks there are: {stderr}"
    );
    assert!(!site.exists());
    std::fs::remove_dir_all(&dir).expect("test step");
}

#[test]
fn a_folder_that_is_not_a_site_is_never_replaced() {
    let dir = scratch("keep");
    let out_dir = dir.join("site");
    std::fs::create_dir_all(&out_dir).expect("test step");
    std::fs::write(out_dir.join("thesis.tex"), "precious").expect("test step");
    let (out, _) = build(&dir, None, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("refusing to replace"));
    assert_eq!(
        std::fs::read_to_string(out_dir.join("thesis.tex")).expect("test step"),
        "precious"
    );
    // An earlier site is replaced.
    std::fs::remove_dir_all(&out_dir).expect("test step");
    let (first, _) = build(&dir, None, &[]);
    assert!(first.status.success());
    let (second, site) = build(&dir, None, &[]);
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    assert!(site.join("index.html").is_file());
    std::fs::remove_dir_all(&dir).expect("test step");
}

#[test]
fn not_trunks_output_is_explained() {
    let dir = scratch("noapp");
    let out = rampart(&[
        "site",
        "build",
        "--course",
        &repo_root().display().to_string(),
        "--app",
        &dir.join("nothing").display().to_string(),
        "--out",
        &dir.join("site").display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("has no index.html") && stderr.contains("cargo xtask dist"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).expect("test step");
}
