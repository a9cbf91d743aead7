//! The signed actor graph and its structural balance.
//!
//! **Graph.** Actors are vertices. Two actors are tied positively or negatively by an
//! explicit relation (either direction; an opposing relation in either direction wins)
//! or, without one, by derived alignment: the sign of their DNA "subtract" tie
//! (issues where they agree minus issues where they disagree; ties of 0 are left out).
//! Stances are each claim's current `stance`, also for mixed claims.
//!
//! **Balance** (Heider; Cartwright & Harary 1956): a triad is frustrated when the
//! product of its signs is negative. The **frustration index** (line index of
//! balance) is the fewest edges whose removal (equivalently, sign flip) makes the graph
//! balanced, i.e. min over two-coalition splits of negative edges inside plus positive
//! edges across (Aref & Wilson, "Measuring partial balance in signed networks",
//! J. Complex Networks 6(4), 2018). It is computed per connected component, exactly by
//! branch and bound for components up to [`EXACT_LIMIT`] actors, otherwise (or when
//! the search budget runs out) by multi-start local search, labelled `exact: false`.
//!
//! **k coalitions** follow Doreian & Mrvar's partitioning approach to structural
//! balance ("A partitioning approach to structural balance", Social Networks 18, 1996):
//! minimise P = α·(negative ties inside clusters) + (1 − α)·(positive ties between),
//! here with α = ½, by relocation local search from deterministic starts.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::stance_map::{ActorId, Stance, StanceMap};

use super::networks::{Normalisation, TieKind, actor_network};

/// Components with at most this many actors get an exact frustration index.
pub const EXACT_LIMIT: usize = 30;
/// Branch-and-bound nodes explored per component before falling back to the heuristic.
const SEARCH_BUDGET: u64 = 4_000_000;
/// Frustrated triads listed at most; the count is still complete.
const TRIAD_LIST_CAP: usize = 10_000;

/// One signed tie between actors `a < b` (indices into [`SignedGraph::actors`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedEdge {
    pub a: usize,
    pub b: usize,
    pub positive: bool,
    /// From an explicit relation rather than derived alignment.
    pub explicit: bool,
}

/// The signed actor graph: all actors of the map (id order), ties in (a, b) order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SignedGraph {
    pub actors: Vec<ActorId>,
    pub edges: Vec<SignedEdge>,
}

impl SignedGraph {
    /// A graph from actor ids and `(a, b, positive)` ties given by id; unknown ids,
    /// self-ties and repeated pairs (after the first) are ignored. For tests and imports.
    pub fn from_ties<'a>(
        actors: impl IntoIterator<Item = &'a str>,
        ties: impl IntoIterator<Item = (&'a str, &'a str, bool)>,
    ) -> Self {
        let mut ids: Vec<ActorId> = actors.into_iter().map(ActorId::new).collect();
        ids.sort();
        ids.dedup();
        let mut pairs: BTreeMap<(usize, usize), bool> = BTreeMap::new();
        for (a, b, positive) in ties {
            let (Ok(a), Ok(b)) = (
                ids.binary_search(&ActorId::new(a)),
                ids.binary_search(&ActorId::new(b)),
            ) else {
                continue;
            };
            if a != b {
                pairs.entry((a.min(b), a.max(b))).or_insert(positive);
            }
        }
        let edges = pairs
            .into_iter()
            .map(|((a, b), positive)| SignedEdge {
                a,
                b,
                positive,
                explicit: true,
            })
            .collect();
        Self { actors: ids, edges }
    }

    /// Neighbour lists `(neighbour, positive)` per actor.
    fn adjacency(&self) -> Vec<Vec<(usize, bool)>> {
        let mut adjacency = vec![Vec::new(); self.actors.len()];
        for edge in &self.edges {
            if let Some(list) = adjacency.get_mut(edge.a) {
                list.push((edge.b, edge.positive));
            }
            if let Some(list) = adjacency.get_mut(edge.b) {
                list.push((edge.a, edge.positive));
            }
        }
        adjacency
    }

    /// Actors without any signed tie, in id order.
    pub fn isolated(&self) -> Vec<ActorId> {
        let adjacency = self.adjacency();
        self.actors
            .iter()
            .zip(&adjacency)
            .filter(|(_, neighbours)| neighbours.is_empty())
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// Edges frustrated by a split (`side[i]` is actor i's coalition): negative inside
    /// or positive across. Indices into `edges`.
    pub fn frustrated_by(&self, side: &[bool]) -> Vec<usize> {
        self.edges
            .iter()
            .enumerate()
            .filter(|(_, edge)| {
                let same = side.get(edge.a) == side.get(edge.b);
                same != edge.positive
            })
            .map(|(index, _)| index)
            .collect()
    }
}

