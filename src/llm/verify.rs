//! Verification: the model's claims are held to the article. A claim survives only
//! if every sentence it cites exists, names its holder (by a lexicon alias or one of
//! the model's own aliases) and its target, and is not read the other way, or as
//! hedged, by the negation/hedge reading below. Everything dropped is kept with the
//! reason. Pure: no IO, never fails.
//!
//! The polarity reading here is deliberately small: the lexicon's stance cues, and
//! its negation and hedge words in the few words before a cue. It should later call
//! the built-in extractor's own clause-level polarity reader once that is public.

use std::collections::BTreeMap;

use crate::article::{Article, Sentence};
use crate::eval::{content_words, normalise};
use crate::extract::{Extraction, Lexicon};
use crate::stance_map::{
    Actor, ActorKind, Claim, Evidence, Issue, Origin, Position, Relation, SourceId, Stance,
};

use super::protocol::{Chunk, ModelActor, ModelAnswer, ModelIssue};

/// How many words before a cue a negation or hedge word reaches.
const POLARITY_WINDOW: usize = 4;
/// The model's confidence when it gives none.
const DEFAULT_MODEL_CONFIDENCE: f32 = 0.6;

/// A claim the model made that verification refused, with the reason.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Dropped {
    /// The claim as a reader sees it: `Russia oppose ceasefire (sentences 3, 9)`.
    pub claim: String,
    /// Why it was dropped, one lowercase line.
    pub reason: String,
}

/// What verification keeps and what it drops.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Verified {
    /// Only claims that passed every check; confidence combines the model's and the checks'.
    pub extraction: Extraction,
    pub dropped: Vec<Dropped>,
}

/// An actor of the answer, resolved to the lexicon where one matches.
#[derive(Clone, Debug)]
struct ResolvedActor {
    id: String,
    name: String,
    kind: ActorKind,
    /// Lexicon index, when the model's name or an alias is a lexicon alias.
    lexicon: Option<usize>,
    /// The model's name and aliases, for mentions the lexicon does not know.
    names: Vec<String>,
    stands_for: String,
}

#[derive(Clone, Debug)]
struct ResolvedIssue {
    id: String,
    /// The id the model gave, which its claims use.
    model_id: String,
    label: String,
    keywords: Vec<String>,
    /// Stemmed content words of label and keywords; a sentence naming one names the issue.
    words: Vec<String>,
    lexicon: Option<usize>,
}

/// The outcome of checking one cited sentence.
struct SentenceCheck {
    /// 0.0..=1.0: how strongly the sentence itself backs the claim.
    score: f32,
    explanation: String,
}

/// Checks every claim of `answers` (from all chunks of one article; sentence numbers
/// are 1-based over the whole article) against `article`, and builds an extraction
/// whose evidence cites `source`. `model` names the model in explanations.
/// Claims found in several chunks (overlap) are folded into one.
pub fn verify(
    article: &Article,
    source: &SourceId,
    lexicon: &Lexicon,
    answers: &[ModelAnswer],
    model: &str,
) -> Verified {
    let everything = Chunk {
        first: 0,
        end: article.sentences.len(),
    };
    let answers: Vec<(Chunk, ModelAnswer)> = answers
        .iter()
        .map(|answer| (everything, answer.clone()))
        .collect();
    verify_chunks(article, source, lexicon, &answers, model)
}

