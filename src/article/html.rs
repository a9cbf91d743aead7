//! HTML articles: a real parser (scraper/html5ever), boilerplate dropped, the main text
//! chosen readability-style as the container holding the most paragraph text.

use std::collections::{HashMap, HashSet};

use scraper::{ElementRef, Html, Node, Selector};

/// Elements whose whole subtree is page furniture, never article text.
const DROPPED: &str =
    "script, style, nav, footer, header, aside, form, noscript, template, iframe, svg, button";
/// Elements that may hold the article body.
const CONTAINERS: &[&str] = &["article", "main", "div", "section", "body"];
/// The share of the paragraph text a child container needs to be chosen over its parent.
const MAIN_SHARE: f64 = 0.6;
/// Elements whose text becomes one paragraph of the output.
const BLOCKS: &[&str] = &["p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"];

/// The headline and the body paragraphs of an HTML page.
pub struct HtmlArticle {
    pub title: String,
    pub paragraphs: Vec<String>,
}

/// Reads the title (`<title>`, else the first `<h1>`) and the main text's paragraphs.
pub fn read_html(source: &str) -> HtmlArticle {
    let document = Html::parse_document(source);
    let mut dropped = HashSet::new();
    if let Ok(selector) = Selector::parse(DROPPED) {
        for element in document.select(&selector) {
            dropped.extend(element.descendants().map(|node| node.id()));
        }
    }

    // The text under an element without dropped subtrees, whitespace collapsed.
    let block_text = |element: ElementRef| -> String {
        let mut raw = String::new();
        for node in element.descendants() {
            if dropped.contains(&node.id()) {
                continue;
            }
            match node.value() {
                Node::Text(text) => raw.push_str(text),
                // A line break or table cell separates words even without whitespace.
                Node::Element(inner)
                    if matches!(inner.name(), "br" | "td" | "th" | "tr" | "li" | "div" | "p") =>
                {
                    raw.push(' ');
                }
                _ => {}
            }
        }
        collapse_whitespace(&raw)
    };

    let title = first_text(&document, "title")
        .or_else(|| first_text(&document, "h1"))
        .unwrap_or_default();

    // Readability-style choice: every paragraph's length counts for all containers
    // around it; starting from the outermost, descend into the child container with the
    // most paragraph text while it holds most of it, so a sidebar or promo box is left
    // out but a body split into sibling divs stays whole.
    let root = document.root_element();
    let elements: Vec<ElementRef> = root
        .descendants()
        .filter(|node| !dropped.contains(&node.id()))
        .filter_map(ElementRef::wrap)
        .collect();
    let is_container = |element: &ElementRef| CONTAINERS.contains(&element.value().name());
    let parent_container = |element: ElementRef<'_>| {
        element
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(is_container)
            .map_or(root.id(), |parent| parent.id())
    };
    let mut total: HashMap<_, f64> = HashMap::new();
    for element in elements.iter().rev() {
        let own = if element.value().name() == "p" {
            block_text(*element).len() as f64
        } else {
            total.get(&element.id()).copied().unwrap_or_default()
        };
        if own > 0.0 && (element.value().name() == "p" || is_container(element)) {
            *total.entry(parent_container(*element)).or_default() += own;
        }
    }
    let mut children: HashMap<_, Vec<ElementRef>> = HashMap::new();
    for element in elements.iter().filter(|element| is_container(element)) {
        let parent = parent_container(*element);
        children.entry(parent).or_default().push(*element);
    }
    let mut best = root;
    let mut best_score = total.get(&root.id()).copied().unwrap_or_default();
    let heaviest_child = |parent: ElementRef<'_>| {
        children.get(&parent.id()).and_then(|candidates| {
            candidates.iter().copied().max_by(|left, right| {
                let left = total.get(&left.id()).copied().unwrap_or_default();
                let right = total.get(&right.id()).copied().unwrap_or_default();
                left.total_cmp(&right)
            })
        })
    };
    while let Some(child) = heaviest_child(best) {
        let score = total.get(&child.id()).copied().unwrap_or_default();
        if score <= 0.0 || score < MAIN_SHARE * best_score {
            break;
        }
        best = child;
        best_score = score;
    }

    let mut paragraphs = Vec::new();
    let mut taken = HashSet::new();
    for node in best.descendants() {
        if dropped.contains(&node.id()) {
            continue;
        }
        let Some(element) = ElementRef::wrap(node) else {
            continue;
        };
        if !BLOCKS.contains(&element.value().name()) {
            continue;
        }
        let inside_taken = element
            .ancestors()
            .take_while(|ancestor| ancestor.id() != best.id())
            .any(|ancestor| taken.contains(&ancestor.id()));
        if inside_taken {
            continue;
        }
        taken.insert(element.id());
        let text = block_text(element);
        if !text.is_empty() && (!paragraphs.is_empty() || text != title) {
            paragraphs.push(text);
        }
    }
    if paragraphs.is_empty() {
        // No block markup at all: fall back to the page's loose text.
        let text = block_text(best);
        if !text.is_empty() && text != title {
            paragraphs.push(text);
        }
    }
    HtmlArticle { title, paragraphs }
}

fn first_text(document: &Html, selector: &str) -> Option<String> {
    let selector = Selector::parse(selector).ok()?;
    document
        .select(&selector)
        .map(|element| collapse_whitespace(&element.text().collect::<String>()))
        .find(|text| !text.is_empty())
}

fn collapse_whitespace(raw: &str) -> String {
    let mut text = String::with_capacity(raw.len());
    for word in raw.split_whitespace() {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(word);
    }
    text
}
