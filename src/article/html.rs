//! HTML articles: a real parser (scraper/html5ever), boilerplate dropped, the main text
//! chosen readability-style as the container holding the most non-link text.
//!
//! Two passes over the tree, each linear in the number of nodes (no ancestor walks):
//! the first scores every container by the text under it, the second reads the chosen
//! container as paragraphs, where a block element or `<br><br>` ends a paragraph, so
//! old layout-table pages read as well as `<p>` pages. Scripts never run and nothing
//! is fetched: the page is only parsed.

use std::collections::HashMap;

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};

/// Elements whose whole subtree is page furniture, never article text.
const DROPPED: &[&str] = &[
    "script", "style", "nav", "footer", "header", "aside", "form", "noscript", "template",
    "iframe", "svg", "button", "head", "select", "object", "embed", "canvas", "math",
];
/// Elements that may hold the article body (old pages put it in a table cell).
const CONTAINERS: &[&str] = &[
    "article", "main", "div", "section", "body", "td", "th", "table", "tbody", "thead", "tr",
    "center",
];
/// The share of the text a child container needs to be chosen over its parent.
const MAIN_SHARE: f64 = 0.6;
/// Elements that start and end a paragraph of the output.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "hr",
    "figure",
    "figcaption",
    "address",
    "caption",
];
/// A paragraph whose text is at least this share link text is navigation.
const LINK_SHARE: f64 = 0.5;

/// The headline and the body paragraphs of an HTML page.
pub struct HtmlArticle {
    pub title: String,
    pub paragraphs: Vec<String>,
    /// Non-whitespace characters of readable text on the whole page (links included),
    /// to tell how much of it the chosen main text kept.
    pub page_chars: usize,
}

/// Reads the title (`<title>`, else the first `<h1>`) and the main text's paragraphs.
pub fn read_html(source: &str) -> HtmlArticle {
    let document = Html::parse_document(source);
    let title = first_text(&document, "title")
        .or_else(|| first_text(&document, "h1"))
        .unwrap_or_default();
    let root = document.root_element();
    let scores = score_containers(root);
    let best = choose_main(root, &scores);
    let paragraphs = read_paragraphs(best, &title);
    HtmlArticle {
        title,
        paragraphs,
        page_chars: scores.page_chars,
    }
}

fn element_name(node: ego_tree::NodeRef<'_, Node>) -> Option<&str> {
    match node.value() {
        Node::Element(element) => Some(element.name()),
        _ => None,
    }
}

fn is_dropped(node: ego_tree::NodeRef<'_, Node>) -> bool {
    element_name(node).is_some_and(|name| DROPPED.contains(&name))
}

fn is_container(node: ego_tree::NodeRef<'_, Node>) -> bool {
    element_name(node).is_some_and(|name| CONTAINERS.contains(&name))
}

type NodeId = ego_tree::NodeId;

/// Per container: the non-link text under it (its own and its containers'), and its
/// child containers in document order.
struct Scores {
    total: HashMap<NodeId, f64>,
    children: HashMap<NodeId, Vec<NodeId>>,
    page_chars: usize,
}

/// One pre-order traversal with a stack of open containers: text counts for the
/// innermost container, and a closing container passes its total to its parent.
fn score_containers(root: ElementRef<'_>) -> Scores {
    let mut scores = Scores {
        total: HashMap::new(),
        children: HashMap::new(),
        page_chars: 0,
    };
    let mut open: Vec<NodeId> = vec![root.id()];
    let mut dropping: Option<NodeId> = None;
    let mut link_depth = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if dropping.is_some() {
                    continue;
                }
                if is_dropped(node) {
                    dropping = Some(node.id());
                    continue;
                }
                if element_name(node) == Some("a") {
                    link_depth += 1;
                }
                if let Node::Text(text) = node.value() {
                    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
                    scores.page_chars += chars;
                    if link_depth == 0
                        && let Some(container) = open.last()
                    {
                        *scores.total.entry(*container).or_default() += chars as f64;
                    }
                }
                if node.id() != root.id() && is_container(node) {
                    if let Some(parent) = open.last() {
                        scores.children.entry(*parent).or_default().push(node.id());
                    }
                    open.push(node.id());
                }
            }
            Edge::Close(node) => {
                if let Some(dropped) = dropping {
                    if dropped == node.id() {
                        dropping = None;
                    }
                    continue;
                }
                if element_name(node) == Some("a") {
                    link_depth = link_depth.saturating_sub(1);
                }
                if node.id() != root.id() && is_container(node) {
                    open.pop();
                    let own = scores.total.get(&node.id()).copied().unwrap_or_default();
                    if let Some(parent) = open.last() {
                        *scores.total.entry(*parent).or_default() += own;
                    }
                }
            }
        }
    }
    scores
}