/// [`verify`] for answers to chunks: a claim may cite only sentences of the chunk
/// its answer was given for (the model saw no others).
pub fn verify_chunks(
    article: &Article,
    source: &SourceId,
    lexicon: &Lexicon,
    answers: &[(Chunk, ModelAnswer)],
    model: &str,
) -> Verified {
    let mut verified = Verified::default();
    let mut actors: BTreeMap<String, Actor> = BTreeMap::new();
    let mut issues: BTreeMap<String, Issue> = BTreeMap::new();
    let mut positions: BTreeMap<(String, String), Claim> = BTreeMap::new();
    let mut relations: BTreeMap<(String, String), Claim> = BTreeMap::new();
    for (chunk, answer) in answers {
        let chunk = *chunk;
        let resolved: Vec<ResolvedActor> = answer
            .actors
            .iter()
            .map(|actor| resolve_actor(actor, lexicon))
            .collect();
        let resolved_issues: Vec<ResolvedIssue> = answer
            .issues
            .iter()
            .map(|issue| resolve_issue(issue, lexicon))
            .collect();
        for position in &answer.positions {
            let shown = format!(
                "{} {} {} ({})",
                position.actor,
                position.stance,
                position.issue,
                cited(&position.sentences)
            );
            let Some(stance) = Stance::parse(&position.stance) else {
                verified
                    .dropped
                    .push(drop(shown, "the stance is neither support nor oppose"));
                continue;
            };
            let holder = find_actor(&resolved, &position.actor, lexicon);
            let Some(issue) = find_issue(&resolved_issues, &position.issue) else {
                verified.dropped.push(drop(
                    shown,
                    &format!(
                        "names issue {:?}, which the answer does not define",
                        position.issue
                    ),
                ));
                continue;
            };
            let check = |_sentence: Sentence, text: &str| {
                let holder_how = mentions_actor(text, &holder, lexicon)
                    .ok_or_else(|| format!("does not name {}", holder.name))?;
                if !mentions_issue(text, issue, lexicon) {
                    return Err(format!("does not name the issue \"{}\"", issue.label));
                }
                let (score, reading) = read_polarity(text, stance, lexicon)?;
                Ok(SentenceCheck {
                    score: score * holder_how,
                    explanation: reading,
                })
            };
            match check_citations(article, chunk, &position.sentences, check) {
                Ok(checks) => {
                    let claim = build_claim(
                        article,
                        source,
                        stance,
                        position.confidence,
                        &position.sentences,
                        &checks,
                        model,
                    );
                    actors
                        .entry(holder.id.clone())
                        .or_insert_with(|| actor_of(&holder));
                    issues
                        .entry(issue.id.clone())
                        .or_insert_with(|| issue_of(issue));
                    fold(&mut positions, (holder.id.clone(), issue.id.clone()), claim);
                }
                Err(reason) => verified.dropped.push(drop(shown, &reason)),
            }
        }
        for relation in &answer.relations {
            let shown = format!(
                "{} {} {} ({})",
                relation.source,
                relation.stance,
                relation.target,
                cited(&relation.sentences)
            );
            let Some(stance) = Stance::parse(&relation.stance) else {
                verified
                    .dropped
                    .push(drop(shown, "the stance is neither support nor oppose"));
                continue;
            };
            let holder = find_actor(&resolved, &relation.source, lexicon);
            let target = find_actor(&resolved, &relation.target, lexicon);
            if holder.id == target.id {
                verified
                    .dropped
                    .push(drop(shown, "an actor cannot relate to itself"));
                continue;
            }
            let check = |_sentence: Sentence, text: &str| {
                let holder_how = mentions_actor(text, &holder, lexicon)
                    .ok_or_else(|| format!("does not name {}", holder.name))?;
                let target_how = mentions_actor(text, &target, lexicon)
                    .ok_or_else(|| format!("does not name {}", target.name))?;
                let (score, reading) = read_polarity(text, stance, lexicon)?;
                Ok(SentenceCheck {
                    score: score * holder_how * target_how,
                    explanation: reading,
                })
            };
            match check_citations(article, chunk, &relation.sentences, check) {
                Ok(checks) => {
                    let claim = build_claim(
                        article,
                        source,
                        stance,
                        relation.confidence,
                        &relation.sentences,
                        &checks,
                        model,
                    );
                    for actor in [&holder, &target] {
                        actors
                            .entry(actor.id.clone())
                            .or_insert_with(|| actor_of(actor));
                    }
                    fold(
                        &mut relations,
                        (holder.id.clone(), target.id.clone()),
                        claim,
                    );
                }
                Err(reason) => verified.dropped.push(drop(shown, &reason)),
            }
        }
    }
    verified.extraction.actors = actors.into_values().collect();
    verified.extraction.issues = issues.into_values().collect();
    verified.extraction.positions = positions
        .into_iter()
        .map(|((actor, issue), claim)| Position::new(actor, issue, claim))
        .collect();
    verified.extraction.relations = relations
        .into_iter()
        .map(|((source, target), claim)| Relation::new(source, target, claim))
        .collect();
    verified.dropped.sort();
    verified.dropped.dedup();
    verified
}

fn drop(claim: String, reason: &str) -> Dropped {
    Dropped {
        claim,
        reason: reason.to_owned(),
    }
}

