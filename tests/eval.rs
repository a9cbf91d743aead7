//! Scoring extraction against gold annotations: normalisation, matching, counts,
//! directory evaluation and its errors, and (when present) the shared corpus.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use stancemap::article::{Article, ArticleFormat};
use stancemap::eval::{
    self, Counts, ExtractionView, Gold, ISSUE_MATCH_THRESHOLD, IssueMatch, Kind, ViewActor,
    ViewIssue, ViewPosition, ViewRelation, content_words, match_actor, match_issue, normalise,
    overlap_coefficient, score_article,
};
use stancemap::extract::Lexicon;
use stancemap::stance_map::Stance;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/eval")
}

fn fixture_gold() -> Gold {
    let text = std::fs::read_to_string(data_dir().join("gold/alpha_border.json")).unwrap();
    Gold::from_json(&text).unwrap()
}

#[test]
fn normalise_cases() {
    let cases = [
        ("U.S.", "us"),
        ("The Kremlin", "kremlin"),
        ("the  White   House", "white house"),
        ("Zelenskyy’s", "zelenskyy"),
        ("Trump's", "trump"),
        // An apostrophe is punctuation: removed, not turned into a space.
        ("Côte d’Ivoire", "cote divoire"),
        ("São Tomé and Príncipe", "sao tome and principe"),
        ("Guinea-Bissau", "guinea bissau"),
        ("Bosnia/Herzegovina", "bosnia herzegovina"),
        ("crimea_recognition", "crimea recognition"),
        ("NATO—Russia", "nato russia"),
        ("“Quoted” Name", "quoted name"),
        ("Theresa May", "theresa may"),
        ("  ", ""),
        ("ＮＡＴＯ", "nato"),
    ];
    for (input, expected) in cases {
        assert_eq!(normalise(input), expected, "normalise({input:?})");
    }
}

#[test]
fn content_words_drop_stopwords_and_stem_lightly() {
    assert_eq!(
        content_words(["Recognition of Russian sovereignty over Crimea"]),
        ["crimea", "recogn", "russia", "sovere"]
    );
    // Plurals, British spellings and derived forms share a stem.
    assert_eq!(
        content_words(["sanctions", "sanction", "defence", "defense", "recognise"]),
        ["defens", "recogn", "sancti"]
    );
    assert_eq!(content_words(["Ukrainian"]), content_words(["Ukraine"]));
}

#[test]
fn overlap_coefficient_uses_the_smaller_set() {
    let left = content_words(["alpha beta gamma delta"]);
    let right = content_words(["alpha beta"]);
    assert_eq!(overlap_coefficient(&left, &right), 1.0);
    assert_eq!(overlap_coefficient(&left, &[]), 0.0);
}

fn issue(id: &str, label: &str, keywords: &[&str]) -> ViewIssue {
    ViewIssue {
        id: id.into(),
        label: label.into(),
        keywords: keywords.iter().map(|keyword| keyword.to_string()).collect(),
    }
}

#[test]
fn issue_matching_threshold() {
    let gold = Gold::from_json(
        r#"{"issues": [
            {"id": "first", "label": "alpha beta gamma"},
            {"id": "second", "label": "delta epsilon zeta"}
        ]}"#,
    )
    .unwrap();
    // 1 of 3 shared words: 0.33, just below the threshold.
    let below = match_issue(&gold, &issue("x", "alpha omega sigma", &[]));
    assert_eq!(below.best_gold.as_deref(), Some("first"));
    assert!((below.coefficient - 1.0 / 3.0).abs() < 1e-9);
    assert_eq!(below.gold(), None);
    // 1 of 2 shared words: 0.5, above it.
    let above = match_issue(&gold, &issue("y", "omega", &["zeta"]));
    assert_eq!(above.gold(), Some("second"));
    assert_eq!(above.coefficient, 0.5);
    // The boundary itself counts.
    let at = |coefficient| IssueMatch {
        extracted: "z".into(),
        best_gold: Some("first".into()),
        coefficient,
    };
    assert_eq!(at(ISSUE_MATCH_THRESHOLD).gold(), Some("first"));
    assert_eq!(at(ISSUE_MATCH_THRESHOLD - 0.001).gold(), None);
    // Keywords count, and the best gold issue wins.
    let keywords = match_issue(&gold, &issue("k", "", &["epsilon", "zeta", "alpha"]));
    assert_eq!(keywords.gold(), Some("second"));
    // An issue with no label or keywords is matched by its id.
    let by_id = match_issue(&gold, &issue("gamma_beta", "", &[]));
    assert_eq!(by_id.gold(), Some("first"));
}

