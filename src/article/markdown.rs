//! Markdown articles: markup stripped line by line into plain text, so sentence spans
//! index the cleaned text the user reads (headings, emphasis, links, list markers).

/// Markdown source → plain text with one line per source line (fences and rules blank).
pub fn strip_markdown(source: &str) -> String {
    let mut text = String::with_capacity(source.len());
    let mut in_fence = false;
    for line in source.split('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            text.push('\n');
            continue;
        }
        if in_fence {
            text.push_str(line);
            text.push('\n');
            continue;
        }
        if is_rule(trimmed) {
            text.push('\n');
            continue;
        }
        let body = strip_line_prefix(trimmed);
        strip_inline(body, &mut text);
        text.push('\n');
    }
    text.pop();
    text
}

/// `---`, `***`, `___` (spaces allowed) alone on a line.
fn is_rule(line: &str) -> bool {
    if !line.starts_with(['-', '*', '_']) {
        return false;
    }
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    compact.len() >= 3
        && (compact.chars().all(|c| c == '-')
            || compact.chars().all(|c| c == '*')
            || compact.chars().all(|c| c == '_'))
}

/// Drops heading hashes, blockquote marks and list markers at the start of a line.
fn strip_line_prefix(line: &str) -> &str {
    let mut line = line;
    while let Some(rest) = line.strip_prefix('>') {
        line = rest.trim_start();
    }
    let hashes = line.len() - line.trim_start_matches('#').len();
    if (1..=6).contains(&hashes) {
        let rest = line.get(hashes..).unwrap_or_default();
        if rest.is_empty() || rest.starts_with([' ', '\t']) {
            return rest.trim().trim_end_matches('#').trim_end();
        }
    }
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = line.strip_prefix(marker) {
            return rest.trim_start();
        }
    }
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if (1..=3).contains(&digits)
        && let Some(rest) = line.get(digits..)
        && let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") "))
    {
        return rest.trim_start();
    }
    line
}

/// Copies `line` into `out` without emphasis markers, code ticks and link syntax.
fn strip_inline(line: &str, out: &mut String) {
    let mut rest = line;
    while let Some(character) = rest.chars().next() {
        let width = character.len_utf8();
        match character {
            '*' | '`' => rest = rest.get(width..).unwrap_or_default(),
            '_' if !between_word_characters(out, rest) => {
                rest = rest.get(width..).unwrap_or_default();
            }
            '!' if rest.starts_with("![") => rest = rest.get(1..).unwrap_or_default(),
            '[' => match link_text(rest) {
                Some((label, after)) => {
                    strip_inline(label, out);
                    rest = after;
                }
                None => {
                    out.push('[');
                    rest = rest.get(1..).unwrap_or_default();
                }
            },
            _ => {
                out.push(character);
                rest = rest.get(width..).unwrap_or_default();
            }
        }
    }
}

/// An underscore inside a word (`snake_case`) is text, not emphasis.
fn between_word_characters(before: &str, rest: &str) -> bool {
    let previous = before.chars().next_back();
    let next = rest.get(1..).and_then(|after| after.chars().next());
    previous.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric)
}

/// For `[label](url)` or `[label][ref]` at the start of `rest`: the label and what follows.
fn link_text(rest: &str) -> Option<(&str, &str)> {
    let close = rest.find(']')?;
    let label = rest.get(1..close)?;
    let after = rest.get(close + 1..)?;
    let closing = match after.chars().next() {
        Some('(') => ')',
        Some('[') => ']',
        _ => return None,
    };
    let end = after.find(closing)?;
    Some((label, after.get(end + 1..)?))
}
