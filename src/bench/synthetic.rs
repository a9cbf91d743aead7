//! Deterministic synthetic inputs for `stancemap bench` and `benches/`: stance maps
//! of a chosen size, shaped like extracted ones (sources, evidence, saved layout),
//! and a wire-style news corpus from the templates in `assets/bench/`.
//!
//! Everything is seeded (SplitMix64), so the same sizes give the same bytes on
//! every run and machine. Pure: no IO, no clock.

use crate::extract::Lexicon;
use crate::stance_map::{
    Actor, ActorId, ActorKind, Claim, Edit, Evidence, Issue, IssueId, NodeLayout, NodeRef, Origin,
    Position, Relation, Source, SourceId, Stance, StanceMap,
};

/// Sentence templates with `{a}` and `{b}` actor slots, one per line.
const NEWS_TEMPLATES: &str = include_str!("../../assets/bench/news_templates.txt");

/// How big a synthetic map is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MapSize {
    pub n_actors: usize,
    pub n_issues: usize,
    /// Positions (actor → issue); relations come on top.
    pub n_positions: usize,
    pub n_relations: usize,
}

impl MapSize {
    /// 1,000 actors, 50 issues, 2,500 positions and 2,500 relations ("1k/5k").
    pub const SMALL: MapSize = MapSize {
        n_actors: 1_000,
        n_issues: 50,
        n_positions: 2_500,
        n_relations: 2_500,
    };
    /// 10,000 actors, 200 issues, 50,000 positions and 50,000 relations ("10k/100k").
    pub const LARGE: MapSize = MapSize {
        n_actors: 10_000,
        n_issues: 200,
        n_positions: 50_000,
        n_relations: 50_000,
    };

    /// "1k/5k": thousands of actors / thousands of stances.
    pub fn name(&self) -> String {
        format!(
            "{}k/{}k",
            self.n_actors / 1000,
            (self.n_positions + self.n_relations) / 1000
        )
    }
}

/// SplitMix64: tiny, seedable, and good enough to scatter synthetic data.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`0` when `n == 0`).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// A number in `0.0..1.0`.
    pub fn unit(&mut self) -> f32 {
        ((self.next_u64() >> 40) as f32) / ((1u64 << 24) as f32)
    }
}

const N_SOURCES: usize = 50;
const SENTENCES_PER_SOURCE: usize = 40;
/// Distance between grid places of the saved layout, in layout units.
const GRID_SPACING: f32 = 170.0;

/// A map of `size`, shaped like an extracted one: every stance cites a sentence of
/// one of 50 sources; with `with_layout`, every node has a saved place on a
/// jittered grid (a map that was laid out and saved). Built through `Edit`s, so it
/// holds every invariant.
pub fn synthetic_map(size: MapSize, with_layout: bool) -> StanceMap {
    let mut rng = Rng::new(0x5eed_0000 ^ size.n_actors as u64);
    let mut edits = Vec::new();
    let mut spans: Vec<Vec<(usize, usize)>> = Vec::with_capacity(N_SOURCES);
    let mut texts = Vec::with_capacity(N_SOURCES);
    let names: Vec<String> = (0..size.n_actors.min(200)).map(actor_name).collect();
    for s in 0..N_SOURCES {
        let (text, sentence_spans) = news_article(&mut rng, &names, SENTENCES_PER_SOURCE);
        spans.push(sentence_spans);
        edits.push(Edit::AddSource(Source {
            id: SourceId::new(format!("s{}", s + 1)),
            title: format!("Synthetic wire report {}", s + 1),
            path: format!("synthetic/{:03}.txt", s + 1),
            date: Some(format!("2025-{:02}-{:02}", 1 + s % 12, 1 + s % 28)),
            text: text.clone(),
        }));
        texts.push(text);
    }
    let kinds = [
        ActorKind::State,
        ActorKind::Organization,
        ActorKind::Bloc,
        ActorKind::Person,
    ];
    for a in 0..size.n_actors {
        let kind = kinds.get(a % kinds.len()).copied().unwrap_or_default();
        edits.push(Edit::AddActor(Actor::new(actor_id(a), actor_name(a), kind)));
    }
    for i in 0..size.n_issues {
        edits.push(Edit::AddIssue(Issue::new(
            issue_id(i),
            format!("Synthetic proposal {i}"),
        )));
    }
    let claim = |rng: &mut Rng| {
        let stance = if rng.below(3) == 0 {
            Stance::Oppose
        } else {
            Stance::Support
        };
        let mut claim = Claim::new(stance, Origin::Extracted);
        claim.confidence = 0.3 + 0.7 * rng.unit();
        claim.strength = 0.5 + 0.5 * rng.unit();
        let s = rng.below(N_SOURCES);
        if let (Some(source_spans), Some(text)) = (spans.get(s), texts.get(s))
            && let Some(&(start, end)) = source_spans.get(rng.below(source_spans.len()))
            && let Some(quote) = text.get(start..end)
        {
            claim.evidence.push(Evidence::new(
                SourceId::new(format!("s{}", s + 1)),
                start,
                end,
                quote,
            ));
        }
        claim
    };
    let per_actor = size.n_positions.div_ceil(size.n_actors.max(1));
    let mut placed = 0;
    'positions: for j in 0..per_actor {
        for a in 0..size.n_actors {
            if placed == size.n_positions {
                break 'positions;
            }
            // 17 is coprime with the issue counts used, so an actor's issues differ.
            let issue = (a * 31 + j * 17) % size.n_issues.max(1);
            edits.push(Edit::AddPosition(Position::new(
                actor_id(a),
                issue_id(issue),
                claim(&mut rng),
            )));
            placed += 1;
        }
    }
    let per_actor = size.n_relations.div_ceil(size.n_actors.max(1));
    let mut placed = 0;
    'relations: for j in 0..per_actor {
        for a in 0..size.n_actors {
            if placed == size.n_relations {
                break 'relations;
            }
            // Mostly near neighbours (communities), sometimes far across the map.
            let offset = if j % 2 == 0 { 1 + j * 3 } else { 97 * j + 13 };
            let target = (a + offset) % size.n_actors.max(1);
            if target == a {
                continue;
            }
            edits.push(Edit::AddRelation(Relation::new(
                actor_id(a),
                actor_id(target),
                claim(&mut rng),
            )));
            placed += 1;
        }
    }
    if with_layout {
        let nodes = (0..size.n_actors)
            .map(|a| NodeRef::Actor(ActorId::new(actor_id(a))))
            .chain((0..size.n_issues).map(|i| NodeRef::Issue(IssueId::new(issue_id(i)))));
        let n_nodes = size.n_actors + size.n_issues;
        let side = (n_nodes as f64).sqrt().ceil().max(1.0) as usize;
        for (k, node) in nodes.enumerate() {
            let (col, row) = (k % side, k / side);
            edits.push(Edit::MoveNode {
                node,
                layout: Some(NodeLayout {
                    x: col as f32 * GRID_SPACING + 40.0 * rng.unit(),
                    y: row as f32 * GRID_SPACING + 40.0 * rng.unit(),
                    pinned: false,
                }),
            });
        }
    }
    let mut map = StanceMap::new();
    for edit in edits {
        // Every edit is well-formed by construction; a refused one is simply skipped.
        let _ = map.apply(edit);
    }
    map
}

