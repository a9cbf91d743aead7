//! Everything `stancemap analyze` prints and the Analysis panel shows, computed once.

use std::fmt::Write;

use crate::stance_map::{ActorId, StanceMap};

use super::issues::{Contest, contested_issues};
use super::networks::{ActorTie, Normalisation, TieKind, actor_network};
use super::signed::{
    Clustering, EXACT_LIMIT, Frustration, SignedGraph, Triads, frustration, signed_clusters,
    signed_graph, triads,
};

/// The analysis of one map. Actor lists are in id order.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub actors: usize,
    pub signed_ties: usize,
    pub positive_ties: usize,
    pub triads: Triads,
    pub frustration: Frustration,
    pub coalition_a: Vec<ActorId>,
    pub coalition_b: Vec<ActorId>,
    /// Frustrated ties of the split as (actor, actor, "+"/"-").
    pub frustrated_ties: Vec<(ActorId, ActorId, &'static str)>,
    /// Actors touching a tie frustrated by the split: removing any of them lowers the
    /// frustration index (proven when it is exact).
    pub balance_pivotal: Vec<ActorId>,
    pub clusters: Clustering,
    pub contested: Vec<Contest>,
    pub isolated: Vec<ActorId>,
    pub congruence: Vec<ActorTie>,
    pub conflict: Vec<ActorTie>,
    pub graph: SignedGraph,
}

/// Runs every analysis; `k` is the number of coalitions for signed clustering.
pub fn analyze(map: &StanceMap, k: usize, normalisation: Normalisation) -> Analysis {
    let graph = signed_graph(map);
    let frustration = frustration(&graph, EXACT_LIMIT);
    let (coalition_a, coalition_b) = frustration.coalitions(&graph);
    let name = |i: usize| graph.actors.get(i).cloned().unwrap_or_default();
    let frustrated_ties = frustration
        .frustrated_edges
        .iter()
        .filter_map(|&i| graph.edges.get(i))
        .map(|e| (name(e.a), name(e.b), if e.positive { "+" } else { "-" }))
        .collect::<Vec<_>>();
    let mut balance_pivotal: Vec<ActorId> = frustrated_ties
        .iter()
        .flat_map(|(a, b, _)| [a.clone(), b.clone()])
        .collect();
    balance_pivotal.sort();
    balance_pivotal.dedup();
    Analysis {
        actors: graph.actors.len(),
        signed_ties: graph.edges.len(),
        positive_ties: graph.edges.iter().filter(|e| e.positive).count(),
        triads: triads(&graph),
        clusters: signed_clusters(&graph, k),
        contested: contested_issues(map),
        isolated: graph.isolated(),
        congruence: actor_network(map, TieKind::Congruence, normalisation),
        conflict: actor_network(map, TieKind::Conflict, normalisation),
        coalition_a,
        coalition_b,
        frustrated_ties,
        balance_pivotal,
        frustration,
        graph,
    }
}