/// The signed actor graph of a map (explicit relations + derived alignment).
/// Cost: that of [`actor_network`] plus O(relations · log).
pub fn signed_graph(map: &StanceMap) -> SignedGraph {
    let actors: Vec<ActorId> = map.actors().map(|actor| actor.id.clone()).collect();
    let index = |id: &ActorId| actors.binary_search(id).ok();
    let mut ties: BTreeMap<(usize, usize), (bool, bool)> = BTreeMap::new();
    for tie in actor_network(map, TieKind::Subtract, Normalisation::None) {
        if let (Some(a), Some(b)) = (index(&tie.a), index(&tie.b)) {
            ties.insert((a.min(b), a.max(b)), (tie.weight > 0.0, false));
        }
    }
    let mut explicit: BTreeMap<(usize, usize), bool> = BTreeMap::new();
    for relation in map.relations() {
        let (Some(a), Some(b)) = (index(&relation.source), index(&relation.target)) else {
            continue;
        };
        if a == b {
            continue;
        }
        let positive = relation.claim.stance == Stance::Support;
        *explicit.entry((a.min(b), a.max(b))).or_insert(positive) &= positive;
    }
    for (pair, positive) in explicit {
        ties.insert(pair, (positive, true));
    }
    let edges = ties
        .into_iter()
        .map(|((a, b), (positive, explicit))| SignedEdge {
            a,
            b,
            positive,
            explicit,
        })
        .collect();
    SignedGraph { actors, edges }
}

/// Triads of a signed graph: counts and the frustrated ones (actor ids, sorted).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Triads {
    pub balanced: usize,
    pub frustrated: usize,
    /// Up to 10 000 frustrated triads in index order.
    pub frustrated_list: Vec<[ActorId; 3]>,
}

/// Every closed triad, each counted once. Cost: O(edges · max degree).
pub fn triads(graph: &SignedGraph) -> Triads {
    let adjacency: Vec<BTreeMap<usize, bool>> = graph
        .adjacency()
        .into_iter()
        .map(|list| list.into_iter().collect())
        .collect();
    let mut result = Triads::default();
    for edge in &graph.edges {
        let (Some(of_a), Some(of_b)) = (adjacency.get(edge.a), adjacency.get(edge.b)) else {
            continue;
        };
        for (&c, &ac) in of_a.range(edge.b + 1..) {
            let Some(&bc) = of_b.get(&c) else { continue };
            let negatives = [edge.positive, ac, bc].iter().filter(|p| !**p).count();
            if negatives % 2 == 0 {
                result.balanced += 1;
            } else {
                result.frustrated += 1;
                if result.frustrated_list.len() < TRIAD_LIST_CAP {
                    let name = |i: usize| graph.actors.get(i).cloned().unwrap_or_default();
                    result
                        .frustrated_list
                        .push([name(edge.a), name(edge.b), name(c)]);
                }
            }
        }
    }
    result
}

/// The frustration index and a two-coalition split attaining it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Frustration {
    /// Fewest ties whose removal balances the graph (or the best found when not exact).
    pub index: usize,
    /// Whether `index` is proven minimal (every component ≤ [`EXACT_LIMIT`] actors and
    /// the search finished within its budget).
    pub exact: bool,
    /// Coalition per actor (same order as the graph's actors): `true` = coalition A,
    /// the side of each component's first actor. Isolated actors are in A.
    pub side: Vec<bool>,
    /// Indices into the graph's edges frustrated by `side`.
    pub frustrated_edges: Vec<usize>,
    /// Normalised: 1 − 2·index / edges (1.0 = balanced), `None` without edges
    /// (Aref & Wilson's "normalised line index").
    pub balance: Option<f64>,
    /// Which components were solved by the heuristic and why.
    pub diagnostics: Vec<String>,
}

impl Frustration {
    /// Actor ids in coalition A and B, each in id order; isolated actors left out.
    pub fn coalitions(&self, graph: &SignedGraph) -> (Vec<ActorId>, Vec<ActorId>) {
        let isolated: BTreeSet<ActorId> = graph.isolated().into_iter().collect();
        let mut a = Vec::new();
        let mut b = Vec::new();
        for (id, side) in graph.actors.iter().zip(&self.side) {
            if isolated.contains(id) {
                continue;
            }
            if *side {
                a.push(id.clone())
            } else {
                b.push(id.clone())
            }
        }
        (a, b)
    }
}

