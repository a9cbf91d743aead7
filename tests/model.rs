//! Tests for the domain model: edits, invariants, inverses and derived queries.

use proptest::prelude::*;
use stancemap::history::History;
use stancemap::stance_map::{
    Actor, ActorId, ActorKind, Claim, Edit, EditError, Evidence, Issue, IssueId, NodeLayout,
    NodeRef, Origin, PairKind, Position, PositionKey, Relation, RelationKey, Source, SourceId,
    Stance, StanceMap,
};

const TEXT: &str = "Kyiv rejected the plan. Washington backed it. Brussels sided with Kyiv.";

fn evidence(start: usize, end: usize) -> Evidence {
    Evidence::new(
        SourceId::new("s1"),
        start,
        end,
        TEXT.get(start..end).unwrap_or_default(),
    )
}

fn claim(stance: Stance, evidence: Vec<Evidence>) -> Claim {
    Claim {
        evidence,
        ..Claim::new(stance, Origin::Extracted)
    }
}

/// A small map: three actors, two issues, positions and a relation citing one source.
fn sample() -> StanceMap {
    let mut map = StanceMap::new();
    let edits = vec![
        Edit::AddSource(Source {
            id: SourceId::new("s1"),
            title: "Plan".into(),
            path: "plan.txt".into(),
            date: None,
            text: TEXT.into(),
        }),
        Edit::AddActor(Actor::new("Ukraine", "Ukraine", ActorKind::State)),
        Edit::AddActor(Actor::new("US", "United States", ActorKind::State)),
        Edit::AddActor(Actor::new("EU", "European Union", ActorKind::Bloc)),
        Edit::AddIssue(Issue::new("plan", "US peace plan")),
        Edit::AddIssue(Issue::new("sanctions", "Sanctions on Russia")),
        Edit::AddPosition(Position::new(
            "Ukraine",
            "plan",
            claim(Stance::Oppose, vec![evidence(0, 23)]),
        )),
        Edit::AddPosition(Position::new(
            "US",
            "plan",
            claim(Stance::Support, vec![evidence(24, 45)]),
        )),
        Edit::AddPosition(Position::new("EU", "plan", claim(Stance::Oppose, vec![]))),
        Edit::AddRelation(Relation::new(
            "EU",
            "Ukraine",
            claim(Stance::Support, vec![evidence(46, 71)]),
        )),
    ];
    for edit in edits {
        if let Err(error) = map.apply(edit) {
            panic!("sample edit failed: {error}");
        }
    }
    map
}

fn key(actor: &str, issue: &str) -> PositionKey {
    PositionKey {
        actor: ActorId::new(actor),
        issue: IssueId::new(issue),
    }
}

#[test]
fn sample_map_keeps_invariants() {
    let map = sample();
    assert_eq!(map.check_invariants(), Ok(()));
    assert_eq!(
        (
            map.n_actors(),
            map.n_issues(),
            map.n_positions(),
            map.n_relations()
        ),
        (3, 2, 3, 1)
    );
    assert_eq!(
        map.stance_of(&"US".into(), &"plan".into()),
        Some(Stance::Support)
    );
}

#[test]
fn refused_edits_leave_the_map_unchanged() {
    let cases: Vec<(Edit, EditError)> = vec![
        (
            Edit::AddActor(Actor::new("US", "Again", ActorKind::State)),
            EditError::DuplicateActor("US".into()),
        ),
        (
            Edit::AddPosition(Position::new(
                "Nobody",
                "plan",
                claim(Stance::Support, vec![]),
            )),
            EditError::UnknownActor("Nobody".into()),
        ),
        (
            Edit::AddPosition(Position::new(
                "US",
                "nothing",
                claim(Stance::Support, vec![]),
            )),
            EditError::UnknownIssue("nothing".into()),
        ),
        (
            Edit::AddRelation(Relation::new("US", "US", claim(Stance::Oppose, vec![]))),
            EditError::SelfRelation("US".into()),
        ),
        (
            Edit::MergeActors {
                keep: "US".into(),
                absorb: "US".into(),
            },
            EditError::MergeIntoSelf("US".into()),
        ),
        (
            Edit::RemoveSource("s9".into()),
            EditError::UnknownSource("s9".into()),
        ),
    ];
    for (edit, expected) in cases {
        let mut map = sample();
        let before = map.clone();
        assert_eq!(map.apply(edit.clone()), Err(expected), "edit {edit:?}");
        assert_eq!(map, before, "map changed by refused edit {edit:?}");
    }
}

