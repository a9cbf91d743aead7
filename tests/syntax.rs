//! Tests for the tagger and dependency parser: a tiny model trained here parses its
//! training sentences back; the bundled model gets hand-written news sentences right
//! where a decent parser must; no input makes it panic or break the tree.

use stancemap::syntax::{DepRel, Parse, Parser, TrainOptions, Upos, evaluate, read_conllu, train};

const TINY: &str = include_str!("data/syntax/tiny.conllu");

#[test]
fn a_tiny_model_parses_its_training_sentences_back() {
    let (sentences, diagnostics) = read_conllu(TINY);
    assert_eq!(diagnostics, Vec::<String>::new());
    assert_eq!(sentences.len(), 3);
    let options = TrainOptions {
        epochs: 10,
        tagger_epochs: 10,
        labeler_epochs: 10,
        folds: 1,
        min_feature_count: 1,
        ..TrainOptions::default()
    };
    let parser = train(&sentences, &[], options, &mut |_| {});
    let evaluation = evaluate(&parser, &sentences);
    assert_eq!(evaluation.words, 22);
    assert_eq!(
        (
            evaluation.upos_correct,
            evaluation.heads_correct,
            evaluation.labelled_correct
        ),
        (22, 22, 22)
    );

    // The written model reads back to the same analysis.
    let reloaded = Parser::from_bytes(&parser.to_bytes());
    let reloaded = reloaded.ok();
    assert_eq!(reloaded.map(|p| evaluate(&p, &sentences)), Some(evaluation));

    // Raw text goes through the tokenizer to the same tree.
    let parse = parser.parse("The deal was signed by both sides.");
    let rels: Vec<&str> = parse.tokens.iter().map(|t| t.rel.as_str()).collect();
    assert_eq!(
        rels,
        [
            "det",
            "nsubj:pass",
            "aux:pass",
            "root",
            "case",
            "det",
            "obl:agent",
            "punct"
        ]
    );
}

#[test]
fn damaged_models_are_errors() {
    assert!(Parser::from_bytes(b"").is_err());
    assert!(Parser::from_bytes(b"stancemap-syntax-model 1\n\x01\x02\x03").is_err());
    let bytes = include_bytes!("../assets/syntax/english.model");
    let truncated = bytes.get(..bytes.len() / 2).unwrap_or_default();
    assert!(Parser::from_bytes(truncated).is_err());
}

#[test]
fn the_bundled_model_loads_once_and_is_shared() {
    let first = Parser::english();
    let second = Parser::english();
    assert!(std::ptr::eq(first, second));
    let parse = first.parse("Ukraine rejected the plan.");
    assert_eq!(parse.diagnostics, Vec::<String>::new());
    assert_eq!(parse.tokens.len(), 5);
}

/// The token whose form is `form` (the first one).
fn token(parse: &Parse, form: &str) -> usize {
    parse
        .tokens
        .iter()
        .position(|t| t.form == form)
        .unwrap_or_else(|| panic!("no token {form:?} in {}", parse.to_conllu()))
}

/// Asserts `dependent` hangs from `head` with relation `rel`.
fn check_arc(parse: &Parse, dependent: &str, head: &str, rel: &str) {
    let d = token(parse, dependent);
    let h = token(parse, head);
    let got = parse.tokens.get(d).map(|t| (t.head, t.rel.as_str()));
    assert_eq!(
        got,
        Some((Some(h), rel)),
        "{dependent} ← {head}\n{}",
        parse.to_conllu()
    );
}

#[test]
fn passive_with_agent() {
    let parse = Parser::english().parse("The proposal was rejected by Ukraine on Monday.");
    check_arc(&parse, "proposal", "rejected", "nsubj:pass");
    check_arc(&parse, "was", "rejected", "aux:pass");
    check_arc(&parse, "Ukraine", "rejected", "obl:agent");
    check_arc(&parse, "by", "Ukraine", "case");
    assert_eq!(parse.root(), Some(token(&parse, "rejected")));
}

#[test]
fn reported_speech() {
    let parse = Parser::english().parse("Kyiv said it would not accept the new terms.");
    check_arc(&parse, "accept", "said", "ccomp");
    check_arc(&parse, "Kyiv", "said", "nsubj");
    check_arc(&parse, "it", "accept", "nsubj");
    check_arc(&parse, "not", "accept", "advmod");
    check_arc(&parse, "terms", "accept", "obj");
}

