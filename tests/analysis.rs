//! Analysis and interop: hand-computed balance, DNA networks, contested issues,
//! time, diff, and every export read back by a parser (and by networkx, pandas,
//! Graphviz and rsvg-convert when present; required under `CI=true`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

use stancemap::analysis::{
    self, DateRange, EXACT_LIMIT, Normalisation, SignedGraph, TieKind, actor_network,
    contested_issues, day_number, diff_maps, frustration, map_as_of, signed_clusters, signed_graph,
    stance_over_time, triads, two_mode,
};
use stancemap::article::date::detect_date;
use stancemap::export::{csv as csv_export, dot, gexf, graphml, png, svg};
use stancemap::stance_map::{
    Actor, ActorId, ActorKind, Claim, Edit, Evidence, Issue, IssueId, Origin, Position, Relation,
    Source, SourceId, Stance, StanceMap,
};

use Stance::{Oppose, Support};

fn manual(stance: Stance) -> Claim {
    Claim::new(stance, Origin::Manual)
}

/// A map from actors, positions (actor, issue, stance) and relations (a, b, stance).
fn map_of(
    actors: &[&str],
    positions: &[(&str, &str, Stance)],
    relations: &[(&str, &str, Stance)],
) -> StanceMap {
    let mut map = StanceMap::new();
    let mut edits: Vec<Edit> = actors
        .iter()
        .map(|a| Edit::AddActor(Actor::new(*a, *a, ActorKind::State)))
        .collect();
    let mut issues: Vec<&str> = positions.iter().map(|p| p.1).collect();
    issues.sort_unstable();
    issues.dedup();
    edits.extend(issues.iter().map(|i| Edit::AddIssue(Issue::new(*i, *i))));
    edits.extend(
        positions
            .iter()
            .map(|(a, i, s)| Edit::AddPosition(Position::new(*a, *i, manual(*s)))),
    );
    edits.extend(
        relations
            .iter()
            .map(|(a, b, s)| Edit::AddRelation(Relation::new(*a, *b, manual(*s)))),
    );
    map.apply(Edit::Batch(edits)).unwrap();
    map
}

fn graph(n: usize, ties: &[(usize, usize, bool)]) -> SignedGraph {
    let names: Vec<String> = (0..n).map(|i| format!("a{i:02}")).collect();
    let ties: Vec<(&str, &str, bool)> = ties
        .iter()
        .map(|(a, b, p)| (names[*a].as_str(), names[*b].as_str(), *p))
        .collect();
    SignedGraph::from_ties(names.iter().map(String::as_str), ties)
}

/// The frustration index by trying every split (actor 0 fixed).
fn brute_force(g: &SignedGraph) -> usize {
    let n = g.actors.len();
    (0..1_u32 << (n - 1))
        .map(|mask| {
            let side: Vec<bool> = (0..n).map(|i| i == 0 || mask >> (i - 1) & 1 == 1).collect();
            g.frustrated_by(&side).len()
        })
        .min()
        .unwrap()
}

#[test]
fn balanced_four_cycle_has_frustration_zero() {
    // A+B, C+D allied; every cross tie negative: two coalitions, nothing frustrated.
    let g = graph(
        4,
        &[(0, 1, true), (1, 2, false), (2, 3, true), (3, 0, false)],
    );
    let f = frustration(&g, EXACT_LIMIT);
    assert_eq!(f.index, 0);
    assert!(f.exact);
    assert_eq!(f.side, vec![true, true, false, false]);
    assert_eq!(f.balance, Some(1.0));
}

#[test]
fn unbalanced_four_actor_cases_have_known_frustration() {
    // A 4-cycle with one negative tie: odd number of negatives, index 1.
    let g = graph(
        4,
        &[(0, 1, true), (1, 2, true), (2, 3, true), (3, 0, false)],
    );
    let f = frustration(&g, EXACT_LIMIT);
    assert_eq!(f.index, 1);
    assert_eq!(f.frustrated_edges.len(), 1);
    // K4 all negative: best split 2+2 leaves 2 negative ties inside.
    let all: Vec<(usize, usize, bool)> = vec![
        (0, 1, false),
        (0, 2, false),
        (0, 3, false),
        (1, 2, false),
        (1, 3, false),
        (2, 3, false),
    ];
    let k4 = graph(4, &all);
    assert_eq!(frustration(&k4, EXACT_LIMIT).index, 2);
    let t = triads(&k4);
    assert_eq!((t.balanced, t.frustrated), (0, 4));
}

