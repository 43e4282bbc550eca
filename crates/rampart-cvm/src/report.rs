//! What a run or a compilation tells the learner: error classes, reports in
//! the style of ASan and miri, and compile diagnostics.

use std::fmt;

use serde::{Serialize, Serializer};

/// The kind of finding, named after the sanitizer report it mirrors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorClass {
    HeapBufferOverflow,
    StackBufferOverflow,
    GlobalBufferOverflow,
    HeapUseAfterFree,
    StackUseAfterReturn,
    StackUseAfterScope,
    DoubleFree,
    BadFree,
    MemoryLeak,
    UseOfUninitializedValue,
    NullDereference,
    SignedIntegerOverflow,
    DivisionByZero,
    InvalidShift,
    FormatString,
    StackOverflow,
    LimitExceeded,
    CompileError,
    /// Dereferencing a pointer that points at no object (made from an
    /// integer, or a function pointer used as data).
    InvalidPointer,
    /// Writing to a string literal.
    WriteToReadOnlyMemory,
    /// `memcpy`, `strcpy` and friends with overlapping buffers.
    ParamOverlap,
    /// Converting a floating value that does not fit the integer type.
    FloatCastOverflow,
    /// Calling a function through a pointer of the wrong type, or a
    /// non-void function that ended without `return` whose value is used.
    BadFunctionCall,
    /// Warning: unsigned arithmetic wrapped around.
    UnsignedWrap,
    /// Warning: an implicit conversion changed the value.
    Narrowing,
    /// Warning: a dangerous function (such as `gets`) was called.
    DangerousFunction,
}

impl ErrorClass {
    pub const ALL: &'static [ErrorClass] = &[
        ErrorClass::HeapBufferOverflow,
        ErrorClass::StackBufferOverflow,
        ErrorClass::GlobalBufferOverflow,
        ErrorClass::HeapUseAfterFree,
        ErrorClass::StackUseAfterReturn,
        ErrorClass::StackUseAfterScope,
        ErrorClass::DoubleFree,
        ErrorClass::BadFree,
        ErrorClass::MemoryLeak,
        ErrorClass::UseOfUninitializedValue,
        ErrorClass::NullDereference,
        ErrorClass::SignedIntegerOverflow,
        ErrorClass::DivisionByZero,
        ErrorClass::InvalidShift,
        ErrorClass::FormatString,
        ErrorClass::StackOverflow,
        ErrorClass::LimitExceeded,
        ErrorClass::CompileError,
        ErrorClass::InvalidPointer,
        ErrorClass::WriteToReadOnlyMemory,
        ErrorClass::ParamOverlap,
        ErrorClass::FloatCastOverflow,
        ErrorClass::BadFunctionCall,
        ErrorClass::UnsignedWrap,
        ErrorClass::Narrowing,
        ErrorClass::DangerousFunction,
    ];

    /// The kebab-case name, as ASan, UBSan and LSan spell it.
    pub fn as_str(&self) -> &'static str {
        match self {
            ErrorClass::HeapBufferOverflow => "heap-buffer-overflow",
            ErrorClass::StackBufferOverflow => "stack-buffer-overflow",
            ErrorClass::GlobalBufferOverflow => "global-buffer-overflow",
            ErrorClass::HeapUseAfterFree => "heap-use-after-free",
            ErrorClass::StackUseAfterReturn => "stack-use-after-return",
            ErrorClass::StackUseAfterScope => "stack-use-after-scope",
            ErrorClass::DoubleFree => "double-free",
            ErrorClass::BadFree => "bad-free",
            ErrorClass::MemoryLeak => "memory-leak",
            ErrorClass::UseOfUninitializedValue => "use-of-uninitialized-value",
            ErrorClass::NullDereference => "null-dereference",
            ErrorClass::SignedIntegerOverflow => "signed-integer-overflow",
            ErrorClass::DivisionByZero => "division-by-zero",
            ErrorClass::InvalidShift => "invalid-shift",
            ErrorClass::FormatString => "format-string",
            ErrorClass::StackOverflow => "stack-overflow",
            ErrorClass::LimitExceeded => "limit-exceeded",
            ErrorClass::CompileError => "compile-error",
            ErrorClass::InvalidPointer => "invalid-pointer",
            ErrorClass::WriteToReadOnlyMemory => "write-to-read-only-memory",
            ErrorClass::ParamOverlap => "param-overlap",
            ErrorClass::FloatCastOverflow => "float-cast-overflow",
            ErrorClass::BadFunctionCall => "bad-function-call",
            ErrorClass::UnsignedWrap => "unsigned-integer-overflow",
            ErrorClass::Narrowing => "implicit-conversion",
            ErrorClass::DangerousFunction => "dangerous-function",
        }
    }

    /// One sentence saying what the class means.
    pub fn meaning(&self) -> &'static str {
        match self {
            ErrorClass::HeapBufferOverflow => "an access outside the bounds of a malloc'd block",
            ErrorClass::StackBufferOverflow => "an access outside the bounds of a local variable",
            ErrorClass::GlobalBufferOverflow => {
                "an access outside the bounds of a global variable or string literal"
            }
            ErrorClass::HeapUseAfterFree => "an access to a heap block after it was freed",
            ErrorClass::StackUseAfterReturn => {
                "an access to a local variable after its function returned"
            }
            ErrorClass::StackUseAfterScope => "an access to a local variable after its block ended",
            ErrorClass::DoubleFree => "free() of a block that was already freed",
            ErrorClass::BadFree => {
                "free() of a pointer that malloc did not return (stack, global, interior pointer)"
            }
            ErrorClass::MemoryLeak => {
                "a heap block that nothing points to any more when the program exits"
            }
            ErrorClass::UseOfUninitializedValue => {
                "an uninitialised value decides a branch, an address, a libc argument or the output"
            }
            ErrorClass::NullDereference => "a read or write through a NULL pointer",
            ErrorClass::SignedIntegerOverflow => {
                "signed arithmetic whose result does not fit its type"
            }
            ErrorClass::DivisionByZero => "integer division or remainder by zero",
            ErrorClass::InvalidShift => {
                "a shift by a negative amount or by at least the width of the type, or of a negative value"
            }
            ErrorClass::FormatString => {
                "a printf/scanf format that does not match its arguments, or %n"
            }
            ErrorClass::StackOverflow => "recursion deeper than the stack-depth limit",
            ErrorClass::LimitExceeded => "the run used more steps, memory or output than allowed",
            ErrorClass::CompileError => "the program does not compile",
            ErrorClass::InvalidPointer => "an access through a pointer that points at no object",
            ErrorClass::WriteToReadOnlyMemory => "a write to a string literal",
            ErrorClass::ParamOverlap => {
                "memcpy, strcpy or a similar function called with overlapping buffers"
            }
            ErrorClass::FloatCastOverflow => {
                "a floating-point value converted to an integer type it does not fit"
            }
            ErrorClass::BadFunctionCall => {
                "a call through a function pointer of the wrong type, or use of a missing return value"
            }
            ErrorClass::UnsignedWrap => "(warning) unsigned arithmetic wrapped around",
            ErrorClass::Narrowing => "(warning) an implicit conversion changed a value",
            ErrorClass::DangerousFunction => {
                "(warning) a function that cannot be used safely, such as gets"
            }
        }
    }

    /// Warnings go to [`crate::Outcome::warnings`], never to `error`.
    pub fn is_warning(&self) -> bool {
        matches!(
            self,
            ErrorClass::UnsignedWrap | ErrorClass::Narrowing | ErrorClass::DangerousFunction
        )
    }
}

