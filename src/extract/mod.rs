//! Extraction: an [`Article`] and a [`Lexicon`] in, an [`Extraction`] out.
//!
//! Pure and infallible: a messy article yields fewer findings plus diagnostics.
//! [`merge_extraction`] turns an extraction into one [`Edit`] for a map, leaving
//! manual and locked stances untouched.

pub mod cameo;
pub mod discover;
mod issues;
mod lexicon;
mod mentions;
mod merge;
mod stance;
mod text;

pub use lexicon::{Lexicon, LexiconError};

use std::collections::BTreeMap;

use crate::stance_map::{Claim, Evidence, Origin, Stance};
use stance::{Discourse, Target};

/// Articles above this size are cut, with a diagnostic.
const MAX_TEXT: usize = 8 * 1024 * 1024;
pub use merge::merge_extraction;

use crate::article::Article;
use crate::stance_map::{Actor, Issue, Position, Relation, SourceId};

/// What extraction found in one article. Evidence cites the given source id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extraction {
    pub actors: Vec<Actor>,
    pub issues: Vec<Issue>,
    pub positions: Vec<Position>,
    pub relations: Vec<Relation>,
    pub diagnostics: Vec<String>,
}

/// Finds actors, issues and evidence-linked stances in `article`.
pub fn extract(article: &Article, source: &SourceId, lexicon: &Lexicon) -> Extraction {
    let mut diagnostics: Vec<String> = lexicon.diagnostics().to_vec();
    let mut full = &article.text[..];
    if full.len() > MAX_TEXT {
        let mut cut = MAX_TEXT;
        while !full.is_char_boundary(cut) {
            cut -= 1;
        }
        full = full.get(..cut).unwrap_or_default();
        diagnostics.push(format!(
            "article is larger than {MAX_TEXT} bytes; only the start was read"
        ));
    }
    if full.trim().is_empty() {
        diagnostics.push("article is empty; nothing to extract".into());
        return Extraction {
            diagnostics,
            ..Extraction::default()
        };
    }
    let control = full
        .chars()
        .filter(|c| c.is_control() && !c.is_whitespace())
        .count();
    if control * 20 > full.chars().count() {
        diagnostics.push("article looks binary; nothing extracted".into());
        return Extraction {
            diagnostics,
            ..Extraction::default()
        };
    }
    let text = full;
    let mentions = mentions::find(text, lexicon);
    let mut book = issues::IssueBook::default();
    let mut discourse = Discourse::default();
    let mut findings = Vec::new();
    let title_end = if text.trim() == article.title.trim()
        || article.title.is_empty()
        || !text.trim_start().starts_with(article.title.as_str())
    {
        0
    } else {
        text.find(article.title.as_str())
            .map_or(0, |at| at + article.title.len())
    };
    for &sentence in &article.sentences {
        if sentence.end > text.len() || sentence.start >= sentence.end {
            continue;
        }
        let first = mentions.partition_point(|m| m.start < sentence.start);
        let local: Vec<mentions::Mention> = mentions
            .get(first..)
            .unwrap_or_default()
            .iter()
            .take_while(|m| m.start < sentence.end)
            .filter(|m| m.end <= sentence.end)
            .cloned()
            .collect();
        let issue_mentions = book.scan(text, sentence.start, sentence.end, &local, lexicon);
        findings.extend(stance::sentence_findings(
            text,
            (sentence.start, sentence.end),
            sentence.end > title_end,
            &local,
            &issue_mentions,
            lexicon,
            &mut discourse,
            &mut book,
        ));
    }
    assemble(
        text,
        source,
        lexicon,
        &mentions,
        book,
        findings,
        diagnostics,
    )
}

type Votes = Vec<(Stance, f32, (usize, usize))>;

fn assemble(
    text: &str,
    source: &SourceId,
    lexicon: &Lexicon,
    mentions: &[mentions::Mention],
    book: issues::IssueBook,
    findings: Vec<stance::Finding>,
    diagnostics: Vec<String>,
) -> Extraction {
    let mut grouped: BTreeMap<(usize, Target), Votes> = BTreeMap::new();
    for finding in findings {
        grouped
            .entry((finding.holder, finding.target))
            .or_default()
            .push((finding.stance, finding.confidence, finding.sentence));
    }
    let mut used_actors = BTreeMap::new();
    let mut used_issues = BTreeMap::new();
    let mut positions = Vec::new();
    let mut relations = Vec::new();
    for ((holder, target), votes) in grouped {
        let Some(claim) = claim_of(text, source, &votes) else {
            continue;
        };
        let Some(actor) = lexicon.actor(holder) else {
            continue;
        };
        match target {
            Target::Issue(issue) => {
                used_actors.insert(holder, ());
                used_issues.insert(issue.clone(), ());
                positions.push(Position::new(actor.id.clone(), issue, claim));
            }
            Target::Actor(other) => {
                let Some(target_actor) = lexicon.actor(other) else {
                    continue;
                };
                used_actors.insert(holder, ());
                used_actors.insert(other, ());
                relations.push(Relation::new(
                    actor.id.clone(),
                    target_actor.id.clone(),
                    claim,
                ));
            }
        }
    }
    let actors = used_actors
        .keys()
        .filter_map(|&index| {
            let entry = lexicon.actor(index)?;
            let mut actor = Actor::new(
                entry.id.clone(),
                entry.name.clone(),
                entry.kind.actor_kind(),
            );
            for mention in mentions.iter().filter(|m| m.actor == index) {
                if !actor.aliases.contains(&mention.surface) && mention.surface != entry.name {
                    actor.aliases.push(mention.surface.clone());
                }
            }
            Some(actor)
        })
        .collect();
    let issues = book
        .issues
        .into_values()
        .filter(|issue| used_issues.contains_key(issue.id.as_str()))
        .collect();
    positions.sort_by_key(Position::key);
    relations.sort_by_key(Relation::key);
    Extraction {
        actors,
        issues,
        positions,
        relations,
        diagnostics,
    }
}

/// One claim from the votes of several sentences; mixed stances with no majority are dropped.
fn claim_of(text: &str, source: &SourceId, votes: &Votes) -> Option<Claim> {
    let support: f32 = votes
        .iter()
        .filter(|v| v.0 == Stance::Support)
        .map(|v| v.1)
        .sum();
    let oppose: f32 = votes
        .iter()
        .filter(|v| v.0 == Stance::Oppose)
        .map(|v| v.1)
        .sum();
    if (support - oppose).abs() < 0.05 {
        return None;
    }
    let stance = if support > oppose {
        Stance::Support
    } else {
        Stance::Oppose
    };
    let mut claim = Claim::new(stance, Origin::Extracted);
    let agreeing: Vec<_> = votes.iter().filter(|v| v.0 == stance).collect();
    let best = agreeing.iter().map(|v| v.1).fold(0.0_f32, f32::max);
    let dissent = if support.min(oppose) > 0.0 { 0.7 } else { 1.0 };
    claim.confidence = (best + 0.05 * (agreeing.len() as f32 - 1.0)).min(0.95) * dissent;
    let mut seen = std::collections::HashSet::new();
    for vote in agreeing {
        let (start, end) = vote.2;
        if !seen.insert((start, end)) {
            continue;
        }
        let evidence = Evidence::new(
            source.clone(),
            start,
            end,
            text.get(start..end).unwrap_or_default(),
        );
        claim.evidence.push(evidence);
    }
    Some(claim)
}
