//! Reading and writing the files certificates involve: size limits, errors
//! that say which file and what to do, keys written private, and nothing
//! overwritten by accident.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use rampart_cert::KeyPair;
use serde_json::Value;

/// Largest input read (a status list credential is ~22 KB, a credential with
/// every submission embedded a few hundred KB).
const MAX_TEXT: u64 = 16 * 1024 * 1024;

/// The text of `path`; `what` names it in errors ("the key", "the evidence").
pub fn read_text(path: &Path, what: &str) -> anyhow::Result<String> {
    let shown = path.display();
    let meta = std::fs::metadata(path).with_context(|| format!("Failed to read {what} {shown}"))?;
    if meta.is_dir() {
        bail!("{what} {shown} is a folder, not a file");
    }
    if meta.len() > MAX_TEXT {
        bail!(
            "{what} {shown} is {} bytes, larger than Rampart reads ({MAX_TEXT}); is it the right file?",
            meta.len()
        );
    }
    let bytes = std::fs::read(path).with_context(|| format!("Failed to read {what} {shown}"))?;
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{what} {shown} is not UTF-8 text (byte {} is not valid); is it the right file?",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Writes a new file, refusing to replace one that exists.
pub fn write_new(path: &Path, text: &str, what: &str) -> anyhow::Result<()> {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    let mut file = match file {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => bail!(
            "{} already exists; Rampart does not overwrite {what}: choose another path or move the old file away",
            path.display()
        ),
        Err(e) => {
            return Err(e).with_context(|| format!("Failed to write {what} to {}", path.display()));
        }
    };
    file.write_all(text.as_bytes())
        .with_context(|| format!("Failed to write {what} to {}", path.display()))
}

/// Replaces `path` atomically (write beside it, then rename), so a crash
/// leaves the old file or the new one, never half of either.
pub fn replace(path: &Path, text: &str, what: &str) -> anyhow::Result<()> {
    let tmp = sibling(path, &format!(".tmp-{}", std::process::id()));
    std::fs::write(&tmp, text)
        .with_context(|| format!("Failed to write {what} to {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| {
        let _ = std::fs::remove_file(&tmp);
        format!("Failed to replace {what} {}", path.display())
    })
}

/// `path` with `suffix` appended to its file name.
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Writes a secret key file readable by its owner only (0600 on unix).
pub fn write_private(path: &Path, text: &str, force: bool) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => bail!(
            "{} already exists; Rampart does not overwrite a key (certificates signed with it would no longer match a new one). Pass --force to replace it, or choose another path",
            path.display()
        ),
        Err(e) => {
            return Err(e)
                .with_context(|| format!("Failed to write the key to {}", path.display()));
        }
    };
    // `mode` applies only to files created now; a replaced file keeps its
    // old permissions unless they are set again.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .with_context(|| format!("Failed to make {} private", path.display()))?;
    }
    file.write_all(text.as_bytes())
        .with_context(|| format!("Failed to write the key to {}", path.display()))
}

/// An institution's key as `rampart keygen` writes it: Multikey JSON, plus
/// the institution's `name` when one was given.
pub struct InstitutionKey {
    pub pair: KeyPair,
    pub name: Option<String>,
}

/// The key file's text for `pair`.
pub fn key_json(pair: &KeyPair, name: Option<&str>) -> String {
    let mut value: Value = serde_json::from_str(&pair.to_json()).unwrap_or_default();
    if let (Some(name), Value::Object(map)) = (name, &mut value) {
        map.insert("name".into(), Value::String(name.to_string()));
    }
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

/// Reads an institution key, saying plainly when the file is something else.
pub fn read_key(path: &Path) -> anyhow::Result<InstitutionKey> {
    let shown = path.display();
    let make_one = "create the institution's key with `rampart keygen --out FILE --name NAME`";
    if !path.exists() {
        bail!("the key {shown} does not exist; {make_one}");
    }
    let text = read_text(path, "the key")?;
    let value: Value = serde_json::from_str(&text)
        .map_err(|e| anyhow::anyhow!("the key {shown} is not JSON ({e}); {make_one}"))?;
    let kind = match value.get("format").and_then(Value::as_str) {
        Some("rampart-progress") => Some(
            "a progress export from the app (it may hold a learner's own key, which must not sign for an institution)",
        ),
        Some("rampart-evidence") => Some("a learner's evidence bundle"),
        Some(super::status_list::STATE_FORMAT) => Some("a status list's state"),
        _ if value.get("@context").is_some() => Some("a credential"),
        _ => None,
    };
    if let Some(kind) = kind {
        bail!("{shown} is {kind}, not an institution key; {make_one}");
    }
    let pair = KeyPair::from_json(&text)
        .map_err(|e| anyhow::anyhow!("{shown} is not a usable key: {e}; {make_one}"))?;
    warn_if_readable_by_others(path);
    Ok(InstitutionKey {
        pair,
        name: value
            .get("name")
            .and_then(Value::as_str)
            .filter(|n| !n.trim().is_empty())
            .map(str::to_string),
    })
}

#[cfg(unix)]
fn warn_if_readable_by_others(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path) {
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            eprintln!(
                "warning: the key {} can be read by other users (mode {mode:o}); run `chmod 600 {}`",
                path.display(),
                path.display()
            );
        }
    }
}

#[cfg(not(unix))]
fn warn_if_readable_by_others(_path: &Path) {}
