//! An institution's revocation list: the signed `BitstringStatusListCredential`
//! it publishes, and the private state file beside it that the list is
//! rebuilt from.
//!
//! `--status-list status.json` always names the published file; its state
//! is `status.state.json` in the same folder:
//!
//! ```json
//! {
//!   "format": "rampart-status-list-state",
//!   "version": 1,
//!   "url": "https://university.example/rampart/status.json",
//!   "issuer": "did:key:z6Mk…",
//!   "purpose": "revocation",
//!   "length": 131072,
//!   "entries": [
//!     { "index": 0, "credential": "urn:uuid:…", "learner": "Ada Lovelace",
//!       "track": "memory-safety", "issued": "2025-03-01T10:00:00Z",
//!       "revoked": "2025-04-02T09:00:00Z" }
//!   ]
//! }
//! ```
//!
//! Entries are handed out in order, so entry `i` is `entries[i]` and the
//! next free one is `entries.len()`; a revoked entry has `revoked` set. The
//! bitstring is derived from the state every time the list is signed, so
//! the state alone says what the published list must be, and revoking needs
//! only a credential id or an index.

use std::path::{Path, PathBuf};

use anyhow::bail;
use rampart_cert::status::{self, StatusList};
use rampart_cert::{KeyPair, Timestamp};
use serde::{Deserialize, Serialize};

use super::files::{read_text, replace, sibling};

pub const STATE_FORMAT: &str = "rampart-status-list-state";
const STATE_VERSION: u32 = 1;
const PURPOSE: &str = "revocation";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    pub format: String,
    pub version: u32,
    /// Where the list is published: its id, and every entry's `statusListCredential`.
    pub url: String,
    /// The did:key that signs the list and the certificates in it.
    pub issuer: String,
    pub purpose: String,
    /// Entries in the list (bits).
    pub length: usize,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub index: usize,
    /// The certificate's id (`urn:uuid:…`).
    pub credential: String,
    pub learner: String,
    pub track: String,
    pub issued: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked: Option<String>,
}

/// The state file that belongs to the published list at `list`:
/// `status.json` → `status.state.json`.
pub fn state_path(list: &Path) -> PathBuf {
    let name = list.file_name().unwrap_or_default().to_string_lossy();
    match name.strip_suffix(".json") {
        Some(stem) => list.with_file_name(format!("{stem}.state.json")),
        None => sibling(list, ".state.json"),
    }
}

impl State {
    pub fn new(url: &str, issuer: &str) -> Self {
        State {
            format: STATE_FORMAT.into(),
            version: STATE_VERSION,
            url: url.into(),
            issuer: issuer.into(),
            purpose: PURPOSE.into(),
            length: status::MIN_ENTRIES,
            entries: Vec::new(),
        }
    }

    /// Reads the state of the published list `list`.
    pub fn load(list: &Path) -> anyhow::Result<Self> {
        let path = state_path(list);
        if !path.is_file() {
            bail!(
                "the status list {} has no state file {} beside it; create the list with `rampart cert status init`, or put its state file back",
                list.display(),
                path.display()
            );
        }
        let text = read_text(&path, "the status list state")?;
        let state: State = serde_json::from_str(&text).map_err(|e| {
            anyhow::anyhow!(
                "{} is not a Rampart status list state ({e}); restore it from your backup",
                path.display()
            )
        })?;
        if state.format != STATE_FORMAT || state.version > STATE_VERSION {
            bail!(
                "{} is a {:?} file of version {}; this Rampart reads {STATE_FORMAT} version {STATE_VERSION}",
                path.display(),
                state.format,
                state.version
            );
        }
        if let Some((i, e)) = state
            .entries
            .iter()
            .enumerate()
            .find(|(i, e)| e.index != *i)
        {
            bail!(
                "{} is damaged: entry {i} says it is index {}; entries must be in order from 0",
                path.display(),
                e.index
            );
        }
        if state.entries.len() > state.length {
            bail!(
                "{} is damaged: it has {} entries for a list of {}",
                path.display(),
                state.entries.len(),
                state.length
            );
        }
        Ok(state)
    }

