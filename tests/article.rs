//! Reading articles: sentence spans, headlines, encodings, Markdown and HTML cleanup.

#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use stancemap::article::{Article, ArticleFormat, split_sentences};

/// Parses `input` as `format` and compares its sentences with `expected`, checking spans.
fn check_format(input: &str, format: ArticleFormat, expected: &[&str]) -> Article {
    let article = Article::parse(input.as_bytes(), format);
    let actual: Vec<&str> = article
        .sentences
        .iter()
        .map(|sentence| {
            let text = &article.text[sentence.start..sentence.end];
            assert_eq!(text, article.sentence_text(*sentence));
            text
        })
        .collect();
    assert_eq!(
        actual, expected,
        "input: {input:?}\ntext: {:?}",
        article.text
    );
    article
}

fn check(input: &str, expected: &[&str]) -> Article {
    check_format(input, ArticleFormat::Text, expected)
}

#[test]
fn sentence_cases() {
    let cases: &[(&str, &[&str])] = &[
        ("One. Two.", &["One.", "Two."]),
        ("Is it? Yes! Fine.", &["Is it?", "Yes!", "Fine."]),
        // Abbreviations that never close a sentence.
        (
            "Gen. Smith met Dr. Jones and Mr. Lee. They agreed.",
            &["Gen. Smith met Dr. Jones and Mr. Lee.", "They agreed."],
        ),
        (
            "Sen. Warren and Rep. Ocasio-Cortez spoke. Gov. Newsom left.",
            &[
                "Sen. Warren and Rep. Ocasio-Cortez spoke.",
                "Gov. Newsom left.",
            ],
        ),
        // Dotted abbreviations mid-sentence and at a sentence end.
        (
            "U.S. officials said. Then they left.",
            &["U.S. officials said.", "Then they left."],
        ),
        (
            "Troops stayed in the U.S. The next day they flew.",
            &["Troops stayed in the U.S.", "The next day they flew."],
        ),
        (
            "The U.S. Senate and the U.N. Security Council met.",
            &["The U.S. Senate and the U.N. Security Council met."],
        ),
        (
            "Talks with the E.U. and U.K. negotiators resumed.",
            &["Talks with the E.U. and U.K. negotiators resumed."],
        ),
        // Initials.
        (
            "J. D. Vance met Donald J. Trump. It went well.",
            &["J. D. Vance met Donald J. Trump.", "It went well."],
        ),
        // Dates and numbers.
        (
            "The deal was signed on Jan. 5 and Sept. 12. It expired.",
            &["The deal was signed on Jan. 5 and Sept. 12.", "It expired."],
        ),
        (
            "Spending rose to 2.5 percent. No. 10 said so.",
            &["Spending rose to 2.5 percent.", "No. 10 said so."],
        ),
        (
            "Growth hit 3. Officials cheered.",
            &["Growth hit 3.", "Officials cheered."],
        ),
        (
            "e.g. sanctions, i.e. penalties, etc. remain. Acme Inc. The firm sued.",
            &[
                "e.g. sanctions, i.e. penalties, etc. remain.",
                "Acme Inc.",
                "The firm sued.",
            ],
        ),
        (
            "Apple vs. Google is a case. Smith Jr. Was late.",
            &["Apple vs. Google is a case.", "Smith Jr. Was late."],
        ),
        // Quotes: the sentence ends after the closing quote.
        (
            "He said, \"We will fight.\" Then he left.",
            &["He said, \"We will fight.\"", "Then he left."],
        ),
        (
            "“We will not accept it.” Kyiv agreed.",
            &["“We will not accept it.”", "Kyiv agreed."],
        ),
        (
            "‘Is this fair?’ She asked twice.",
            &["‘Is this fair?’", "She asked twice."],
        ),
        (
            "“This is a red line,” said Kallas. Moscow disagreed.",
            &["“This is a red line,” said Kallas.", "Moscow disagreed."],
        ),
        (
            "“Why now?” she asked. “Because.”",
            &["“Why now?” she asked.", "“Because.”"],
        ),
        // Dashes are not breaks.
        (
            "A ceasefire—an unprecedented concession—was offered. Kyiv – as expected – refused.",
            &[
                "A ceasefire—an unprecedented concession—was offered.",
                "Kyiv – as expected – refused.",
            ],
        ),
        // Ellipsis.
        ("We waited… Nothing came.", &["We waited…", "Nothing came."]),
        (
            "We waited... Nothing came.",
            &["We waited...", "Nothing came."],
        ),
        // Headline and byline lines end sentences without punctuation.
        (
            "NATO split over Crimea plan\nBy Jane Doe\nThe alliance met. It disagreed.",
            &[
                "NATO split over Crimea plan",
                "By Jane Doe",
                "The alliance met.",
                "It disagreed.",
            ],
        ),
        // A soft-wrapped paragraph continues in lowercase.
        (
            "The ministers met on\nTuesday in the\ncapital. They left.",
            &[
                "The ministers met on",
                "Tuesday in the\ncapital.",
                "They left.",
            ],
        ),
        // Paragraph breaks always end a sentence.
        ("Part one\n\nand part two.", &["Part one", "and part two."]),
        // Spans trim whitespace; no empty sentences.
        ("  \n  Hello there.   \n\n  ", &["Hello there."]),
        ("", &[]),
        ("No terminal punctuation", &["No terminal punctuation"]),
        // Caliber.Az and U.S.-led have no space after the dot.
        (
            "Caliber.Az reports a U.S.-led plan.",
            &["Caliber.Az reports a U.S.-led plan."],
        ),
    ];
    for (input, expected) in cases {
        check(input, expected);
    }
}

