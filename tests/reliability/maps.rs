//! Map files: byte-order marks and CRLF (f03), non-finite numbers (f13), evidence
//! integrity (f14), schema version 2 (per-evidence stance and explanation) with
//! migration from version 1, character offsets in the JSON exchange, `show` of a
//! changed position, and checked saving.

use stancemap::export::json::{from_json, to_json_pretty};
use stancemap::export::summary::summary;
use stancemap::stance_map::{
    Actor, ActorKind, Claim, Edit, Evidence, Issue, Origin, Position, Source, SourceId, Stance,
    StanceMap,
};
use stancemap::storage::{
    Fingerprint, StorageError, load_map, open_map, save_map, save_map_checked, to_ron_string,
};

use super::{fixture, run, run_with_user_lexicon, text};

#[test]
fn maps_with_a_bom_and_crlf_load() {
    for name in ["f03_bom_map.stancemap.ron", "f03_bom_map.json"] {
        let map = load_map(&fixture(&format!("cases/{name}"))).unwrap();
        assert!(map.n_positions() > 0, "{name}");
        // The same file with CRLF line ends loads to the same map.
        let raw = std::fs::read_to_string(fixture(&format!("cases/{name}"))).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let crlf = dir.path().join(name);
        std::fs::write(&crlf, raw.replace('\n', "\r\n")).unwrap();
        assert_eq!(load_map(&crlf).unwrap(), map, "{name} with CRLF");
    }
}

