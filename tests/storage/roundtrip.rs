//! Save → load gives an equal map, and the bytes depend only on the content.

use proptest::prelude::*;
use stancemap::stance_map::{
    Actor, ActorKind, Claim, Edit, Evidence, Issue, IssueId, NodeLayout, NodeRef, Origin, Position,
    Relation, Source, SourceId, Stance, StanceMap,
};
use stancemap::storage::{load_map, save_map, to_ron_string};

use super::{build, sample_edits, sample_map};

#[test]
fn sample_map_survives_save_and_load() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample.stancemap.ron");
    let map = sample_map();
    save_map(&path, &map).unwrap();
    let loaded = load_map(&path).unwrap();
    assert_eq!(loaded, map);
    assert_eq!(loaded.n_positions(), 2);
    assert_eq!(loaded.n_relations(), 2);
    assert!(loaded.check_invariants().is_ok());
}

#[test]
fn saving_twice_gives_identical_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("a.stancemap.ron");
    let second = dir.path().join("b.stancemap.ron");
    let map = sample_map();
    save_map(&first, &map).unwrap();
    save_map(&second, &load_map(&first).unwrap()).unwrap();
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );
}

#[test]
fn bytes_do_not_depend_on_insertion_order() {
    let edits = sample_edits();
    // Sources, actors and issues first (stances need them), each group reversed.
    let (nodes, rest): (Vec<Edit>, Vec<Edit>) = edits.iter().cloned().partition(|edit| {
        matches!(
            edit,
            Edit::AddSource(_) | Edit::AddActor(_) | Edit::AddIssue(_)
        )
    });
    let reversed: Vec<Edit> = nodes
        .into_iter()
        .rev()
        .chain(rest.into_iter().rev())
        .collect();
    let forward = to_ron_string(&build(edits)).unwrap();
    let backward = to_ron_string(&build(reversed)).unwrap();
    assert_eq!(forward, backward);
}

#[test]
fn file_lists_are_sorted_by_id() {
    let text = to_ron_string(&sample_map()).unwrap();
    let freedonia = text.find("id: \"Freedonia\"").unwrap();
    let sylvania = text.find("id: \"Sylvania\"").unwrap();
    let ceasefire = text.find("id: \"ceasefire\"").unwrap();
    let lake = text.find("id: \"lake_treaty\",\n").unwrap();
    assert!(freedonia < sylvania);
    assert!(ceasefire < lake);
    assert!(text.starts_with("(\n    format: \"stancemap\",\n    version: 2,\n"));
    assert!(text.ends_with(")\n"));
}

#[test]
fn empty_map_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.stancemap.ron");
    save_map(&path, &StanceMap::new()).unwrap();
    let loaded = load_map(&path).unwrap();
    assert!(loaded.is_empty());
    assert_eq!(loaded, StanceMap::new());
}

/// Text with quotes, backslashes, newlines, braces and non-ASCII characters.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 é€«»\"\\\\\n\t(){}\\[\\],:]{0,40}"
}

fn unit() -> impl Strategy<Value = f32> {
    prop_oneof![Just(0.0f32), Just(1.0f32), 0.0f32..=1.0]
}

fn coordinate() -> impl Strategy<Value = f32> {
    prop_oneof![
        -1.0e4f32..1.0e4,
        prop::num::f32::NORMAL,
        prop::num::f32::SUBNORMAL,
        Just(-0.0f32)
    ]
}

const IDS: [&str; 5] = ["Ukraine", "EU", "Côte d'Ivoire", "a\"b", "x y"];

#[derive(Clone, Debug)]
struct ClaimSeed {
    support: bool,
    strength: f32,
    confidence: f32,
    manual: bool,
    locked: bool,
    note: String,
    spans: Vec<(usize, usize, usize)>,
}

fn claim_seed() -> impl Strategy<Value = ClaimSeed> {
    (
        any::<bool>(),
        unit(),
        unit(),
        any::<bool>(),
        any::<bool>(),
        text(),
        prop::collection::vec((0..3usize, 0..64usize, 0..64usize), 0..3),
    )
        .prop_map(
            |(support, strength, confidence, manual, locked, note, spans)| ClaimSeed {
                support,
                strength,
                confidence,
                manual,
                locked,
                note,
                spans,
            },
        )
}

/// A claim whose evidence spans are cut at character boundaries of existing sources.
fn claim(seed: &ClaimSeed, sources: &[(String, String)]) -> Claim {
    let mut claim = Claim::new(
        if seed.support {
            Stance::Support
        } else {
            Stance::Oppose
        },
        if seed.manual {
            Origin::Manual
        } else {
            Origin::Extracted
        },
    );
    claim.strength = seed.strength;
    claim.confidence = seed.confidence;
    claim.locked = seed.locked;
    claim.note = seed.note.clone();
    for &(which, a, b) in &seed.spans {
        let Some((id, text)) = sources.get(which % sources.len().max(1)) else {
            continue;
        };
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let (a, b) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
        let (start, end) = (a.min(b), a.max(b));
        claim.evidence.push(Evidence::new(
            SourceId::new(id.clone()),
            start,
            end,
            &text[start..end],
        ));
    }
    claim
}