/// Starting from the root, descend into the child container with the most text while
/// it holds most of it, so a sidebar, promo box or cookie banner is left out but a
/// body split into sibling divs stays whole.
fn choose_main<'a>(root: ElementRef<'a>, scores: &Scores) -> ElementRef<'a> {
    let score = |id: &NodeId| scores.total.get(id).copied().unwrap_or_default();
    let mut best = root;
    let mut best_score = score(&root.id());
    loop {
        let heaviest = scores.children.get(&best.id()).and_then(|children| {
            children
                .iter()
                .max_by(|left, right| score(left).total_cmp(&score(right)))
        });
        let Some(child) = heaviest else {
            break;
        };
        let child_score = score(child);
        if child_score <= 0.0 || child_score < MAIN_SHARE * best_score {
            break;
        }
        let Some(element) = best.tree().get(*child).and_then(ElementRef::wrap) else {
            break;
        };
        best = element;
        best_score = child_score;
    }
    best
}

/// The paragraphs under `best`: text runs cut at block elements and at `<br><br>`,
/// whitespace collapsed, mostly-link runs and a leading copy of the title left out.
fn read_paragraphs(best: ElementRef<'_>, title: &str) -> Vec<String> {
    let mut reader = ParagraphReader {
        title,
        paragraphs: Vec::new(),
        current: String::new(),
        current_chars: 0,
        link_chars: 0,
    };
    let mut dropping: Option<NodeId> = None;
    let mut link_depth = 0usize;
    let mut after_break = false;
    for edge in best.traverse() {
        match edge {
            Edge::Open(node) => {
                if dropping.is_some() {
                    continue;
                }
                if is_dropped(node) {
                    dropping = Some(node.id());
                    continue;
                }
                match node.value() {
                    Node::Text(text) => {
                        if !text.trim().is_empty() {
                            after_break = false;
                        }
                        reader.push(text, link_depth > 0);
                    }
                    Node::Element(element) => match element.name() {
                        "br" => {
                            if after_break {
                                reader.flush();
                                after_break = false;
                            } else {
                                reader.push(" ", false);
                                after_break = true;
                            }
                        }
                        "a" => link_depth += 1,
                        // A table cell or list item separates words even without whitespace.
                        name if BLOCKS.contains(&name) || CONTAINERS.contains(&name) => {
                            reader.flush();
                            after_break = false;
                        }
                        _ => {}
                    },
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(dropped) = dropping {
                    if dropped == node.id() {
                        dropping = None;
                    }
                    continue;
                }
                match element_name(node) {
                    Some("a") => link_depth = link_depth.saturating_sub(1),
                    Some(name) if BLOCKS.contains(&name) || CONTAINERS.contains(&name) => {
                        reader.flush();
                        after_break = false;
                    }
                    _ => {}
                }
            }
        }
    }
    reader.flush();
    reader.paragraphs
}

struct ParagraphReader<'t> {
    title: &'t str,
    paragraphs: Vec<String>,
    current: String,
    current_chars: usize,
    link_chars: usize,
}

impl ParagraphReader<'_> {
    fn push(&mut self, text: &str, in_link: bool) {
        let chars = text.chars().filter(|c| !c.is_whitespace()).count();
        self.current_chars += chars;
        if in_link {
            self.link_chars += chars;
        }
        self.current.push_str(text);
    }

    fn flush(&mut self) {
        let text = collapse_whitespace(&self.current);
        let mostly_links = self.current_chars > 0
            && self.link_chars as f64 >= LINK_SHARE * self.current_chars as f64;
        self.current.clear();
        self.current_chars = 0;
        self.link_chars = 0;
        if text.is_empty() || mostly_links {
            return;
        }
        if self.paragraphs.is_empty() && text == self.title {
            return;
        }
        self.paragraphs.push(text);
    }
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