#[test]
fn all_negative_triangle_has_one_frustrated_triad_and_index_one() {
    let g = graph(3, &[(0, 1, false), (1, 2, false), (0, 2, false)]);
    let t = triads(&g);
    assert_eq!((t.balanced, t.frustrated), (0, 1));
    assert_eq!(t.frustrated_list[0].len(), 3);
    let f = frustration(&g, EXACT_LIMIT);
    assert_eq!(f.index, 1);
    assert!((f.balance.unwrap() - (1.0 - 2.0 / 3.0)).abs() < 1e-9);
}

/// A deterministic pseudo-random stream (64-bit LCG, Knuth's constants).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

#[test]
fn twelve_actor_graphs_match_brute_force() {
    let mut rng = Lcg(11);
    for round in 0..12 {
        let mut ties = Vec::new();
        for a in 0..12 {
            for b in a + 1..12 {
                if rng.next() % 100 < 45 {
                    ties.push((a, b, rng.next().is_multiple_of(2)));
                }
            }
        }
        let g = graph(12, &ties);
        let f = frustration(&g, EXACT_LIMIT);
        assert!(f.exact, "round {round}");
        assert_eq!(f.index, brute_force(&g), "round {round}");
        assert_eq!(
            g.frustrated_by(&f.side).len(),
            f.index,
            "split attains the index"
        );
    }
}

#[test]
fn above_the_exact_limit_the_index_is_a_labelled_heuristic() {
    let g = graph(
        5,
        &[
            (0, 1, false),
            (1, 2, false),
            (0, 2, false),
            (2, 3, true),
            (3, 4, true),
        ],
    );
    let f = frustration(&g, 3);
    assert!(!f.exact);
    assert!(f.diagnostics[0].contains("heuristic"));
    assert_eq!(f.index, 1, "local search finds the optimum here");
    assert!(frustration(&g, EXACT_LIMIT).exact);
}

#[test]
fn signed_clustering_separates_three_hostile_blocs() {
    // Three blocs of two allies; every tie across blocs negative.
    let mut ties = vec![(0, 1, true), (2, 3, true), (4, 5, true)];
    for a in 0..6 {
        for b in a + 1..6 {
            if a / 2 != b / 2 {
                ties.push((a, b, false));
            }
        }
    }
    let g = graph(6, &ties);
    let three = signed_clusters(&g, 3);
    assert_eq!(three.error, 0.0);
    assert_eq!(three.cluster, vec![0, 0, 1, 1, 2, 2]);
    // With two coalitions one pair of blocs must share: 4 negative ties inside.
    let two = signed_clusters(&g, 2);
    assert_eq!(two.negative_inside, 4);
    assert_eq!(frustration(&g, EXACT_LIMIT).index, 4);
}

/// A supports x and y; B supports x, opposes y; C opposes x; D has no position.
fn dna_map() -> StanceMap {
    map_of(
        &["A", "B", "C", "D"],
        &[
            ("A", "x", Support),
            ("B", "x", Support),
            ("C", "x", Oppose),
            ("A", "y", Support),
            ("B", "y", Oppose),
        ],
        &[],
    )
}

fn weight(ties: &[analysis::ActorTie], a: &str, b: &str) -> f64 {
    ties.iter()
        .find(|t| t.a.as_str() == a && t.b.as_str() == b)
        .map_or(0.0, |t| t.weight)
}

