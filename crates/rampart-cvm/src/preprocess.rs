//! The preprocessor: directives, conditional compilation and macro
//! expansion over the lexer's tokens. `#include` accepts only the standard
//! headers that the built-in libc provides; their declarations live in
//! [`PRELUDE_DECLS`] and their macros in [`PRELUDE_MACROS`].

use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

use crate::lexer::{RawLexer, TokenKind, is_keyword};
use crate::report::Diagnostic;

/// A token after preprocessing, with the line and column it came from
/// (for tokens made by a macro, the place the macro was used).
#[derive(Debug, Clone)]
pub(crate) struct PTok {
    pub kind: TokenKind,
    pub text: Rc<str>,
    pub line: u32,
    pub col: u32,
    /// Whitespace came before this token.
    pub space: bool,
    hide: Rc<Vec<u32>>,
}

impl PTok {
    pub(crate) fn is(&self, s: &str) -> bool {
        &*self.text == s
    }

    pub(crate) fn synthetic(kind: TokenKind, text: &str, line: u32, col: u32) -> PTok {
        tok(kind, text, line, col)
    }
}

/// The headers that `#include` accepts.
pub(crate) const HEADERS: &[&str] = &[
    "stdio.h",
    "stdlib.h",
    "string.h",
    "stdint.h",
    "stddef.h",
    "stdbool.h",
    "ctype.h",
    "limits.h",
    "assert.h",
    "errno.h",
    "inttypes.h",
    "unistd.h",
    "stdarg.h",
    "math.h",
    "strings.h",
    "stdnoreturn.h",
    "iso646.h",
    "stdalign.h",
];

pub(crate) const PRELUDE_MACROS: &str = r#"
#define NULL ((void*)0)
#define EOF (-1)
#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX 2147483647
#define BUFSIZ 8192
#define true 1
#define false 0
#define __bool_true_false_are_defined 1
#define CHAR_BIT 8
#define SCHAR_MIN (-128)
#define SCHAR_MAX 127
#define UCHAR_MAX 255
#define CHAR_MIN (-128)
#define CHAR_MAX 127
#define SHRT_MIN (-32768)
#define SHRT_MAX 32767
#define USHRT_MAX 65535
#define INT_MIN (-2147483647-1)
#define INT_MAX 2147483647
#define UINT_MAX 4294967295U
#define LONG_MIN (-9223372036854775807L-1)
#define LONG_MAX 9223372036854775807L
#define ULONG_MAX 18446744073709551615UL
#define LLONG_MIN (-9223372036854775807LL-1)
#define LLONG_MAX 9223372036854775807LL
#define ULLONG_MAX 18446744073709551615ULL
#define SIZE_MAX 18446744073709551615UL
#define SSIZE_MAX 9223372036854775807L
#define PTRDIFF_MAX 9223372036854775807L
#define PTRDIFF_MIN (-9223372036854775807L-1)
#define INTPTR_MAX 9223372036854775807L
#define INTPTR_MIN (-9223372036854775807L-1)
#define UINTPTR_MAX 18446744073709551615UL
#define INTMAX_MAX 9223372036854775807L
#define INTMAX_MIN (-9223372036854775807L-1)
#define UINTMAX_MAX 18446744073709551615UL
#define INT8_MIN (-128)
#define INT8_MAX 127
#define UINT8_MAX 255
#define INT16_MIN (-32768)
#define INT16_MAX 32767
#define UINT16_MAX 65535
#define INT32_MIN (-2147483647-1)
#define INT32_MAX 2147483647
#define UINT32_MAX 4294967295U
#define INT64_MIN (-9223372036854775807L-1)
#define INT64_MAX 9223372036854775807L
#define UINT64_MAX 18446744073709551615UL
#define INT8_C(x) x
#define INT16_C(x) x
#define INT32_C(x) x
#define INT64_C(x) x ## L
#define UINT8_C(x) x
#define UINT16_C(x) x
#define UINT32_C(x) x ## U
#define UINT64_C(x) x ## UL
#define PRId8 "d"
#define PRId16 "d"
#define PRId32 "d"
#define PRId64 "ld"
#define PRIi8 "i"
#define PRIi16 "i"
#define PRIi32 "i"
#define PRIi64 "li"
#define PRIu8 "u"
#define PRIu16 "u"
#define PRIu32 "u"
#define PRIu64 "lu"
#define PRIx8 "x"
#define PRIx16 "x"
#define PRIx32 "x"
#define PRIx64 "lx"
#define PRIX8 "X"
#define PRIX16 "X"
#define PRIX32 "X"
#define PRIX64 "lX"
#define PRIdMAX "ld"
#define PRIuMAX "lu"
#define PRIdPTR "ld"
#define PRIuPTR "lu"
#define PRIxPTR "lx"
#define SCNd32 "d"
#define SCNd64 "ld"
#define SCNu32 "u"
#define SCNu64 "lu"
#define EDOM 33
#define ERANGE 34
#define EINVAL 22
#define ENOMEM 12
#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2
#define assert(e) ((e) ? (void)0 : __rampart_assert_fail(#e, __func__, __LINE__))
#define offsetof(t, m) ((size_t)&(((t*)0)->m))
#define static_assert _Static_assert
#define va_list __rampart_va_list
#define va_start(ap, last) __rampart_va_start(&(ap))
#define va_arg(ap, t) (*(t*)__rampart_va_arg(&(ap), sizeof(t)))
#define va_end(ap) ((void)(ap))
#define va_copy(d, s) ((d) = (s))
#define noreturn _Noreturn
#define alignof _Alignof
#define __STDC__ 1
#define __STDC_VERSION__ 201112L
#define __STDC_HOSTED__ 1
#define __x86_64__ 1
#define __LP64__ 1
#define __linux__ 1
#define HUGE_VAL (1e308*10)
#define INFINITY (1e308*10)
#define M_PI 3.14159265358979323846
#define M_E 2.7182818284590452354
#define and &&
#define or ||
#define not !
"#;

