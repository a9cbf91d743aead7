//! The corpus seed acceptance test; reads `../shared/corpus` (or `STANCEMAP_CORPUS`)
//! and skips with a note when it is absent. With `STANCEMAP_DUMP_DIR` set it also
//! writes one JSON map per corpus article for offline scoring.

use std::path::PathBuf;

use super::{positions, relations, run};

fn corpus_dir() -> PathBuf {
    match std::env::var("STANCEMAP_CORPUS") {
        Ok(dir) => PathBuf::from(dir),
        Err(_) => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
    }
}

/// The issue whose label contains one of `words`.
fn issue_id(extraction: &stancemap::extract::Extraction, words: &[&str]) -> Option<String> {
    extraction
        .issues
        .iter()
        .find(|i| {
            let label = i.label.to_lowercase();
            words.iter().any(|w| label.contains(w))
        })
        .map(|i| i.id.to_string())
}

#[test]
fn seed_article_acceptance() {
    let path = corpus_dir().join("articles/00_seed_nato_crimea.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!(
            "note: corpus not found at {}; skipping seed acceptance",
            path.display()
        );
        return;
    };
    let extraction = run(&text);
    let ids: Vec<&str> = extraction.actors.iter().map(|a| a.id.as_str()).collect();
    for id in ["US", "Ukraine", "EU", "NATO", "Russia"] {
        assert!(ids.contains(&id), "missing actor {id} in {ids:?}");
    }
    let found = positions(&extraction);
    let crimea = issue_id(&extraction, &["recogni"]).expect("a recognition issue");
    let plan = extraction
        .issues
        .iter()
        .find(|i| {
            i.id.as_str().starts_with("us_")
                && (i.label.contains("plan") || i.label.contains("deal"))
        })
        .map(|i| i.id.to_string())
        .expect("the US peace plan issue");
    let mut expected = vec![
        format!("US support {crimea}"),
        format!("Ukraine oppose {crimea}"),
        format!("NATO oppose {crimea}"),
        format!("Russia support {crimea}"),
        format!("US support {plan}"),
        format!("Ukraine oppose {plan}"),
        format!("EU oppose {plan}"),
    ];
    if let Some(talks) = issue_id(&extraction, &["negotiat", "talks"]) {
        expected.push(format!("Ukraine support {talks}"));
    } else {
        panic!("no negotiations issue in {:#?}", extraction.issues);
    }
    let missing: Vec<&String> = expected.iter().filter(|e| !found.contains(e)).collect();
    assert!(missing.is_empty(), "missing {missing:#?} in {found:#?}");
    for position in &extraction.positions {
        assert!(!position.claim.evidence.is_empty());
        for evidence in &position.claim.evidence {
            assert_eq!(
                text.get(evidence.start..evidence.end),
                Some(evidence.text.as_str())
            );
        }
    }
}

/// The seed's "Crimea and future NATO membership aspirations are red lines for us,"
/// said one senior EU diplomat" is no opposition of the EU to NATO membership.
#[test]
fn seed_article_red_lines_are_no_opposition_to_membership() {
    let path = corpus_dir().join("articles/00_seed_nato_crimea.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("note: corpus not found; skipping");
        return;
    };
    let extraction = run(&text);
    let found = positions(&extraction);
    let oppose_membership = found
        .iter()
        .filter(|p| p.starts_with("EU oppose") && p.contains("membership"))
        .count();
    assert_eq!(oppose_membership, 0, "{found:#?}");
}

/// The parts of the seed acceptance that extraction v2 does not reach yet: the EU's
/// opposition to recognition ("Crimea is Ukraine" needs inference) and the relations
/// Ukraine → Russia (a negated "agreement that hands Russia …") and EU → Ukraine.
#[test]
#[ignore = "known gap of extraction v2; see the README's error analysis"]
fn seed_article_acceptance_remaining() {
    let path = corpus_dir().join("articles/00_seed_nato_crimea.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("note: corpus not found; skipping");
        return;
    };
    let extraction = run(&text);
    let found = positions(&extraction);
    let crimea = issue_id(&extraction, &["recogni"]).expect("a recognition issue");
    assert!(found.contains(&format!("EU oppose {crimea}")), "{found:#?}");
    let found_relations = relations(&extraction);
    for expected in ["Ukraine oppose Russia", "EU support Ukraine"] {
        assert!(
            found_relations.contains(&expected.to_owned()),
            "{found_relations:#?}"
        );
    }
}

#[test]
fn dump_corpus_for_scoring() {
    let Ok(out) = std::env::var("STANCEMAP_DUMP_DIR") else {
        return;
    };
    let dir = corpus_dir().join("articles");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("note: corpus not found; nothing dumped");
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let text = std::fs::read_to_string(&path).unwrap();
        let extraction = run(&text);
        let json = serde_json::json!({
            "actors": extraction.actors.iter().map(|a| serde_json::json!({"id": a.id.as_str(), "name": a.name, "aliases": a.aliases})).collect::<Vec<_>>(),
            "issues": extraction.issues.iter().map(|i| serde_json::json!({"id": i.id.as_str(), "label": i.label, "keywords": i.keywords})).collect::<Vec<_>>(),
            "positions": extraction.positions.iter().map(|p| serde_json::json!({"actor": p.actor.as_str(), "issue": p.issue.as_str(), "stance": p.claim.stance.as_str(), "confidence": p.claim.confidence, "evidence": p.claim.evidence.iter().map(|e| e.text.clone()).collect::<Vec<_>>()})).collect::<Vec<_>>(),
            "relations": extraction.relations.iter().map(|r| serde_json::json!({"source": r.source.as_str(), "target": r.target.as_str(), "polarity": r.claim.stance.as_str(), "confidence": r.claim.confidence, "evidence": r.claim.evidence.iter().map(|e| e.text.clone()).collect::<Vec<_>>()})).collect::<Vec<_>>(),
        });
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        std::fs::write(
            PathBuf::from(&out).join(format!("{name}.json")),
            json.to_string(),
        )
        .unwrap();
        let _ = (positions(&extraction), relations(&extraction));
    }
}