type StanceSeed = (usize, usize, Option<usize>, ClaimSeed);

fn map_strategy() -> impl Strategy<Value = StanceMap> {
    (
        prop::collection::vec((text(), text(), prop::option::of(text()), text()), 0..3),
        prop::collection::vec(
            (
                0..IDS.len(),
                text(),
                0..6usize,
                prop::collection::vec(text(), 0..3),
            ),
            0..5,
        ),
        prop::collection::vec(
            (0..IDS.len(), text(), prop::collection::vec(text(), 0..3)),
            0..4,
        ),
        prop::collection::vec(
            (
                0..5usize,
                0..5usize,
                prop::option::of(0..5usize),
                claim_seed(),
            ),
            0..8,
        ),
        prop::collection::vec(
            (
                0..5usize,
                0..5usize,
                prop::option::of(0..5usize),
                claim_seed(),
            ),
            0..6,
        ),
        prop::collection::vec(
            (
                any::<bool>(),
                0..5usize,
                coordinate(),
                coordinate(),
                any::<bool>(),
            ),
            0..5,
        ),
    )
        .prop_map(|(sources, actors, issues, positions, relations, layouts)| {
            build_random(sources, actors, issues, positions, relations, layouts)
        })
}

type SourceSeed = (String, String, Option<String>, String);
type ActorSeed = (usize, String, usize, Vec<String>);
type IssueSeed = (usize, String, Vec<String>);
type LayoutSeed = (bool, usize, f32, f32, bool);

/// Applies generated edits through the model; refused edits are skipped, as in the app.
fn build_random(
    sources: Vec<SourceSeed>,
    actors: Vec<ActorSeed>,
    issues: Vec<IssueSeed>,
    positions: Vec<StanceSeed>,
    relations: Vec<StanceSeed>,
    layouts: Vec<LayoutSeed>,
) -> StanceMap {
    let mut map = StanceMap::new();
    let mut texts = Vec::new();
    for (n, (title, path, date, text)) in sources.into_iter().enumerate() {
        let id = format!("s{}", n + 1);
        texts.push((id.clone(), text.clone()));
        let source = Source {
            id: SourceId::new(id),
            title,
            path,
            date,
            text,
        };
        let _ = map.apply(Edit::AddSource(source));
    }
    for (id, name, kind, aliases) in actors {
        let mut actor = Actor::new(IDS[id], name, ActorKind::ALL[kind % ActorKind::ALL.len()]);
        actor.aliases = aliases;
        actor.color = (kind % 2 == 0).then_some([kind as u8, 0, 255]);
        let _ = map.apply(Edit::AddActor(actor));
    }
    for (id, label, keywords) in issues {
        let mut issue = Issue::new(IDS[id], label);
        issue.keywords = keywords;
        let _ = map.apply(Edit::AddIssue(issue));
    }
    for (actor, issue, _, seed) in positions {
        let position = Position::new(IDS[actor], IDS[issue], claim(&seed, &texts));
        let _ = map.apply(Edit::AddPosition(position));
    }
    for (source, target, issue, seed) in relations {
        let mut relation = Relation::new(IDS[source], IDS[target], claim(&seed, &texts));
        relation.issue = issue.map(|issue| IssueId::new(IDS[issue]));
        let _ = map.apply(Edit::AddRelation(relation));
    }
    for (is_actor, id, x, y, pinned) in layouts {
        let node = if is_actor {
            NodeRef::Actor(IDS[id].into())
        } else {
            NodeRef::Issue(IDS[id].into())
        };
        let layout = Some(NodeLayout { x, y, pinned });
        let _ = map.apply(Edit::MoveNode { node, layout });
    }
    map
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn generated_maps_round_trip_through_files(map in map_strategy()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.stancemap.ron");
        save_map(&path, &map).unwrap();
        let loaded = load_map(&path).unwrap();
        prop_assert_eq!(&loaded, &map);
        // And the loaded map writes the same bytes.
        prop_assert_eq!(to_ron_string(&loaded).unwrap(), std::fs::read_to_string(&path).unwrap());
    }

    #[test]
    fn generated_maps_round_trip_through_json(map in map_strategy()) {
        let text = stancemap::export::json::to_json_pretty(&map).unwrap();
        let loaded = stancemap::export::json::from_json(&text).unwrap();
        prop_assert_eq!(&loaded, &map);
        let line = stancemap::export::json::to_json_line(&map).unwrap();
        prop_assert!(!line.contains('\n'));
        prop_assert_eq!(&stancemap::export::json::from_json(&line).unwrap(), &map);
    }
}