/// The declarations every header provides (they are always visible; an
/// unknown header is an error). Parsed before the program, at line 0.
pub(crate) const PRELUDE_DECLS: &str = r#"
typedef unsigned long size_t;
typedef long ssize_t;
typedef long ptrdiff_t;
typedef long intptr_t;
typedef unsigned long uintptr_t;
typedef long intmax_t;
typedef unsigned long uintmax_t;
typedef signed char int8_t;
typedef unsigned char uint8_t;
typedef short int16_t;
typedef unsigned short uint16_t;
typedef int int32_t;
typedef unsigned int uint32_t;
typedef long int64_t;
typedef unsigned long uint64_t;
typedef signed char int_least8_t;
typedef unsigned char uint_least8_t;
typedef short int_least16_t;
typedef unsigned short uint_least16_t;
typedef int int_least32_t;
typedef unsigned int uint_least32_t;
typedef long int_least64_t;
typedef unsigned long uint_least64_t;
typedef signed char int_fast8_t;
typedef unsigned char uint_fast8_t;
typedef long int_fast16_t;
typedef unsigned long uint_fast16_t;
typedef long int_fast32_t;
typedef unsigned long uint_fast32_t;
typedef long int_fast64_t;
typedef unsigned long uint_fast64_t;
typedef int wchar_t;
typedef long off_t;
typedef struct __rampart_file FILE;
typedef char *__rampart_va_list;
extern FILE *stdin;
extern FILE *stdout;
extern FILE *stderr;
extern int errno;
void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t size);
void free(void *p);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *p, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *p, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t n);
char *strcpy(char *dst, const char *src);
char *strncpy(char *dst, const char *src, size_t n);
char *strcat(char *dst, const char *src);
char *strncat(char *dst, const char *src, size_t n);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *h, const char *n);
char *strdup(const char *s);
char *strndup(const char *s, size_t n);
char *strtok(char *s, const char *delim);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strpbrk(const char *s, const char *accept);
char *strerror(int e);
int printf(const char *fmt, ...);
int fprintf(FILE *f, const char *fmt, ...);
int sprintf(char *dst, const char *fmt, ...);
int snprintf(char *dst, size_t n, const char *fmt, ...);
int puts(const char *s);
int fputs(const char *s, FILE *f);
int putchar(int c);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int getchar(void);
int fgetc(FILE *f);
int getc(FILE *f);
int ungetc(int c, FILE *f);
char *fgets(char *dst, int n, FILE *f);
char *gets(char *dst);
int scanf(const char *fmt, ...);
int sscanf(const char *s, const char *fmt, ...);
int fflush(FILE *f);
void perror(const char *s);
int atoi(const char *s);
long atol(const char *s);
long long atoll(const char *s);
double atof(const char *s);
long strtol(const char *s, char **end, int base);
long long strtoll(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);
double strtod(const char *s, char **end);
int abs(int x);
long labs(long x);
long long llabs(long long x);
int isalpha(int c);
int isdigit(int c);
int isspace(int c);
int isalnum(int c);
int isupper(int c);
int islower(int c);
int isprint(int c);
int ispunct(int c);
int isxdigit(int c);
int iscntrl(int c);
int isgraph(int c);
int toupper(int c);
int tolower(int c);
_Noreturn void exit(int status);
_Noreturn void abort(void);
int rand(void);
void srand(unsigned int seed);
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
double sqrt(double x);
double pow(double x, double y);
double fabs(double x);
double floor(double x);
double ceil(double x);
double round(double x);
double fmod(double x, double y);
double log(double x);
double log2(double x);
double log10(double x);
double exp(double x);
double sin(double x);
double cos(double x);
double tan(double x);
double atan(double x);
double atan2(double y, double x);
double hypot(double x, double y);
double trunc(double x);
int isnan(double x);
int isinf(double x);
size_t fwrite(const void *p, size_t size, size_t n, FILE *f);
size_t fread(void *p, size_t size, size_t n, FILE *f);
int vprintf(const char *fmt, __rampart_va_list ap);
int vfprintf(FILE *f, const char *fmt, __rampart_va_list ap);
int vsprintf(char *dst, const char *fmt, __rampart_va_list ap);
int vsnprintf(char *dst, size_t n, const char *fmt, __rampart_va_list ap);
typedef struct { int quot; int rem; } div_t;
typedef struct { long quot; long rem; } ldiv_t;
div_t div(int a, int b);
ldiv_t ldiv(long a, long b);
void __rampart_assert_fail(const char *expr, const char *func, int line);
void __rampart_va_start(__rampart_va_list *ap);
void *__rampart_va_arg(__rampart_va_list *ap, size_t size);
"#;