/// Computes the frustration index of `graph` with components up to `exact_limit`
/// actors solved exactly (pass [`EXACT_LIMIT`]). Never fails; cost is linear per
/// heuristic pass and bounded by a node budget for the exact search.
pub fn frustration(graph: &SignedGraph, exact_limit: usize) -> Frustration {
    let adjacency = graph.adjacency();
    let n = graph.actors.len();
    let mut side = vec![true; n];
    let mut exact = true;
    let mut diagnostics = Vec::new();
    for component in components(&adjacency) {
        let local = Component::new(&component, &adjacency);
        let mut best = local.heuristic();
        let mut component_exact = false;
        if component.len() <= exact_limit {
            match local.branch_and_bound(best.1) {
                Some(found) => {
                    if let Some(found) = found {
                        best = found;
                    }
                    component_exact = true;
                }
                None => diagnostics.push(format!(
                    "component of {} actors: search budget reached, frustration index is a heuristic upper bound",
                    component.len()
                )),
            }
        } else {
            diagnostics.push(format!(
                "component of {} actors is above the exact limit of {exact_limit}; frustration index is a heuristic upper bound",
                component.len()
            ));
        }
        exact &= component_exact;
        // Orient so the component's first actor is in coalition A.
        let flip = !best.0.first().copied().unwrap_or(true);
        for (&global, &s) in component.iter().zip(&best.0) {
            if let Some(slot) = side.get_mut(global) {
                *slot = s != flip;
            }
        }
    }
    let frustrated_edges = graph.frustrated_by(&side);
    let index = frustrated_edges.len();
    let balance =
        (!graph.edges.is_empty()).then(|| 1.0 - 2.0 * index as f64 / graph.edges.len() as f64);
    Frustration {
        index,
        exact,
        side,
        frustrated_edges,
        balance,
        diagnostics,
    }
}

/// Connected components (vertex lists, each in BFS order from its smallest vertex).
fn components(adjacency: &[Vec<(usize, bool)>]) -> Vec<Vec<usize>> {
    let mut seen = vec![false; adjacency.len()];
    let mut result = Vec::new();
    for start in 0..adjacency.len() {
        if seen.get(start).copied().unwrap_or(true) {
            continue;
        }
        let mut order = Vec::new();
        let mut queue = VecDeque::from([start]);
        if let Some(flag) = seen.get_mut(start) {
            *flag = true;
        }
        while let Some(v) = queue.pop_front() {
            order.push(v);
            for &(u, _) in adjacency.get(v).map(Vec::as_slice).unwrap_or_default() {
                if let Some(flag) = seen.get_mut(u)
                    && !*flag
                {
                    *flag = true;
                    queue.push_back(u);
                }
            }
        }
        result.push(order);
    }
    result
}

/// A component with local indices 0..k (in the given order) and local adjacency.
struct Component {
    adjacency: Vec<Vec<(usize, bool)>>,
}

