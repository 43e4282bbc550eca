//! The code editor's logic on plain strings: Tab and Shift-Tab, auto-indent
//! on Enter, C highlighting, and the gutter's markers.
//!
//! Offsets are byte offsets into UTF-8 text. The browser counts selections
//! in UTF-16 code units; [`utf16_to_byte`] and [`byte_to_utf16`] convert at
//! the edge. No function here panics on any offset: an offset past the end is
//! clamped to the end, one inside a character moves back to its start, and a
//! reversed selection is swapped.
//!
//! The text is assumed to use `\n` line ends: browsers normalise a
//! textarea's value to LF, so a `\r` is just another character here.

use rampart_cvm::lexer::{TokenKind, tokenize};

/// One level of indentation. Learners' starters use four spaces.
pub const INDENT: &str = "    ";

/// The text after an edit and where the selection ends up (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditResult {
    pub text: String,
    pub sel_start: usize,
    pub sel_end: usize,
}

/// Tab. With no selection, inserts four spaces at the cursor. With a
/// selection, indents every line it touches (blank lines stay blank) and
/// keeps the selection over the same code: Tab never deletes selected text,
/// which a learner would not expect from a key that means "indent".
pub fn indent(text: &str, sel_start: usize, sel_end: usize) -> EditResult {
    let (s, e) = selection(text, sel_start, sel_end);
    if s == e {
        let mut out = String::with_capacity(text.len() + INDENT.len());
        out.push_str(&text[..s]);
        out.push_str(INDENT);
        out.push_str(&text[s..]);
        let at = s + INDENT.len();
        return EditResult {
            text: out,
            sel_start: at,
            sel_end: at,
        };
    }
    let edits: Vec<Edit> = selected_line_starts(text, s, e)
        .into_iter()
        .filter(|&l| l < text.len() && text.as_bytes()[l] != b'\n')
        .map(|at| Edit {
            at,
            removed: 0,
            inserted: INDENT,
        })
        .collect();
    apply(text, &edits, s, e)
}

/// Shift-Tab: removes one level of indentation (up to four leading spaces,
/// or one leading tab) from every line the selection touches, or from the
/// cursor's line.
pub fn outdent(text: &str, sel_start: usize, sel_end: usize) -> EditResult {
    let (s, e) = selection(text, sel_start, sel_end);
    let edits: Vec<Edit> = selected_line_starts(text, s, e)
        .into_iter()
        .filter_map(|at| {
            let line = &text.as_bytes()[at..];
            let removed = if line.first() == Some(&b'\t') {
                1
            } else {
                line.iter()
                    .take(INDENT.len())
                    .take_while(|&&b| b == b' ')
                    .count()
            };
            (removed > 0).then_some(Edit {
                at,
                removed,
                inserted: "",
            })
        })
        .collect();
    apply(text, &edits, s, e)
}

/// Enter: replaces the selection with a newline and the current line's
/// indentation, one level more after a `{`. Blanks around the cursor are
/// dropped, so neither line is left with trailing spaces. When the cursor
/// stands before a `}`, the brace goes on its own line: between `{` and `}`
/// the cursor gets an indented line of its own above the brace; after code
/// (`x = 1;|}`) the brace is dedented to close the enclosing block.
pub fn newline(text: &str, sel_start: usize, sel_end: usize) -> EditResult {
    let (s, e) = selection(text, sel_start, sel_end);
    let ls = line_start(text, s);
    let head = &text[ls..s];
    let indent = &head[..head.len() - head.trim_start_matches([' ', '\t']).len()];
    let opens = head.trim_end().ends_with('{');
    let code_before = head.len() > indent.len();
    let after = &text[e..line_end(text, e)];
    let rest = e + (after.len() - after.trim_start_matches([' ', '\t']).len());
    let closes = text[rest..].starts_with('}');

    let left = text[..s].trim_end_matches([' ', '\t']);
    let mut out = String::with_capacity(text.len() + 2 * indent.len() + 2 * INDENT.len() + 2);
    out.push_str(left);
    out.push('\n');
    let cursor;
    if opens {
        out.push_str(indent);
        out.push_str(INDENT);
        cursor = out.len();
        if closes {
            out.push('\n');
            out.push_str(indent);
        }
    } else if closes && code_before {
        out.push_str(dedent(indent));
        cursor = out.len();
    } else {
        out.push_str(indent);
        cursor = out.len();
    }
    out.push_str(&text[rest..]);
    EditResult {
        text: out,
        sel_start: cursor,
        sel_end: cursor,
    }
}

