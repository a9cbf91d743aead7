//! Tests for map files, the JSON export and article reading: round trips, stable
//! bytes, atomic saves and clear errors.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod articles;
mod atomic;
mod errors;
mod json;
mod roundtrip;

use std::path::PathBuf;

use stancemap::stance_map::{
    Actor, ActorKind, Claim, Edit, Evidence, Issue, IssueId, NodeLayout, NodeRef, Origin, Position,
    Relation, Source, SourceId, Stance, StanceMap,
};

/// A file under `tests/data`.
pub fn data(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(relative)
}

/// Applies edits in order, failing the test on the first refusal.
pub fn build(edits: Vec<Edit>) -> StanceMap {
    let mut map = StanceMap::new();
    for edit in edits {
        map.apply(edit).unwrap();
    }
    map
}

pub const SAMPLE_TEXT: &str =
    "Freedonia backs the Lake Treaty.\nSylvania rejects the Lake Treaty. «Non», dit-il.\n";

/// The edits of a small map using every field, with characters that need escaping.
pub fn sample_edits() -> Vec<Edit> {
    let source = Source {
        id: SourceId::new("s1"),
        title: "Lake \"treaty\" talks".into(),
        path: "articles/lake.txt".into(),
        date: Some("2025-03-02".into()),
        text: SAMPLE_TEXT.into(),
    };
    let mut freedonia = Actor::new("Freedonia", "Freedonia", ActorKind::State);
    freedonia.aliases = vec!["Freedonian government".into()];
    freedonia.notes = "line one\nline two \\ backslash".into();
    let mut sylvania = Actor::new("Sylvania", "Sylvanie", ActorKind::Bloc);
    sylvania.color = Some([200, 40, 40]);
    let mut treaty = Issue::new("lake_treaty", "Ratify the Lake Treaty");
    treaty.keywords = vec!["Lake Treaty".into(), "water rights".into()];
    treaty.description = "Shared water rights".into();
    let evidence = |start: usize, end: usize| {
        Evidence::new(SourceId::new("s1"), start, end, &SAMPLE_TEXT[start..end])
    };
    let mut backs = Claim::new(Stance::Support, Origin::Extracted);
    backs.confidence = 0.9;
    backs.evidence = vec![evidence(0, 32)];
    let mut rejects = Claim::new(Stance::Oppose, Origin::Manual);
    rejects.confidence = 0.75;
    rejects.strength = 0.5;
    rejects.locked = true;
    rejects.note = "checked by hand".into();
    rejects.evidence = vec![evidence(33, 66), evidence(67, 82)];
    let mut scoped = Relation::new(
        "Sylvania",
        "Freedonia",
        Claim::new(Stance::Oppose, Origin::Manual),
    );
    scoped.issue = Some(IssueId::new("lake_treaty"));
    scoped.claim.confidence = 0.6;
    let general = Relation::new(
        "Freedonia",
        "Sylvania",
        Claim::new(Stance::Support, Origin::Extracted),
    );
    vec![
        Edit::AddSource(source),
        Edit::AddActor(freedonia),
        Edit::AddActor(sylvania),
        Edit::AddIssue(treaty),
        Edit::AddIssue(Issue::new("ceasefire", "Agree a ceasefire")),
        Edit::AddPosition(Position::new("Freedonia", "lake_treaty", backs)),
        Edit::AddPosition(Position::new("Sylvania", "lake_treaty", rejects)),
        Edit::AddRelation(scoped),
        Edit::AddRelation(general),
        Edit::MoveNode {
            node: NodeRef::Actor("Freedonia".into()),
            layout: Some(NodeLayout {
                x: 10.0,
                y: -20.5,
                pinned: true,
            }),
        },
        Edit::MoveNode {
            node: NodeRef::Issue("lake_treaty".into()),
            layout: Some(NodeLayout {
                x: 0.125,
                y: 3.0e7,
                pinned: false,
            }),
        },
    ]
}

pub fn sample_map() -> StanceMap {
    build(sample_edits())
}