struct Macro {
    id: u32,
    params: Option<Vec<Rc<str>>>,
    variadic: bool,
    body: Vec<PTok>,
}

struct Cond {
    /// This branch is being compiled.
    active: bool,
    /// Some branch of this `#if` chain was taken.
    taken: bool,
    seen_else: bool,
    parent_active: bool,
}

const MAX_EXPANSIONS: usize = 200_000;
const MAX_TOKENS: usize = 2_000_000;

pub(crate) struct Preprocessor {
    macros: HashMap<Rc<str>, Macro>,
    next_id: u32,
    pub diags: Vec<Diagnostic>,
    expansions: usize,
    /// Lines of the source being processed count from 1; the prelude is 0.
    builtin: bool,
    gave_up: bool,
}

fn tok(kind: TokenKind, text: &str, line: u32, col: u32) -> PTok {
    PTok {
        kind,
        text: Rc::from(text),
        line,
        col,
        space: false,
        hide: Rc::new(Vec::new()),
    }
}

/// Lexes `src` into lines of tokens (comments and whitespace dropped).
fn lex_lines(src: &str, builtin: bool) -> Vec<Vec<PTok>> {
    let mut lines: Vec<Vec<PTok>> = vec![Vec::new()];
    let mut lx = RawLexer::new(src);
    let bytes = src.as_bytes();
    let mut line: u32 = 1;
    let mut line_start = 0usize;
    let mut space = false;
    while let Some(t) = lx.next_token() {
        let text = &src[t.span.start..t.span.end];
        match t.kind {
            TokenKind::Whitespace | TokenKind::Comment => {
                space = true;
                let mut i = t.span.start;
                while i < t.span.end {
                    if bytes[i] == b'\n' {
                        line = line.saturating_add(1);
                        line_start = i + 1;
                        let spliced = i > 0 && bytes[i - 1] == b'\\'
                            || (i > 1 && bytes[i - 1] == b'\r' && bytes[i - 2] == b'\\');
                        if !spliced && t.kind == TokenKind::Whitespace {
                            lines.push(Vec::new());
                        }
                    }
                    i += 1;
                }
            }
            _ => {
                let col = src[line_start.min(t.span.start)..t.span.start]
                    .chars()
                    .count() as u32
                    + 1;
                let mut p = tok(t.kind, text, if builtin { 0 } else { line }, col);
                p.space = space;
                space = false;
                if let Some(l) = lines.last_mut() {
                    l.push(p);
                }
            }
        }
    }
    lines
}

impl Preprocessor {
    pub(crate) fn new() -> Self {
        let mut pp = Preprocessor {
            macros: HashMap::new(),
            next_id: 1,
            diags: Vec::new(),
            expansions: 0,
            builtin: true,
            gave_up: false,
        };
        let _ = pp.run(PRELUDE_MACROS);
        pp.builtin = false;
        pp
    }

    fn diag(&mut self, line: u32, col: u32, msg: String) {
        if self.builtin {
            return;
        }
        if self.diags.len() < 200 {
            self.diags.push(Diagnostic {
                line,
                column: col,
                message: msg,
            });
        }
    }