#[test]
fn dna_congruence_and_conflict_with_normalisations() {
    let map = dna_map();
    let congruence = actor_network(&map, TieKind::Congruence, Normalisation::None);
    let conflict = actor_network(&map, TieKind::Conflict, Normalisation::None);
    assert_eq!(weight(&congruence, "A", "B"), 1.0);
    assert_eq!(weight(&conflict, "A", "B"), 1.0);
    assert_eq!(weight(&conflict, "A", "C"), 1.0);
    assert_eq!(weight(&congruence, "A", "C"), 0.0);
    // Jaccard: 1 / |{x,y} ∪ {x,y}| = 0.5; cosine: 1 / sqrt(2·2) = 0.5.
    let jaccard = actor_network(&map, TieKind::Congruence, Normalisation::Jaccard);
    assert_eq!(weight(&jaccard, "A", "B"), 0.5);
    // A–C conflict: Jaccard 1 / |{x,y}| = 0.5, cosine 1 / sqrt(2·1).
    let jaccard = actor_network(&map, TieKind::Conflict, Normalisation::Jaccard);
    assert_eq!(weight(&jaccard, "A", "C"), 0.5);
    let cosine = actor_network(&map, TieKind::Conflict, Normalisation::Cosine);
    assert!((weight(&cosine, "A", "C") - 1.0 / 2.0_f64.sqrt()).abs() < 1e-12);
    let subtract = actor_network(&map, TieKind::Subtract, Normalisation::None);
    assert!(
        subtract
            .iter()
            .all(|t| !(t.a.as_str() == "A" && t.b.as_str() == "B")),
        "1 − 1 = 0 is no tie"
    );
    let matrix = two_mode(&map);
    assert_eq!(matrix.cell(&ActorId::new("B"), &IssueId::new("y")), -1);
    assert_eq!(matrix.cell(&ActorId::new("D"), &IssueId::new("x")), 0);
}

#[test]
fn contested_issues_pivotal_and_isolated_actors() {
    let map = dna_map();
    let contests = contested_issues(&map);
    // x: 2 support, 1 oppose, split 1 − 1/3; y: 1 and 1, split 1.0, first.
    assert_eq!(contests[0].issue.as_str(), "y");
    assert_eq!(contests[0].split, 1.0);
    let x = contests.iter().find(|c| c.issue.as_str() == "x").unwrap();
    assert_eq!((x.support, x.oppose), (2, 1));
    assert!((x.split - 2.0 / 3.0).abs() < 1e-12);
    let pivotal: Vec<&str> = x.pivotal.iter().map(ActorId::as_str).collect();
    assert_eq!(
        pivotal,
        ["A", "B"],
        "a supporter's flip turns 2–1 into 1–2; C's would make 3–0"
    );
    let g = signed_graph(&map);
    assert_eq!(g.isolated(), vec![ActorId::new("D")]);
}

#[test]
fn explicit_relations_override_derived_alignment() {
    // A and B agree on x (derived +) but A opposes B explicitly.
    let map = map_of(
        &["A", "B", "C"],
        &[("A", "x", Support), ("B", "x", Support), ("C", "x", Oppose)],
        &[("A", "B", Oppose)],
    );
    let g = signed_graph(&map);
    let ab = g.edges.iter().find(|e| e.a == 0 && e.b == 1).unwrap();
    assert!(!ab.positive && ab.explicit);
    // A–B −, A–C −, B–C −: the all-negative triangle.
    let report = analysis::analyze(&map, 2, Normalisation::None);
    assert_eq!(report.triads.frustrated, 1);
    assert_eq!(report.frustration.index, 1);
    let json = report.to_json();
    assert_eq!(json["frustration"]["index"], 1);
    assert_eq!(json["frustration"]["exact"], true);
}

fn dated_map() -> StanceMap {
    let text = "A backs x. A rejects x.";
    let mut map = map_of(&["A"], &[], &[]);
    let evidence = |source: &str, start: usize, end: usize, stance| Evidence {
        stance: Some(stance),
        ..Evidence::new(SourceId::new(source), start, end, &text[start..end])
    };
    let claim = Claim {
        evidence: vec![
            evidence("s1", 0, 10, Support),
            evidence("s2", 11, 23, Oppose),
        ],
        ..Claim::new(Oppose, Origin::Extracted)
    };
    let source = |id: &str, date: &str| {
        Edit::AddSource(Source {
            id: SourceId::new(id),
            title: id.into(),
            path: format!("{id}.txt"),
            date: Some(date.into()),
            text: text.into(),
        })
    };
    map.apply(Edit::Batch(vec![
        source("s1", "2025-03-01"),
        source("s2", "2025-11-23"),
        Edit::AddIssue(Issue::new("x", "x")),
        Edit::AddPosition(Position::new("A", "x", claim)),
    ]))
    .unwrap();
    map
}

