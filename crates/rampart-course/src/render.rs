//! Markdown to HTML, at build time.
//!
//! The renderer walks pulldown-cmark's events and rewrites the ones Rampart
//! gives a meaning to: `{{exercise id}}` paragraphs become exercise slots,
//! headings get anchors, code blocks are highlighted, footnote references
//! whose label is a source id become citations, `lesson.md#anchor` links
//! become app routes, admonitions get a title. Raw HTML is never passed
//! through: each occurrence is reported with its line.

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};

use crate::highlight::{escape, highlight};
use crate::model::{Block, Heading};

/// A link from a lesson to a lesson (itself when `lesson` is `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalLink {
    pub lesson: Option<String>,
    pub anchor: Option<String>,
    pub line: u32,
}

/// A problem found while rendering, with the 1-based line in the Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderProblem {
    pub line: u32,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub blocks: Vec<Block>,
    pub toc: Vec<Heading>,
    /// Exercise ids embedded, with their lines.
    pub embeds: Vec<(String, u32)>,
    pub links: Vec<InternalLink>,
    /// Source ids cited, with their lines.
    pub citations: Vec<(String, u32)>,
    pub problems: Vec<RenderProblem>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_OLD_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_TASKLISTS
}

/// Line index of a text: byte offset to 1-based line.
struct Lines {
    starts: Vec<usize>,
    first_line: u32,
}

impl Lines {
    fn new(text: &str, first_line: u32) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { starts, first_line }
    }

    fn line(&self, offset: usize) -> u32 {
        let idx = self.starts.partition_point(|&s| s <= offset);
        u32::try_from(idx)
            .unwrap_or(u32::MAX)
            .saturating_add(self.first_line - 1)
    }
}

/// Turns heading text into an anchor: lowercase, runs of anything that is not
/// a letter or digit become one `-`, no leading or trailing `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

fn exercise_embed(text: &str) -> Option<&str> {
    let inner = text.trim().strip_prefix("{{")?.strip_suffix("}}")?.trim();
    let id = inner.strip_prefix("exercise")?;
    if !id.starts_with(char::is_whitespace) {
        return None;
    }
    Some(id.trim())
}