#[test]
fn user_lexicon_with_a_bom_and_crlf_is_used() {
    let lexicon = fixture("cases/f03_bom_user_lexicon.ron");
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "Tbilisi rejects the sanctions proposed by the EU.\n",
    )
    .unwrap();
    let output = run_with_user_lexicon(&lexicon, &["extract", article.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let map: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let actors: Vec<&str> = map["actors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|actor| actor["id"].as_str())
        .collect();
    assert!(actors.contains(&"Georgia"), "{actors:?}");
}

#[test]
fn lexicon_and_map_errors_name_no_rust_types() {
    let dir = tempfile::tempdir().unwrap();
    let lexicon = dir.path().join("lexicon.ron");
    std::fs::write(&lexicon, "\u{feff}(actors: 5)\r\n").unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "France backs the plan.\n").unwrap();
    let output = run_with_user_lexicon(&lexicon, &["extract", article.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let message = text(&output.stderr);
    assert!(message.contains("lexicon"), "{message}");
    let map = dir.path().join("m.stancemap.ron");
    std::fs::write(
        &map,
        "(format: \"stancemap\", version: 2, actors: [(id: 1)])",
    )
    .unwrap();
    let output = run(&["show", map.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let map_message = text(&output.stderr);
    for message in [message, map_message] {
        for rust in [
            "UserFile",
            "ActorEntry",
            "IssueEntry",
            "CueEntry",
            "Record",
            "MapFile",
            "ron::",
            "serde",
            "Vec<",
            "String",
        ] {
            assert!(!message.contains(rust), "{rust} in {message}");
        }
    }
}

#[test]
fn non_finite_coordinates_are_refused_with_the_real_rule() {
    let error = load_map(&fixture("cases/f13_nan_layout.stancemap.ron")).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("finite"), "{message}");
    assert!(!message.contains("0.0..=1.0"), "{message}");
    assert!(message.contains("layout of actor"), "{message}");
    // A NaN confidence states its own rule.
    let ron = to_ron_string(&sample())
        .unwrap()
        .replacen("confidence: 0.9", "confidence: NaN", 1);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nan.stancemap.ron");
    std::fs::write(&path, ron).unwrap();
    let message = load_map(&path).unwrap_err().to_string();
    assert!(
        message.contains("not a finite number") && message.contains("0.0 to 1.0"),
        "{message}"
    );
}

#[test]
fn edited_source_text_reanchors_every_span() {
    let path = fixture("cases/f14_source_text_edited.stancemap.ron");
    let opened = open_map(&path).unwrap();
    // One byte was inserted before seven quotes ("Monday" became "Tuesday"): those move;
    // the two quotes of the corrected sentence itself no longer occur.
    assert_eq!(opened.warnings.len(), 9, "{:#?}", opened.warnings);
    let moved = opened
        .warnings
        .iter()
        .filter(|w| w.contains("re-anchored"))
        .count();
    let lost = opened
        .warnings
        .iter()
        .filter(|w| w.contains("no longer occurs"))
        .count();
    assert_eq!((moved, lost), (7, 2), "{:#?}", opened.warnings);
    let mut checked = 0;
    let claims = opened
        .map
        .positions()
        .map(|position| &position.claim)
        .chain(opened.map.relations().map(|relation| &relation.claim));
    for claim in claims {
        for evidence in &claim.evidence {
            let source = opened.map.source(&evidence.source).unwrap();
            let slice = source.text.get(evidence.start..evidence.end);
            if evidence.start == evidence.end {
                assert!(evidence.text.contains("on Monday summoned"), "{evidence:?}");
            } else {
                assert_eq!(slice, Some(evidence.text.as_str()));
            }
            checked += 1;
        }
    }
    assert!(checked >= 9);
    // `show` prints the warnings and still succeeds.
    let output = run(&["show", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(text(&output.stderr).contains("re-anchored"));
}

#[test]
fn evidence_that_no_longer_occurs_keeps_its_quote_without_a_highlight() {
    // The first occurrence is the source text; the evidence quote stays as it was.
    let ron = to_ron_string(&sample()).unwrap().replacen(
        "text: \"Freedonia backs the Lake Treaty.",
        "text: \"Freedonia hails the Lake Treaty.",
        1,
    );
    let (map, warnings) =
        stancemap::storage::parse_map_checked(&ron, stancemap::storage::MapSyntax::Ron).unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("no longer occurs"), "{warnings:?}");
    let evidence = &map.positions().next().unwrap().claim.evidence[0];
    assert_eq!((evidence.start, evidence.end), (0, 0));
    assert_eq!(evidence.text, "Freedonia backs the Lake Treaty.");
}

#[test]
fn json_character_offsets_are_exported_and_byte_offsets_decide_on_load() {
    let map = sample();
    let json = to_json_pretty(&map).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let evidence = &value["positions"][1]["evidence"][2];
    // "Sylvania rejects …" starts after «», two-byte characters, in its source.
    let source = value["sources"][0]["text"].as_str().unwrap();
    let quote = evidence["text"].as_str().unwrap();
    let char_start = evidence["char_start"].as_u64().unwrap() as usize;
    let char_end = evidence["char_end"].as_u64().unwrap() as usize;
    let by_chars: String = source
        .chars()
        .skip(char_start)
        .take(char_end - char_start)
        .collect();
    assert_eq!(by_chars, quote);
    assert_ne!(evidence["start"].as_u64(), evidence["char_start"].as_u64());
    assert_eq!(from_json(&json).unwrap(), map);
    // A consumer that wrote character offsets into start/end: re-anchored, same map.
    let mut edited = value.clone();
    edited["positions"][1]["evidence"][2]["start"] = char_start.into();
    edited["positions"][1]["evidence"][2]["end"] = char_end.into();
    assert_eq!(from_json(&edited.to_string()).unwrap(), map);
}

#[test]
fn evidence_stance_and_explanation_round_trip_in_ron_and_json() {
    let map = sample();
    let ron = to_ron_string(&map).unwrap();
    assert!(ron.contains("version: 2"));
    assert!(ron.contains("stance: Some(oppose)"), "{ron}");
    assert!(ron.contains("explanation: \"cue rejects, holder Sylvania\""));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.stancemap.ron");
    save_map(&path, &map).unwrap();
    assert_eq!(load_map(&path).unwrap(), map);
    assert_eq!(from_json(&to_json_pretty(&map).unwrap()).unwrap(), map);
    // Empty explanations and unknown stances are left out of the file.
    assert_eq!(ron.matches("explanation:").count(), 2, "{ron}");
}

#[test]
fn version_1_maps_are_migrated() {
    let v1 = r#"(format: "stancemap", version: 1,
        sources: [(id: "s1", title: "t", path: "a.txt", text: "Sylvania rejects the Lake Treaty.")],
        actors: [(id: "Sylvania", name: "Sylvania", kind: state)],
        issues: [(id: "lake", label: "Lake Treaty")],
        positions: [(actor: "Sylvania", issue: "lake", stance: oppose, confidence: 0.8, origin: extracted,
            evidence: [(source: "s1", start: 0, end: 33, text: "Sylvania rejects the Lake Treaty.")])])"#;
    let map = stancemap::storage::parse_map(v1, stancemap::storage::MapSyntax::Ron).unwrap();
    let evidence = &map.positions().next().unwrap().claim.evidence[0];
    assert_eq!(evidence.stance, None);
    assert_eq!(evidence.explanation, "");
    // Saved again, it is version 2.
    assert!(to_ron_string(&map).unwrap().contains("version: 2"));
    let unknown = v1.replace("version: 1", "version: 3");
    let error = stancemap::storage::parse_map(&unknown, stancemap::storage::MapSyntax::Ron)
        .unwrap_err()
        .to_string();
    assert!(error.contains("unsupported map version 3"), "{error}");
}

#[test]
fn show_marks_a_changed_position_and_lists_its_evidence_in_order() {
    let out = summary(&sample());
    assert!(out.contains("oppose (mixed)"), "{out}");
    let section = out.split("Changed or mixed positions").nth(1).unwrap();
    assert!(
        section.contains("Sylvania → lake: changed, now oppose"),
        "{section}"
    );
    let support = section.find("1. support").unwrap();
    let oppose = section.find("2. oppose").unwrap();
    assert!(support < oppose, "{section}");
    // Through the CLI too.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.stancemap.ron");
    save_map(&path, &sample()).unwrap();
    let output = run(&["show", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(text(&output.stdout).contains("changed, now oppose"));
}

#[test]
fn saving_over_a_file_changed_since_opening_is_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.stancemap.ron");
    save_map(&path, &sample()).unwrap();
    let opened = open_map(&path).unwrap();
    // Unchanged: the checked save goes through and returns the new fingerprint.
    let fingerprint = save_map_checked(&path, &opened.map, Some(&opened.fingerprint)).unwrap();
    assert!(fingerprint.same_content(&Fingerprint::of_file(&path).unwrap().unwrap()));
    // Another analyst saves a different map.
    let mut other = sample();
    other
        .apply(Edit::AddActor(Actor::new(
            "Ruritania",
            "Ruritania",
            ActorKind::State,
        )))
        .unwrap();
    save_map(&path, &other).unwrap();
    let before = std::fs::read(&path).unwrap();
    let error = save_map_checked(&path, &opened.map, Some(&fingerprint)).unwrap_err();
    assert!(matches!(error, StorageError::Conflict { .. }), "{error}");
    assert!(
        error
            .to_string()
            .contains("changed on disk since it was opened")
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the other save was overwritten"
    );
    // A new map never saved conflicts with a file that appeared meanwhile.
    assert!(save_map_checked(&path, &opened.map, None).is_err());
    // Identical bytes rewritten (a sync tool touching the file) are no conflict.
    let now = Fingerprint::of_file(&path).unwrap().unwrap();
    std::fs::write(&path, &before).unwrap();
    assert!(save_map_checked(&path, &other, Some(&now)).is_ok());
}

#[test]
fn no_path_stored_in_a_map_is_opened() {
    // The stored source path names a file with other text: loading and showing keep
    // the stored text and never read that file.
    let dir = tempfile::tempdir().unwrap();
    let decoy = dir.path().join("a.txt");
    std::fs::write(&decoy, "Decoy text that must never be read.").unwrap();
    let ron = to_ron_string(&sample()).unwrap().replace(
        "path: \"a.txt\"",
        &format!("path: {:?}", decoy.display().to_string()),
    );
    let path = dir.path().join("m.stancemap.ron");
    std::fs::write(&path, ron).unwrap();
    let map = load_map(&path).unwrap();
    let source = map.source(&SourceId::new("s1")).unwrap();
    assert!(!source.text.contains("Decoy"));
    let output = run(&["show", path.to_str().unwrap()]);
    assert!(!text(&output.stdout).contains("Decoy"));
}

pub const SAMPLE_TEXT: &str = "Freedonia backs the Lake Treaty.\nSylvania backs the Lake Treaty. Later: «Non» dit-il. Sylvania rejects the Lake Treaty.\n";

/// A small map with a changed position: Sylvania first backs, then rejects the treaty.
pub fn sample() -> StanceMap {
    let mut map = StanceMap::new();
    let source = Source {
        id: SourceId::new("s1"),
        title: "Lake".into(),
        path: "a.txt".into(),
        date: None,
        text: SAMPLE_TEXT.into(),
    };
    let span = |quote: &str| {
        let start = SAMPLE_TEXT.find(quote).unwrap();
        Evidence::new(SourceId::new("s1"), start, start + quote.len(), quote)
    };
    let edits = vec![
        Edit::AddSource(source),
        Edit::AddActor(Actor::new("Freedonia", "Freedonia", ActorKind::State)),
        Edit::AddActor(Actor::new("Sylvania", "Sylvania", ActorKind::State)),
        Edit::AddIssue(Issue::new("lake", "Lake Treaty")),
    ];
    for edit in edits {
        map.apply(edit).unwrap();
    }
    let mut claim = Claim::new(Stance::Support, Origin::Extracted);
    claim.confidence = 0.9;
    claim.evidence = vec![span("Freedonia backs the Lake Treaty.")];
    map.apply(Edit::AddPosition(Position {
        actor: "Freedonia".into(),
        issue: "lake".into(),
        claim,
    }))
    .unwrap();
    let mut claim = Claim::new(Stance::Oppose, Origin::Extracted);
    claim.confidence = 0.7;
    let mut backs = span("Sylvania backs the Lake Treaty.");
    backs.stance = Some(Stance::Support);
    backs.explanation = "cue backs, holder Sylvania".into();
    let mut non = span("«Non» dit-il.");
    non.stance = Some(Stance::Oppose);
    let mut rejects = span("Sylvania rejects the Lake Treaty.");
    rejects.stance = Some(Stance::Oppose);
    rejects.explanation = "cue rejects, holder Sylvania".into();
    claim.evidence = vec![backs, non, rejects];
    map.apply(Edit::AddPosition(Position {
        actor: "Sylvania".into(),
        issue: "lake".into(),
        claim,
    }))
    .unwrap();
    map
}
