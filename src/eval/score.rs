//! Scoring one article: gold ↔ extracted actor and issue matching, then triple counts
//! and a readable list of false positives and false negatives.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use super::gold::{ExtractionView, Gold, ViewActor, ViewIssue};
use super::normalise::{content_words, normalise, overlap_coefficient};
use crate::stance_map::Stance;

/// An extracted issue matches a gold issue from this overlap coefficient on.
pub const ISSUE_MATCH_THRESHOLD: f64 = 0.34;

/// What is scored: actors taking part in a triple, positions, relations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Actor,
    Position,
    Relation,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Actor, Kind::Position, Kind::Relation];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Actor => "actor",
            Kind::Position => "position",
            Kind::Relation => "relation",
        }
    }
}

/// True positives, false positives and false negatives of one kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

/// Precision, recall and F1, each in `0.0..=1.0`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Counts {
    /// Precision is 1 when nothing was extracted and recall is 1 when the gold is empty:
    /// no claims means no wrong claims, and nothing to find means nothing missed.
    pub fn scores(self) -> Scores {
        let ratio = |part: usize, whole: usize| {
            if whole == 0 {
                1.0
            } else {
                part as f64 / whole as f64
            }
        };
        let precision = ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        );
        let recall = ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        );
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Scores {
            precision,
            recall,
            f1,
        }
    }
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }
}

/// A false positive (extracted, not in the gold) or a false negative (gold, not extracted).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    FalsePositive,
    FalseNegative,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::FalsePositive => "FP",
            Side::FalseNegative => "FN",
        }
    }
}

/// One scoring error, e.g. `FN position Ukraine oppose crimea_recognition`.
#[derive(Clone, Debug, PartialEq)]
pub struct Mismatch {
    pub side: Side,
    pub kind: Kind,
    /// The triple in gold ids; an extracted part that matches nothing reads `?id`.
    pub triple: String,
    /// Why it missed, when a reason is known ("gold says oppose").
    pub note: String,
    /// The extracted evidence of a false positive, the gold evidence of a false negative.
    pub evidence: String,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {}",
            self.side.as_str(),
            self.kind.as_str(),
            self.triple
        )?;
        if !self.note.is_empty() {
            write!(f, " ({})", self.note)?;
        }
        if !self.evidence.is_empty() {
            write!(f, "\n    « {} »", shorten(&self.evidence, 200))?;
        }
        Ok(())
    }
}

/// How one extracted issue was matched: the best gold issue and its overlap coefficient.
#[derive(Clone, Debug, PartialEq)]
pub struct IssueMatch {
    pub extracted: String,
    /// The best-overlapping gold issue, whether or not it reached the threshold.
    pub best_gold: Option<String>,
    pub coefficient: f64,
}

impl IssueMatch {
    /// The matched gold issue id, when the overlap reaches [`ISSUE_MATCH_THRESHOLD`].
    pub fn gold(&self) -> Option<&str> {
        self.best_gold
            .as_deref()
            .filter(|_| self.coefficient >= ISSUE_MATCH_THRESHOLD)
    }
}

/// The scores of one article, with everything needed to see why.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArticleScore {
    pub article: String,
    pub actors: Counts,
    pub positions: Counts,
    pub relations: Counts,
    /// Sorted by kind, side and triple.
    pub mismatches: Vec<Mismatch>,
    pub issue_matches: Vec<IssueMatch>,
    /// Extracted actor ids that match no gold actor.
    pub unmatched_actors: Vec<String>,
}

impl ArticleScore {
    pub fn counts(&self, kind: Kind) -> Counts {
        match kind {
            Kind::Actor => self.actors,
            Kind::Position => self.positions,
            Kind::Relation => self.relations,
        }
    }
}

/// The gold actor an extracted actor is: the first gold actor (in gold order) one of
/// whose id/aliases equals the extracted id, name or an alias after [`normalise`].
pub fn match_actor<'gold>(gold: &'gold Gold, actor: &ViewActor) -> Option<&'gold str> {
    ActorMatcher::new(gold).find(actor)
}

/// The gold issue whose content words overlap most with the extracted issue's
/// (ties go to the first in gold order), with the coefficient.
pub fn match_issue(gold: &Gold, issue: &ViewIssue) -> IssueMatch {
    let gold_words: Vec<(&str, Vec<String>)> = gold
        .issues
        .iter()
        .map(|gold_issue| {
            let texts = std::iter::once(gold_issue.label.as_str())
                .chain(gold_issue.keywords.iter().map(String::as_str));
            (gold_issue.id.as_str(), content_words(texts))
        })
        .collect();
    best_issue(&gold_words, issue)
}