/// Renders a lesson body. `first_line` is the line of the body's first line in
/// the file (after front matter); `source_ids` are the ids citations may use.
pub fn render_lesson(markdown: &str, first_line: u32, source_ids: &[String]) -> Rendered {
    let lines = Lines::new(markdown, first_line);
    let mut out = Rendered::default();
    let events: Vec<(Event<'_>, std::ops::Range<usize>)> = Parser::new_ext(markdown, options())
        .into_offset_iter()
        .collect();

    // Footnote definitions that are not citations keep their own numbering.
    let mut footnote_numbers: Vec<String> = Vec::new();
    let mut defined_footnotes: Vec<String> = Vec::new();
    for (ev, _) in &events {
        if let Event::Start(Tag::FootnoteDefinition(label)) = ev {
            defined_footnotes.push(label.to_string());
        }
    }

    let mut html_events: Vec<Event<'_>> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let (ev, range) = &events[i];
        let line = lines.line(range.start);
        match ev {
            // `{{exercise id}}` alone in a paragraph.
            Event::Start(Tag::Paragraph) => {
                if let (Some((Event::Text(t), _)), Some((Event::End(TagEnd::Paragraph), _))) =
                    (events.get(i + 1), events.get(i + 2))
                    && let Some(id) = exercise_embed(t)
                {
                    flush(&mut out.blocks, &mut html_events);
                    out.blocks.push(Block::Exercise { id: id.to_string() });
                    out.embeds.push((id.to_string(), line));
                    i += 3;
                    continue;
                }
                html_events.push(ev.clone());
            }
            Event::Text(t) if t.contains("{{exercise") => {
                out.problems.push(RenderProblem {
                    line,
                    message: "`{{exercise …}}` must stand alone on its own line, with a blank line before and after".into(),
                });
                html_events.push(ev.clone());
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                let shown: String = h.trim().chars().take(40).collect();
                out.problems.push(RenderProblem {
                    line,
                    message: format!(
                        "raw HTML is not allowed in lessons (found `{shown}`); write it in Markdown"
                    ),
                });
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                // Gather the heading's inline events to get its text.
                let mut j = i + 1;
                let mut text = String::new();
                let mut inner = Vec::new();
                while let Some((e, _)) = events.get(j) {
                    if matches!(e, Event::End(TagEnd::Heading(_))) {
                        break;
                    }
                    if let Event::Text(t) | Event::Code(t) = e {
                        text.push_str(t);
                    }
                    inner.push(e.clone());
                    j += 1;
                }
                let anchor = id.as_ref().map_or_else(|| slug(&text), |s| s.to_string());
                if out.toc.iter().any(|h| h.anchor == anchor) {
                    out.problems.push(RenderProblem {
                        line,
                        message: format!(
                            "two headings have the anchor `#{anchor}`; give one an explicit `{{#other-anchor}}`"
                        ),
                    });
                }
                let level_n = heading_level(*level);
                if level_n == 1 {
                    out.problems.push(RenderProblem {
                        line,
                        message: "use `##` and below in a lesson: the title (front matter) is the only level-1 heading".into(),
                    });
                }
                out.toc.push(Heading {
                    level: level_n,
                    anchor: anchor.clone(),
                    text: text.clone(),
                });
                html_events.push(Event::Html(CowStr::from(format!(
                    "<h{level_n} id=\"{}\">",
                    escape(&anchor)
                ))));
                // Inline content of the heading is rendered by the HTML writer.
                for e in inner {
                    html_events.push(rewrite_inline(
                        e,
                        line,
                        source_ids,
                        &defined_footnotes,
                        &mut footnote_numbers,
                        &mut out,
                    ));
                }
                html_events.push(Event::Html(CowStr::from(format!("</h{level_n}>\n"))));
                i = j + 1;
                continue;
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                if !crate::highlight::knows_language(&lang) {
                    out.problems.push(RenderProblem {
                        line,
                        message: format!(
                            "unknown code block language `{lang}`: use c, rust, yaml, toml, json, sh, js, python, diff or text"
                        ),
                    });
                }
                let mut j = i + 1;
                let mut code = String::new();
                while let Some((e, _)) = events.get(j) {
                    match e {
                        Event::Text(t) => code.push_str(t),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                    j += 1;
                }
                let label = if lang.is_empty() {
                    "text"
                } else {
                    lang.as_str()
                };
                html_events.push(Event::Html(CowStr::from(format!(
                    "<pre class=\"code\" data-lang=\"{}\" tabindex=\"0\"><code>{}</code></pre>\n",
                    escape(label),
                    highlight(&code, &lang)
                ))));
                i = j + 1;
                continue;
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, title) = admonition(*kind);
                html_events.push(Event::Html(CowStr::from(format!(
                    "<div class=\"admonition {class}\" role=\"note\"><p class=\"admonition-title\">{title}</p>\n"
                ))));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                html_events.push(Event::Html(CowStr::from("</div>\n")));
            }
            Event::Start(Tag::Image { .. }) => {
                out.problems.push(RenderProblem {
                    line,
                    message:
                        "images are not supported in lessons yet; describe the picture in text"
                            .into(),
                });
                // Skip to the end of the image.
                let mut j = i + 1;
                while let Some((e, _)) = events.get(j) {
                    if matches!(e, Event::End(TagEnd::Image)) {
                        break;
                    }
                    j += 1;
                }
                i = j + 1;
                continue;
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                html_events.push(Event::Html(CowStr::from(format!(
                    "<div class=\"footnote\" id=\"fn-{}\">",
                    escape(label)
                ))));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                html_events.push(Event::Html(CowStr::from("</div>\n")));
            }
            other => {
                let e = rewrite_inline(
                    other.clone(),
                    line,
                    source_ids,
                    &defined_footnotes,
                    &mut footnote_numbers,
                    &mut out,
                );
                html_events.push(e);
            }
        }
        i += 1;
    }
    flush(&mut out.blocks, &mut html_events);
    out
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn admonition(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}

/// Rewrites links and footnote references; other events pass unchanged.
fn rewrite_inline<'a>(
    ev: Event<'a>,
    line: u32,
    source_ids: &[String],
    defined_footnotes: &[String],
    footnote_numbers: &mut Vec<String>,
    out: &mut Rendered,
) -> Event<'a> {
    match ev {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest = rewrite_link(&dest_url, line, out);
            Event::Start(Tag::Link {
                link_type,
                dest_url: CowStr::from(dest),
                title,
                id,
            })
        }
        Event::FootnoteReference(label) => {
            if let Some(n) = source_ids.iter().position(|s| s.as_str() == &*label) {
                out.citations.push((label.to_string(), line));
                Event::Html(CowStr::from(format!(
                    "<sup class=\"cite\"><a href=\"#source-{}\" aria-label=\"source {}\">[{}]</a></sup>",
                    escape(&label),
                    n + 1,
                    n + 1
                )))
            } else if defined_footnotes.iter().any(|d| d.as_str() == &*label) {
                let n = match footnote_numbers.iter().position(|f| f.as_str() == &*label) {
                    Some(n) => n + 1,
                    None => {
                        footnote_numbers.push(label.to_string());
                        footnote_numbers.len()
                    }
                };
                Event::Html(CowStr::from(format!(
                    "<sup class=\"footnote-ref\"><a href=\"#fn-{}\">{n}</a></sup>",
                    escape(&label)
                )))
            } else {
                out.problems.push(RenderProblem {
                    line,
                    message: format!(
                        "`[^{label}]` cites nothing: add a source with id \"{label}\" to the front matter, or a footnote `[^{label}]: …`"
                    ),
                });
                Event::Text(CowStr::from(format!("[^{label}]")))
            }
        }
        Event::Html(h) | Event::InlineHtml(h) => {
            out.problems.push(RenderProblem {
                line,
                message: format!(
                    "raw HTML is not allowed in lessons (found `{}`); write it in Markdown",
                    h.trim()
                ),
            });
            Event::Text(CowStr::from(""))
        }
        other => other,
    }
}