#[test]
fn headline_is_first_non_empty_line_and_its_own_sentence() {
    let article = check(
        "\n\nUkraine rejects plan\nKyiv said no. It was firm.",
        &["Ukraine rejects plan", "Kyiv said no.", "It was firm."],
    );
    assert_eq!(article.title, "Ukraine rejects plan");
    assert!(article.diagnostics.is_empty());
}

#[test]
fn crlf_is_normalised_before_spans() {
    let article = check(
        "Headline here\r\nFirst sentence. Second one.\r\n\r\nThird.\rFourth.",
        &[
            "Headline here",
            "First sentence.",
            "Second one.",
            "Third.",
            "Fourth.",
        ],
    );
    assert!(!article.text.contains('\r'));
    assert_eq!(article.title, "Headline here");
}

#[test]
fn bom_is_stripped() {
    let mut raw = vec![0xEF, 0xBB, 0xBF];
    raw.extend_from_slice("Title\nBody text.".as_bytes());
    let article = Article::parse(&raw, ArticleFormat::Text);
    assert_eq!(article.title, "Title");
    assert!(article.text.starts_with("Title"));
    assert!(article.diagnostics.is_empty());
}

#[test]
fn invalid_utf8_is_read_lossily_with_a_diagnostic() {
    let raw = b"Title\nBad \xff\xfe byte here. Next.";
    let article = Article::parse(raw, ArticleFormat::Text);
    // ASCII with two stray high bytes: a legacy 8-bit file, decoded by the detected
    // encoding (named in the diagnostic), never with replacement characters.
    assert_eq!(article.diagnostics.len(), 1);
    assert!(article.diagnostics[0].contains("not UTF-8; read as"));
    let sentences: Vec<&str> = article
        .sentences
        .iter()
        .map(|s| article.sentence_text(*s))
        .collect();
    assert_eq!(sentences.len(), 3, "{sentences:?}");
    assert!(sentences[1].starts_with("Bad ") && sentences[1].ends_with(" byte here."));
    assert!(!article.text.contains('\u{fffd}'));
    // UTF-8 text with a damaged byte stays UTF-8: only that byte is replaced.
    let mut raw = "Türkiye backs “it”. Bad ".as_bytes().to_vec();
    raw.extend([0xff, b'.']);
    let damaged = Article::parse(&raw, ArticleFormat::Text);
    assert!(
        damaged.text.starts_with("Türkiye backs “it”."),
        "{}",
        damaged.text
    );
    assert!(damaged.text.ends_with("Bad \u{fffd}."), "{}", damaged.text);
    assert!(
        damaged
            .diagnostics
            .iter()
            .any(|d| d.contains("not valid utf-8")),
        "{:?}",
        damaged.diagnostics
    );
}