fn best_issue(gold_words: &[(&str, Vec<String>)], issue: &ViewIssue) -> IssueMatch {
    let words = issue_words(issue);
    let mut best: Option<(&str, f64)> = None;
    for (id, candidate) in gold_words {
        let coefficient = overlap_coefficient(&words, candidate);
        if best.is_none_or(|(_, best_coefficient)| coefficient > best_coefficient) {
            best = Some((id, coefficient));
        }
    }
    IssueMatch {
        extracted: issue.id.clone(),
        best_gold: best.map(|(id, _)| id.to_owned()),
        coefficient: best.map_or(0.0, |(_, coefficient)| coefficient),
    }
}

/// An extracted issue's content words: label and keywords, or its id when both are empty.
fn issue_words(issue: &ViewIssue) -> Vec<String> {
    let texts: Vec<&str> = std::iter::once(issue.label.as_str())
        .chain(issue.keywords.iter().map(String::as_str))
        .filter(|text| !text.trim().is_empty())
        .collect();
    if texts.is_empty() {
        content_words([issue.id.as_str()])
    } else {
        content_words(texts)
    }
}

/// Normalised gold names → gold actor id.
struct ActorMatcher<'gold> {
    names: HashMap<String, &'gold str>,
}

impl<'gold> ActorMatcher<'gold> {
    fn new(gold: &'gold Gold) -> Self {
        let mut names = HashMap::new();
        for actor in &gold.actors {
            for name in std::iter::once(&actor.id).chain(&actor.aliases) {
                let key = normalise(name);
                if !key.is_empty() {
                    names.entry(key).or_insert(actor.id.as_str());
                }
            }
        }
        ActorMatcher { names }
    }

    fn find(&self, actor: &ViewActor) -> Option<&'gold str> {
        std::iter::once(&actor.id)
            .chain(std::iter::once(&actor.name))
            .chain(&actor.aliases)
            .find_map(|name| self.names.get(&normalise(name)).copied())
    }
}

/// One side of a triple after mapping to gold ids.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Ref {
    Gold(String),
    Unmatched(String),
}

impl fmt::Display for Ref {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ref::Gold(id) => f.write_str(id),
            Ref::Unmatched(id) => write!(f, "?{id}"),
        }
    }
}

type Triple = (Ref, Ref, Stance);

/// Scores one article's extraction against its gold annotation.
pub fn score_article(gold: &Gold, view: &ExtractionView) -> ArticleScore {
    let matcher = ActorMatcher::new(gold);
    let actor_refs: HashMap<&str, Ref> = view
        .actors
        .iter()
        .map(|actor| {
            let reference = matcher.find(actor).map_or_else(
                || Ref::Unmatched(actor.id.clone()),
                |id| Ref::Gold(id.to_owned()),
            );
            (actor.id.as_str(), reference)
        })
        .collect();
    // A triple may name an actor missing from the actor list: match its id alone.
    let actor_ref = |id: &str| -> Ref {
        actor_refs.get(id).cloned().unwrap_or_else(|| {
            let bare = ViewActor {
                id: id.to_owned(),
                ..ViewActor::default()
            };
            matcher.find(&bare).map_or_else(
                || Ref::Unmatched(id.to_owned()),
                |gold_id| Ref::Gold(gold_id.to_owned()),
            )
        })
    };

    let gold_words: Vec<(&str, Vec<String>)> = gold
        .issues
        .iter()
        .map(|issue| {
            let texts = std::iter::once(issue.label.as_str())
                .chain(issue.keywords.iter().map(String::as_str));
            (issue.id.as_str(), content_words(texts))
        })
        .collect();
    let issue_matches: Vec<IssueMatch> = view
        .issues
        .iter()
        .map(|issue| best_issue(&gold_words, issue))
        .collect();
    let issue_ref = |id: &str| -> Ref {
        let matched = match issue_matches.iter().find(|found| found.extracted == id) {
            Some(found) => found.gold().map(str::to_owned),
            None => {
                let bare = ViewIssue {
                    id: id.to_owned(),
                    ..ViewIssue::default()
                };
                best_issue(&gold_words, &bare).gold().map(str::to_owned)
            }
        };
        matched.map_or_else(|| Ref::Unmatched(id.to_owned()), Ref::Gold)
    };

    // Extracted triples, deduplicated after mapping; the first evidence is kept.
    let mut extracted_positions: BTreeMap<Triple, String> = BTreeMap::new();
    for position in &view.positions {
        let triple = (
            actor_ref(&position.actor),
            issue_ref(&position.issue),
            position.stance,
        );
        extracted_positions
            .entry(triple)
            .or_insert_with(|| position.evidence.clone());
    }
    let mut extracted_relations: BTreeMap<Triple, String> = BTreeMap::new();
    for relation in &view.relations {
        let triple = (
            actor_ref(&relation.source),
            actor_ref(&relation.target),
            relation.polarity,
        );
        extracted_relations
            .entry(triple)
            .or_insert_with(|| relation.evidence.clone());
    }
    let mut gold_positions: BTreeMap<Triple, String> = BTreeMap::new();
    for position in &gold.positions {
        let triple = (
            Ref::Gold(position.actor.clone()),
            Ref::Gold(position.issue.clone()),
            position.stance.into(),
        );
        gold_positions
            .entry(triple)
            .or_insert_with(|| position.evidence.clone());
    }
    let mut gold_relations: BTreeMap<Triple, String> = BTreeMap::new();
    for relation in &gold.relations {
        let triple = (
            Ref::Gold(relation.source.clone()),
            Ref::Gold(relation.target.clone()),
            relation.polarity.into(),
        );
        gold_relations
            .entry(triple)
            .or_insert_with(|| relation.evidence.clone());
    }

    let mut mismatches = Vec::new();
    let positions = compare_triples(
        Kind::Position,
        &extracted_positions,
        &gold_positions,
        &mut mismatches,
    );
    let relations = compare_triples(
        Kind::Relation,
        &extracted_relations,
        &gold_relations,
        &mut mismatches,
    );
    let extracted_actors = participants(&extracted_positions, &extracted_relations);
    let gold_actors = participants(&gold_positions, &gold_relations);
    let actors = compare_actors(&extracted_actors, &gold_actors, &mut mismatches);
    mismatches.sort_by(|left, right| {
        (left.kind, left.side, &left.triple).cmp(&(right.kind, right.side, &right.triple))
    });

    let unmatched_actors = actor_refs
        .values()
        .filter_map(|reference| match reference {
            Ref::Unmatched(id) => Some(id.clone()),
            Ref::Gold(_) => None,
        })
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    ArticleScore {
        article: gold.article.clone(),
        actors,
        positions,
        relations,
        mismatches,
        issue_matches,
        unmatched_actors,
    }
}

