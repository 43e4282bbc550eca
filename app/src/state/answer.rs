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
}

impl Answer {
    /// An empty answer for `exercise`, or the one restored from `last`.
    pub fn for_exercise(exercise: &Exercise, last: Option<&Submission>) -> Self {
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
