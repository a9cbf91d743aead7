//! Properties of the layout: deterministic, pinned nodes stay, signs matter, no overlaps.
#![allow(clippy::unwrap_used)]

use super::*;
use crate::stance_map::{Actor, ActorKind, Claim, Issue, Origin, Position, Relation, Stance};

fn signed_map() -> StanceMap {
    let mut map = StanceMap::new();
    for id in ["A", "B", "C", "D", "E"] {
        map.apply(Edit::AddActor(Actor::new(id, id, ActorKind::State)))
            .unwrap();
    }
    map.apply(Edit::AddIssue(Issue::new("plan", "Peace plan")))
        .unwrap();
    for (source, target, stance) in [
        ("A", "B", Stance::Support),
        ("B", "A", Stance::Support),
        ("A", "C", Stance::Oppose),
        ("B", "C", Stance::Oppose),
        ("C", "D", Stance::Support),
        ("E", "A", Stance::Oppose),
    ] {
        map.apply(Edit::AddRelation(Relation::new(
            source,
            target,
            Claim::new(stance, Origin::Manual),
        )))
        .unwrap();
    }
    for (actor, stance) in [("A", Stance::Support), ("C", Stance::Oppose)] {
        map.apply(Edit::AddPosition(Position::new(
            actor,
            "plan",
            Claim::new(stance, Origin::Manual),
        )))
        .unwrap();
    }
    map
}

fn actor(id: &str) -> NodeRef {
    NodeRef::Actor(id.into())
}

fn distance(positions: &BTreeMap<NodeRef, (f32, f32)>, a: &NodeRef, b: &NodeRef) -> f32 {
    let (ax, ay) = positions[a];
    let (bx, by) = positions[b];
    ((ax - bx).powi(2) + (ay - by).powi(2)).sqrt()
}

#[test]
fn same_map_gives_same_positions() {
    let map = signed_map();
    for kind in [
        LayoutGraphKind::Positions,
        LayoutGraphKind::Relations,
        LayoutGraphKind::IssueLens("plan".into()),
    ] {
        assert_eq!(layout(&map, &kind, 150), layout(&map, &kind, 150));
    }
}

#[test]
fn pinned_nodes_do_not_move() {
    let mut map = signed_map();
    map.apply(Edit::MoveNode {
        node: actor("C"),
        layout: Some(NodeLayout {
            x: 500.0,
            y: -40.0,
            pinned: true,
        }),
    })
    .unwrap();
    let positions = layout(&map, &LayoutGraphKind::Positions, 150);
    assert_eq!(positions[&actor("C")], (500.0, -40.0));
    assert_eq!(positions.len(), 6);
}

#[test]
fn supporters_end_closer_than_opponents() {
    let map = signed_map();
    let positions = layout(&map, &LayoutGraphKind::Relations, 200);
    let friends = distance(&positions, &actor("A"), &actor("B"));
    let foes = distance(&positions, &actor("A"), &actor("C"));
    assert!(friends < foes, "friends {friends} vs foes {foes}");
    let foes_b = distance(&positions, &actor("B"), &actor("C"));
    assert!(friends < foes_b, "friends {friends} vs foes {foes_b}");
}

#[test]
fn no_nan_and_no_overlapping_boxes() {
    let map = signed_map();
    for kind in [LayoutGraphKind::Positions, LayoutGraphKind::Relations] {
        let positions = layout(&map, &kind, 150);
        assert_no_overlap(&positions);
    }
}

#[test]
fn coincident_and_empty_inputs_are_handled() {
    let mut map = signed_map();
    for id in ["A", "B", "C"] {
        map.apply(Edit::MoveNode {
            node: actor(id),
            layout: Some(NodeLayout {
                x: 10.0,
                y: 10.0,
                pinned: false,
            }),
        })
        .unwrap();
    }
    let positions = layout(&map, &LayoutGraphKind::Positions, 100);
    assert_no_overlap(&positions);
    assert!(layout(&StanceMap::new(), &LayoutGraphKind::Positions, 100).is_empty());
}

#[test]
fn large_graph_uses_the_approximation_and_stays_sane() {
    let mut map = StanceMap::new();
    let n = 600;
    let mut edits = Vec::new();
    for i in 0..n {
        edits.push(Edit::AddActor(Actor::new(
            format!("a{i:04}"),
            format!("Actor {i}"),
            ActorKind::State,
        )));
    }
    for i in 0..n {
        let stance = if i % 3 == 0 {
            Stance::Oppose
        } else {
            Stance::Support
        };
        edits.push(Edit::AddRelation(Relation::new(
            format!("a{i:04}"),
            format!("a{:04}", (i * 7 + 1) % n),
            Claim::new(stance, Origin::Extracted),
        )));
    }
    map.apply(Edit::Batch(edits)).unwrap();
    let mut run = ForceLayout::new(&map, &LayoutGraphKind::Relations, Anchoring::PinnedOnly, 40);
    run.finish();
    let positions = run.positions();
    assert_eq!(positions.len(), n);
    assert_no_overlap(&positions);
}

fn assert_no_overlap(positions: &BTreeMap<NodeRef, (f32, f32)>) {
    let nodes: Vec<_> = positions.iter().collect();
    for (i, (a, (ax, ay))) in nodes.iter().enumerate() {
        assert!(ax.is_finite() && ay.is_finite(), "{a:?} at {ax},{ay}");
        for (b, (bx, by)) in nodes.iter().skip(i + 1) {
            let (aw, ah) = node_extent(a);
            let (bw, bh) = node_extent(b);
            let apart_x = (ax - bx).abs() >= aw + bw + NODE_MARGIN - 0.001;
            let apart_y = (ay - by).abs() >= ah + bh + NODE_MARGIN - 0.001;
            assert!(apart_x || apart_y, "{a:?} and {b:?} overlap");
        }
    }
}