#[test]
fn evidence_outside_its_source_is_refused() {
    let mut map = sample();
    let mut bad = evidence(0, 10);
    bad.end = TEXT.len() + 5;
    let result = map.apply(Edit::AddPosition(Position::new(
        "US",
        "sanctions",
        claim(Stance::Support, vec![bad]),
    )));
    assert!(
        matches!(result, Err(EditError::BadEvidence { .. })),
        "{result:?}"
    );
    let mut out_of_range = claim(Stance::Support, vec![]);
    out_of_range.confidence = 1.5;
    let result = map.apply(Edit::AddPosition(Position::new(
        "US",
        "sanctions",
        out_of_range,
    )));
    assert!(matches!(
        result,
        Err(EditError::OutOfRange {
            what: "confidence",
            ..
        })
    ));
}

#[test]
fn a_failing_batch_rolls_back_its_earlier_edits() {
    let mut map = sample();
    let before = map.clone();
    let result = map.apply(Edit::Batch(vec![
        Edit::AddActor(Actor::new("Russia", "Russia", ActorKind::State)),
        Edit::AddActor(Actor::new("US", "duplicate", ActorKind::State)),
    ]));
    assert_eq!(result, Err(EditError::DuplicateActor("US".into())));
    assert_eq!(map, before);
    assert!(map.actor(&"Russia".into()).is_none());
}

#[test]
fn adding_an_existing_position_merges_evidence_and_updates_the_stance() {
    let mut map = sample();
    map.apply(Edit::AddPosition(Position::new(
        "US",
        "plan",
        claim(Stance::Oppose, vec![evidence(0, 23), evidence(24, 45)]),
    )))
    .map_err(|e| e.to_string())
    .ok();
    let position = map.position(&key("US", "plan"));
    let position = position.map(|p| (p.claim.stance, p.claim.evidence.len()));
    assert_eq!(position, Some((Stance::Oppose, 2)));
    assert_eq!(map.n_positions(), 3);
}

#[test]
fn removing_an_actor_cascades_and_undo_restores_it() {
    let mut map = sample();
    let before = map.clone();
    map.apply(Edit::MoveNode {
        node: NodeRef::Actor("EU".into()),
        layout: Some(NodeLayout {
            x: 1.0,
            y: 2.0,
            pinned: true,
        }),
    })
    .ok();
    let with_layout = map.clone();
    let inverse = map.apply(Edit::RemoveActor("EU".into()));
    assert!(inverse.is_ok());
    assert!(map.actor(&"EU".into()).is_none());
    assert_eq!((map.n_positions(), map.n_relations()), (2, 0));
    assert_eq!(map.layout_of(&NodeRef::Actor("EU".into())), None);
    assert_eq!(map.check_invariants(), Ok(()));
    if let Ok(inverse) = inverse {
        assert!(map.apply(inverse).is_ok());
    }
    assert_eq!(map, with_layout);
    assert_ne!(map, before);
}

#[test]
fn merging_actors_moves_stances_and_aliases() {
    let mut map = sample();
    let before = map.clone();
    let inverse = map.apply(Edit::MergeActors {
        keep: "Ukraine".into(),
        absorb: "EU".into(),
    });
    assert!(inverse.is_ok());
    assert!(map.actor(&"EU".into()).is_none());
    let ukraine = map.actor(&"Ukraine".into()).cloned().unwrap_or_default();
    assert_eq!(ukraine.aliases, vec!["European Union".to_owned()]);
    // The EU → Ukraine relation would be a self-loop after the merge, so it is gone.
    assert_eq!(map.n_relations(), 0);
    assert_eq!(
        map.stance_of(&"Ukraine".into(), &"plan".into()),
        Some(Stance::Oppose)
    );
    assert_eq!(map.check_invariants(), Ok(()));
    if let Ok(inverse) = inverse {
        assert!(map.apply(inverse).is_ok());
    }
    assert_eq!(map, before);
}