    /// Preprocesses a whole translation unit.
    pub(crate) fn run(&mut self, src: &str) -> Vec<PTok> {
        let builtin = self.builtin;
        let lines = lex_lines(src, builtin);
        let mut out = Vec::new();
        let mut pending: Vec<PTok> = Vec::new();
        let mut conds: Vec<Cond> = Vec::new();
        let mut last_line = 0;
        for line in lines {
            if self.gave_up {
                break;
            }
            let Some(first) = line.first() else { continue };
            last_line = first.line;
            let active = conds.last().is_none_or(|c| c.active);
            if first.kind == TokenKind::Preprocessor {
                let name: String = first.text[1..].trim().to_string();
                let (l, c) = (first.line, first.col);
                let args = &line[1..];
                match name.as_str() {
                    "if" | "ifdef" | "ifndef" => {
                        let v = if !active {
                            false
                        } else if name == "if" {
                            self.eval_if(args, l, c)
                        } else {
                            match args.first() {
                                Some(t)
                                    if t.kind == TokenKind::Ident
                                        || t.kind == TokenKind::Keyword =>
                                {
                                    self.macros.contains_key(&t.text) == (name == "ifdef")
                                }
                                _ => {
                                    self.diag(l, c, format!("#{name} needs a macro name"));
                                    false
                                }
                            }
                        };
                        conds.push(Cond {
                            active: active && v,
                            taken: v,
                            seen_else: false,
                            parent_active: active,
                        });
                    }
                    "elif" | "else" => {
                        if conds.is_empty() {
                            self.diag(l, c, format!("#{name} without a matching #if"));
                            continue;
                        }
                        let (parent, taken, seen_else) = match conds.last() {
                            Some(x) => (x.parent_active, x.taken, x.seen_else),
                            None => continue,
                        };
                        if seen_else {
                            self.diag(l, c, format!("#{name} after #else"));
                        }
                        let v = if !parent || taken {
                            false
                        } else if name == "elif" {
                            self.eval_if(args, l, c)
                        } else {
                            true
                        };
                        if let Some(x) = conds.last_mut() {
                            x.active = parent && v;
                            x.taken = taken || v;
                            x.seen_else = name == "else";
                        }
                    }
                    "endif" => {
                        if conds.pop().is_none() {
                            self.diag(l, c, "#endif without a matching #if".into());
                        }
                    }
                    _ if !active => {}
                    _ => {
                        // Flush text before the directive changes macros.
                        let chunk = std::mem::take(&mut pending);
                        self.expand_into(chunk, &mut out);
                        self.directive(&name, args, l, c);
                    }
                }
            } else if active {
                pending.extend(line);
            }
        }
        if !conds.is_empty() {
            self.diag(last_line, 1, "#if without a matching #endif".into());
        }
        let chunk = std::mem::take(&mut pending);
        self.expand_into(chunk, &mut out);
        for t in &mut out {
            if t.kind == TokenKind::Ident && is_keyword(&t.text) {
                t.kind = TokenKind::Keyword;
            }
        }
        out
    }

    fn expand_into(&mut self, chunk: Vec<PTok>, out: &mut Vec<PTok>) {
        if chunk.is_empty() {
            return;
        }
        let v = self.expand(chunk.into(), 0);
        if out.len() + v.len() > MAX_TOKENS {
            if !self.gave_up {
                let (l, c) = v.first().map(|t| (t.line, t.col)).unwrap_or((0, 0));
                self.diag(
                    l,
                    c,
                    "the program is too large after macro expansion".into(),
                );
                self.gave_up = true;
            }
            return;
        }
        out.extend(v);
    }

    fn directive(&mut self, name: &str, args: &[PTok], l: u32, c: u32) {
        match name {
            "" | "pragma" | "line" | "ident" => {}
            "include" => {
                let Some(t) = args.first() else {
                    self.diag(
                        l,
                        c,
                        "#include needs a header name, such as <stdio.h>".into(),
                    );
                    return;
                };
                let raw: String = args.iter().map(|t| &*t.text).collect();
                let header = raw.trim_matches(|ch| ch == '<' || ch == '>' || ch == '"');
                if HEADERS.contains(&header) {
                    if header == "assert.h" && self.macros.contains_key("NDEBUG") {
                        self.define_text("assert", Some(vec![Rc::from("e")]), "((void)0)");
                    }
                } else {
                    self.diag(
                        t.line,
                        t.col,
                        format!(
                            "cannot include '{header}': only the standard headers are available ({})",
                            HEADERS[..12].join(", ")
                        ),
                    );
                }
            }
            "define" => self.define(args, l, c),
            "undef" => {
                if let Some(t) = args.first() {
                    self.macros.remove(&t.text);
                } else {
                    self.diag(l, c, "#undef needs a macro name".into());
                }
            }
            "error" => {
                let msg: Vec<&str> = args.iter().map(|t| &*t.text).collect();
                self.diag(l, c, format!("#error {}", msg.join(" ")));
            }
            "warning" => {}
            _ => self.diag(l, c, format!("unknown preprocessor directive '#{name}'")),
        }
    }