/// Checks a link destination and rewrites lesson links to app routes.
fn rewrite_link(dest: &str, line: u32, out: &mut Rendered) -> String {
    if dest.starts_with("https://") || dest.starts_with("http://") || dest.starts_with("mailto:") {
        return dest.to_string();
    }
    if let Some(anchor) = dest.strip_prefix('#') {
        out.links.push(InternalLink {
            lesson: None,
            anchor: Some(anchor.to_string()),
            line,
        });
        return dest.to_string();
    }
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (dest, None),
    };
    let file = path
        .trim_start_matches("./")
        .trim_start_matches("../lessons/");
    if let Some(lesson) = file.strip_suffix(".md")
        && !lesson.contains('/')
        && !lesson.contains(':')
    {
        out.links.push(InternalLink {
            lesson: Some(lesson.to_string()),
            anchor: anchor.clone(),
            line,
        });
        return match anchor {
            // Relative to the page's <base>, so links work wherever the
            // site is deployed (a sub-path, an LMS package).
            Some(a) => format!("lesson/{lesson}#{a}"),
            None => format!("lesson/{lesson}"),
        };
    }
    out.problems.push(RenderProblem {
        line,
        message: format!(
            "link `{dest}` is neither a web address (https://…) nor a lesson (`other-lesson.md#anchor`)"
        ),
    });
    "#".to_string()
}

fn flush(blocks: &mut Vec<Block>, events: &mut Vec<Event<'_>>) {
    if events.is_empty() {
        return;
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.drain(..));
    if !html.trim().is_empty() {
        blocks.push(Block::Html { html });
    }
}

