//! Lesson stories: splitting `ko.md`/`en.md` into steps (one per `##`
//! heading) and rendering Markdown to HTML safely (raw HTML is escaped).

use pulldown_cmark::{html, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

/// One step of a lesson's story: the text of a `##` heading and the
/// Markdown below it, up to the next `##` heading.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// The heading text, without the `## `.
    pub title: String,
    /// The Markdown body, trimmed.
    pub body: String,
}

/// The upper bound of steps in one story.
pub const STEPS_MAX: usize = 64;

/// Splits a story into steps, one per `##` heading. Text before the first
/// `##` (a `#` title, say) is not a step. Headings inside fenced code blocks
/// are not headings.
pub fn steps(markdown: &str) -> Vec<Step> {
    let mut out: Vec<Step> = Vec::new();
    let mut fence: Option<&str> = None;
    let mut body = String::new();
    let mut title: Option<String> = None;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
        } else if trimmed.starts_with("```") {
            fence = Some("```");
        } else if trimmed.starts_with("~~~") {
            fence = Some("~~~");
        } else if let Some(heading) = line.strip_prefix("## ") {
            if let Some(t) = title.take() {
                if out.len() < STEPS_MAX {
                    out.push(Step { title: t, body: body.trim().to_string() });
                }
            }
            body.clear();
            title = Some(heading.trim().trim_end_matches('#').trim().to_string());
            continue;
        }
        if title.is_some() {
            body.push_str(line);
            body.push('\n');
        }
    }
    if let Some(t) = title {
        if out.len() < STEPS_MAX {
            out.push(Step { title: t, body: body.trim().to_string() });
        }
    }
    out
}

/// Renders Markdown to HTML. Raw HTML in the source (blocks and inline) is
/// shown as text, never interpreted; links and images with a `javascript:`,
/// `vbscript:` or `data:` address lose it. Tables and strikethrough are on.
pub fn render_markdown_safe(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let parser = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            Event::Start(Tag::Link { link_type, dest_url: safe_url(dest_url), title, id })
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            Event::Start(Tag::Image { link_type, dest_url: safe_url(dest_url), title, id })
        }
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, parser);
    out
}

fn safe_url(url: pulldown_cmark::CowStr<'_>) -> pulldown_cmark::CowStr<'_> {
    let lower: String =
        url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase();
    if ["javascript:", "vbscript:", "data:"].iter().any(|s| lower.starts_with(s)) {
        pulldown_cmark::CowStr::Borrowed("#")
    } else {
        url
    }
}

/// Every link and image address in a Markdown text, in order.
pub fn links(markdown: &str) -> Vec<String> {
    Parser::new(markdown)
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
                Some(dest_url.to_string())
            }
            _ => None,
        })
        .collect()
}

/// The fenced code blocks of a Markdown text with their info string
/// (`yaml`, `sh`, …), in order. Tests use them to check that every YAML
/// snippet in a story parses.
pub fn code_blocks(markdown: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                current = Some((info, String::new()));
            }
            Event::Text(text) => {
                if let Some((_, body)) = current.as_mut() {
                    body.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(block) = current.take() {
                    out.push(block);
                }
            }
            _ => {}
        }
    }
    out
}

/// The text of the first `#` heading, if any (a story's title).
pub fn title(markdown: &str) -> Option<String> {
    let mut in_h1 = false;
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { level: HeadingLevel::H1, .. }) => in_h1 = true,
            Event::End(TagEnd::Heading(HeadingLevel::H1)) => return Some(out),
            Event::Text(t) | Event::Code(t) if in_h1 => out.push_str(&t),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_split_on_level_two_headings() {
        let md = "# Title\nintro\n\n## One\nfirst\n\n```yaml\n## not a heading\n```\n## Two ##\nsecond\n";
        let s = steps(md);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].title, "One");
        assert!(s[0].body.contains("## not a heading"), "{:?}", s[0].body);
        assert_eq!(s[1], Step { title: "Two".into(), body: "second".into() });
    }

    #[test]
    fn raw_html_is_escaped() {
        let cases = [
            ("<script>alert(1)</script>", "<script"),
            ("hi <img src=x onerror=alert(1)>", "<img"),
            ("<div onclick=\"x()\">a</div>", "<div"),
        ];
        for (md, bad) in cases {
            let html = render_markdown_safe(md);
            assert!(!html.contains(bad), "{md} → {html}");
            assert!(html.contains("&lt;"), "{md} → {html}");
        }
    }

    #[test]
    fn script_urls_are_dropped() {
        let html = render_markdown_safe("[x](javascript:alert(1)) ![y]( JavaScript:alert(2)) <javascript:alert(3)>");
        let lower = html.to_ascii_lowercase();
        assert!(!lower.contains("href=\"javascript") && !lower.contains("src=\"javascript"), "{html}");
        assert_eq!(lower.matches("href=\"#\"").count(), 2, "{html}");
        let ok = render_markdown_safe("[docs](https://kubernetes.io/docs/)");
        assert!(ok.contains("href=\"https://kubernetes.io/docs/\""), "{ok}");
    }

    #[test]
    fn markdown_renders() {
        let html = render_markdown_safe("**bold** and `code`\n\n```yaml\nkind: Pod\n```\n");
        assert!(html.contains("<strong>bold</strong>"));
        assert!(html.contains("<code>code</code>"));
        assert!(html.contains("kind: Pod"));
    }

    #[test]
    fn links_and_titles_are_found() {
        let md = "# The `Pod`\nsee [next](#/lesson/02-yaml) and ![d](diagram.svg)";
        assert_eq!(links(md), vec!["#/lesson/02-yaml", "diagram.svg"]);
        assert_eq!(title(md).as_deref(), Some("The Pod"));
    }
}