impl Analysis {
    /// The analysis as a JSON value (keys as in the text output, ids as strings).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::json;
        let ids = |list: &[ActorId]| list.iter().map(|id| id.0.clone()).collect::<Vec<_>>();
        let ties = |list: &[ActorTie]| {
            list.iter()
                .map(|t| {
                    json!({"a": t.a.0, "b": t.b.0, "agreements": t.agreements,
                           "conflicts": t.conflicts, "weight": t.weight})
                })
                .collect::<Vec<_>>()
        };
        let clusters: Vec<serde_json::Value> = self
            .graph
            .actors
            .iter()
            .zip(&self.clusters.cluster)
            .map(|(id, c)| json!({"actor": id.0, "cluster": c}))
            .collect();
        json!({
            "actors": self.actors,
            "signed_ties": self.signed_ties,
            "positive_ties": self.positive_ties,
            "triads": {
                "balanced": self.triads.balanced,
                "frustrated": self.triads.frustrated,
                "frustrated_list": self.triads.frustrated_list.iter()
                    .map(|t| t.iter().map(|id| id.0.clone()).collect::<Vec<_>>())
                    .collect::<Vec<_>>(),
            },
            "frustration": {
                "index": self.frustration.index,
                "exact": self.frustration.exact,
                "balance": self.frustration.balance,
                "diagnostics": self.frustration.diagnostics,
                "coalition_a": ids(&self.coalition_a),
                "coalition_b": ids(&self.coalition_b),
                "frustrated_ties": self.frustrated_ties.iter()
                    .map(|(a, b, s)| json!({"a": a.0, "b": b.0, "sign": s}))
                    .collect::<Vec<_>>(),
            },
            "balance_pivotal": ids(&self.balance_pivotal),
            "clusters": {
                "error": self.clusters.error,
                "negative_inside": self.clusters.negative_inside,
                "positive_between": self.clusters.positive_between,
                "members": clusters,
            },
            "contested": self.contested.iter().map(|c| json!({
                "issue": c.issue.0, "support": c.support, "oppose": c.oppose,
                "split": c.split, "pivotal": ids(&c.pivotal),
            })).collect::<Vec<_>>(),
            "isolated": ids(&self.isolated),
            "congruence": ties(&self.congruence),
            "conflict": ties(&self.conflict),
        })
    }

    /// Readable text, ending in a newline.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Signed actor graph: {} actors, {} ties ({} positive, {} negative)",
            self.actors,
            self.signed_ties,
            self.positive_ties,
            self.signed_ties - self.positive_ties
        );
        let _ = writeln!(
            out,
            "Triads: {} balanced, {} frustrated",
            self.triads.balanced, self.triads.frustrated
        );
        for [a, b, c] in self.triads.frustrated_list.iter().take(20) {
            let _ = writeln!(out, "  frustrated: {a} · {b} · {c}");
        }
        let _ = writeln!(
            out,
            "Frustration index: {} ({}){}",
            self.frustration.index,
            if self.frustration.exact {
                "exact"
            } else {
                "heuristic upper bound"
            },
            self.frustration
                .balance
                .map(|b| format!(", balance {b:.3}"))
                .unwrap_or_default()
        );
        for note in &self.frustration.diagnostics {
            let _ = writeln!(out, "  note: {note}");
        }
        let _ = writeln!(out, "Coalition A: {}", join(&self.coalition_a));
        let _ = writeln!(out, "Coalition B: {}", join(&self.coalition_b));
        for (a, b, sign) in &self.frustrated_ties {
            let _ = writeln!(out, "  frustrated tie: {a} {sign} {b}");
        }
        let _ = writeln!(
            out,
            "Balance-pivotal actors: {}",
            join(&self.balance_pivotal)
        );
        let k = self.clusters.cluster.iter().max().map_or(0, |m| m + 1);
        let _ = writeln!(
            out,
            "Signed clustering: {k} coalitions, error {} ({} negative inside, {} positive between)",
            self.clusters.error, self.clusters.negative_inside, self.clusters.positive_between
        );
        for c in 0..k {
            let members: Vec<ActorId> = self
                .graph
                .actors
                .iter()
                .zip(&self.clusters.cluster)
                .filter(|(_, cluster)| **cluster == c)
                .map(|(id, _)| id.clone())
                .collect();
            let _ = writeln!(out, "  {}: {}", c + 1, join(&members));
        }
        let _ = writeln!(out, "Contested issues (split 1 = even):");
        for contest in &self.contested {
            let _ = writeln!(
                out,
                "  {}: {} support, {} oppose, split {:.2}, pivotal: {}",
                contest.issue,
                contest.support,
                contest.oppose,
                contest.split,
                join(&contest.pivotal)
            );
        }
        let _ = writeln!(out, "Isolated actors: {}", join(&self.isolated));
        out
    }
}

fn join(ids: &[ActorId]) -> String {
    if ids.is_empty() {
        return "(none)".to_owned();
    }
    ids.iter()
        .map(ActorId::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}