    /// Checks that `key` is the list's issuer.
    pub fn check_key(&self, key: &KeyPair, list: &Path) -> anyhow::Result<()> {
        if key.did() != self.issuer {
            bail!(
                "the status list {} belongs to {}, but the key is {}; only the list's issuer can change it",
                list.display(),
                self.issuer,
                key.did()
            );
        }
        Ok(())
    }

    /// Hands out the next free entry.
    pub fn allocate(
        &mut self,
        credential: &str,
        learner: &str,
        track: &str,
        issued: Timestamp,
    ) -> anyhow::Result<usize> {
        let index = self.entries.len();
        if index >= self.length {
            bail!(
                "the status list {} is full ({} entries); create another with `rampart cert status init` for new certificates",
                self.url,
                self.length
            );
        }
        self.entries.push(Entry {
            index,
            credential: credential.into(),
            learner: learner.into(),
            track: track.into(),
            issued: issued.to_rfc3339(),
            revoked: None,
        });
        Ok(index)
    }

    /// The entry for the certificate with id `credential`.
    pub fn index_of(&self, credential: &str) -> anyhow::Result<usize> {
        self.entries
            .iter()
            .find(|e| e.credential == credential)
            .map(|e| e.index)
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "no certificate with id {credential} was issued into the status list {}",
                    self.url
                )
            })
    }

    pub fn entry_mut(&mut self, index: usize) -> anyhow::Result<&mut Entry> {
        let issued = self.entries.len();
        self.entries.get_mut(index).ok_or_else(|| {
            anyhow::anyhow!(
                "entry {index} of the status list was never given to a certificate (entries 0 to {} are in use)",
                issued.saturating_sub(1)
            )
        })
    }

    /// The bitstring the state describes.
    pub fn bits(&self) -> anyhow::Result<StatusList> {
        let mut list = StatusList::with_len(self.length)?;
        for e in self.entries.iter().filter(|e| e.revoked.is_some()) {
            list.set(e.index, true)?;
        }
        Ok(list)
    }

    /// The list signed by `key`, as published.
    pub fn signed(&self, key: &KeyPair, now: Timestamp) -> anyhow::Result<String> {
        Ok(
            status::signed_list_credential(&self.url, &self.purpose, &self.bits()?, key, now)?
                + "\n",
        )
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// Writes the state beside `list`, replacing the old one atomically.
    pub fn save(&self, list: &Path) -> anyhow::Result<()> {
        replace(&state_path(list), &self.to_json(), "the status list state")
    }
}

/// Holds `<state>.lock` while a command changes a list, so two commands
/// running at once cannot give the same entry to two certificates.
pub struct Lock(PathBuf);

impl Lock {
    pub fn take(list: &Path) -> anyhow::Result<Self> {
        let path = sibling(&state_path(list), ".lock");
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(_) => Ok(Lock(path)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => bail!(
                "another rampart command is changing the status list {} ({} exists); wait for it, or delete that file if none is running",
                list.display(),
                path.display()
            ),
            Err(e) => Err(anyhow::anyhow!(
                "Failed to lock the status list with {}: {e}",
                path.display()
            )),
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_sits_beside_the_published_list() {
        assert_eq!(
            state_path(Path::new("site/status/1.json")),
            Path::new("site/status/1.state.json")
        );
        assert_eq!(
            state_path(Path::new("revocations")),
            Path::new("revocations.state.json")
        );
    }

    #[test]
    fn entries_are_handed_out_in_order_until_the_list_is_full() {
        let key = KeyPair::from_seed([5; 32]);
        let mut state = State::new("https://u.example/s.json", &key.did());
        state.length = 2;
        let at = Timestamp::from_unix_seconds(0);
        assert_eq!(state.allocate("urn:a", "A", "t", at).ok(), Some(0));
        assert_eq!(state.allocate("urn:b", "B", "t", at).ok(), Some(1));
        assert!(state.allocate("urn:c", "C", "t", at).is_err());
        assert_eq!(state.index_of("urn:b").ok(), Some(1));
        assert!(state.index_of("urn:c").is_err());
        assert!(state.entry_mut(2).is_err());
    }
}