fn compare_triples(
    kind: Kind,
    extracted: &BTreeMap<Triple, String>,
    gold: &BTreeMap<Triple, String>,
    mismatches: &mut Vec<Mismatch>,
) -> Counts {
    let mut counts = Counts::default();
    let flipped =
        |(first, second, stance): &Triple| (first.clone(), second.clone(), stance.flipped());
    for (triple, evidence) in extracted {
        if gold.contains_key(triple) {
            counts.true_positives += 1;
            continue;
        }
        counts.false_positives += 1;
        let note = if gold.contains_key(&flipped(triple)) {
            format!("gold says {}", triple.2.flipped().as_str())
        } else if matches!(triple.0, Ref::Unmatched(_)) || matches!(triple.1, Ref::Unmatched(_)) {
            "matches no gold id".to_owned()
        } else {
            String::new()
        };
        mismatches.push(Mismatch {
            side: Side::FalsePositive,
            kind,
            triple: format_triple(triple),
            note,
            evidence: evidence.clone(),
        });
    }
    for (triple, evidence) in gold {
        if extracted.contains_key(triple) {
            continue;
        }
        counts.false_negatives += 1;
        let note = if extracted.contains_key(&flipped(triple)) {
            format!("extracted as {}", triple.2.flipped().as_str())
        } else {
            String::new()
        };
        mismatches.push(Mismatch {
            side: Side::FalseNegative,
            kind,
            triple: format_triple(triple),
            note,
            evidence: evidence.clone(),
        });
    }
    counts
}

fn format_triple((first, second, stance): &Triple) -> String {
    format!("{first} {} {second}", stance.as_str())
}

fn participants(
    positions: &BTreeMap<Triple, String>,
    relations: &BTreeMap<Triple, String>,
) -> BTreeSet<Ref> {
    let mut actors: BTreeSet<Ref> = positions.keys().map(|triple| triple.0.clone()).collect();
    for (source, target, _) in relations.keys() {
        actors.insert(source.clone());
        actors.insert(target.clone());
    }
    actors
}

fn compare_actors(
    extracted: &BTreeSet<Ref>,
    gold: &BTreeSet<Ref>,
    mismatches: &mut Vec<Mismatch>,
) -> Counts {
    let mut counts = Counts::default();
    for actor in extracted {
        if gold.contains(actor) {
            counts.true_positives += 1;
        } else {
            counts.false_positives += 1;
            mismatches.push(Mismatch {
                side: Side::FalsePositive,
                kind: Kind::Actor,
                triple: actor.to_string(),
                note: String::new(),
                evidence: String::new(),
            });
        }
    }
    for actor in gold.difference(extracted) {
        counts.false_negatives += 1;
        mismatches.push(Mismatch {
            side: Side::FalseNegative,
            kind: Kind::Actor,
            triple: actor.to_string(),
            note: String::new(),
            evidence: String::new(),
        });
    }
    counts
}

fn shorten(text: &str, limit: usize) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= limit {
        return collapsed;
    }
    let mut short: String = collapsed.chars().take(limit).collect();
    short.push('…');
    short
}