#[test]
fn actor_matching_uses_id_name_and_aliases() {
    let gold = fixture_gold();
    let actor = |id: &str, name: &str, aliases: &[&str]| ViewActor {
        id: id.into(),
        name: name.into(),
        aliases: aliases.iter().map(|alias| alias.to_string()).collect(),
    };
    assert_eq!(
        match_actor(&gold, &actor("freedonia", "", &[])),
        Some("Freedonia")
    );
    assert_eq!(
        match_actor(&gold, &actor("x", "Rufus Firefly", &[])),
        Some("Freedonia")
    );
    assert_eq!(
        match_actor(&gold, &actor("x", "y", &["the European Union"])),
        Some("EU")
    );
    assert_eq!(
        match_actor(&gold, &actor("x", "Trentino’s", &[])),
        Some("Sylvania")
    );
    assert_eq!(
        match_actor(&gold, &actor("ruritania", "Ruritania", &[])),
        None
    );
}

fn position(actor: &str, issue: &str, stance: Stance) -> ViewPosition {
    ViewPosition {
        actor: actor.into(),
        issue: issue.into(),
        stance,
        evidence: format!("{actor} on {issue}."),
    }
}

fn relation(source: &str, target: &str, polarity: Stance) -> ViewRelation {
    ViewRelation {
        source: source.into(),
        target: target.into(),
        polarity,
        evidence: String::new(),
    }
}

fn counts(true_positives: usize, false_positives: usize, false_negatives: usize) -> Counts {
    Counts {
        true_positives,
        false_positives,
        false_negatives,
    }
}

#[test]
fn score_article_counts_triples_after_mapping() {
    let gold = fixture_gold();
    let view = ExtractionView {
        actors: vec![
            ViewActor {
                id: "freedonia".into(),
                name: "Freedonia".into(),
                aliases: vec![],
            },
            ViewActor {
                id: "firefly".into(),
                name: "Rufus Firefly".into(),
                aliases: vec![],
            },
            ViewActor {
                id: "ruritania".into(),
                name: "Ruritania".into(),
                aliases: vec![],
            },
            ViewActor {
                id: "eu".into(),
                name: "European Union".into(),
                aliases: vec!["EU".into()],
            },
        ],
        issues: vec![
            issue("border", "Border plan", &["demarcation"]),
            issue("weather", "Weather forecast", &[]),
        ],
        positions: vec![
            position("freedonia", "border", Stance::Oppose),
            // Merges into the same gold triple: counted once.
            position("firefly", "border", Stance::Oppose),
            position("ruritania", "border", Stance::Support),
            position("freedonia", "weather", Stance::Support),
        ],
        relations: vec![
            relation("eu", "freedonia", Stance::Support),
            // "Sylvania" is not in the actor list: its id alone is matched.
            relation("Sylvania", "firefly", Stance::Support),
        ],
    };
    let score = score_article(&gold, &view);
    assert_eq!(score.article, "alpha_border.txt");
    assert_eq!(score.positions, counts(1, 2, 1));
    assert_eq!(score.relations, counts(1, 1, 1));
    assert_eq!(score.actors, counts(3, 1, 0));
    assert_eq!(score.unmatched_actors, ["ruritania"]);
    let lines: Vec<String> = score
        .mismatches
        .iter()
        .map(|mismatch| mismatch.to_string().lines().next().unwrap().to_owned())
        .collect();
    assert_eq!(
        lines,
        [
            "FP actor ?ruritania",
            "FP position ?ruritania support border_plan (matches no gold id)",
            "FP position Freedonia support ?weather (matches no gold id)",
            "FN position Sylvania support border_plan",
            "FP relation Sylvania support Freedonia (gold says oppose)",
            "FN relation Sylvania oppose Freedonia (extracted as support)",
        ]
    );
    // False negatives quote the gold evidence, false positives the extracted one.
    assert!(
        score.mismatches[3]
            .to_string()
            .contains("put forward by Sylvania")
    );
    assert!(
        score.mismatches[1]
            .to_string()
            .contains("ruritania on border.")
    );

    let scores = score.positions.scores();
    assert!((scores.precision - 1.0 / 3.0).abs() < 1e-9);
    assert!((scores.recall - 0.5).abs() < 1e-9);
    assert!((scores.f1 - 0.4).abs() < 1e-9);
}

