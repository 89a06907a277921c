//! HTML without a template engine: one escaping wrapper and the page frame.
//!
//! Filings are untrusted: titles, snippets and URLs hold `<`, `&` and script-like text. Every
//! string goes into a page through [`Esc`], which escapes the five characters that matter in text
//! and in quoted attributes; the only markup not written by this module's callers is none at all —
//! even a snippet's `<b>` marks are rebuilt here from its highlight ranges. Pages also carry a
//! Content-Security-Policy without scripts, so an escaping mistake would still not run anything.

use std::fmt::{self, Write};

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::index::Snippet;

/// Displays a string HTML-escaped (safe in element text and in double- or single-quoted attributes).
#[derive(Debug, Clone, Copy)]
pub(super) struct Esc<'a>(pub &'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&rest[..at])?;
            f.write_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[at + 1..];
        }
        f.write_str(rest)
    }
}

/// A snippet as HTML: its text escaped, each matched range in `<b>…</b>`.
pub(super) fn snippet(s: &Snippet) -> String {
    let mut out = String::with_capacity(s.text.len() + 16 * s.highlights.len());
    for (part, matched) in s.parts() {
        let _ = if matched { write!(out, "<b>{}</b>", Esc(part)) } else { write!(out, "{}", Esc(part)) };
    }
    out
}

/// Whole US dollars as millions ("$21.0M"), or a dash when not reported.
pub(super) fn millions(value: Option<i64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("${:.1}M", v as f64 / 1e6))
}

/// A full page: the frame, the navigation and `body` (already HTML).
#[derive(Debug)]
pub(super) struct Page {
    pub status: StatusCode,
    pub title: String,
    pub body: String,
}

impl Page {
    pub fn ok(title: impl Into<String>, body: String) -> Page {
        Page { status: StatusCode::OK, title: title.into(), body }
    }
}

/// No scripts, no plugins, no framing, forms only to this server.
const PAGE_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1180px;padding:0 1em;color:#222}\
nav{padding:.8em 0;border-bottom:1px solid #ddd;margin-bottom:1em}nav a{margin-right:1.2em}\
form.search{display:flex;flex-wrap:wrap;gap:.5em;align-items:end}form.search label{display:flex;flex-direction:column;font-size:.85em}\
input[name=q]{width:24em}.hit{margin:1.2em 0}.hit .meta{color:#666;font-size:.85em}.snippet b{background:#fff3a8}\
.error{color:#a00;white-space:pre-wrap;font-family:monospace}table{border-collapse:collapse}\
td,th{padding:.25em .6em;border-bottom:1px solid #eee;text-align:right}td:first-child,th:first-child{text-align:left}\
.facets{font-size:.85em;color:#444}svg text{font-size:11px}.wide{overflow-x:auto}.wide td:not(:first-child){white-space:nowrap}#revenue-chart{max-width:100%;height:auto}\
.flag{font-size:.8em;padding:0 .4em;border-radius:.6em;background:#eee;white-space:nowrap}.flag.crossover{background:#fdd}\
.flag.new{background:#dfd}.flag.approaching{background:#ffe7b0}";

impl IntoResponse for Page {
    fn into_response(self) -> Response {
        let html = format!(
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{} · minewatch</title>\
             <style>{STYLE}</style></head><body><nav><a href=\"/\">Universe</a><a href=\"/search\">Search</a><a href=\"/signals\">Signals</a>\
             <a href=\"/api/companies\">API</a></nav><h1>{}</h1>\n{}</body></html>\n",
            Esc(&self.title),
            Esc(&self.title),
            self.body
        );
        let headers = [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, PAGE_POLICY),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ];
        (self.status, headers, html).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        let shown = Esc("<script>alert('x')</script> & \"AT&T\"").to_string();
        assert_eq!(shown, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;AT&amp;T&quot;");
    }

    #[test]
    fn snippet_marks_only_its_highlights_and_escapes_the_rest() {
        let s = Snippet {
            text: "<b>HPC</b> lease & <script>".to_string(),
            highlights: vec![(3, 6), (11, 16)],
            html: String::new(),
        };
        assert_eq!(snippet(&s), "&lt;b&gt;<b>HPC</b>&lt;/b&gt; <b>lease</b> &amp; &lt;script&gt;");
    }
}