/// Renders a short Markdown fragment (a prompt, an option, a hint). With
/// `inline`, a single wrapping paragraph is removed. Problems carry `line`.
pub fn render_fragment(markdown: &str, inline: bool, line: u32) -> (String, Vec<RenderProblem>) {
    let rendered = render_lesson(markdown, line, &[]);
    let mut problems = rendered.problems;
    if !rendered.embeds.is_empty() {
        problems.push(RenderProblem {
            line,
            message: "exercises cannot be embedded here".into(),
        });
    }
    let mut html = String::new();
    for b in rendered.blocks {
        if let Block::Html { html: h } = b {
            html.push_str(&h);
        }
    }
    if inline {
        let t = html.trim();
        if let Some(inner) = t.strip_prefix("<p>").and_then(|s| s.strip_suffix("</p>"))
            && !inner.contains("<p>")
        {
            return (inner.to_string(), problems);
        }
    }
    (html, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(md: &str) -> Rendered {
        render_lesson(md, 1, &["msrc".to_string()])
    }

    fn html(r: &Rendered) -> String {
        r.blocks
            .iter()
            .map(|b| match b {
                Block::Html { html } => html.clone(),
                Block::Exercise { id } => format!("[[{id}]]"),
            })
            .collect()
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Use after free"), "use-after-free");
        assert_eq!(slug("  `strcpy()` & friends! "), "strcpy-friends");
        assert_eq!(slug("CVE-2014-0160"), "cve-2014-0160");
    }

    #[test]
    fn exercises_split_the_lesson() {
        let r = render("Intro.\n\n{{exercise q-one}}\n\nMore.\n");
        assert_eq!(r.embeds, vec![("q-one".to_string(), 3)]);
        assert_eq!(r.blocks.len(), 3);
        assert_eq!(r.blocks[1], Block::Exercise { id: "q-one".into() });
        assert!(r.problems.is_empty());
    }

    #[test]
    fn raw_html_is_rejected_with_its_line() {
        let r = render("# no\n\nfine\n\n<script>alert(1)</script>\n\ntext <b>bold</b>\n");
        let lines: Vec<u32> = r.problems.iter().map(|p| p.line).collect();
        assert!(lines.contains(&5), "{:?}", r.problems);
        assert!(lines.contains(&7), "{:?}", r.problems);
        assert!(!html(&r).contains("<script"));
        assert!(!html(&r).contains("<b>"));
    }

    #[test]
    fn headings_get_anchors_and_toc() {
        let r = render("## Use after free\n\n### Fix {#the-fix}\n");
        assert_eq!(r.toc[0].anchor, "use-after-free");
        assert_eq!(r.toc[1].anchor, "the-fix");
        assert!(
            html(&r).contains("<h2 id=\"use-after-free\">Use after free</h2>"),
            "{}",
            html(&r)
        );
    }

    #[test]
    fn citations_and_unknown_footnotes() {
        let r = render("About 70 %.[^msrc] And[^nope].\n");
        assert_eq!(r.citations, vec![("msrc".to_string(), 1)]);
        assert!(html(&r).contains("href=\"#source-msrc\""));
        assert_eq!(r.problems.len(), 1);
        assert!(r.problems[0].message.contains("nope"));
    }

    #[test]
    fn lesson_links_become_routes() {
        let r = render("See [this](other.md#x) and [here](#top) and [bad](javascript:alert(1)).\n");
        assert!(html(&r).contains("href=\"lesson/other#x\""));
        assert_eq!(r.links.len(), 2);
        assert_eq!(r.problems.len(), 1);
        assert!(!html(&r).contains("javascript:"));
    }

    #[test]
    fn code_is_highlighted_and_tables_render() {
        let r = render("```c\nint x = 1 < 2;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        let h = html(&r);
        assert!(h.contains("<pre class=\"code\" data-lang=\"c\" tabindex=\"0\">"));
        assert!(h.contains("hl-"));
        assert!(h.contains("<table>"));
    }

    #[test]
    fn admonitions() {
        let r = render("> [!WARNING]\n> Careful.\n");
        let h = html(&r);
        assert!(h.contains("class=\"admonition warning\""), "{h}");
        assert!(h.contains("Careful."));
    }

    #[test]
    fn inline_fragment() {
        let (h, p) = render_fragment("Use `strcpy`", true, 3);
        assert_eq!(h, "Use <code>strcpy</code>");
        assert!(p.is_empty());
    }
}