#[test]
fn empty_extraction_has_full_precision_and_zero_recall() {
    let score = score_article(&fixture_gold(), &ExtractionView::default());
    assert_eq!(score.positions, counts(0, 0, 2));
    assert_eq!(score.relations, counts(0, 0, 2));
    assert_eq!(score.actors, counts(0, 0, 3));
    let scores = score.positions.scores();
    assert_eq!(
        (scores.precision, scores.recall, scores.f1),
        (1.0, 0.0, 0.0)
    );
    let nothing = counts(0, 0, 0).scores();
    assert_eq!(
        (nothing.precision, nothing.recall, nothing.f1),
        (1.0, 1.0, 1.0)
    );
}

#[test]
fn evaluate_dirs_scores_gold_files_and_skips_unannotated_articles() {
    let dir = data_dir();
    let report = eval::evaluate_dirs(
        &dir.join("gold"),
        &dir.join("articles"),
        &Lexicon::bundled(),
    )
    .unwrap();
    assert_eq!(report.articles.len(), 1);
    let article = &report.articles[0];
    assert_eq!(article.article, "alpha_border.txt");
    // Whatever extraction finds, every gold triple is either found or missed.
    let found_or_missed = |counts: Counts| counts.true_positives + counts.false_negatives;
    assert_eq!(found_or_missed(report.micro_counts(Kind::Position)), 2);
    assert_eq!(found_or_missed(report.micro_counts(Kind::Relation)), 2);
    assert_eq!(found_or_missed(report.micro_counts(Kind::Actor)), 3);
    let table = report.to_string();
    assert!(table.starts_with("article"), "{table}");
    assert!(table.contains("alpha_border.txt"));
    assert!(table.contains("MICRO"));
    assert!(!table.contains("=="), "errors only when asked: {table}");

    let verbose = eval::evaluate_dirs_verbose(
        &dir.join("gold"),
        &dir.join("articles"),
        &Lexicon::bundled(),
    )
    .unwrap();
    let text = verbose.to_string();
    assert!(text.contains("== alpha_border.txt =="), "{text}");
    assert_eq!(
        verbose.errors().count(),
        verbose.articles[0].mismatches.len()
    );
}

#[test]
fn micro_sums_counts_over_articles() {
    let gold = fixture_gold();
    let first = score_article(&gold, &ExtractionView::default());
    let mut second = first.clone();
    second.article = "held_out.txt".into();
    second.positions = counts(2, 0, 0);
    let report = eval::EvalReport {
        articles: vec![first, second],
        show_errors: false,
    };
    assert_eq!(report.micro_counts(Kind::Position), counts(2, 0, 2));
    assert_eq!(report.micro(Kind::Position).recall, 0.5);
    assert_eq!(
        report
            .micro_where(Kind::Position, |name| name == "held_out.txt")
            .recall,
        1.0
    );
    let table = report.to_string();
    let last_rows: Vec<&str> = table.lines().skip(3).collect();
    assert_eq!(
        last_rows,
        [
            "MICRO             1.00 0.00 0.00      1.00 0.50 0.67      1.00 0.00 0.00",
            "TP/FP/FN          0/0/6               2/0/2               0/0/4",
        ]
    );
}