/// "sentences 3, 9" or "no sentence".
fn cited(sentences: &[i64]) -> String {
    if sentences.is_empty() {
        return "no sentence".into();
    }
    let numbers: Vec<String> = sentences.iter().map(i64::to_string).collect();
    let noun = if sentences.len() == 1 {
        "sentence"
    } else {
        "sentences"
    };
    format!("{noun} {}", numbers.join(", "))
}

/// Runs `check` on every cited sentence; the first failure is the reason to drop.
fn check_citations(
    article: &Article,
    chunk: Chunk,
    numbers: &[i64],
    check: impl Fn(Sentence, &str) -> Result<SentenceCheck, String>,
) -> Result<Vec<(Sentence, SentenceCheck)>, String> {
    if numbers.is_empty() {
        return Err("cites no sentence".into());
    }
    let n = article.sentences.len();
    let mut checks = Vec::new();
    let mut seen = Vec::new();
    for &number in numbers {
        if seen.contains(&number) {
            continue;
        }
        seen.push(number);
        let sentence = usize::try_from(number)
            .ok()
            .and_then(|number| number.checked_sub(1))
            .and_then(|index| article.sentences.get(index).copied())
            .ok_or_else(|| format!("cites sentence {number}, but the article has {n} sentences"))?;
        let index = usize::try_from(number - 1).unwrap_or_default();
        if index < chunk.first || index >= chunk.end {
            return Err(format!(
                "cites sentence {number}, which was not among the {} it was sent",
                chunk.describe()
            ));
        }
        let text = article.sentence_text(sentence);
        let result = check(sentence, text).map_err(|why| format!("sentence {number} {why}"))?;
        checks.push((sentence, result));
    }
    Ok(checks)
}

fn build_claim(
    article: &Article,
    source: &SourceId,
    stance: Stance,
    model_confidence: Option<f64>,
    numbers: &[i64],
    checks: &[(Sentence, SentenceCheck)],
    model: &str,
) -> Claim {
    let mut claim = Claim::new(stance, Origin::Extracted);
    let model_confidence = model_confidence
        .map(|value| value as f32)
        .filter(|value| (0.0..=1.0).contains(value))
        .unwrap_or(DEFAULT_MODEL_CONFIDENCE)
        .clamp(0.0, 1.0);
    // The weakest citation decides how far the article itself backs the claim.
    let check_score = checks
        .iter()
        .map(|(_, check)| check.score)
        .fold(1.0_f32, f32::min);
    claim.confidence = (model_confidence * check_score).clamp(0.05, 0.95);
    for ((sentence, check), number) in checks.iter().zip(numbers) {
        let mut evidence = Evidence::new(
            source.clone(),
            sentence.start,
            sentence.end,
            article.sentence_text(*sentence),
        );
        evidence.stance = Some(stance);
        evidence.explanation = format!(
            "model {model} cited sentence {number}; verified: {}",
            check.explanation
        );
        claim.evidence.push(evidence);
    }
    claim.note =
        format!("model {model}: confidence {model_confidence:.2}, checks {check_score:.2}");
    claim
}

/// Folds a claim found again (in an overlapping chunk) into the one already kept;
/// the more confident stance wins and both evidences are kept, so a disagreement
/// shows as a mixed claim.
fn fold<K: Ord>(claims: &mut BTreeMap<K, Claim>, key: K, claim: Claim) {
    match claims.get_mut(&key) {
        Some(existing) => {
            let keep_stance = existing.confidence >= claim.confidence;
            let (stance, confidence) = (existing.stance, existing.confidence);
            existing.absorb(&claim);
            if keep_stance {
                existing.stance = stance;
                existing.confidence = confidence;
            }
        }
        None => {
            claims.insert(key, claim);
        }
    }
}

fn actor_of(actor: &ResolvedActor) -> Actor {
    let mut out = Actor::new(actor.id.clone(), actor.name.clone(), actor.kind);
    for name in &actor.names {
        if name != &actor.name && !out.aliases.contains(name) {
            out.aliases.push(name.clone());
        }
    }
    if !actor.stands_for.is_empty() {
        out.notes = format!("stands for (model): {}", actor.stands_for);
    }
    out
}

fn issue_of(issue: &ResolvedIssue) -> Issue {
    let mut out = Issue::new(issue.id.clone(), issue.label.clone());
    out.keywords = issue.keywords.clone();
    out
}

/// A lowercase id from a free name: normalised words joined by `_`.
pub fn slug(name: &str) -> String {
    normalise(name).replace(' ', "_")
}