/// The highlighted HTML of each line of `text` (as many entries as the text
/// has lines, `\n`-separated). Every line is self-contained: a token that
/// spans lines (a block comment) is closed at each line end and reopened on
/// the next line.
pub fn highlight(text: &str) -> Vec<String> {
    let mut lines = Vec::with_capacity(line_count(text));
    let mut cur = String::new();
    let mut pos = 0;
    for tok in tokenize(text) {
        let (start, end) = (tok.span.start, tok.span.end);
        // The lexer covers every byte; should it ever skip some, show them
        // plain rather than lose them.
        if start > pos
            && let Some(gap) = text.get(pos..start)
        {
            push_piece(&mut lines, &mut cur, gap, None);
        }
        if start < pos {
            continue;
        }
        let Some(src) = text.get(start..end) else {
            continue;
        };
        push_piece(&mut lines, &mut cur, src, class_of(tok.kind));
        pos = end;
    }
    if let Some(tail) = text.get(pos..) {
        push_piece(&mut lines, &mut cur, tail, None);
    }
    lines.push(cur);
    lines
}

/// The HTML for the `<pre>` under the textarea. It ends with an extra
/// newline because a `<pre>` does not draw a final empty line, while a
/// textarea whose text ends in `\n` does: without it the two would
/// disagree by one line at the bottom.
pub fn overlay_html(lines: &[String]) -> String {
    let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum::<usize>() + 1);
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(line);
    }
    out.push('\n');
    out
}

/// How many lines the editor shows: a text ending in `\n` has an empty last line.
pub fn line_count(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count() + 1
}

/// One line number in the gutter.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GutterLine {
    pub number: u32,
    /// Diagnostics and report messages on this line, in the order given.
    pub messages: Vec<String>,
    /// The line the learner's attention is drawn to (say, where a run stopped).
    pub current: bool,
}

impl GutterLine {
    pub fn marked(&self) -> bool {
        !self.messages.is_empty()
    }

    /// The messages for a tooltip and for screen readers.
    pub fn describe(&self) -> String {
        format!("Line {}: {}", self.number, self.messages.join("; "))
    }
}

/// The gutter for a text of `lines` lines. Markers outside the text (line 0,
/// or past the end after the learner deleted lines) are left out here; the
/// list under the editor still shows them.
pub fn gutter(lines: usize, markers: &[(u32, String)], current: Option<u32>) -> Vec<GutterLine> {
    let mut out: Vec<GutterLine> = (1..=u32::try_from(lines).unwrap_or(u32::MAX))
        .map(|number| GutterLine {
            number,
            messages: Vec::new(),
            current: current == Some(number),
        })
        .collect();
    for (line, message) in markers {
        if let Some(g) = (*line as usize).checked_sub(1).and_then(|i| out.get_mut(i)) {
            g.messages.push(message.clone());
        }
    }
    out
}

/// "Line N: message" for each marker, by line (stable for equal lines), so
/// screen readers get the markers as text.
pub fn marker_texts(markers: &[(u32, String)]) -> Vec<String> {
    let mut sorted: Vec<&(u32, String)> = markers.iter().collect();
    sorted.sort_by_key(|(line, _)| *line);
    sorted
        .into_iter()
        .map(|(line, message)| format!("Line {line}: {message}"))
        .collect()
}

