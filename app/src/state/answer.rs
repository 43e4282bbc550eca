//! What a learner has selected in an exercise, before it is checked.

use rampart_course::{Exercise, KindSpec, Submission};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Quiz {
        multiple: bool,
        selected: Vec<String>,
    },
    Spot {
        lines: Vec<u32>,
    },
    /// The program a learner edits in a `c` exercise, or the artifact of a
    /// supply-chain exercise (`file` is its name).
    Code {
        file: String,
        text: String,
    },
}

impl Answer {
    /// An empty answer for `exercise`, or the one restored from `last`.
    pub fn for_exercise(exercise: &Exercise, last: Option<&Submission>) -> Self {
        if let Some(files) = exercise.spec.artifact() {
            let saved = match last {
                Some(Submission::Files { files: f }) => f.get(&files.file).cloned(),
                _ => None,
            };
            return Answer::Code {
                file: files.file.clone(),
                text: saved.unwrap_or_else(|| files.starter.clone()),
            };
        }
        match (&exercise.spec, last) {
            (KindSpec::Quiz(q), Some(Submission::Quiz { selected })) => Answer::Quiz {
                multiple: q.multiple,
                selected: selected.clone(),
            },
            (KindSpec::Quiz(q), _) => Answer::Quiz {
                multiple: q.multiple,
                selected: Vec::new(),
            },
            (KindSpec::Spot(_), Some(Submission::Spot { lines })) => Answer::Spot {
                lines: lines.clone(),
            },
            (KindSpec::Spot(_), _) => Answer::Spot { lines: Vec::new() },
            (KindSpec::C(c), last) => {
                let saved = match last {
                    Some(Submission::Files { files }) => files.get(&c.file).cloned(),
                    _ => None,
                };
                Answer::Code {
                    file: c.file.clone(),
                    text: saved.unwrap_or_else(|| c.starter.clone()),
                }
            }
            // The supply-chain kinds returned above, with their artifact.
            (_, _) => Answer::Code {
                file: String::new(),
                text: String::new(),
            },
        }
    }

    /// The learner's program, for a `c` exercise.
    pub fn code(&self) -> Option<&str> {
        match self {
            Answer::Code { text, .. } => Some(text),
            _ => None,
        }
    }

    pub fn set_code(&mut self, new: String) {
        if let Answer::Code { text, .. } = self {
            *text = new;
        }
    }

    /// Selects or deselects an option. A single-answer quiz keeps one choice.
    pub fn set_option(&mut self, id: &str, on: bool) {
        if let Answer::Quiz { multiple, selected } = self {
            selected.retain(|s| s != id);
            if on {
                if !*multiple {
                    selected.clear();
                }
                selected.push(id.to_string());
            }
        }
    }

    pub fn has_option(&self, id: &str) -> bool {
        matches!(self, Answer::Quiz { selected, .. } if selected.iter().any(|s| s == id))
    }

    pub fn set_line(&mut self, line: u32, on: bool) {
        if let Answer::Spot { lines } = self {
            lines.retain(|&l| l != line);
            if on {
                lines.push(line);
                lines.sort_unstable();
            }
        }
    }

    pub fn has_line(&self, line: u32) -> bool {
        matches!(self, Answer::Spot { lines } if lines.contains(&line))
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Answer::Quiz { selected, .. } => selected.is_empty(),
            Answer::Spot { lines } => lines.is_empty(),
            Answer::Code { text, .. } => text.trim().is_empty(),
        }
    }

    pub fn submission(&self) -> Submission {
        match self {
            Answer::Quiz { selected, .. } => Submission::Quiz {
                selected: selected.clone(),
            },
            Answer::Spot { lines } => Submission::Spot {
                lines: lines.clone(),
            },
            Answer::Code { file, text } => Submission::Files {
                files: [(file.clone(), text.clone())].into_iter().collect(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_answer_keeps_one_choice() {
        let mut a = Answer::Quiz {
            multiple: false,
            selected: vec![],
        };
        a.set_option("a", true);
        a.set_option("b", true);
        assert_eq!(
            a.submission(),
            Submission::Quiz {
                selected: vec!["b".into()]
            }
        );
        assert!(!a.has_option("a"));
    }

    #[test]
    fn multiple_answers_toggle() {
        let mut a = Answer::Quiz {
            multiple: true,
            selected: vec![],
        };
        a.set_option("a", true);
        a.set_option("b", true);
        a.set_option("a", false);
        assert_eq!(
            a.submission(),
            Submission::Quiz {
                selected: vec!["b".into()]
            }
        );
    }

    #[test]
    fn code_starts_from_the_starter_and_restores_the_saved_program() {
        let spec = rampart_course::CSpec {
            file: "main.c".into(),
            starter: "int main(void) { return 1; }".into(),
            solution: String::new(),
            cases: vec![],
            fuzz: None,
        };
        let ex = Exercise {
            id: "c".into(),
            title: "C".into(),
            prompt_html: String::new(),
            points: 1,
            hints: vec![],
            explains: String::new(),
            seed: 0,
            spec: KindSpec::C(spec),
        };
        let mut a = Answer::for_exercise(&ex, None);
        assert_eq!(a.code(), Some("int main(void) { return 1; }"));
        a.set_code("int main(void) { return 0; }".into());
        let saved = a.submission();
        let back = Answer::for_exercise(&ex, Some(&saved));
        assert_eq!(back.code(), Some("int main(void) { return 0; }"));
    }

    #[test]
    fn lines_toggle_sorted_without_duplicates() {
        let mut a = Answer::Spot { lines: vec![] };
        a.set_line(9, true);
        a.set_line(3, true);
        a.set_line(9, true);
        assert_eq!(a.submission(), Submission::Spot { lines: vec![3, 9] });
        a.set_line(3, false);
        assert!(!a.has_line(3));
        assert!(!a.is_empty());
    }
}