/// The lexicon actor whose alias is exactly `name` (ignoring case), if any.
pub fn lexicon_actor_named(name: &str, lexicon: &Lexicon) -> Option<usize> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    if let Some(index) = lexicon.actor_index(name) {
        return Some(index);
    }
    lexicon
        .actor_hits(name)
        .into_iter()
        .find(|hit| hit.start == 0 && hit.end == name.len())
        .map(|hit| hit.actor)
        .or_else(|| {
            let wanted = normalise(name);
            lexicon.actors().iter().position(|entry| {
                normalise(&entry.name) == wanted
                    || entry.aliases.iter().any(|alias| normalise(alias) == wanted)
            })
        })
}

fn resolve_actor(actor: &ModelActor, lexicon: &Lexicon) -> ResolvedActor {
    let mut names = vec![actor.name.trim().to_owned()];
    for alias in &actor.aliases {
        let alias = alias.trim();
        if !alias.is_empty() && !names.iter().any(|known| known == alias) {
            names.push(alias.to_owned());
        }
    }
    let lexicon_index = names
        .iter()
        .find_map(|name| lexicon_actor_named(name, lexicon));
    let kind = ActorKind::parse(actor.kind.trim()).unwrap_or_default();
    match lexicon_index.and_then(|index| Some((index, lexicon.actor(index)?))) {
        Some((index, entry)) => ResolvedActor {
            id: entry.id.clone(),
            name: entry.name.clone(),
            kind: entry.kind.actor_kind(),
            lexicon: Some(index),
            names,
            stands_for: actor.stands_for.clone(),
        },
        None => ResolvedActor {
            id: slug(&actor.name),
            name: actor.name.trim().to_owned(),
            kind,
            lexicon: None,
            names,
            stands_for: actor.stands_for.clone(),
        },
    }
}

/// The actor a claim names: one of the answer's actors by name or alias, else the
/// name itself resolved against the lexicon.
fn find_actor(actors: &[ResolvedActor], name: &str, lexicon: &Lexicon) -> ResolvedActor {
    let wanted = normalise(name);
    if let Some(found) = actors
        .iter()
        .find(|actor| actor.names.iter().any(|known| normalise(known) == wanted))
    {
        return found.clone();
    }
    resolve_actor(
        &ModelActor {
            name: name.to_owned(),
            ..ModelActor::default()
        },
        lexicon,
    )
}

fn resolve_issue(issue: &ModelIssue, lexicon: &Lexicon) -> ResolvedIssue {
    // Only a label that is wholly a lexicon trigger (or label) takes the lexicon's id;
    // "US ceasefire proposal" is more specific than the lexicon's "ceasefire".
    let label = issue.label.trim();
    let lexicon_index = lexicon
        .issue_hits(label)
        .into_iter()
        .find(|hit| hit.start == 0 && hit.end == label.len())
        .map(|hit| hit.index)
        .or_else(|| {
            let wanted = normalise(label);
            lexicon
                .issues()
                .iter()
                .position(|entry| normalise(&entry.label) == wanted)
        });
    let mut words = content_words(
        std::iter::once(issue.label.as_str()).chain(issue.keywords.iter().map(String::as_str)),
    );
    let (id, label) = match lexicon_index.and_then(|index| lexicon.issues().get(index)) {
        Some(entry) => {
            words.extend(content_words(entry.keywords.iter().map(String::as_str)));
            words.sort();
            words.dedup();
            (entry.id.clone(), entry.label.clone())
        }
        None => {
            let id = if issue.id.trim().is_empty() {
                slug(&issue.label)
            } else {
                slug(&issue.id)
            };
            (id, issue.label.trim().to_owned())
        }
    };
    ResolvedIssue {
        id,
        model_id: issue.id.trim().to_owned(),
        label,
        keywords: issue.keywords.clone(),
        words,
        lexicon: lexicon_index,
    }
}

fn find_issue<'a>(issues: &'a [ResolvedIssue], name: &str) -> Option<&'a ResolvedIssue> {
    let wanted = slug(name);
    issues.iter().find(|issue| {
        issue.model_id == name.trim()
            || issue.id == wanted
            || slug(&issue.model_id) == wanted
            || slug(&issue.label) == wanted
    })
}