    fn define_text(&mut self, name: &str, params: Option<Vec<Rc<str>>>, body: &str) {
        let body: Vec<PTok> = lex_lines(body, true).into_iter().flatten().collect();
        let id = self.next_id;
        self.next_id += 1;
        self.macros.insert(
            Rc::from(name),
            Macro {
                id,
                params,
                variadic: false,
                body,
            },
        );
    }

    fn define(&mut self, args: &[PTok], l: u32, c: u32) {
        let Some(name) = args.first() else {
            self.diag(l, c, "#define needs a macro name".into());
            return;
        };
        if name.kind != TokenKind::Ident && name.kind != TokenKind::Keyword {
            self.diag(
                name.line,
                name.col,
                format!("macro name must be an identifier, not '{}'", name.text),
            );
            return;
        }
        let mut i = 1;
        let mut params = None;
        let mut variadic = false;
        if args.get(1).is_some_and(|t| t.is("(") && !t.space) {
            let mut ps = Vec::new();
            i = 2;
            loop {
                let Some(t) = args.get(i) else {
                    self.diag(
                        l,
                        c,
                        format!("missing ')' in the parameter list of macro '{}'", name.text),
                    );
                    return;
                };
                i += 1;
                if t.is(")") {
                    break;
                } else if t.is(",") {
                    continue;
                } else if t.is("...") {
                    variadic = true;
                    ps.push(Rc::from("__VA_ARGS__"));
                } else if t.kind == TokenKind::Ident || t.kind == TokenKind::Keyword {
                    ps.push(t.text.clone());
                } else {
                    self.diag(
                        t.line,
                        t.col,
                        format!(
                            "unexpected '{}' in the parameter list of macro '{}'",
                            t.text, name.text
                        ),
                    );
                    return;
                }
            }
            params = Some(ps);
        }
        let body = args[i.min(args.len())..].to_vec();
        let id = self.next_id;
        self.next_id += 1;
        self.macros.insert(
            name.text.clone(),
            Macro {
                id,
                params,
                variadic,
                body,
            },
        );
    }

    /// Expands macros in a token stream (Prosser's algorithm with hide sets).
    fn expand(&mut self, mut input: VecDeque<PTok>, depth: u32) -> Vec<PTok> {
        let mut out = Vec::new();
        while let Some(t) = input.pop_front() {
            if t.kind != TokenKind::Ident && t.kind != TokenKind::Keyword {
                out.push(t);
                continue;
            }
            if t.is("__LINE__") {
                out.push(PTok {
                    kind: TokenKind::Number,
                    text: Rc::from(t.line.to_string().as_str()),
                    ..t
                });
                continue;
            }
            if t.is("__FILE__") {
                out.push(PTok {
                    kind: TokenKind::String,
                    text: Rc::from("\"prog.c\""),
                    ..t
                });
                continue;
            }
            let Some(m) = self.macros.get(&t.text) else {
                out.push(t);
                continue;
            };
            if t.hide.contains(&m.id) || depth > 64 {
                out.push(t);
                continue;
            }
            self.expansions += 1;
            if self.expansions > MAX_EXPANSIONS || out.len() + input.len() > MAX_TOKENS {
                if !self.gave_up {
                    self.diag(
                        t.line,
                        t.col,
                        "macro expansion does not terminate (or is far too large)".into(),
                    );
                    self.gave_up = true;
                }
                return out;
            }
            let id = m.id;
            let mut hide: Vec<u32> = (*t.hide).clone();
            hide.push(id);
            let hide = Rc::new(hide);
            let repl = match &m.params {
                None => {
                    let body = m.body.clone();
                    body.into_iter()
                        .map(|b| PTok {
                            line: t.line,
                            col: t.col,
                            hide: hide.clone(),
                            ..b
                        })
                        .collect::<Vec<_>>()
                }
                Some(params) => {
                    if !input.front().is_some_and(|n| n.is("(")) {
                        out.push(t);
                        continue;
                    }
                    let params = params.clone();
                    let variadic = m.variadic;
                    let body = m.body.clone();
                    input.pop_front();
                    let Some(args) = self.collect_args(&mut input, params.len(), variadic, &t)
                    else {
                        return out;
                    };
                    self.substitute(&body, &params, args, &t, &hide, depth)
                }
            };
            for r in repl.into_iter().rev() {
                input.push_front(r);
            }
        }
        out
    }