impl Component {
    fn new(vertices: &[usize], global: &[Vec<(usize, bool)>]) -> Self {
        let local: BTreeMap<usize, usize> = vertices
            .iter()
            .enumerate()
            .map(|(local, &global)| (global, local))
            .collect();
        let adjacency = vertices
            .iter()
            .map(|v| {
                global
                    .get(*v)
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|(u, positive)| Some((*local.get(u)?, *positive)))
                    .collect()
            })
            .collect();
        Self { adjacency }
    }

    fn len(&self) -> usize {
        self.adjacency.len()
    }

    fn cost(&self, side: &[bool]) -> usize {
        let mut cost = 0;
        for (v, neighbours) in self.adjacency.iter().enumerate() {
            for &(u, positive) in neighbours {
                if u > v && (side.get(u) == side.get(v)) != positive {
                    cost += 1;
                }
            }
        }
        cost
    }

    /// Multi-start local search: a BFS-tree-consistent start from several roots, then
    /// single-actor moves while one lowers the cost. Returns (split, cost).
    fn heuristic(&self) -> (Vec<bool>, usize) {
        let k = self.len();
        let mut best = (vec![true; k], self.cost(&vec![true; k]));
        let roots: Vec<usize> = (0..k).step_by((k / 8).max(1)).take(8).collect();
        for root in roots {
            let mut side = vec![true; k];
            let mut seen = vec![false; k];
            let mut queue = VecDeque::from([root]);
            if let Some(flag) = seen.get_mut(root) {
                *flag = true;
            }
            while let Some(v) = queue.pop_front() {
                let sv = side.get(v).copied().unwrap_or(true);
                for &(u, positive) in self.adjacency.get(v).map(Vec::as_slice).unwrap_or_default() {
                    if let Some(flag) = seen.get_mut(u)
                        && !*flag
                    {
                        *flag = true;
                        if let Some(su) = side.get_mut(u) {
                            *su = if positive { sv } else { !sv };
                        }
                        queue.push_back(u);
                    }
                }
            }
            self.improve(&mut side);
            let cost = self.cost(&side);
            if cost < best.1 {
                best = (side, cost);
            }
        }
        best
    }

    /// Flips single actors while that lowers the cost (at most 100 passes).
    fn improve(&self, side: &mut [bool]) {
        for _ in 0..100 {
            let mut changed = false;
            for v in 0..side.len() {
                let sv = side.get(v).copied().unwrap_or(true);
                let (mut keep, mut flip) = (0_i64, 0_i64);
                for &(u, positive) in self.adjacency.get(v).map(Vec::as_slice).unwrap_or_default() {
                    let same = side.get(u).copied() == Some(sv);
                    if same != positive {
                        keep += 1;
                    } else {
                        flip += 1;
                    }
                }
                if flip < keep
                    && let Some(slot) = side.get_mut(v)
                {
                    *slot = !sv;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }

    /// Exact minimum by branch and bound, vertices in BFS order, the first fixed in
    /// coalition A. The bound adds, for every unassigned actor, the cheaper of its two
    /// sides against the assigned ones. Returns `None` when the budget ran out,
    /// `Some(None)` when nothing beats `upper`, else `Some(Some((split, cost)))`.
    fn branch_and_bound(&self, upper: usize) -> Option<Option<(Vec<bool>, usize)>> {
        let k = self.len();
        let mut search = Search {
            adjacency: &self.adjacency,
            side: vec![None; k],
            cost_if: vec![[0; 2]; k],
            best: None,
            upper,
            nodes: 0,
        };
        if k == 0 {
            return Some(None);
        }
        search.assign(0, true, 0);
        let complete = search.descend(1, 0);
        complete.then_some(search.best)
    }
}

struct Search<'a> {
    adjacency: &'a [Vec<(usize, bool)>],
    side: Vec<Option<bool>>,
    /// Per actor: frustrated assigned ties if it joins A (`[0]`) or B (`[1]`).
    cost_if: Vec<[usize; 2]>,
    best: Option<(Vec<bool>, usize)>,
    upper: usize,
    nodes: u64,
}

impl Search<'_> {
    /// Assigns `v`, returning the frustrated ties this adds; updates neighbours' costs.
    fn assign(&mut self, v: usize, s: bool, _depth: usize) -> usize {
        let added = self
            .cost_if
            .get(v)
            .map_or(0, |c| if s { c[0] } else { c[1] });
        if let Some(slot) = self.side.get_mut(v) {
            *slot = Some(s);
        }
        for &(u, positive) in self.adjacency.get(v).map(Vec::as_slice).unwrap_or_default() {
            if self.side.get(u).copied().flatten().is_none()
                && let Some(c) = self.cost_if.get_mut(u)
            {
                // u on the same side as v is frustrated iff the tie is negative.
                let same = usize::from(!positive);
                let other = usize::from(positive);
                if s {
                    c[0] += same;
                    c[1] += other;
                } else {
                    c[0] += other;
                    c[1] += same;
                }
            }
        }
        added
    }

    fn unassign(&mut self, v: usize, s: bool) {
        if let Some(slot) = self.side.get_mut(v) {
            *slot = None;
        }
        for &(u, positive) in self.adjacency.get(v).map(Vec::as_slice).unwrap_or_default() {
            if self.side.get(u).copied().flatten().is_none()
                && let Some(c) = self.cost_if.get_mut(u)
            {
                let same = usize::from(!positive);
                let other = usize::from(positive);
                if s {
                    c[0] -= same;
                    c[1] -= other;
                } else {
                    c[0] -= other;
                    c[1] -= same;
                }
            }
        }
    }

    /// Explores vertices `depth..`; false when the budget ran out.
    fn descend(&mut self, depth: usize, cost: usize) -> bool {
        self.nodes += 1;
        if self.nodes > SEARCH_BUDGET {
            return false;
        }
        let bound: usize = cost
            + (depth..self.side.len())
                .filter_map(|u| self.cost_if.get(u))
                .map(|c| c[0].min(c[1]))
                .sum::<usize>();
        if bound >= self.upper {
            return true;
        }
        if depth >= self.side.len() {
            self.upper = cost;
            self.best = Some((self.side.iter().map(|s| s.unwrap_or(true)).collect(), cost));
            return true;
        }
        let c = self.cost_if.get(depth).copied().unwrap_or([0, 0]);
        let first = c[0] <= c[1];
        for s in [first, !first] {
            let added = self.assign(depth, s, depth);
            let complete = self.descend(depth + 1, cost + added);
            self.unassign(depth, s);
            if !complete {
                return false;
            }
        }
        true
    }
}

