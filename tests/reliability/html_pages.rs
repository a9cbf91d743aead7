//! HTML main text on saved pages of several real layouts (written for these tests)
//! and case f11, the `<br><br>` layout-table page.

use stancemap::article::{Article, ArticleFormat};

use super::{extract_json, fixture, positions};

fn page(name: &str) -> Article {
    let raw = std::fs::read(fixture(&format!("pages/{name}"))).unwrap();
    Article::parse(&raw, ArticleFormat::Html)
}

/// Every `kept` phrase is in the text, no `dropped` phrase is.
fn check(article: &Article, kept: &[&str], dropped: &[&str]) {
    for phrase in kept {
        assert!(
            article.text.contains(phrase),
            "lost {phrase:?} from {:?}",
            article.text
        );
    }
    for phrase in dropped {
        assert!(
            !article.text.contains(phrase),
            "{phrase:?} leaked into {:?}",
            article.text
        );
    }
}

#[test]
fn wire_mirror() {
    let article = page("wire_mirror.html");
    check(
        &article,
        &[
            "Chile on Monday backed a regional pact",
            "Bolivia rejected the pact",
            "Argentina said it would study",
            "Peru welcomed the talks",
        ],
        &[
            "Sign in",
            "Sign up",
            "Related coverage",
            "Storm hits",
            "Republished",
            "Most read",
        ],
    );
}

#[test]
fn government_press_release() {
    let article = page("gov_press_release.html");
    check(
        &article,
        &[
            "Norway supports the proposed moratorium",
            "Iceland also endorsed the moratorium",
            "could be extended by consensus",
        ],
        &[
            "official website",
            "Skip to main",
            "Visiting address",
            "Share",
            "Print",
        ],
    );
}

#[test]
fn blog_with_sidebars() {
    let article = page("blog_sidebars.html");
    check(
        &article,
        &[
            "Ghana opposes the cocoa levy",
            "Côte d'Ivoire, the largest producer",
            "The Commission defended the levy",
        ],
        &[
            "About me",
            "journalist based in Accra",
            "Subscribe by e-mail",
            "Archives",
            "Blogroll",
        ],
    );
}

#[test]
fn paginated_article() {
    let article = page("paginated.html");
    check(
        &article,
        &[
            "Kazakhstan on Wednesday backed",
            "Russia opposes the pipeline",
            "Azerbaijan welcomed the decision",
        ],
        &["Next page", "Read 48 comments", "Steppe Times"],
    );
}

#[test]
fn br_paragraphs_in_a_layout_table_read_like_the_p_control() {
    let article = page("../cases/f11_br_paragraphs_layout_table.html");
    check(
        &article,
        &[
            "Kenya backs ceasefire talks in eastern Congo",
            "Kenya on Wednesday backed the ceasefire",
            "Rwanda rejected the sanctions proposed by the European Union, calling them unjustified.",
            "Uganda supports the peace talks hosted in Doha.",
        ],
        &["cookies", "Home", "Contact"],
    );
    // `<br><br>` ends a paragraph: the dateline sentence starts its own.
    assert!(
        article.text.contains("eastern Congo\n\nNAIROBI"),
        "{:?}",
        article.text
    );
    let (control, _) = extract_json(&fixture("cases/f11_control_p_paragraphs.html"));
    let (table, _) = extract_json(&fixture("cases/f11_br_paragraphs_layout_table.html"));
    assert!(!positions(&control).is_empty());
    assert_eq!(positions(&table), positions(&control));
}

#[test]
fn a_page_whose_story_is_lost_says_so() {
    // The story is all link text (a teaser list); only the short banner survives.
    let links: String = (0..40)
        .map(|n| format!("<a href=\"/s{n}\">Story number {n} about the summit talks</a><br>"))
        .collect();
    let page =
        format!("<html><body><div><p>We use cookies.</p></div><div>{links}</div></body></html>");
    let article = Article::parse(page.as_bytes(), ArticleFormat::Html);
    assert!(
        article.diagnostics.iter().any(|d| d.starts_with("only ")),
        "{:?}",
        article.diagnostics
    );
}

#[test]
fn html_runs_no_script_and_fetches_nothing() {
    // Parsing only: script text, event handlers and remote resources never reach the text.
    let page = b"<html><head><script src=\"http://127.0.0.1:9/x.js\"></script></head><body onload=\"fetch('http://127.0.0.1:9/')\"><article><p>Chile backs the pact.</p><img src=\"http://127.0.0.1:9/p.png\"><iframe src=\"http://127.0.0.1:9/\">Frame text</iframe><script>document.write('Injected text')</script></article></body></html>";
    let article = Article::parse(page, ArticleFormat::Html);
    assert_eq!(article.text, "Chile backs the pact.");
}