/// How the sentence names `actor`: 1.0 through a lexicon alias, 0.9 through one of
/// the model's own names only, `None` when it does not.
fn mentions_actor(text: &str, actor: &ResolvedActor, lexicon: &Lexicon) -> Option<f32> {
    if let Some(index) = actor.lexicon
        && lexicon
            .actor_hits(text)
            .iter()
            .any(|hit| hit.actor == index)
    {
        return Some(1.0);
    }
    actor
        .names
        .iter()
        .any(|name| contains_word(text, name))
        .then_some(0.9)
}

/// Whether the sentence names the issue: a lexicon trigger of it, or one of the
/// content words of its label and keywords (stemmed, as the scorer does).
fn mentions_issue(text: &str, issue: &ResolvedIssue, lexicon: &Lexicon) -> bool {
    if let Some(index) = issue.lexicon
        && lexicon
            .issue_hits(text)
            .iter()
            .any(|hit| hit.index == index)
    {
        return true;
    }
    if issue
        .keywords
        .iter()
        .any(|keyword| contains_word(text, keyword))
    {
        return true;
    }
    let sentence_words = content_words(std::iter::once(text));
    issue
        .words
        .iter()
        .any(|word| sentence_words.binary_search(word).is_ok())
}

/// Whether `needle` occurs in `text` as whole words, ignoring case.
pub fn contains_word(text: &str, needle: &str) -> bool {
    let needle = needle.trim().to_lowercase();
    if needle.is_empty() {
        return false;
    }
    let haystack = text.to_lowercase();
    let mut from = 0;
    while let Some(found) = haystack.get(from..).and_then(|rest| rest.find(&needle)) {
        let start = from + found;
        let end = start + needle.len();
        let before = haystack
            .get(..start)
            .and_then(|head| head.chars().next_back());
        let after = haystack.get(end..).and_then(|tail| tail.chars().next());
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return true;
        }
        from = start + needle.chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Reads the sentence's stance cues with the lexicon's negation and hedge words in
/// the [`POLARITY_WINDOW`] words before each cue. Returns the check score and an
/// explanation, or the reason to drop: the sentence reads the other way, or only
/// hedged. A sentence without any cue passes with a lower score (an inferred stance).
fn read_polarity(text: &str, claimed: Stance, lexicon: &Lexicon) -> Result<(f32, String), String> {
    let cues = lexicon.cues();
    let mut agreeing = None;
    let mut opposite = None;
    let mut hedged = None;
    for hit in lexicon.cue_hits(text) {
        let Some(cue) = cues.cues.get(hit.index) else {
            continue;
        };
        let surface = text.get(hit.start..hit.end).unwrap_or_default().to_owned();
        let before = text.get(..hit.start).unwrap_or_default();
        let window: Vec<&str> = before
            .split_whitespace()
            .rev()
            .take(POLARITY_WINDOW)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let window = window.join(" ");
        let negation = cues.negations.iter().find(|word| {
            contains_word(&window, word)
                || (word.starts_with('\'') || word.starts_with("n'"))
                    && window
                        .split_whitespace()
                        .any(|w| w.ends_with(word.as_str()))
        });
        // Hedge words are matched in lower case only, so the month "May" is no hedge.
        let hedge = cues
            .hedges
            .iter()
            .find(|word| contains_word_exact_case(&window, word));
        let mut stance = cue.stance.stance();
        let mut reading = format!("cue \"{surface}\"");
        if let Some(negation) = negation {
            stance = stance.flipped();
            reading = format!("cue \"{surface}\" negated by \"{negation}\"");
        }
        if let Some(hedge) = hedge {
            hedged.get_or_insert(format!("{reading} hedged by \"{hedge}\""));
        } else if stance == claimed {
            agreeing.get_or_insert(reading);
        } else {
            opposite.get_or_insert(reading);
        }
    }
    match (agreeing, opposite, hedged) {
        (Some(reading), _, _) => Ok((1.0, format!("{reading} reads {}", claimed.as_str()))),
        (None, Some(reading), _) => Err(format!(
            "reads {} ({reading}), not {}",
            claimed.flipped().as_str(),
            claimed.as_str()
        )),
        (None, None, Some(reading)) => Err(format!("is hedged ({reading})")),
        (None, None, None) => Ok((0.75, "no stance cue; an inferred stance".into())),
    }
}

fn contains_word_exact_case(text: &str, needle: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|word| !word.is_empty())
        .collect();
    words
        .windows(needle.split_whitespace().count().max(1))
        .any(|window| window.join(" ") == needle)
}