/// A partition into k coalitions by signed clustering.
#[derive(Clone, Debug, PartialEq)]
pub struct Clustering {
    /// Cluster number (0..k) per actor, in the graph's actor order; clusters are
    /// numbered by their smallest actor.
    pub cluster: Vec<usize>,
    /// Negative ties inside clusters.
    pub negative_inside: usize,
    /// Positive ties between clusters.
    pub positive_between: usize,
    /// Doreian–Mrvar criterion with α = ½: (negative_inside + positive_between) / 2.
    pub error: f64,
}

/// Partitions the actors into at most `k` coalitions (k ≥ 1) minimising the
/// Doreian–Mrvar error, by relocation local search from the two-coalition split and
/// from round-robin starts. A heuristic: the error is an upper bound. Cost:
/// O(passes · (edges + actors · k)).
pub fn signed_clusters(graph: &SignedGraph, k: usize) -> Clustering {
    let k = k.max(1);
    let n = graph.actors.len();
    let adjacency = graph.adjacency();
    let mut starts: Vec<Vec<usize>> = Vec::new();
    let split = frustration(graph, EXACT_LIMIT.min(20));
    starts.push(
        split
            .side
            .iter()
            .map(|s| usize::from(!*s).min(k - 1))
            .collect(),
    );
    for shift in 0..3 {
        starts.push((0..n).map(|i| (i + shift) % k).collect());
    }
    let mut best: Option<(Vec<usize>, usize)> = None;
    for mut cluster in starts {
        relocate(&adjacency, &mut cluster, k);
        let error = partition_error(graph, &cluster);
        if best.as_ref().is_none_or(|(_, e)| error < *e) {
            best = Some((cluster, error));
        }
    }
    let cluster = renumber(best.map(|(c, _)| c).unwrap_or_default());
    let (negative_inside, positive_between) = partition_counts(graph, &cluster);
    Clustering {
        cluster,
        negative_inside,
        positive_between,
        error: (negative_inside + positive_between) as f64 / 2.0,
    }
}

fn partition_counts(graph: &SignedGraph, cluster: &[usize]) -> (usize, usize) {
    let mut negative_inside = 0;
    let mut positive_between = 0;
    for edge in &graph.edges {
        let same = cluster.get(edge.a) == cluster.get(edge.b);
        match (same, edge.positive) {
            (true, false) => negative_inside += 1,
            (false, true) => positive_between += 1,
            _ => {}
        }
    }
    (negative_inside, positive_between)
}

fn partition_error(graph: &SignedGraph, cluster: &[usize]) -> usize {
    let (a, b) = partition_counts(graph, cluster);
    a + b
}

/// Moves single actors to the cluster that lowers the error most (≤ 100 passes).
fn relocate(adjacency: &[Vec<(usize, bool)>], cluster: &mut [usize], k: usize) {
    for _ in 0..100 {
        let mut changed = false;
        for v in 0..cluster.len() {
            let current = cluster.get(v).copied().unwrap_or(0);
            // Error contributed by v's ties if v sits in cluster c.
            let mut error = vec![0_usize; k];
            for &(u, positive) in adjacency.get(v).map(Vec::as_slice).unwrap_or_default() {
                let cu = cluster.get(u).copied().unwrap_or(0);
                for (c, e) in error.iter_mut().enumerate() {
                    if (c == cu) != positive {
                        *e += 1;
                    }
                }
            }
            let here = error.get(current).copied().unwrap_or(usize::MAX);
            if let Some((target, &best)) = error.iter().enumerate().min_by_key(|(_, e)| **e)
                && best < here
                && let Some(slot) = cluster.get_mut(v)
            {
                *slot = target;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// Numbers clusters 0.. in order of their first actor.
fn renumber(cluster: Vec<usize>) -> Vec<usize> {
    let mut names: BTreeMap<usize, usize> = BTreeMap::new();
    cluster
        .into_iter()
        .map(|c| {
            let next = names.len();
            *names.entry(c).or_insert(next)
        })
        .collect()
}