    fn collect_args(
        &mut self,
        input: &mut VecDeque<PTok>,
        nparams: usize,
        variadic: bool,
        at: &PTok,
    ) -> Option<Vec<Vec<PTok>>> {
        let mut args: Vec<Vec<PTok>> = vec![Vec::new()];
        let mut level = 0;
        loop {
            let Some(t) = input.pop_front() else {
                self.diag(
                    at.line,
                    at.col,
                    format!("unterminated call to macro '{}'", at.text),
                );
                return None;
            };
            if t.is("(") {
                level += 1;
            } else if t.is(")") {
                if level == 0 {
                    break;
                }
                level -= 1;
            } else if t.is(",") && level == 0 && !(variadic && args.len() >= nparams) {
                args.push(Vec::new());
                continue;
            }
            if let Some(a) = args.last_mut() {
                a.push(t);
            }
        }
        if nparams == 0 && args.len() == 1 && args[0].is_empty() {
            args.clear();
        }
        if variadic && args.len() + 1 == nparams {
            args.push(Vec::new());
        }
        if args.len() != nparams {
            self.diag(
                at.line,
                at.col,
                format!(
                    "macro '{}' takes {} argument(s), but {} were given",
                    at.text,
                    nparams,
                    args.len()
                ),
            );
            return Some(vec![Vec::new(); nparams]);
        }
        Some(args)
    }

    fn substitute(
        &mut self,
        body: &[PTok],
        params: &[Rc<str>],
        args: Vec<Vec<PTok>>,
        at: &PTok,
        hide: &Rc<Vec<u32>>,
        depth: u32,
    ) -> Vec<PTok> {
        let pidx = |t: &PTok| -> Option<usize> {
            if t.kind == TokenKind::Ident || t.kind == TokenKind::Keyword {
                params.iter().position(|p| *p == t.text)
            } else {
                None
            }
        };
        let here = |b: &PTok| PTok {
            line: at.line,
            col: at.col,
            hide: hide.clone(),
            ..b.clone()
        };
        let placemarker = PTok {
            kind: TokenKind::Unknown,
            text: Rc::from(""),
            line: at.line,
            col: at.col,
            space: false,
            hide: hide.clone(),
        };
        let mut out: Vec<PTok> = Vec::new();
        let mut i = 0;
        while i < body.len() {
            let b = &body[i];
            if b.is("#")
                && i + 1 < body.len()
                && let Some(p) = pidx(&body[i + 1])
            {
                out.push(PTok {
                    kind: TokenKind::String,
                    text: Rc::from(stringify(&args[p]).as_str()),
                    ..here(b)
                });
                i += 2;
                continue;
            }
            if b.is("##") && i + 1 < body.len() && !out.is_empty() {
                let r = &body[i + 1];
                let right: Vec<PTok> = match pidx(r) {
                    Some(p) => args[p].clone(),
                    None => vec![here(r)],
                };
                i += 2;
                if right.is_empty() {
                    if r.is("__VA_ARGS__") && out.last().is_some_and(|t| t.is(",")) {
                        out.pop();
                    }
                    continue;
                }
                let left = out.pop().unwrap_or_else(|| placemarker.clone());
                let joined = format!("{}{}", left.text, right[0].text);
                let mut pasted: Vec<PTok> =
                    lex_lines(&joined, true).into_iter().flatten().collect();
                if pasted.len() != 1 && !joined.is_empty() {
                    self.diag(
                        at.line,
                        at.col,
                        format!(
                            "pasting '{}' and '{}' does not give a valid token",
                            left.text, right[0].text
                        ),
                    );
                }
                for p in &mut pasted {
                    p.line = at.line;
                    p.col = at.col;
                    p.hide = hide.clone();
                    p.space = left.space;
                }
                out.extend(pasted);
                out.extend(right.into_iter().skip(1));
                continue;
            }
            if let Some(p) = pidx(b) {
                let next_is_paste = body.get(i + 1).is_some_and(|n| n.is("##"));
                let mut arg: Vec<PTok> = if next_is_paste {
                    args[p].clone()
                } else {
                    self.expand(args[p].clone().into(), depth + 1)
                };
                if arg.is_empty() && next_is_paste {
                    arg.push(placemarker.clone());
                }
                if let Some(first) = arg.first_mut() {
                    first.space = b.space;
                }
                for a in &mut arg {
                    let mut h: Vec<u32> = (*a.hide).clone();
                    h.extend(hide.iter().copied());
                    a.hide = Rc::new(h);
                }
                out.extend(arg);
                i += 1;
                continue;
            }
            out.push(here(b));
            i += 1;
        }
        out.retain(|t| !(t.kind == TokenKind::Unknown && t.text.is_empty()));
        out
    }