#[test]
fn removing_a_source_drops_its_extracted_stances_but_keeps_manual_ones() {
    let mut map = sample();
    let mut manual = claim(Stance::Support, vec![evidence(24, 45)]);
    manual.origin = Origin::Manual;
    map.apply(Edit::UpdatePosition(Position::new("US", "plan", manual)))
        .ok();
    assert!(map.apply(Edit::RemoveSource("s1".into())).is_ok());
    assert!(map.position(&key("Ukraine", "plan")).is_none());
    let us = map
        .position(&key("US", "plan"))
        .map(|p| p.claim.evidence.len());
    assert_eq!(
        us,
        Some(0),
        "manual stance kept without the removed evidence"
    );
    // The EU position had no evidence from s1 and is untouched.
    assert!(map.position(&key("EU", "plan")).is_some());
    assert_eq!(map.n_relations(), 0);
    assert_eq!(map.check_invariants(), Ok(()));
}

#[test]
fn issue_alignment_pairs_actors_by_stance() {
    let mut map = sample();
    map.apply(Edit::AddRelation(Relation {
        issue: Some("plan".into()),
        ..Relation::new("US", "Ukraine", claim(Stance::Oppose, vec![]))
    }))
    .ok();
    let alignment = map.issue_alignment(&"plan".into());
    let pairs: Vec<(String, String, PairKind)> = alignment
        .pairs
        .iter()
        .map(|pair| (pair.a.to_string(), pair.b.to_string(), pair.kind))
        .collect();
    assert_eq!(
        pairs,
        vec![
            ("EU".into(), "US".into(), PairKind::Opposed),
            ("EU".into(), "Ukraine".into(), PairKind::Aligned),
            ("US".into(), "Ukraine".into(), PairKind::Opposed),
        ]
    );
    let scoped: Vec<RelationKey> = alignment.relations.iter().map(Relation::key).collect();
    assert_eq!(scoped.len(), 1);
    assert_eq!(scoped.first().map(|k| k.source.as_str()), Some("US"));
}

#[test]
fn history_undoes_and_redoes() {
    let mut map = sample();
    let before = map.clone();
    let mut history = History::new();
    let rename = Edit::RenameActor {
        id: "US".into(),
        name: "USA".into(),
    };
    assert_eq!(history.apply(&mut map, rename), Ok(()));
    assert_eq!(
        map.actor(&"US".into()).map(|a| a.name.as_str()),
        Some("USA")
    );
    assert_eq!(history.undo(&mut map), Ok(true));
    assert_eq!(map, before);
    assert_eq!(history.redo(&mut map), Ok(true));
    assert_eq!(
        map.actor(&"US".into()).map(|a| a.name.as_str()),
        Some("USA")
    );
    assert_eq!(history.redo(&mut map), Ok(false));
}