/// The byte offset of a UTF-16 offset (as the DOM reports selections). An
/// offset inside a surrogate pair moves to the end of that character.
pub fn utf16_to_byte(text: &str, offset: usize) -> usize {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units >= offset {
            return i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// The UTF-16 offset of a byte offset (clamped like every offset here).
pub fn byte_to_utf16(text: &str, offset: usize) -> usize {
    text[..clamp(text, offset)].encode_utf16().count()
}

/// The smallest replacement that turns `old` into `new`: `old[start..end]`
/// becomes `insert`. The editor applies edits this way so the browser's undo
/// history keeps working.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Splice {
    pub start: usize,
    pub end: usize,
    pub insert: String,
}

pub fn splice(old: &str, new: &str) -> Splice {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let mut prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    while !(old.is_char_boundary(prefix) && new.is_char_boundary(prefix)) {
        prefix -= 1;
    }
    let max_suffix = a.len().min(b.len()) - prefix;
    let mut suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    while !(old.is_char_boundary(a.len() - suffix) && new.is_char_boundary(b.len() - suffix)) {
        suffix -= 1;
    }
    Splice {
        start: prefix,
        end: a.len() - suffix,
        insert: new[prefix..b.len() - suffix].to_string(),
    }
}

// ---------------------------------------------------------------------------

/// `inserted` goes in at `at`, after `removed` bytes there are taken out.
struct Edit {
    at: usize,
    removed: usize,
    inserted: &'static str,
}

/// Applies line-start edits (sorted by `at`, non-overlapping) and carries the
/// selection along.
fn apply(text: &str, edits: &[Edit], s: usize, e: usize) -> EditResult {
    let mut out = String::with_capacity(text.len() + edits.len() * INDENT.len());
    let mut pos = 0;
    for ed in edits {
        out.push_str(&text[pos..ed.at]);
        out.push_str(ed.inserted);
        pos = ed.at + ed.removed;
    }
    out.push_str(&text[pos..]);
    EditResult {
        text: out,
        // A selection starting at a line start keeps covering the whole line,
        // new indentation included.
        sel_start: map_offset(s, edits, s != e),
        sel_end: map_offset(e, edits, false),
    }
}

/// Where offset `p` lands after `edits`. Inside removed bytes it moves to
/// where they were; at an insertion point it moves past the insertion unless
/// `stay` (then it stays before it).
fn map_offset(p: usize, edits: &[Edit], stay: bool) -> usize {
    let mut added = 0;
    let mut gone = 0;
    for ed in edits.iter().take_while(|ed| ed.at <= p) {
        gone += (p - ed.at).min(ed.removed);
        if !(stay && ed.at == p) {
            added += ed.inserted.len();
        }
    }
    p + added - gone
}

/// `i` clamped to the text and moved back to a char boundary.
fn clamp(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn selection(text: &str, a: usize, b: usize) -> (usize, usize) {
    let (a, b) = (clamp(text, a), clamp(text, b));
    if a <= b { (a, b) } else { (b, a) }
}

fn line_start(text: &str, i: usize) -> usize {
    text[..i].rfind('\n').map_or(0, |p| p + 1)
}

fn line_end(text: &str, i: usize) -> usize {
    text[i..].find('\n').map_or(text.len(), |p| i + p)
}

/// The starts of the lines `s..e` touches. A selection that ends at the start
/// of a line (after selecting whole lines with Shift-Down) does not touch it.
fn selected_line_starts(text: &str, s: usize, e: usize) -> Vec<usize> {
    let last = if e > s && line_start(text, e) == e {
        e - 1
    } else {
        e
    };
    let mut starts = vec![line_start(text, s)];
    starts.extend(text[s..last].match_indices('\n').map(|(i, _)| s + i + 1));
    starts
}

/// `indent` less one level: four spaces or a tab.
fn dedent(indent: &str) -> &str {
    if let Some(shorter) = indent.strip_suffix('\t') {
        return shorter;
    }
    let spaces = indent.len() - indent.trim_end_matches(' ').len();
    &indent[..indent.len() - spaces.min(INDENT.len())]
}

fn class_of(kind: TokenKind) -> Option<&'static str> {
    Some(match kind {
        TokenKind::Keyword => "tok-kw",
        TokenKind::Ident => "tok-ident",
        TokenKind::Number => "tok-num",
        TokenKind::String => "tok-str",
        TokenKind::Char => "tok-char",
        TokenKind::Comment => "tok-comment",
        TokenKind::Preprocessor => "tok-pp",
        TokenKind::Punct => "tok-punct",
        TokenKind::Whitespace | TokenKind::Unknown => return None,
    })
}

/// Appends `src` to the lines, starting a new line at each `\n`, wrapping
/// each non-empty piece in its own span.
fn push_piece(lines: &mut Vec<String>, cur: &mut String, src: &str, class: Option<&str>) {
    for (i, piece) in src.split('\n').enumerate() {
        if i > 0 {
            lines.push(std::mem::take(cur));
        }
        if piece.is_empty() {
            continue;
        }
        match class {
            Some(class) => {
                cur.push_str("<span class=\"");
                cur.push_str(class);
                cur.push_str("\">");
                escape_into(cur, piece);
                cur.push_str("</span>");
            }
            None => escape_into(cur, piece),
        }
    }
}

pub(crate) fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text with `|` marking the cursor, or `[` and `]` marking a selection.
    #[track_caller]
    fn parse(marked: &str) -> (String, usize, usize) {
        let text: String = marked
            .chars()
            .filter(|c| !matches!(c, '|' | '[' | ']'))
            .collect();
        let find = |c: char| {
            let i = marked.find(c)?;
            Some(
                marked[..i]
                    .chars()
                    .filter(|c| matches!(c, '|' | '[' | ']'))
                    .count(),
            )
            .map(|n| i - n)
        };
        match (find('|'), find('['), find(']')) {
            (Some(p), None, None) => (text, p, p),
            (None, Some(s), Some(e)) => (text, s, e),
            _ => panic!("mark a cursor `|` or a selection `[...]` in {marked:?}"),
        }
    }

    /// The result with its cursor or selection marked the same way.
    fn show(r: &EditResult) -> String {
        let mut out = r.text.clone();
        if r.sel_start == r.sel_end {
            out.insert(r.sel_start, '|');
        } else {
            out.insert(r.sel_end, ']');
            out.insert(r.sel_start, '[');
        }
        out
    }

    #[track_caller]
    fn check(f: fn(&str, usize, usize) -> EditResult, before: &str, after: &str) {
        let (text, s, e) = parse(before);
        assert_eq!(show(&f(&text, s, e)), after, "from {before:?}");
    }

    #[test]
    fn tab_inserts_four_spaces_at_the_cursor() {
        check(indent, "int x;|", "int x;    |");
        check(indent, "|int x;", "    |int x;");
        check(indent, "a|b", "a    |b");
        check(indent, "|", "    |");
    }

    #[test]
    fn tab_indents_every_selected_line_and_keeps_the_selection() {
        check(indent, "a[b\nc\nd]e\nf", "    a[b\n    c\n    d]e\nf");
        // Starting at a line start, the selection grows over the new indent.
        check(indent, "[ab\ncd]", "[    ab\n    cd]");
        // Whole lines selected with Shift-Down end at the next line's start,
        // which is left alone.
        check(indent, "[ab\ncd\n]ef", "[    ab\n    cd\n]ef");
        // Blank lines get no trailing spaces.
        check(indent, "[a\n\nb]", "[    a\n\n    b]");
        // A selection within one line indents that line; nothing is deleted.
        check(indent, "x = [1];", "    x = [1];");
    }

    #[test]
    fn shift_tab_outdents_the_cursor_line() {
        check(outdent, "        x|;", "    x|;");
        check(outdent, "  x|;", "x|;");
        check(outdent, "\t\tx|;", "\tx|;");
        check(outdent, "x|;", "x|;");
        // A cursor inside the removed indentation moves to the line start.
        check(outdent, "  |  x;", "|x;");
        check(outdent, "  |    x;", "|  x;");
        check(outdent, "a\n    b|\nc", "a\nb|\nc");
    }

    #[test]
    fn shift_tab_outdents_every_selected_line() {
        check(outdent, "    a[b\n  c\nd\n    e]f", "a[b\nc\nd\ne]f");
        check(outdent, "[    ab\n    cd\n]    ef", "[ab\ncd\n]    ef");
        check(outdent, "  [  ab]", "[ab]");
    }

    #[test]
    fn enter_keeps_the_line_indentation() {
        check(newline, "    x = 1;|", "    x = 1;\n    |");
        check(newline, "x = 1;|", "x = 1;\n|");
        check(newline, "\tx;|", "\tx;\n\t|");
        check(newline, "|", "\n|");
        // The rest of the line moves down, without the blanks before it.
        check(newline, "    a;|  b;", "    a;\n    |b;");
        // Trailing blanks are not left behind.
        check(newline, "    a;   |", "    a;\n    |");
        check(newline, "    |", "\n    |");
        // Inside the indentation, only the part before the cursor counts.
        check(newline, "  |  x;", "\n  |x;");
    }

    #[test]
    fn enter_after_an_open_brace_indents_one_more_level() {
        check(newline, "int main(void) {|", "int main(void) {\n    |");
        check(newline, "    if (x) {  |", "    if (x) {\n        |");
        check(newline, "int f() {|}", "int f() {\n    |\n}");
        check(
            newline,
            "    while (1) {| }",
            "    while (1) {\n        |\n    }",
        );
    }

    #[test]
    fn enter_before_a_close_brace_puts_it_on_its_own_line() {
        // After code, the brace closes the enclosing block: one level less.
        check(newline, "        x = 1;|}", "        x = 1;\n    |}");
        check(newline, "    return 0;| }", "    return 0;\n|}");
        // On a line holding only the brace, the brace keeps its column.
        check(newline, "    |}", "\n    |}");
    }

    #[test]
    fn enter_replaces_the_selection() {
        check(newline, "    a[bc]d", "    a\n    |d");
        check(newline, "{[\n   ]}", "{\n    |\n}");
        check(newline, "[all]", "\n|");
    }

    #[test]
    fn edits_at_the_end_and_on_empty_text() {
        for f in [indent, outdent, newline] {
            let r = f("", 0, 0);
            assert!(r.sel_start <= r.text.len() && r.sel_end <= r.text.len());
        }
        check(outdent, "|", "|");
        check(indent, "a\n|", "a\n    |");
        check(newline, "a\n|", "a\n\n|");
        check(outdent, "a\n    [b]", "a\n[b]");
    }

    #[test]
    fn offsets_out_of_range_or_inside_a_character_are_clamped() {
        let r = indent("ab", 99, 99);
        assert_eq!(show(&r), "ab    |");
        // Reversed selections are swapped.
        assert_eq!(show(&outdent("    a\n    b", 11, 2)), "[a\nb]");
        // "é" is two bytes: offset 1 is inside it and moves back to 0.
        assert_eq!(show(&indent("é", 1, 1)), "    |é");
        assert_eq!(show(&newline("é€x", 4, 4)), "é\n|€x");
    }

    #[test]
    fn multibyte_text_is_edited_on_char_boundaries() {
        check(indent, "π = 3;|💥", "π = 3;    |💥");
        check(indent, "[é\n€]", "[    é\n    €]");
        check(outdent, "    «x»|", "«x»|");
        check(newline, "    s = \"日本\";|", "    s = \"日本\";\n    |");
    }

    #[test]
    fn no_offset_panics_or_leaves_a_char_boundary() {
        let texts = [
            "",
            "\n",
            "é",
            "  {\n\t}💥\n",
            "int f() {\n    return 0;\n}\n",
            "\r\n  x\r\n",
            "    ",
        ];
        for text in texts {
            for a in 0..=text.len() + 2 {
                for b in 0..=text.len() + 2 {
                    for f in [indent, outdent, newline] {
                        let r = f(text, a, b);
                        assert!(r.sel_start <= r.sel_end, "{text:?} {a} {b}");
                        assert!(r.text.is_char_boundary(r.sel_start), "{text:?} {a} {b}");
                        assert!(r.text.is_char_boundary(r.sel_end), "{text:?} {a} {b}");
                    }
                }
            }
        }
    }

    #[test]
    fn crlf_is_not_a_line_end() {
        // Browsers give textareas LF text; a stray CR is kept as a character.
        assert_eq!(line_count("a\r\nb"), 2);
        assert_eq!(
            highlight("a\r\nb"),
            vec![
                "<span class=\"tok-ident\">a</span>\r",
                "<span class=\"tok-ident\">b</span>"
            ]
        );
    }

    #[test]
    fn highlight_classes_every_kind_of_token() {
        let lines =
            highlight("#include <stdio.h>\nint x = 42; // n\nchar c = 'a'; char *s = \"<&>\";");
        assert_eq!(
            lines,
            vec![
                "<span class=\"tok-pp\">#include</span> <span class=\"tok-str\">&lt;stdio.h&gt;</span>",
                "<span class=\"tok-kw\">int</span> <span class=\"tok-ident\">x</span> \
                 <span class=\"tok-punct\">=</span> <span class=\"tok-num\">42</span>\
                 <span class=\"tok-punct\">;</span> <span class=\"tok-comment\">// n</span>",
                "<span class=\"tok-kw\">char</span> <span class=\"tok-ident\">c</span> \
                 <span class=\"tok-punct\">=</span> <span class=\"tok-char\">&#39;a&#39;</span>\
                 <span class=\"tok-punct\">;</span> <span class=\"tok-kw\">char</span> \
                 <span class=\"tok-punct\">*</span><span class=\"tok-ident\">s</span> \
                 <span class=\"tok-punct\">=</span> <span class=\"tok-str\">&quot;&lt;&amp;&gt;&quot;</span>\
                 <span class=\"tok-punct\">;</span>",
            ]
        );
    }

    #[test]
    fn highlight_gives_one_self_contained_line_per_line() {
        assert_eq!(highlight(""), vec![""]);
        assert_eq!(highlight("\n"), vec!["", ""]);
        assert_eq!(
            highlight("x\n\n"),
            vec!["<span class=\"tok-ident\">x</span>", "", ""]
        );
        // A block comment is closed at each line end and reopened.
        assert_eq!(
            highlight("/* a\n\n b */ x"),
            vec![
                "<span class=\"tok-comment\">/* a</span>",
                "",
                "<span class=\"tok-comment\"> b */</span> <span class=\"tok-ident\">x</span>",
            ]
        );
    }

    #[test]
    fn highlight_survives_unterminated_tokens() {
        assert_eq!(
            highlight("/* open\nint"),
            vec![
                "<span class=\"tok-comment\">/* open</span>",
                "<span class=\"tok-comment\">int</span>"
            ]
        );
        assert_eq!(
            highlight("s = \"open\nx"),
            vec![
                "<span class=\"tok-ident\">s</span> <span class=\"tok-punct\">=</span> \
                 <span class=\"tok-str\">&quot;open</span>",
                "<span class=\"tok-ident\">x</span>",
            ]
        );
        assert_eq!(
            highlight("'\\"),
            vec!["<span class=\"tok-char\">&#39;\\</span>"]
        );
    }

    #[test]
    fn highlight_keeps_multibyte_text_and_unknown_bytes() {
        assert_eq!(
            highlight("x = \"€\"; @ 💥"),
            vec![
                "<span class=\"tok-ident\">x</span> <span class=\"tok-punct\">=</span> \
                 <span class=\"tok-str\">&quot;€&quot;</span><span class=\"tok-punct\">;</span> @ 💥"
            ]
        );
    }

    #[test]
    fn ten_thousand_lines_are_fast() {
        let line = "    if (buf[i] == '\\0') { /* end */ return \"é\"; } // 💥\n";
        let text = line.repeat(10_000);
        let start = std::time::Instant::now();
        let lines = highlight(&text);
        assert_eq!(lines.len(), 10_001);
        assert_eq!(line_count(&text), 10_001);
        let html = overlay_html(&lines);
        assert!(html.len() > text.len());
        let all = indent(&text, 0, text.len());
        assert_eq!(line_count(&all.text), 10_001);
        let back = outdent(&all.text, all.sel_start, all.sel_end);
        assert_eq!(back.text, text);
        let mid = text.len() / 2;
        assert_eq!(line_count(&newline(&text, mid, mid).text), 10_002);
        assert_eq!(gutter(10_001, &[(5, "x".into())], Some(7)).len(), 10_001);
        let u = byte_to_utf16(&text, text.len());
        assert_eq!(utf16_to_byte(&text, u), text.len());
        assert_eq!(splice(&text, &all.text).start, 4);
        // Quadratic work on this input would take minutes, not seconds.
        assert!(start.elapsed().as_secs() < 5, "took {:?}", start.elapsed());
    }

    #[test]
    fn overlay_ends_with_an_extra_newline() {
        assert_eq!(overlay_html(&highlight("")), "\n");
        assert_eq!(
            overlay_html(&highlight("a\n")),
            "<span class=\"tok-ident\">a</span>\n\n"
        );
    }

    #[test]
    fn gutter_marks_lines_with_messages_and_the_current_line() {
        let markers = vec![
            (2, "use after free".to_string()),
            (2, "freed here".to_string()),
            (0, "nowhere".to_string()),
            (9, "past the end".to_string()),
        ];
        let g = gutter(3, &markers, Some(3));
        assert_eq!(g.len(), 3);
        assert!(!g[0].marked() && !g[0].current);
        assert!(g[1].marked());
        assert_eq!(g[1].describe(), "Line 2: use after free; freed here");
        assert!(g[2].current && !g[2].marked());
        assert_eq!(gutter(0, &markers, None), vec![]);
    }

    #[test]
    fn marker_texts_are_sorted_by_line() {
        let markers = vec![
            (7, "b".to_string()),
            (3, "a".to_string()),
            (7, "c".to_string()),
        ];
        assert_eq!(
            marker_texts(&markers),
            vec!["Line 3: a", "Line 7: b", "Line 7: c"]
        );
    }

    #[test]
    fn utf16_offsets_convert_both_ways() {
        let text = "aé💥b";
        // Bytes: a=0, é=1..3, 💥=3..7, b=7. UTF-16: a=0, é=1, 💥=2..4, b=4.
        assert_eq!(byte_to_utf16(text, 3), 2);
        assert_eq!(byte_to_utf16(text, 7), 4);
        assert_eq!(byte_to_utf16(text, 99), 5);
        assert_eq!(byte_to_utf16(text, 5), 2);
        assert_eq!(utf16_to_byte(text, 2), 3);
        assert_eq!(utf16_to_byte(text, 4), 7);
        assert_eq!(utf16_to_byte(text, 3), 7);
        assert_eq!(utf16_to_byte(text, 99), 8);
        assert_eq!(utf16_to_byte("", 1), 0);
    }

    #[test]
    fn splice_finds_the_changed_part() {
        let s = splice("a\nb\nc", "a\n    b\n    c");
        assert_eq!((s.start, s.end, s.insert.as_str()), (2, 4, "    b\n    "));
        let s = splice("    x", "x");
        assert_eq!((s.start, s.end, s.insert.as_str()), (0, 4, ""));
        let s = splice("same", "same");
        assert_eq!((s.start, s.end, s.insert.as_str()), (4, 4, ""));
        // Never splits a character: "é" and "è" share their first byte.
        let s = splice("é", "è");
        assert_eq!((s.start, s.end, s.insert.as_str()), (0, 2, "è"));
        let s = splice("aa", "a");
        assert_eq!((s.start, s.end, s.insert.as_str()), (1, 2, ""));
    }
}