#[test]
fn empty_and_binary_input_never_panic() {
    let empty = Article::parse(b"", ArticleFormat::Text);
    assert!(empty.sentences.is_empty());
    assert_eq!(empty.diagnostics, ["the article is empty"]);
    let binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    for format in [
        ArticleFormat::Text,
        ArticleFormat::Markdown,
        ArticleFormat::Html,
    ] {
        let article = Article::parse(&binary, format);
        assert!(!article.diagnostics.is_empty());
        for sentence in &article.sentences {
            assert!(article.text.get(sentence.start..sentence.end).is_some());
        }
    }
}

#[test]
fn sentence_at_finds_the_containing_sentence() {
    let article = Article::parse(b"One two. Three four.", ArticleFormat::Text);
    let second = article.sentence_at(10).unwrap();
    assert_eq!(article.sentence_text(second), "Three four.");
    assert_eq!(article.sentence_at(8), None);
}

#[test]
fn markdown_markup_is_stripped() {
    let article = check_format(
        "# Ukraine *rejects* the plan\n\nKyiv said **no** to [the offer](https://example.org/x).\n\n- First item\n- Second item\n1. Numbered item\n\n> Quoted line here.\n\n---\n\nA snake_case_word and `code` stay. ![Map](map.png) shown.",
        ArticleFormat::Markdown,
        &[
            "Ukraine rejects the plan",
            "Kyiv said no to the offer.",
            "First item",
            "Second item",
            "Numbered item",
            "Quoted line here.",
            "A snake_case_word and code stay.",
            "Map shown.",
        ],
    );
    assert_eq!(article.title, "Ukraine rejects the plan");
    assert!(article.text.starts_with("Ukraine rejects the plan\n"));
}

#[test]
fn markdown_keeps_unclosed_brackets_and_trailing_hashes() {
    let article = check_format(
        "## Talks resume ##\nA [bracket stays. Done.",
        ArticleFormat::Markdown,
        &["Talks resume", "A [bracket stays.", "Done."],
    );
    assert_eq!(article.title, "Talks resume");
}

fn html_file(name: &str) -> Article {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/articles_io")
        .join(name);
    let raw = std::fs::read(&path).unwrap();
    Article::parse(&raw, ArticleFormat::from_path(&path))
}

#[test]
fn html_main_text_beats_sidebar_and_boilerplate() {
    let article = html_file("sidebar.html");
    assert_eq!(article.title, "Kyiv rejects peace offer");
    let sentences: Vec<&str> = article
        .sentences
        .iter()
        .map(|s| article.sentence_text(*s))
        .collect();
    assert_eq!(
        sentences,
        [
            "Kyiv rejects peace offer",
            "Ukraine on Tuesday rejected a U.S. proposal that would recognise Russian control of Crimea.",
            "“We will not trade our land,” President Zelenskyy said — and Europe agreed.",
            "Reactions",
            "The EU & NATO backed Kyiv’s stance.",
            "Officials in Brussels said talks would continue.",
        ]
    );
    for furniture in [
        "tracking",
        "Subscribe",
        "Menu",
        "Related",
        "Copyright",
        "color:",
        "Search",
    ] {
        assert!(
            !article.text.contains(furniture),
            "{furniture} leaked into {:?}",
            article.text
        );
    }
}

#[test]
fn html_title_falls_back_to_first_h1_and_split_body_is_joined() {
    let article = html_file("no_title.htm");
    assert_eq!(article.title, "Ceasefire holds in Gaza");
    assert_eq!(
        article.text,
        "Ceasefire holds in Gaza\n\nThe truce entered its third day on Monday.\n\nMediators in Cairo said both sides were complying.\n\nAid trucks crossed at Rafah."
    );
}