/// Edits drawn from small id pools, so that many of them collide, merge or fail.
fn arbitrary_edit() -> impl Strategy<Value = Edit> {
    let actor = prop::sample::select(vec!["US", "Ukraine", "EU", "Russia", "NATO"]);
    let issue = prop::sample::select(vec!["plan", "sanctions", "crimea"]);
    let stance = prop::bool::ANY.prop_map(|b| if b { Stance::Support } else { Stance::Oppose });
    let span = (0usize..TEXT.len(), 0usize..20);
    let claim_strategy = (stance, 0.0f32..=1.0, span, prop::bool::ANY, prop::bool::ANY).prop_map(
        |(stance, confidence, (start, len), with_evidence, manual)| {
            let end = (start + len).min(TEXT.len());
            let mut claim = claim(
                stance,
                if with_evidence {
                    vec![evidence(start, end)]
                } else {
                    vec![]
                },
            );
            claim.confidence = confidence;
            claim.strength = 1.0 - confidence / 2.0;
            if manual {
                claim.origin = Origin::Manual;
            }
            claim
        },
    );
    prop_oneof![
        actor
            .clone()
            .prop_map(|id| Edit::AddActor(Actor::new(id, id, ActorKind::State))),
        actor.clone().prop_map(|id| Edit::RemoveActor(id.into())),
        (actor.clone(), "[a-z]{1,6}").prop_map(|(id, name)| Edit::RenameActor {
            id: id.into(),
            name
        }),
        (actor.clone(), actor.clone()).prop_map(|(keep, absorb)| Edit::MergeActors {
            keep: keep.into(),
            absorb: absorb.into()
        }),
        issue
            .clone()
            .prop_map(|id| Edit::AddIssue(Issue::new(id, id))),
        issue.clone().prop_map(|id| Edit::RemoveIssue(id.into())),
        (actor.clone(), issue.clone(), claim_strategy.clone())
            .prop_map(|(a, i, c)| Edit::AddPosition(Position::new(a, i, c))),
        (actor.clone(), issue.clone()).prop_map(|(a, i)| Edit::RemovePosition(key(a, i))),
        (
            actor.clone(),
            actor.clone(),
            prop::option::of(issue.clone()),
            claim_strategy
        )
            .prop_map(|(s, t, i, c)| Edit::AddRelation(Relation {
                issue: i.map(IssueId::from),
                ..Relation::new(s, t, c)
            })),
        (actor.clone(), -100.0f32..100.0, -100.0f32..100.0).prop_map(|(a, x, y)| Edit::MoveNode {
            node: NodeRef::Actor(a.into()),
            layout: Some(NodeLayout {
                x,
                y,
                pinned: x > 0.0
            })
        }),
        Just(Edit::RemoveSource("s1".into())),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_edits_keep_invariants_and_undo_restores_the_original(
        edits in prop::collection::vec(arbitrary_edit(), 1..40)
    ) {
        let original = sample();
        let mut map = original.clone();
        let mut history = History::new();
        for edit in edits {
            let before = map.clone();
            if history.apply(&mut map, edit).is_err() {
                prop_assert_eq!(&map, &before);
            }
            prop_assert_eq!(map.check_invariants(), Ok(()));
        }
        let after = map.clone();
        while history.can_undo() {
            prop_assert_eq!(history.undo(&mut map), Ok(true));
            prop_assert_eq!(map.check_invariants(), Ok(()));
        }
        prop_assert_eq!(&map, &original);
        while history.can_redo() {
            prop_assert_eq!(history.redo(&mut map), Ok(true));
        }
        prop_assert_eq!(&map, &after);
    }
}

#[test]
fn congruence_counts_agreements_and_conflicts() {
    let mut map = sample();
    map.apply(Edit::AddPosition(Position::new(
        "US",
        "sanctions",
        claim(Stance::Oppose, vec![]),
    )))
    .ok();
    map.apply(Edit::AddPosition(Position::new(
        "EU",
        "sanctions",
        claim(Stance::Support, vec![]),
    )))
    .ok();
    let ties: Vec<(String, String, usize, usize)> = stancemap::analysis::actor_network(
        &map,
        stancemap::analysis::TieKind::Subtract,
        stancemap::analysis::Normalisation::None,
    )
    .into_iter()
    .map(|t| (t.a.to_string(), t.b.to_string(), t.agreements, t.conflicts))
    .collect();
    assert_eq!(
        ties,
        vec![
            ("EU".into(), "US".into(), 0, 2),
            ("EU".into(), "Ukraine".into(), 1, 0),
            ("US".into(), "Ukraine".into(), 0, 1),
        ]
    );
    // EU–Ukraine allies, both opposed to the US: balanced.
    let balance = stancemap::analysis::triads(&stancemap::analysis::signed_graph(&map));
    assert_eq!((balance.balanced, balance.frustrated), (1, 0));
    // An explicit US → EU support relation makes the triangle unbalanced.
    map.apply(Edit::AddRelation(Relation::new(
        "US",
        "EU",
        claim(Stance::Support, vec![]),
    )))
    .ok();
    let balance = stancemap::analysis::triads(&stancemap::analysis::signed_graph(&map));
    assert_eq!((balance.balanced, balance.frustrated), (0, 1));
}
