//! Invented wire-style articles (tests/data/extraction) with their expected stances:
//! every expected position and relation must be found, and the `absent` actors must not
//! take part in any stance.

use std::path::PathBuf;

use super::{positions, relations, run};

#[derive(serde::Deserialize)]
struct Expected {
    /// "Actor stance issue-id-fragment"
    positions: Vec<String>,
    /// "Source polarity Target"
    relations: Vec<String>,
    absent: Vec<String>,
    /// Exact "Actor stance issue_id" strings that must not be found.
    #[serde(default)]
    not_positions: Vec<String>,
}

fn check(name: &str) -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/extraction");
    let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap();
    let expected: Expected =
        serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap())
            .unwrap();
    let extraction = run(&text);
    let found_positions = positions(&extraction);
    let found_relations = relations(&extraction);
    let mut problems = Vec::new();
    for want in &expected.positions {
        let mut parts = want.splitn(3, ' ');
        let (actor, stance, fragment) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        let hit = found_positions.iter().any(|p| {
            let mut got = p.splitn(3, ' ');
            got.next() == Some(actor)
                && got.next() == Some(stance)
                && got.next().is_some_and(|i| i.contains(fragment))
        });
        if !hit {
            problems.push(format!(
                "{name}: missing position {want} in {found_positions:?}"
            ));
        }
    }
    for want in &expected.relations {
        if !found_relations.contains(want) {
            problems.push(format!(
                "{name}: missing relation {want} in {found_relations:?}"
            ));
        }
    }
    for unwanted in &expected.not_positions {
        if found_positions
            .iter()
            .any(|p| p.starts_with(unwanted.as_str()))
        {
            problems.push(format!("{name}: found unwanted position {unwanted}"));
        }
    }
    for actor in &expected.absent {
        if extraction.actors.iter().any(|a| a.id.as_str() == actor) {
            problems.push(format!("{name}: {actor} should hold no stance"));
        }
    }
    for position in &extraction.positions {
        for evidence in &position.claim.evidence {
            assert_eq!(
                text.get(evidence.start..evidence.end),
                Some(evidence.text.as_str())
            );
        }
    }
    problems
}

#[test]
fn invented_articles_yield_their_expected_stances() {
    let names = [
        "01_arctic_fisheries",
        "02_mekong_dam",
        "03_sahel_sanctions",
        "04_caucasus_corridor",
        "05_south_china_sea",
        "06_balkan_energy",
        "07_parties_and_militias",
        "08_modals_events_clauses",
    ];
    let problems: Vec<String> = names.iter().flat_map(|name| check(name)).collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

/// A person whose role changed speaks for whom they served on the article's date
/// (`assets/lexicon/people.ron`): the dateline's date, or the date a batch passes.
#[test]
fn dated_roles_follow_the_article_date() {
    let holder = |dateline: &str| {
        let text = format!(
            "Leaders split over fund\n\nBRUSSELS, {dateline} (Reuters) - Mark Rutte rejected \
             the proposal to expand the recovery fund on Tuesday.\n"
        );
        let found: Vec<String> = positions(&run(&text))
            .iter()
            .map(|p| p.split(' ').next().unwrap_or_default().to_owned())
            .collect();
        found
    };
    assert_eq!(holder("March 3, 2020"), ["Netherlands"]);
    assert_eq!(holder("March 3, 2025"), ["NATO"]);
    // Between and before his roles he speaks for nobody.
    assert!(holder("March 3, 2005").is_empty());
    // Without a year the current role holds.
    assert_eq!(holder("March 3"), ["NATO"]);
    // A batch record's own date wins over the text.
    let article = stancemap::article::Article::parse(
        b"Fund row\n\nMark Rutte rejected the proposal to expand the recovery fund.\n",
        stancemap::article::ArticleFormat::Text,
    );
    let (map, _) = stancemap::batch::extract_article_map(
        &article,
        "r1",
        Some("2019-05-01".into()),
        &stancemap::extract::Lexicon::bundled(),
    );
    assert!(
        map.positions().any(|p| p.actor.as_str() == "Netherlands"),
        "{:?}",
        map.positions()
            .map(|p| p.actor.as_str())
            .collect::<Vec<_>>()
    );
}