#[test]
fn timeline_filter_and_stance_over_time() {
    let map = dated_map();
    let points = stance_over_time(&map, &ActorId::new("A"), &IssueId::new("x"));
    let seen: Vec<(&str, Stance)> = points.iter().map(|p| (p.date.as_str(), p.stance)).collect();
    assert_eq!(seen, [("2025-03-01", Support), ("2025-11-23", Oppose)]);
    let spring = DateRange {
        from: Some("2025-01".into()),
        to: Some("2025-06".into()),
    };
    assert_eq!(map_as_of(&map, &spring).n_positions(), 1);
    let later = DateRange {
        from: Some("2026-01-01".into()),
        to: None,
    };
    assert_eq!(map_as_of(&map, &later).n_positions(), 0);
    assert!(
        DateRange {
            from: None,
            to: Some("2025-11".into())
        }
        .contains("2025-11-30")
    );
    assert_eq!(day_number("1970-01-01"), Some(0));
    assert_eq!(day_number("2000-03-01"), Some(11_017));
    assert_eq!(day_number("2025-13-01"), None);
}

#[test]
fn dates_are_read_from_meta_tags_time_elements_and_datelines() {
    let meta = r#"<html><head><meta property="article:published_time" content="2025-11-23T08:00:00Z"></head></html>"#;
    assert_eq!(detect_date(meta).as_deref(), Some("2025-11-23"));
    let time = r#"<p>By staff <time datetime="2024-02-29">Thursday</time></p>"#;
    assert_eq!(detect_date(time).as_deref(), Some("2024-02-29"));
    assert_eq!(
        detect_date("GENEVA, Nov. 23, 2025 (Wire) - Talks began").as_deref(),
        Some("2025-11-23")
    );
    assert_eq!(
        detect_date("Talks\n23 November 2025 — Envoys met").as_deref(),
        Some("2025-11-23")
    );
    assert_eq!(detect_date("BRUSSELS, March 14 (Wire) - no year"), None);
    assert_eq!(
        detect_date("<meta name=\"date\" content=\"not a date\">"),
        None
    );
}

#[test]
fn diff_reports_added_removed_and_flipped_stances() {
    let before = map_of(
        &["A", "B"],
        &[("A", "x", Support), ("B", "x", Support)],
        &[],
    );
    let after = map_of(
        &["A", "B", "C"],
        &[("A", "x", Oppose), ("C", "x", Support)],
        &[],
    );
    let diff = diff_maps(&before, &after);
    assert_eq!(diff.of("flipped").count(), 1);
    assert_eq!(diff.of("removed").next().unwrap().key, "B → x");
    assert_eq!(diff.of("added").next().unwrap().key, "C → x");
    assert_eq!(diff.actors_added, ["C"]);
    assert_eq!(diff.to_json()["flipped"][0]["after"], "oppose");
    assert!(diff_maps(&before, &before).is_empty());
}

/// A map with both edge kinds, a mixed claim and XML/CSV-hostile labels.
fn export_map() -> StanceMap {
    let mut map = map_of(
        &["A", "B", "C"],
        &[("A", "x", Support), ("B", "x", Oppose), ("C", "y", Support)],
        &[("A", "B", Oppose), ("A", "C", Support)],
    );
    let mut actor = map.actor(&ActorId::new("A")).unwrap().clone();
    actor.name = "Alpha & \"Sons\", <Ltd>".into();
    map.apply(Edit::UpdateActor(actor)).unwrap();
    map
}