    fn eval_if(&mut self, args: &[PTok], l: u32, c: u32) -> bool {
        // Replace `defined X` and `defined(X)` before expanding.
        let mut toks: Vec<PTok> = Vec::new();
        let mut i = 0;
        while i < args.len() {
            if args[i].is("defined") {
                let (name, skip) = if args.get(i + 1).is_some_and(|t| t.is("(")) {
                    (args.get(i + 2), 4)
                } else {
                    (args.get(i + 1), 2)
                };
                let v = name.is_some_and(|n| self.macros.contains_key(&n.text));
                toks.push(tok(TokenKind::Number, if v { "1" } else { "0" }, l, c));
                i += skip;
            } else {
                toks.push(args[i].clone());
                i += 1;
            }
        }
        let toks = self.expand(toks.into(), 0);
        let mut ev = IfEval {
            toks: &toks,
            pos: 0,
            err: None,
        };
        let v = ev.ternary(0);
        if ev.err.is_none() && ev.pos < toks.len() {
            ev.err = Some(format!(
                "unexpected '{}' in #if expression",
                toks[ev.pos].text
            ));
        }
        if let Some(e) = ev.err {
            self.diag(l, c, e);
            return false;
        }
        v != 0
    }
}

fn stringify(arg: &[PTok]) -> String {
    let mut s = String::from("\"");
    for (i, t) in arg.iter().enumerate() {
        if i > 0 && t.space {
            s.push(' ');
        }
        if t.kind == TokenKind::String || t.kind == TokenKind::Char {
            for ch in t.text.chars() {
                if ch == '"' || ch == '\\' {
                    s.push('\\');
                }
                s.push(ch);
            }
        } else {
            s.push_str(&t.text);
        }
    }
    s.push('"');
    s
}

/// Parses an integer literal (with suffixes) the way `#if` and the parser do.
pub(crate) fn parse_int_literal(text: &str) -> Option<(u64, bool, u8)> {
    let lower = text.to_ascii_lowercase();
    let mut body = lower.as_str();
    let mut unsigned = false;
    let mut longs = 0u8;
    loop {
        if let Some(b) = body.strip_suffix('u') {
            unsigned = true;
            body = b;
        } else if let Some(b) = body.strip_suffix('l') {
            longs += 1;
            body = b;
        } else {
            break;
        }
    }
    let v = if let Some(h) = body.strip_prefix("0x") {
        u64::from_str_radix(h, 16).ok()?
    } else if let Some(b) = body.strip_prefix("0b") {
        u64::from_str_radix(b, 2).ok()?
    } else if body.len() > 1 && body.starts_with('0') {
        u64::from_str_radix(&body[1..], 8).ok()?
    } else {
        body.parse::<u64>().ok()?
    };
    Some((v, unsigned, longs))
}

struct IfEval<'a> {
    toks: &'a [PTok],
    pos: usize,
    err: Option<String>,
}