impl fmt::Display for ErrorClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ErrorClass {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A secondary location: where the object was allocated, freed, declared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// A whole sentence, including the line (`the block was allocated
    /// here: line 7 (malloc(16))`).
    pub message: String,
    pub line: u32,
}

/// One frame of the call stack, innermost first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Frame {
    pub function: String,
    pub line: u32,
}

/// A finding of a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub class: ErrorClass,
    pub message: String,
    pub line: u32,
    pub column: u32,
    pub notes: Vec<Note>,
    pub stack: Vec<Frame>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = if self.class.is_warning() {
            "warning"
        } else {
            "error"
        };
        writeln!(f, "{level}: {}: {}", self.class.as_str(), self.message)?;
        if self.line > 0 {
            write!(f, "  --> line {}, column {}", self.line, self.column)?;
        } else {
            write!(f, "  --> (at exit)")?;
        }
        for n in &self.notes {
            write!(f, "\n  note: {}", n.message)?;
        }
        if !self.stack.is_empty() {
            let parts: Vec<String> = self
                .stack
                .iter()
                .map(|fr| format!("{} (line {})", fr.function, fr.line))
                .collect();
            write!(f, "\n  stack: {}", parts.join(" <- "))?;
        }
        Ok(())
    }
}

/// A compile-time problem: syntax, types, unknown names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

/// Every diagnostic of a compilation, in source order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_display() {
        let r = Report {
            class: ErrorClass::HeapBufferOverflow,
            message: "write of 1 byte at offset 16 of a 16-byte heap block".into(),
            line: 9,
            column: 5,
            notes: vec![Note {
                message: "the block was allocated here: line 7 (malloc(16))".into(),
                line: 7,
            }],
            stack: vec![
                Frame {
                    function: "copy_name".into(),
                    line: 9,
                },
                Frame {
                    function: "main".into(),
                    line: 15,
                },
            ],
        };
        assert_eq!(
            r.to_string(),
            "error: heap-buffer-overflow: write of 1 byte at offset 16 of a 16-byte heap block\n  --> line 9, column 5\n  note: the block was allocated here: line 7 (malloc(16))\n  stack: copy_name (line 9) <- main (line 15)"
        );
    }

    #[test]
    fn names_are_unique_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for c in ErrorClass::ALL {
            assert!(seen.insert(c.as_str()));
            assert!(
                c.as_str()
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch == '-')
            );
        }
        assert_eq!(
            serde_json::to_string(&ErrorClass::DoubleFree).unwrap_or_default(),
            "\"double-free\""
        );
    }
}