fn actor_id(a: usize) -> String {
    format!("A{a:05}")
}

fn actor_name(a: usize) -> String {
    format!("Actor {a}")
}

fn issue_id(i: usize) -> String {
    format!("issue_{i:03}")
}

/// One article of `n_sentences` template sentences; returns the text and each
/// sentence's byte span.
fn news_article(
    rng: &mut Rng,
    names: &[String],
    n_sentences: usize,
) -> (String, Vec<(usize, usize)>) {
    let templates: Vec<&str> = NEWS_TEMPLATES
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .collect();
    let mut text = String::new();
    let mut spans = Vec::with_capacity(n_sentences);
    for _ in 0..n_sentences {
        let template = templates.get(rng.below(templates.len())).unwrap_or(&"");
        let a = names.get(rng.below(names.len())).map_or("", String::as_str);
        let b = names.get(rng.below(names.len())).map_or("", String::as_str);
        let start = text.len();
        text.push_str(&template.replace("{a}", a).replace("{b}", b));
        spans.push((start, text.len()));
        text.push(' ');
    }
    (text, spans)
}

/// A synthetic news corpus of about `target_bytes`: articles of 8–20 template
/// sentences naming actors of the bundled lexicon, each with a headline line.
pub fn news_corpus(lexicon: &Lexicon, target_bytes: usize) -> Vec<String> {
    let mut rng = Rng::new(0xc0ffee);
    let names: Vec<String> = lexicon
        .actors()
        .iter()
        .map(|actor| actor.name.clone())
        .collect();
    let mut articles = Vec::new();
    let mut total = 0;
    while total < target_bytes {
        let n_sentences = 8 + rng.below(13);
        let (body, _) = news_article(&mut rng, &names, n_sentences);
        let headline = format!("Wire report {}: talks stall\n", articles.len() + 1);
        let article = headline + &body;
        total += article.len();
        articles.push(article);
    }
    articles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_small_map_has_the_asked_counts_and_a_place_for_every_node() {
        let map = synthetic_map(MapSize::SMALL, true);
        assert_eq!(map.n_actors(), 1_000);
        assert_eq!(map.n_issues(), 50);
        assert_eq!(map.n_positions(), 2_500);
        assert_eq!(map.n_relations(), 2_500);
        assert_eq!(map.layouts().count(), 1_050);
        assert_eq!(map.check_invariants(), Ok(()));
    }

    #[test]
    fn maps_and_corpora_are_deterministic() {
        let size = MapSize {
            n_actors: 50,
            n_issues: 5,
            n_positions: 80,
            n_relations: 60,
        };
        let one = crate::storage::to_ron_string(&synthetic_map(size, false));
        let two = crate::storage::to_ron_string(&synthetic_map(size, false));
        assert_eq!(one, two);
        let lexicon = Lexicon::bundled();
        let corpus = news_corpus(&lexicon, 20_000);
        assert!(corpus.iter().map(String::len).sum::<usize>() >= 20_000);
        assert_eq!(corpus, news_corpus(&lexicon, 20_000));
    }
}