#[test]
fn appositive() {
    let parse = Parser::english().parse("Kallas, the EU foreign policy chief, rejected the offer.");
    check_arc(&parse, "chief", "Kallas", "appos");
    check_arc(&parse, "Kallas", "rejected", "nsubj");
    check_arc(&parse, "offer", "rejected", "obj");
}

#[test]
fn coordinated_subjects() {
    let parse = Parser::english().parse("France and Germany backed the deal.");
    check_arc(&parse, "France", "backed", "nsubj");
    check_arc(&parse, "Germany", "France", "conj");
    check_arc(&parse, "and", "Germany", "cc");
    check_arc(&parse, "deal", "backed", "obj");
}

#[test]
fn negation() {
    let parse = Parser::english().parse("The government did not support the sanctions.");
    check_arc(&parse, "not", "support", "advmod");
    check_arc(&parse, "did", "support", "aux");
    check_arc(&parse, "government", "support", "nsubj");
    check_arc(&parse, "sanctions", "support", "obj");
}

#[test]
fn suspension_of_aid() {
    let parse =
        Parser::english().parse("Washington announced the suspension of military aid to Kyiv.");
    check_arc(&parse, "suspension", "announced", "obj");
    check_arc(&parse, "aid", "suspension", "nmod");
    check_arc(&parse, "of", "aid", "case");
    let kyiv = token(&parse, "Kyiv");
    let head = parse.tokens.get(kyiv).and_then(|t| t.head);
    assert!(
        head == Some(token(&parse, "aid")) || head == Some(token(&parse, "suspension")),
        "{}",
        parse.to_conllu()
    );
    assert_eq!(parse.tokens.get(kyiv).map(|t| t.rel.base()), Some("nmod"));
}

#[test]
fn tokens_follow_ewt_and_keep_original_spans() {
    let text = "“We won’t pay,” the U.S. envoy said of the $1,000 fee.";
    let parse = Parser::english().parse(text);
    let forms: Vec<&str> = parse.tokens.iter().map(|t| t.form.as_str()).collect();
    assert_eq!(
        forms,
        [
            "“", "We", "wo", "n’t", "pay", ",", "”", "the", "U.S.", "envoy", "said", "of", "the",
            "$", "1,000", "fee", "."
        ]
    );
    for t in &parse.tokens {
        assert_eq!(text.get(t.start..t.end), Some(t.form.as_str()));
    }
    let upos: Vec<Upos> = parse.tokens.iter().map(|t| t.upos).collect();
    assert_eq!(upos.get(8), Some(&Upos::Propn));
    assert_eq!(parse.tokens.get(10).map(|t| t.lemma.as_str()), Some("say"));
}

/// Checks spans, head ranges and that the heads form one tree.
fn assert_tree(text: &str, parse: &Parse) {
    let n = parse.tokens.len();
    for t in &parse.tokens {
        assert!(t.start < t.end && t.end <= text.len());
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        assert_eq!(text.get(t.start..t.end), Some(t.form.as_str()));
        assert!(t.head.is_none_or(|h| h < n));
    }
    let roots = parse.tokens.iter().filter(|t| t.head.is_none()).count();
    assert_eq!(roots, usize::from(n > 0));
    for t in parse.tokens.iter().filter(|t| t.head.is_none()) {
        assert_eq!(t.rel, DepRel::Root);
    }
    // Every token reaches the root within n steps: no cycles.
    for start in 0..n {
        let mut at = start;
        let mut steps = 0;
        while let Some(head) = parse.tokens.get(at).and_then(|t| t.head) {
            at = head;
            steps += 1;
            assert!(steps <= n, "cycle through token {start}");
        }
    }
}

#[test]
fn odd_input_never_breaks_the_tree() {
    let long: String = (0..10_000)
        .map(|i| if i % 17 == 16 { "and, " } else { "talks " })
        .collect();
    let inputs = [
        "",
        "   \n\t  ",
        "🙂🙂 great news 👍🏽!",
        "الولايات المتحدة رفضت الخطة.",
        "中国拒绝了该计划。",
        "...!!!???",
        "a\u{301}b-c–d—e ‘f’ 's n't",
        long.as_str(),
    ];
    for text in inputs {
        let parse = Parser::english().parse(text);
        assert_tree(text, &parse);
    }
    let parse = Parser::english().parse(&long);
    assert_eq!(parse.tokens.len(), 10_000 + 10_000 / 17);
    assert!(parse.diagnostics.iter().any(|d| d.contains("chunks")));
}