impl IfEval<'_> {
    fn peek(&self) -> Option<&str> {
        self.toks.get(self.pos).map(|t| &*t.text)
    }

    fn primary(&mut self, depth: u32) -> i64 {
        if depth > 100 {
            self.err
                .get_or_insert_with(|| "#if expression is nested too deeply".into());
            return 0;
        }
        let Some(t) = self.toks.get(self.pos) else {
            self.err
                .get_or_insert_with(|| "#if expression ends too early".into());
            return 0;
        };
        self.pos += 1;
        match &*t.text {
            "(" => {
                let v = self.ternary(depth + 1);
                if self.peek() == Some(")") {
                    self.pos += 1;
                } else {
                    self.err
                        .get_or_insert_with(|| "missing ')' in #if expression".into());
                }
                v
            }
            "!" => (self.primary(depth + 1) == 0) as i64,
            "-" => self.primary(depth + 1).wrapping_neg(),
            "+" => self.primary(depth + 1),
            "~" => !self.primary(depth + 1),
            _ => match t.kind {
                TokenKind::Number => match parse_int_literal(&t.text) {
                    Some((v, _, _)) => v as i64,
                    None => {
                        self.err.get_or_insert_with(|| {
                            format!("'{}' is not an integer in #if", t.text)
                        });
                        0
                    }
                },
                TokenKind::Char => crate::parser::char_value(&t.text).unwrap_or(0),
                TokenKind::Ident | TokenKind::Keyword => 0,
                _ => {
                    self.err.get_or_insert_with(|| {
                        format!("unexpected '{}' in #if expression", t.text)
                    });
                    0
                }
            },
        }
    }

    fn binary(&mut self, min: u8) -> i64 {
        let mut l = self.primary(0);
        loop {
            let Some(op) = self.peek() else { return l };
            let prec = match op {
                "*" | "/" | "%" => 10,
                "+" | "-" => 9,
                "<<" | ">>" => 8,
                "<" | ">" | "<=" | ">=" => 7,
                "==" | "!=" => 6,
                "&" => 5,
                "^" => 4,
                "|" => 3,
                "&&" => 2,
                "||" => 1,
                _ => return l,
            };
            if prec < min {
                return l;
            }
            let op = op.to_string();
            self.pos += 1;
            let r = self.binary(prec + 1);
            l = match op.as_str() {
                "*" => l.wrapping_mul(r),
                "/" | "%" if r == 0 => {
                    self.err
                        .get_or_insert_with(|| "division by zero in #if".into());
                    0
                }
                "/" => l.wrapping_div(r),
                "%" => l.wrapping_rem(r),
                "+" => l.wrapping_add(r),
                "-" => l.wrapping_sub(r),
                "<<" => l.wrapping_shl(r as u32),
                ">>" => l.wrapping_shr(r as u32),
                "<" => (l < r) as i64,
                ">" => (l > r) as i64,
                "<=" => (l <= r) as i64,
                ">=" => (l >= r) as i64,
                "==" => (l == r) as i64,
                "!=" => (l != r) as i64,
                "&" => l & r,
                "^" => l ^ r,
                "|" => l | r,
                "&&" => (l != 0 && r != 0) as i64,
                _ => (l != 0 || r != 0) as i64,
            };
        }
    }

    fn ternary(&mut self, depth: u32) -> i64 {
        if depth > 100 {
            self.err
                .get_or_insert_with(|| "#if expression is nested too deeply".into());
            return 0;
        }
        let c = self.binary(1);
        if self.peek() == Some("?") {
            self.pos += 1;
            let a = self.ternary(depth + 1);
            if self.peek() == Some(":") {
                self.pos += 1;
            } else {
                self.err
                    .get_or_insert_with(|| "missing ':' in #if expression".into());
            }
            let b = self.ternary(depth + 1);
            return if c != 0 { a } else { b };
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pp(src: &str) -> (String, Vec<Diagnostic>) {
        let mut p = Preprocessor::new();
        let toks = p.run(src);
        let s: Vec<String> = toks.iter().map(|t| t.text.to_string()).collect();
        (s.join(" "), p.diags)
    }

    #[test]
    fn object_and_function_macros() {
        assert_eq!(pp("#define N 10\nint a[N];").0, "int a [ 10 ] ;");
        assert_eq!(
            pp("#define SQ(x) ((x)*(x))\nSQ(a+1)").0,
            "( ( a + 1 ) * ( a + 1 ) )"
        );
        assert_eq!(pp("#define S(x) #x\nS(a \"b\")").0, "\"a \\\"b\\\"\"");
        assert_eq!(pp("#define C(a,b) a##b\nC(x,1)").0, "x1");
        assert_eq!(pp("#define f(x) x+f(x)\nf(1)").0, "1 + f ( 1 )");
        assert_eq!(
            pp("#define P(...) printf(__VA_ARGS__)\nP(\"%d\", 1)").0,
            "printf ( \"%d\" , 1 )"
        );
        assert_eq!(
            pp("#define E(fmt, ...) f(fmt, ## __VA_ARGS__)\nE(\"x\")").0,
            "f ( \"x\" )"
        );
    }

    #[test]
    fn conditionals() {
        let (s, d) = pp(
            "#define A 2\n#if A > 1 && defined(A)\nyes\n#elif 1\nno\n#else\nno\n#endif\n#ifndef B\nb\n#endif",
        );
        assert_eq!(s, "yes b");
        assert!(d.is_empty());
        assert_eq!(pp("#if 0\n#if 1\nx\n#endif\n#else\ny\n#endif").0, "y");
    }

    #[test]
    fn errors() {
        let (_, d) = pp("#include <foo.h>\n#include <stdio.h>\n#if 1\n");
        assert_eq!(d.len(), 2);
        assert!(d[0].message.contains("foo.h"));
        let (_, d) = pp("#define f(x) f(x) f(x)\n#define g f(g) f(g)\ng");
        assert!(d.len() <= 1);
        let (_, d) = pp("#define a b\n#define b a\na b");
        assert!(d.is_empty());
    }
}
