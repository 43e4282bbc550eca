//! The "Audit your own files" form as plain data: which inputs a kind of
//! audit needs, sensible default file names, and the request it becomes.

use rampart_supply::audit::{Input, Request, Target};

/// One extra file an audit reads besides the audited one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extra {
    /// OSV advisories, several (lockfile audits; required).
    Advisories,
    /// The lockfile an SBOM must describe (optional).
    Lockfile,
    /// The policy a provenance statement is checked against (required).
    Policy,
    /// Manifests naming dependencies (registry audits; optional).
    Manifests,
}

impl Extra {
    pub fn label(self) -> &'static str {
        match self {
            Extra::Advisories => "OSV advisories",
            Extra::Lockfile => "Lockfile the SBOM describes (optional)",
            Extra::Policy => "Policy (TOML: builder_id, source_repo, source_ref)",
            Extra::Manifests => "Manifests naming your dependencies (optional)",
        }
    }

    pub fn required(self) -> bool {
        matches!(self, Extra::Advisories | Extra::Policy)
    }

    pub fn multiple(self) -> bool {
        matches!(self, Extra::Advisories | Extra::Manifests)
    }
}

/// The extra inputs a target takes.
pub fn extras(target: Target) -> &'static [Extra] {
    match target {
        Target::Lockfile => &[Extra::Advisories],
        Target::Sbom => &[Extra::Lockfile],
        Target::Provenance => &[Extra::Policy],
        Target::Registry => &[Extra::Manifests],
        Target::Workflow | Target::Names => &[],
    }
}

/// The file name to start from: the name is how formats are told apart.
pub fn default_name(target: Target) -> &'static str {
    match target {
        Target::Workflow => ".github/workflows/ci.yml",
        Target::Lockfile => "Cargo.lock",
        Target::Sbom => "bom.json",
        Target::Provenance => "provenance.intoto.jsonl",
        Target::Names => "package.json",
        Target::Registry => ".npmrc",
    }
}

/// What the form holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub target: Target,
    pub file: Input,
    pub advisories: Vec<Input>,
    pub lockfile: Option<Input>,
    pub policy: Option<Input>,
    pub manifests: Vec<Input>,
}

impl Form {
    pub fn new(target: Target) -> Self {
        Form {
            target,
            file: Input::new(default_name(target), ""),
            advisories: vec![],
            lockfile: None,
            policy: None,
            manifests: vec![],
        }
    }

    /// Switches the kind of audit, keeping the text: a learner who picked
    /// the wrong kind should not lose what they pasted. The name follows
    /// the kind unless the learner changed it.
    pub fn set_target(&mut self, target: Target) {
        if self.file.name == default_name(self.target) || self.file.name.trim().is_empty() {
            self.file.name = default_name(target).to_string();
        }
        self.target = target;
    }

    /// Adds an extra file; for single-file extras, replaces it.
    pub fn add(&mut self, extra: Extra, input: Input) {
        match extra {
            Extra::Advisories => add_or_replace(&mut self.advisories, input),
            Extra::Manifests => add_or_replace(&mut self.manifests, input),
            Extra::Lockfile => self.lockfile = Some(input),
            Extra::Policy => self.policy = Some(input),
        }
    }

    pub fn remove(&mut self, extra: Extra, name: &str) {
        match extra {
            Extra::Advisories => self.advisories.retain(|i| i.name != name),
            Extra::Manifests => self.manifests.retain(|i| i.name != name),
            Extra::Lockfile => self.lockfile = None,
            Extra::Policy => self.policy = None,
        }
    }

    pub fn files(&self, extra: Extra) -> Vec<&Input> {
        match extra {
            Extra::Advisories => self.advisories.iter().collect(),
            Extra::Manifests => self.manifests.iter().collect(),
            Extra::Lockfile => self.lockfile.iter().collect(),
            Extra::Policy => self.policy.iter().collect(),
        }
    }

    /// The request, or what is missing, in words for the learner.
    pub fn request(&self) -> Result<Request, String> {
        if self.file.text.trim().is_empty() {
            return Err("Paste the file, drop it on the text box, or open it first.".into());
        }
        if self.file.name.trim().is_empty() {
            return Err("Give the file its name (for example Cargo.lock): the name tells Rampart its format.".into());
        }
        for extra in extras(self.target) {
            if extra.required() && self.files(*extra).is_empty() {
                return Err(format!("Add at least one file under “{}”.", extra.label()));
            }
        }
        let mut r = Request::new(self.target, self.file.clone());
        r.advisories = self.advisories.clone();
        r.lockfile = self.lockfile.clone();
        r.policy = self.policy.clone();
        r.manifests = self.manifests.clone();
        Ok(r)
    }
}

fn add_or_replace(list: &mut Vec<Input>, input: Input) {
    match list.iter_mut().find(|i| i.name == input.name) {
        Some(existing) => *existing = input,
        None => list.push(input),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lockfile_audit_needs_advisories_and_says_so() {
        let mut f = Form::new(Target::Lockfile);
        assert!(f.request().expect_err("empty").contains("Paste the file"));
        f.file.text = "version = 3\n".into();
        assert!(
            f.request()
                .expect_err("no advisories")
                .contains("OSV advisories")
        );
        f.add(Extra::Advisories, Input::new("a.json", "{}"));
        f.add(Extra::Advisories, Input::new("a.json", "{\"id\":1}"));
        f.add(Extra::Advisories, Input::new("b.json", "{}"));
        assert_eq!(
            f.advisories.len(),
            2,
            "the same name replaces, a new one adds"
        );
        let r = f.request().expect("complete");
        assert_eq!(r.target, Target::Lockfile);
        assert_eq!(r.advisories[0].text, "{\"id\":1}");
        f.remove(Extra::Advisories, "a.json");
        assert_eq!(f.files(Extra::Advisories).len(), 1);
    }

    #[test]
    fn switching_kind_keeps_the_text_and_a_chosen_name() {
        let mut f = Form::new(Target::Workflow);
        f.file.text = "on: push".into();
        f.set_target(Target::Names);
        assert_eq!(
            f.file.name, "package.json",
            "the default name follows the kind"
        );
        assert_eq!(f.file.text, "on: push", "pasted text is never lost");
        f.file.name = "requirements.txt".into();
        f.set_target(Target::Registry);
        assert_eq!(
            f.file.name, "requirements.txt",
            "a name the learner typed stays"
        );
    }

    #[test]
    fn optional_extras_are_optional() {
        let mut f = Form::new(Target::Sbom);
        f.file.text = "{}".into();
        assert!(f.request().is_ok());
        f.add(Extra::Lockfile, Input::new("Cargo.lock", "x"));
        assert!(f.request().expect("ok").lockfile.is_some());
    }
}