#[test]
fn conllu_and_subtrees() {
    let text = "France and Germany backed the deal.";
    let parse = Parser::english().parse(text);
    let france = token(&parse, "France");
    assert_eq!(parse.subtree_span(france), (0, "France and Germany".len()));
    let backed = token(&parse, "backed");
    assert_eq!(parse.subtree_span(backed), (0, text.len()));
    let children: Vec<usize> = parse.children(backed).collect();
    assert!(children.contains(&france));
    let conllu = parse.to_conllu();
    assert!(
        conllu.starts_with("1\tFrance\tfrance\tPROPN\t_\t_\t"),
        "{conllu}"
    );
    assert!(
        conllu.contains("\tdeal\tdeal\tNOUN\t_\t_\t4\tobj\t_\tSpaceAfter=No\n"),
        "{conllu}"
    );
}

#[test]
fn article_parses_index_the_article_text() {
    use stancemap::article::{Article, ArticleFormat};
    let article = Article::parse(
        "Talks stall\n\nKyiv rejected the plan. Moscow said it would wait.".as_bytes(),
        ArticleFormat::Text,
    );
    let parses = Parser::english().parse_article(&article);
    assert_eq!(parses.len(), article.sentences.len());
    let said = parses
        .iter()
        .flat_map(|p| &p.tokens)
        .find(|t| t.form == "said")
        .map(|t| article.text.get(t.start..t.end));
    assert_eq!(said, Some(Some("said")));
}

/// Runs the binary with `args`.
fn stancemap(args: &[&std::ffi::OsStr]) -> std::process::Output {
    let config = tempfile::tempdir().ok();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_stancemap"));
    command.args(args);
    if let Some(config) = &config {
        command.env("STANCEMAP_CONFIG_DIR", config.path());
    }
    command
        .output()
        .unwrap_or_else(|error| panic!("cannot run stancemap: {error}"))
}

#[test]
fn train_eval_and_parse_commands() {
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let tiny =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/syntax/tiny.conllu");
    let model = dir.path().join("tiny.model");
    let trained = stancemap(&[
        "train-parser".as_ref(),
        "--ud".as_ref(),
        tiny.as_os_str(),
        "-o".as_ref(),
        model.as_os_str(),
        "--epochs".as_ref(),
        "2".as_ref(),
    ]);
    assert_eq!(
        trained.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&trained.stderr)
    );
    assert!(String::from_utf8_lossy(&trained.stderr).contains("epoch 2"));

    let evaluated = stancemap(&[
        "eval-parser".as_ref(),
        "--ud".as_ref(),
        tiny.as_os_str(),
        "--model".as_ref(),
        model.as_os_str(),
    ]);
    assert_eq!(evaluated.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&evaluated.stdout).contains("words 22  UPOS"));

    let missing = dir.path().join("missing.model");
    let failed = stancemap(&[
        "eval-parser".as_ref(),
        "--ud".as_ref(),
        tiny.as_os_str(),
        "--model".as_ref(),
        missing.as_os_str(),
    ]);
    assert_eq!(failed.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&failed.stderr).contains("missing.model"));

    let article = dir.path().join("a.txt");
    std::fs::write(&article, "Talks\n\nFrance and Germany backed the deal.\n")
        .unwrap_or_else(|error| panic!("{error}"));
    let parsed = stancemap(&["parse".as_ref(), article.as_os_str()]);
    assert_eq!(parsed.status.code(), Some(0));
    let text = String::from_utf8_lossy(&parsed.stdout);
    assert!(
        text.contains("backed  VERB  root  (back)\n  France  PROPN  nsubj  (france)\n"),
        "{text}"
    );
    let conllu = stancemap(&[
        "parse".as_ref(),
        article.as_os_str(),
        "--format".as_ref(),
        "conllu".as_ref(),
    ]);
    assert!(
        String::from_utf8_lossy(&conllu.stdout)
            .contains("# text = France and Germany backed the deal.\n1\tFrance\t")
    );
}