#[test]
fn gold_without_article_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("gold")).unwrap();
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    std::fs::write(
        dir.path().join("gold/lonely.json"),
        r#"{"article": "lonely.txt", "actors": []}"#,
    )
    .unwrap();
    let error = eval::evaluate_dirs(
        &dir.path().join("gold"),
        &dir.path().join("articles"),
        &Lexicon::bundled(),
    )
    .unwrap_err()
    .to_string();
    assert!(error.contains("lonely.json"), "{error}");
    assert!(error.contains("lonely.txt"), "{error}");
}

#[test]
fn malformed_gold_is_an_error_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("broken.json"),
        "{\n  \"article\": \"x.txt\",\n  \"positions\": [{\"actor\": \"A\", \"issue\": \"b\", \"stance\": \"maybe\"}]\n}",
    )
    .unwrap();
    let error = eval::evaluate_dirs(dir.path(), dir.path(), &Lexicon::bundled())
        .unwrap_err()
        .to_string();
    assert!(error.contains("broken.json"), "{error}");
    assert!(error.contains("line 3"), "{error}");
}

#[test]
fn gold_file_matches_article_by_stem_when_unnamed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("story.json"), r#"{"positions": []}"#).unwrap();
    std::fs::write(dir.path().join("story.md"), "# Story\n\nNothing happens.").unwrap();
    let report = eval::evaluate_dirs(dir.path(), dir.path(), &Lexicon::bundled()).unwrap();
    assert_eq!(report.articles.len(), 1);
    assert_eq!(report.articles[0].article, "story.md");
}

/// The shared corpus: `STANCEMAP_CORPUS`, else `../shared/corpus` next to the crate.
fn corpus_dir() -> PathBuf {
    match std::env::var_os("STANCEMAP_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
    }
}

#[test]
fn every_corpus_gold_file_is_scored() {
    let corpus = corpus_dir();
    if !corpus.join("gold").is_dir() {
        println!("corpus not found at {}; skipping", corpus.display());
        return;
    }
    let n_gold = std::fs::read_dir(corpus.join("gold"))
        .unwrap()
        .filter(|entry| {
            entry
                .as_ref()
                .is_ok_and(|entry| entry.path().extension().is_some_and(|e| e == "json"))
        })
        .count();
    let report = eval::evaluate_dirs(
        &corpus.join("gold"),
        &corpus.join("articles"),
        &Lexicon::bundled(),
    )
    .unwrap();
    println!("{report}");
    assert!(n_gold > 0);
    assert_eq!(report.articles.len(), n_gold);
    // Gold evidence is one verbatim sentence: nearly all of it should be exactly one of
    // the article's sentence spans (the rest are annotation choices such as a dropped
    // closing quote).
    let (mut n_evidence, mut n_exact) = (0, 0);
    for article in &report.articles {
        let gold = eval::read_gold(
            &corpus
                .join("gold")
                .join(article.article.replace(".txt", ".json")),
        );
        let Ok(gold) = gold else { continue };
        let raw = std::fs::read(corpus.join("articles").join(&gold.article)).unwrap();
        let parsed = Article::parse(&raw, ArticleFormat::Text);
        let sentences: Vec<&str> = parsed
            .sentences
            .iter()
            .map(|sentence| parsed.sentence_text(*sentence))
            .collect();
        let evidence = gold.positions.iter().map(|position| &position.evidence);
        for text in evidence.chain(gold.relations.iter().map(|relation| &relation.evidence)) {
            n_evidence += 1;
            n_exact += usize::from(sentences.contains(&text.trim()));
        }
    }
    println!("gold evidence that is exactly one sentence span: {n_exact}/{n_evidence}");
    assert!(n_exact * 10 >= n_evidence * 9, "{n_exact}/{n_evidence}");
    for article in &report.articles {
        let gold_positions = article.positions.true_positives + article.positions.false_negatives;
        assert!(
            gold_positions > 0,
            "{} has no gold positions",
            article.article
        );
    }
}