/// Counts start/empty elements named `name` in an XML document, checking it parses.
fn count_elements(xml: &str, name: &[u8]) -> usize {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut count = 0;
    loop {
        match reader.read_event().expect("well-formed xml") {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)
                if e.name().as_ref() == name =>
            {
                count += 1;
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    count
}

#[test]
fn graphml_and_gexf_parse_back_with_all_nodes_edges_and_keys() {
    let map = export_map();
    let g = graphml::to_graphml(&map).unwrap();
    assert_eq!(count_elements(&g, b"node"), 5);
    assert_eq!(count_elements(&g, b"edge"), 5);
    assert_eq!(count_elements(&g, b"key"), 10);
    assert!(
        g.contains("Alpha &amp; &quot;Sons&quot;, &lt;Ltd&gt;")
            || g.contains("Alpha &amp; \"Sons\", &lt;Ltd&gt;")
    );
    let x = gexf::to_gexf(&map).unwrap();
    assert!(x.contains("xmlns=\"http://gexf.net/1.3\"") && x.contains("version=\"1.3\""));
    assert_eq!(count_elements(&x, b"node"), 5);
    assert_eq!(count_elements(&x, b"edge"), 5);
    assert_eq!(count_elements(&x, b"attribute"), 7);
}

#[test]
fn csv_files_parse_back() {
    let map = export_map();
    let files = csv_export::to_csv_files(&map).unwrap();
    let read = |name: &str| {
        let text = &files.iter().find(|(n, _)| *n == name).unwrap().1;
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect();
        (header, rows)
    };
    let (header, nodes) = read("nodes.csv");
    assert_eq!(header, ["Id", "Label", "Type", "Kind"]);
    assert_eq!(nodes.len(), 5);
    assert_eq!(nodes[0][1], "Alpha & \"Sons\", <Ltd>");
    let (header, edges) = read("edges.csv");
    assert_eq!(&header[..3], ["From", "To", "Type"]);
    assert_eq!(edges.len(), 5);
    assert!(
        edges
            .iter()
            .any(|e| e[0] == "actor:A" && e[1] == "actor:B" && e[2] == "relation" && e[3] == "-1")
    );
    let (header, matrix) = read("matrix.csv");
    assert_eq!(header, ["actor", "x", "y"]);
    assert_eq!(matrix[1], ["B", "-1", ""]);
}

#[test]
fn dot_svg_and_png_have_the_expected_shape() {
    let map = export_map();
    let d = dot::to_dot(&map);
    assert_eq!(d.matches(" -> ").count(), 5);
    assert_eq!(d.matches("style=dashed").count(), 2);
    assert!(d.contains(r#"label="Alpha & \"Sons\", <Ltd>""#));
    let options = svg::SvgOptions {
        coalitions: [(ActorId::new("A"), 0), (ActorId::new("B"), 1)]
            .into_iter()
            .collect(),
        ..svg::SvgOptions::default()
    };
    let s = svg::to_svg(&map, &options).unwrap();
    // 3 actors + 3 legend circles (actor, two coalitions).
    assert_eq!(count_elements(&s, b"circle"), 6);
    assert!(s.contains("coalition 2"));
    let bytes = png::svg_to_png(&s, 1.0).unwrap();
    let decoded = resvg::tiny_skia::Pixmap::decode_png(&bytes).unwrap();
    let tree = resvg::usvg::Tree::from_str(&s, &resvg::usvg::Options::default()).unwrap();
    assert_eq!(decoded.width(), tree.size().width().ceil() as u32);
    assert_eq!(decoded.height(), tree.size().height().ceil() as u32);
    let twice = resvg::tiny_skia::Pixmap::decode_png(&png::svg_to_png(&s, 2.0).unwrap()).unwrap();
    assert_eq!(twice.width(), 2 * decoded.width());
}

/// Whether an external checker may be skipped: only outside CI.
fn skip(tool: &str) -> bool {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{tool} is required under CI=true (.ci/run installs it)");
    }
    eprintln!("note: {tool} not found; skipping its check");
    true
}

fn has(command: &str, args: &[&str]) -> bool {
    Command::new(command)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

fn write_exports(dir: &Path) -> StanceMap {
    let map = export_map();
    std::fs::write(dir.join("m.graphml"), graphml::to_graphml(&map).unwrap()).unwrap();
    std::fs::write(dir.join("m.gexf"), gexf::to_gexf(&map).unwrap()).unwrap();
    std::fs::write(dir.join("m.dot"), dot::to_dot(&map)).unwrap();
    std::fs::write(
        dir.join("m.svg"),
        svg::to_svg(&map, &svg::SvgOptions::default()).unwrap(),
    )
    .unwrap();
    for (name, text) in csv_export::to_csv_files(&map).unwrap() {
        std::fs::write(dir.join(name), text).unwrap();
    }
    map
}

#[test]
fn networkx_and_pandas_read_the_exports() {
    if !has("python3", &["-c", "import networkx, pandas"])
        && skip("python3 with networkx and pandas")
    {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    write_exports(dir.path());
    let script = r#"
import sys, networkx as nx, pandas as pd
d = sys.argv[1]
g = nx.read_graphml(d + "/m.graphml")
x = nx.read_gexf(d + "/m.gexf")
for h in (g, x):
    e = h.edges["actor:A", "actor:B"]
    print(h.number_of_nodes(), h.number_of_edges(), e["sign"], e["type"], h.nodes["actor:A"]["label"])
print(pd.read_csv(d + "/nodes.csv").shape, pd.read_csv(d + "/edges.csv").shape, pd.read_csv(d + "/matrix.csv").shape)
"#;
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "5 5 -1 relation Alpha & \"Sons\", <Ltd>");
    assert_eq!(lines[1], "5 5 -1 relation Alpha & \"Sons\", <Ltd>");
    assert_eq!(lines[2], "(5, 4) (5, 8) (3, 3)");
}

#[test]
fn graphviz_renders_the_dot_and_rsvg_renders_the_svg() {
    let dir = tempfile::tempdir().unwrap();
    write_exports(dir.path());
    if has("dot", &["-V"]) || !skip("graphviz dot") {
        let out = Command::new("dot")
            .args(["-Tsvg"])
            .arg(dir.path().join("m.dot"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stdout)
                .matches("class=\"edge\"")
                .count(),
            5
        );
    }
    if has("rsvg-convert", &["--version"]) || !skip("rsvg-convert") {
        let png_path = dir.path().join("m.png");
        let out = Command::new("rsvg-convert")
            .arg(dir.path().join("m.svg"))
            .arg("-o")
            .arg(&png_path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let decoded =
            resvg::tiny_skia::Pixmap::decode_png(&std::fs::read(&png_path).unwrap()).unwrap();
        assert!(decoded.width() >= 400);
    }
}

#[test]
fn cli_analyze_export_and_diff() {
    let dir = tempfile::tempdir().unwrap();
    let map = map_of(
        &["A", "B", "C"],
        &[("A", "x", Support), ("B", "x", Support), ("C", "x", Oppose)],
        &[("A", "B", Oppose)],
    );
    let path = dir.path().join("m.stancemap.ron");
    std::fs::write(&path, stancemap::storage::to_ron_string(&map).unwrap()).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_stancemap"))
            .args(args)
            .current_dir(dir.path())
            .env("STANCEMAP_CONFIG_DIR", dir.path())
            .output()
            .unwrap()
    };
    let out = run(&["analyze", "m.stancemap.ron", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["frustration"]["index"], 1);
    assert_eq!(json["triads"]["frustrated"], 1);
    let dated = dir.path().join("dated.stancemap.ron");
    std::fs::write(
        &dated,
        stancemap::storage::to_ron_string(&dated_map()).unwrap(),
    )
    .unwrap();
    let json_of =
        |args: &[&str]| -> serde_json::Value { serde_json::from_slice(&run(args).stdout).unwrap() };
    let all = json_of(&["analyze", "dated.stancemap.ron", "--format", "json"]);
    assert_eq!(all["contested"][0]["oppose"], 1);
    let later = json_of(&[
        "analyze",
        "dated.stancemap.ron",
        "--format",
        "json",
        "--from",
        "2026",
    ]);
    assert_eq!(
        later["contested"][0]["oppose"], 0,
        "the only stance is dated 2025"
    );
    let text = run(&["analyze", "m.stancemap.ron"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("Frustration index: 1 (exact)"));
    for format in ["graphml", "gexf", "dot", "json", "svg", "png"] {
        let out = run(&[
            "export",
            "m.stancemap.ron",
            "--format",
            format,
            "-o",
            &format!("out.{format}"),
        ]);
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            std::fs::metadata(dir.path().join(format!("out.{format}")))
                .unwrap()
                .len()
                > 100
        );
    }
    let out = run(&["export", "m.stancemap.ron", "--format", "csv", "-o", "csv"]);
    assert!(out.status.success());
    assert!(dir.path().join("csv/edges.csv").exists());
    let same = run(&["diff", "m.stancemap.ron", "m.stancemap.ron"]);
    assert_eq!(same.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&same.stdout), "no differences\n");
    let missing = run(&["export", "nope.ron", "--format", "dot", "-o", "x.dot"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nope.ron"));
}

#[test]
fn merge_unifies_actors_by_alias_and_keeps_conflicts_mixed() {
    let a = map_of(
        &["Ukraine", "US"],
        &[("Ukraine", "x", Oppose), ("US", "x", Support)],
        &[],
    );
    let mut b = map_of(
        &["Kyiv", "EU"],
        &[("Kyiv", "x", Support), ("EU", "x", Support)],
        &[],
    );
    let mut kyiv = b.actor(&ActorId::new("Kyiv")).unwrap().clone();
    kyiv.aliases.push("Ukraine".into());
    b.apply(Edit::UpdateActor(kyiv)).unwrap();
    let kyiv_key = stancemap::stance_map::PositionKey {
        actor: ActorId::new("Kyiv"),
        issue: IssueId::new("x"),
    };
    let mut extracted = b.position(&kyiv_key).unwrap().clone();
    extracted.claim.origin = Origin::Extracted;
    b.apply(Edit::UpdatePosition(extracted)).unwrap();
    // A's Ukraine stance is locked: it wins the conflict.
    let mut a = a;
    let key = stancemap::stance_map::PositionKey {
        actor: ActorId::new("Ukraine"),
        issue: IssueId::new("x"),
    };
    let mut locked = a.position(&key).unwrap().clone();
    locked.claim.locked = true;
    locked.claim.origin = Origin::Extracted;
    a.apply(Edit::UpdatePosition(locked)).unwrap();
    let merged = analysis::merge_maps(&a, &b).unwrap();
    assert_eq!(
        merged.unified,
        [(ActorId::new("Kyiv"), ActorId::new("Ukraine"))]
    );
    assert_eq!(merged.map.n_actors(), 3, "Ukraine, US, EU");
    assert_eq!(merged.conflicts.len(), 1);
    assert!(
        merged.conflicts[0].contains("kept oppose"),
        "{}",
        merged.conflicts[0]
    );
    assert_eq!(
        merged
            .map
            .stance_of(&ActorId::new("Ukraine"), &IssueId::new("x")),
        Some(Oppose)
    );
    assert!(
        merged
            .map
            .actor(&ActorId::new("Ukraine"))
            .unwrap()
            .aliases
            .contains(&"Kyiv".to_owned())
    );
}

#[test]
fn graphml_and_csv_edge_lists_import_as_maps() {
    let original = export_map();
    let text = graphml::to_graphml(&original).unwrap();
    let imported = stancemap::export::import::import_graphml(&text).unwrap();
    assert!(
        imported.diagnostics.is_empty(),
        "{:?}",
        imported.diagnostics
    );
    assert_eq!(imported.map.n_actors(), 3);
    assert_eq!(imported.map.n_issues(), 2);
    assert_eq!(imported.map.n_positions(), 3);
    assert_eq!(imported.map.n_relations(), 2);
    assert_eq!(
        imported.map.actor(&ActorId::new("A")).unwrap().name,
        "Alpha & \"Sons\", <Ltd>"
    );
    assert_eq!(
        imported
            .map
            .stance_of(&ActorId::new("B"), &IssueId::new("x")),
        Some(Oppose)
    );
    assert!(diff_maps(&original, &imported.map).changes.is_empty());
    // A Kumu-style edge list: actor ties with a sign column, one bad row.
    let csv_text =
        "From,To,Sign\nFrance,Germany,+1\nFrance,Russia,-1\n,Nobody,1\nissue:ceasefire,France,1\n";
    let imported = stancemap::export::import::import_csv_edges(csv_text).unwrap();
    assert_eq!(imported.map.n_relations(), 2);
    assert_eq!(imported.diagnostics.len(), 2, "{:?}", imported.diagnostics);
    let g = signed_graph(&imported.map);
    assert_eq!(g.edges.iter().filter(|e| !e.positive).count(), 1);
    assert!(matches!(
        stancemap::export::import::import_csv_edges("A,B\n1,2\n"),
        Err(stancemap::export::import::ImportError::MissingColumn(
            "From"
        ))
    ));
}

#[test]
fn undated_stances_are_kept_or_hidden_by_choice() {
    use stancemap::analysis::{Undated, map_as_of_with};
    let mut map = dated_map();
    // A manual stance without evidence, and one resting on an undated source.
    map.apply(Edit::Batch(vec![
        Edit::AddSource(Source {
            id: SourceId::new("s3"),
            title: "s3".into(),
            path: "s3.txt".into(),
            date: None,
            text: "B backs y.".into(),
        }),
        Edit::AddActor(Actor::new("B", "B", ActorKind::State)),
        Edit::AddActor(Actor::new("C", "C", ActorKind::State)),
        Edit::AddIssue(Issue::new("y", "y")),
        Edit::AddPosition(Position::new(
            "B",
            "y",
            Claim {
                evidence: vec![Evidence::new(SourceId::new("s3"), 0, 10, "B backs y.")],
                ..Claim::new(Support, Origin::Extracted)
            },
        )),
        Edit::AddPosition(Position::new("C", "y", manual(Oppose))),
    ]))
    .unwrap();
    let spring = DateRange {
        from: Some("2025-01".into()),
        to: Some("2025-06".into()),
    };
    let autumn = DateRange {
        from: Some("2025-10".into()),
        to: None,
    };
    let holders = |view: &StanceMap| -> Vec<String> {
        view.positions().map(|p| p.actor.to_string()).collect()
    };
    for (range, undated, expected) in [
        (&spring, Undated::Keep, vec!["A", "B", "C"]),
        (&spring, Undated::Hide, vec!["A"]),
        (&autumn, Undated::Hide, vec!["A"]),
        (&DateRange::default(), Undated::Hide, vec!["A"]),
        (
            &DateRange {
                from: Some("2026".into()),
                to: None,
            },
            Undated::Hide,
            vec![],
        ),
    ] {
        let view = map_as_of_with(&map, range, undated);
        assert_eq!(holders(&view), expected, "{range:?} {undated:?}");
        // Nodes and sources stay: only stances are hidden.
        assert_eq!(view.n_actors(), 3);
        assert_eq!(view.sources().count(), 3);
    }
}

#[test]
fn typed_dates_are_checked() {
    use stancemap::analysis::parse_date;
    for (typed, expected) in [
        ("", Ok(None)),
        ("  ", Ok(None)),
        ("2025", Ok(Some("2025"))),
        (" 2025-11 ", Ok(Some("2025-11"))),
        ("2025-11-23", Ok(Some("2025-11-23"))),
        ("2025-13-01", Err(())),
        ("2025-11-32", Err(())),
        ("2025-1-5", Err(())),
        ("25-11-23", Err(())),
        ("Nov 23", Err(())),
        ("2025-11-23T08:00", Err(())),
    ] {
        let got = parse_date(typed);
        let got = got.as_ref().map(|d| d.as_deref()).map_err(|_| ());
        assert_eq!(got, expected, "{typed:?}");
    }
}