#[test]
fn html_without_text_is_a_diagnostic() {
    let article = Article::parse(
        b"<html><head><script>var x = 1;</script></head><body><nav>Home</nav></body></html>",
        ArticleFormat::Html,
    );
    assert_eq!(article.text, "");
    assert!(article.sentences.is_empty());
    assert_eq!(
        article.diagnostics,
        ["no readable text was found in the HTML"]
    );
}

#[test]
fn format_follows_the_extension() {
    use std::path::Path;
    assert_eq!(
        ArticleFormat::from_path(Path::new("a.HTM")),
        ArticleFormat::Html
    );
    assert_eq!(
        ArticleFormat::from_path(Path::new("a.md")),
        ArticleFormat::Markdown
    );
    assert_eq!(
        ArticleFormat::from_path(Path::new("a.txt")),
        ArticleFormat::Text
    );
    assert_eq!(
        ArticleFormat::from_path(Path::new("a")),
        ArticleFormat::Text
    );
}

#[test]
fn long_text_segments_into_every_sentence() {
    let paragraph = "The U.S. envoy met Gen. Smith on Jan. 5. “We will not accept it,” said Dr. Jones. Talks resumed in the U.K. The next round is set for 2.5 weeks later… Officials agreed!\n";
    let text = paragraph.repeat(20_000);
    // Speed is measured in `benches/`; here only the result is checked.
    let sentences = split_sentences(&text);
    assert_eq!(sentences.len(), 5 * 20_000);
}

proptest! {
    #[test]
    fn spans_are_ordered_in_bounds_and_on_char_boundaries(input in "\\PC{0,200}|[a-zA-Z .!?…“”\"'\n\r—U.S]{0,200}") {
        for format in [ArticleFormat::Text, ArticleFormat::Markdown, ArticleFormat::Html] {
            let article = Article::parse(input.as_bytes(), format);
            let mut previous_end = 0;
            for sentence in &article.sentences {
                prop_assert!(sentence.start < sentence.end);
                prop_assert!(sentence.start >= previous_end);
                prop_assert!(sentence.end <= article.text.len());
                prop_assert!(article.text.is_char_boundary(sentence.start));
                prop_assert!(article.text.is_char_boundary(sentence.end));
                let text = article.sentence_text(*sentence);
                prop_assert_eq!(text, text.trim());
                previous_end = sentence.end;
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(raw in proptest::collection::vec(any::<u8>(), 0..300)) {
        let article = Article::parse(&raw, ArticleFormat::Text);
        for sentence in &article.sentences {
            prop_assert!(article.text.get(sentence.start..sentence.end).is_some());
        }
    }
}

#[test]
fn long_html_keeps_every_paragraph() {
    let body = "<div class=\"x\"><p>The U.S. envoy met Gen. Smith on Jan. 5 &amp; left.</p><script>var a = 1;</script><ul><li>Link</li></ul></div>\n".repeat(10_000);
    let page = format!(
        "<html><head><title>Big</title></head><body><article>{body}</article></body></html>"
    );
    let article = Article::parse(page.as_bytes(), ArticleFormat::Html);
    assert_eq!(article.title, "Big");
    assert_eq!(article.sentences.len(), 1 + 2 * 10_000);
    assert!(!article.text.contains("var a"));
}

#[test]
fn whitespace_and_punctuation_floods_give_bounded_spans() {
    // Linear time is measured in `benches/`; here the floods must yield in-bounds spans.
    for (flood, expected) in [
        ("\n".repeat(300_000), Some(0)),
        ("a. \n".repeat(100_000), Some(1)),
        (" .".repeat(200_000), None),
        ("“…".repeat(100_000), None),
    ] {
        let sentences = split_sentences(&flood);
        assert!(
            sentences
                .iter()
                .all(|s| s.start <= s.end && s.end <= flood.len())
        );
        if let Some(expected) = expected {
            assert_eq!(sentences.len(), expected);
        }
    }
}

#[test]
fn html_line_breaks_separate_words() {
    let article = Article::parse(
        b"<html><body><article><p>Talks ended<br>without a deal.</p><p>Envoys left.</p></article></body></html>",
        ArticleFormat::Html,
    );
    assert_eq!(article.title, "");
    assert_eq!(article.text, "Talks ended without a deal.\n\nEnvoys left.");
}
