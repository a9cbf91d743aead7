//! Stance cues to findings: who (the clause's subject, the quote's speaker, or the
//! agent after "by"/"from") supports or opposes what (the issue or actor in the cue's
//! complement), with negation flipping and hedges lowering confidence.

use super::issues::{IssueBook, IssueMention};
use super::lexicon::{CueTarget, Lexicon};
use super::mentions::{Mention, is_object};
use super::text::{inside_quote, words, words_before};
use crate::stance_map::Stance;

/// What a finding is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    Issue(String),
    Actor(usize),
}

/// One stance read off one sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub holder: usize,
    pub target: Target,
    pub stance: Stance,
    pub confidence: f32,
    pub sentence: (usize, usize),
    /// Which cue, holder path and polarity steps produced this finding.
    pub explanation: String,
}

/// Attribution state carried from sentence to sentence.
#[derive(Debug, Default)]
pub struct Discourse {
    last_holders: Vec<usize>,
    last_speaker: Option<usize>,
}

const PRONOUNS: [&str; 12] = [
    "he",
    "she",
    "they",
    "it",
    "the two countries",
    "both countries",
    "the ministry",
    "the statement",
    "the government",
    "the two",
    "the bloc",
    "we",
];

/// Findings of one sentence `start..end` of `text`.
#[allow(clippy::too_many_arguments)]
pub fn sentence_findings(
    text: &str,
    (start, end): (usize, usize),
    findings_allowed: bool,
    mentions: &[Mention],
    issues: &[IssueMention],
    lexicon: &Lexicon,
    discourse: &mut Discourse,
    book: &mut IssueBook,
) -> Vec<Finding> {
    let sentence = text.get(start..end).unwrap_or_default();
    let local: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.start >= start && m.end <= end)
        .collect();
    let mut out = Vec::new();
    if !findings_allowed {
        return out;
    }
    for issue in issues {
        if let Some(proposer) = issue.proposer {
            out.push(Finding {
                holder: proposer,
                target: Target::Issue(issue.id.clone()),
                stance: Stance::Support,
                confidence: 0.6,
                sentence: (start, end),
                explanation: String::new(),
            });
        }
    }
    let speaker = speaker_of(text, start, sentence, &local, lexicon);
    let lower_sentence = sentence.to_lowercase();
    let pronoun_speaker = [
        "said the",
        "said they",
        "said he",
        "said she",
        "he said",
        "she said",
        "they said",
    ]
    .iter()
    .any(|p| lower_sentence.contains(p));
    let speakers: Vec<usize> = match speaker {
        Some(s) => vec![s],
        None if pronoun_speaker => discourse.last_holders.clone(),
        None => Vec::new(),
    };
    let quote_led = sentence.starts_with(['"', '\u{201c}']);
    let cues = lexicon.cue_hits(sentence);
    let lower_start = sentence
        .trim_start_matches(['"', '\u{201c}'])
        .to_lowercase();
    let pronoun_start = PRONOUNS
        .iter()
        .any(|p| lower_start.starts_with(&format!("{p} ")));
    let mut holders_here: Vec<usize> = Vec::new();
    let mut consumed: Vec<usize> = Vec::new();
    let mut previous_holders: Vec<usize> = Vec::new();
    for (index, cue) in cues.iter().enumerate() {
        let Some(entry) = lexicon.cues().cues.get(cue.index) else {
            continue;
        };
        let (cs, ce) = (start + cue.start, start + cue.end);
        if local.iter().any(|m| m.start < ce && cs < m.end) {
            continue;
        }
        let next_cue = cues
            .iter()
            .skip(index + 1)
            .find(|c| {
                lexicon.cues().cues.get(c.index).is_some_and(|e| e.verb)
                    && !issues
                        .iter()
                        .any(|i| i.start <= start + c.start && start + c.start < i.end)
            })
            .map(|c| start + c.start);
        let rest = text.get(ce..end).unwrap_or_default();
        if let Some(next) = next_cue
            && rest.starts_with(" to ")
            && next == ce + 4
        {
            continue;
        }
        let matched = sentence.get(cue.start..cue.end).unwrap_or_default();
        if participle_of_noun(text, cs, matched, &local) {
            continue;
        }
        if consumed.contains(&cue.start) {
            continue;
        }
        let previous_word = super::text::word_before(sentence, cue.start);
        if entry.verb
            && matches!(
                previous_word.as_str(),
                "the"
                    | "a"
                    | "an"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "our"
                    | "world"
                    | "this"
                    | "that"
                    | "any"
            )
        {
            continue;
        }
        // "reiterating that Kyiv will not recognise …": a supportive verb that takes a
        // that-clause only reports it; the clause's own cues carry the stance.
        if entry.verb
            && entry.stance.stance() == Stance::Support
            && text
                .get(ce..end)
                .is_some_and(|rest| rest.starts_with(" that "))
        {
            continue;
        }
        let before = words_before(sentence, cue.start, 3);
        let mut stance = entry.stance.stance();
        let negated_cue = negated(&before, &lexicon.cues().negations);
        if negated_cue {
            stance = stance.flipped();
        }
        let mut confidence = 0.8;
        let hedge_words = words_before(sentence, cue.start, 5);
        if lexicon
            .cues()
            .hedges
            .iter()
            .any(|h| format!(" {hedge_words} ").contains(&format!(" {h} ")))
        {
            confidence = 0.5;
        }
        // Holder.
        let mut holders = agents_after(text, ce, end, &local, entry.text.ends_with("from"));
        if holders.is_empty()
            && entry.noun
            && let Some(m) = local.iter().rev().find(|m| m.end <= cs && cs - m.end <= 16)
        {
            holders.push(m.actor);
        }
        let quoted = inside_quote(sentence, cue.start);
        let modal = matches!(entry.text.as_str(), "must" | "should");
        if modal {
            match speakers.first() {
                Some(&s) if holders.is_empty() && !quoted => holders.push(s),
                _ => continue,
            }
        }
        if quoted && second_person_subject(sentence, cue.start) {
            continue;
        }
        let passive = !holders.is_empty() && !entry.text.ends_with("from") && !entry.noun && !modal;
        if holders.is_empty() && quoted {
            holders.extend(speakers.iter().copied());
        }
        if holders.is_empty() && previous_word == "and" && !previous_holders.is_empty() {
            holders.clone_from(&previous_holders);
        }
        if holders.is_empty() {
            holders = subject_before(text, start, cs, &local);
        }
        if holders.is_empty() && quoted && quote_led {
            holders.extend(discourse.last_speaker);
        }
        if holders.is_empty() {
            if !speakers.is_empty() {
                holders.extend(speakers.iter().copied());
            } else if pronoun_start || pronoun_before(sentence, cue.start) {
                holders.extend(discourse.last_holders.iter().copied());
                confidence -= 0.15;
            }
        }
        if holders.is_empty() {
            continue;
        }
        // Target. "urged Rwanda to halt …": the urged actor's verb is part of the complement.
        let mut action = entry.action.as_deref();
        let mut window_end = clause_end(text, ce, end).min(next_cue.unwrap_or(end).max(ce));
        if entry.target == CueTarget::Issue
            && let Some(object) = local
                .iter()
                .find(|m| m.start >= ce && close_object(text, ce, m))
            && text
                .get(object.end..end)
                .is_some_and(|t| t.starts_with(" to "))
        {
            window_end = clause_end(text, ce, end);
            if let Some(next) = cues
                .iter()
                .skip(index + 1)
                .find(|c| start + c.start >= object.end)
                && start + next.start <= object.end + 5
                && let Some(inner) = lexicon.cues().cues.get(next.index)
            {
                consumed.push(next.start);
                if inner.stance.stance() == Stance::Oppose {
                    stance = stance.flipped();
                }
                action = inner.action.as_deref();
            }
        }
        let mut targets = Vec::new();
        if entry.backward || passive || entry.text.ends_with("from") {
            if let Some(issue) = issues.iter().rev().find(|i| i.end <= cs) {
                targets.push(Target::Issue(issue.id.clone()));
            }
        } else {
            // "will not recognise Crimea as Russian": when nothing after a negated cue
            // names an issue, a cue that itself names one ("recognise") targets it.
            let issue = issues
                .iter()
                .find(|i| i.start >= ce && i.start < window_end)
                .or_else(|| {
                    issues
                        .iter()
                        .find(|i| i.start == cs && i.end == ce && negated_cue)
                });
            let actor = local
                .iter()
                .find(|m| m.start >= ce && m.start < window_end && !holders.contains(&m.actor))
                .filter(|m| entry.noun || close_object(text, ce, m));
            if let Some(i) = issue
                && action.is_none()
                && reversed(text, ce, i.start)
            {
                stance = stance.flipped();
            }
            let actor_first = match (issue, actor) {
                (Some(i), Some(a)) => a.start < i.start && !possessor_of(text, a, i),
                (None, Some(_)) => true,
                _ => false,
            };
            match (entry.target, issue, actor) {
                (CueTarget::Issue | CueTarget::Both, Some(i), _)
                    if !actor_first || entry.target == CueTarget::Issue =>
                {
                    match action {
                        Some(action) => targets.push(Target::Issue(book.action(action, &i.id))),
                        None => targets.push(Target::Issue(i.id.clone())),
                    }
                    if stance == Stance::Oppose
                        && action.is_none()
                        && let Some(doer) = doer_of(text, i, &local)
                        && !holders.contains(&doer)
                    {
                        targets.push(Target::Actor(doer));
                    }
                }
                (CueTarget::Actor | CueTarget::Both, _, Some(a)) => {
                    targets.push(Target::Actor(a.actor));
                }
                _ => {}
            }
        }
        for holder in &holders {
            for target in &targets {
                if *target == Target::Actor(*holder) {
                    continue;
                }
                out.push(Finding {
                    holder: *holder,
                    target: target.clone(),
                    stance,
                    confidence,
                    sentence: (start, end),
                    explanation: String::new(),
                });
            }
        }
        if !targets.is_empty() {
            holders_here.extend(holders.iter().copied());
        }
        previous_holders = holders;
    }
    if let Some(&s) = speakers.first() {
        discourse.last_speaker = Some(s);
    } else if !sentence.contains(['"', '\u{201c}', '\u{201d}']) {
        discourse.last_speaker = None;
    }
    if !holders_here.is_empty() {
        holders_here.dedup();
        discourse.last_holders = holders_here;
    } else if let Some(first) = local.iter().find(|m| {
        m.agentive
            && !is_object(text, m)
            && m.start - start <= 60
            && !inside_quote(sentence, m.start - start)
    }) {
        discourse.last_holders = vec![first.actor];
    }
    out
}

/// "a plan favoring Russia": an -ing cue right after a plain noun modifies that noun.
fn participle_of_noun(text: &str, at: usize, matched: &str, local: &[&Mention]) -> bool {
    if !matched
        .split_whitespace()
        .next()
        .is_some_and(|w| w.ends_with("ing"))
    {
        return false;
    }
    let head = text.get(..at).unwrap_or_default();
    if !head.ends_with(' ') || head.trim_end().ends_with([',', ';', ':', '"', '\u{201c}']) {
        return false;
    }
    let previous = super::text::word_before(text, at);
    let auxiliary = matches!(
        previous.as_str(),
        "is" | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "by"
            | "of"
            | "for"
            | "and"
            | "also"
            | "not"
            | "still"
            | "now"
            | "while"
            | "after"
            | "before"
            | "without"
            | "against"
            | "in"
            | "on"
            | "from"
            | "to"
            | "repeatedly"
            | "openly"
            | "publicly"
            | "strongly"
            | "firmly"
            | "flatly"
            | "also,"
            | "again"
    );
    let after_actor = local.iter().any(|m| m.end <= at && at - m.end <= 2);
    !auxiliary && !after_actor && !previous.ends_with("ly")
}

/// An actor object of a verb cue must follow it closely ("criticized Spain"), and a
/// cue followed by "to" ("threatened to leave") takes no actor object.
fn close_object(text: &str, cue_end: usize, mention: &Mention) -> bool {
    let gap = text.get(cue_end..mention.start).unwrap_or_default();
    let spans = words(gap);
    let first = spans
        .first()
        .and_then(|&(s, e)| gap.get(s..e))
        .unwrap_or_default()
        .to_lowercase();
    spans.len() <= 2 && first != "to" && !gap.contains([',', ';', '.'])
}

/// "lift sanctions", "end the blockade": the cue's object is the undoing of the issue.
fn reversed(text: &str, from: usize, to: usize) -> bool {
    let gap = text.get(from..to).unwrap_or_default().to_lowercase();
    words(&gap).iter().any(|&(s, e)| {
        matches!(
            gap.get(s..e).unwrap_or_default(),
            "lift"
                | "lifting"
                | "ease"
                | "easing"
                | "end"
                | "ending"
                | "scrap"
                | "scrapping"
                | "remove"
                | "removing"
                | "abandon"
                | "abandoning"
                | "drop"
                | "dropping"
                | "halt"
                | "halting"
                | "suspend"
                | "suspending"
                | "stop"
                | "stopping"
                | "reverse"
                | "reversing"
                | "withdraw"
                | "cancel"
                | "cancelling"
        )
    })
}

/// A subject pronoun right before the cue ("as such they refused").
fn pronoun_before(sentence: &str, at: usize) -> bool {
    words_before(sentence, at, 2)
        .split_whitespace()
        .any(|w| matches!(w, "they" | "he" | "she" | "it"))
}

/// Whether the clause subject right before a quoted cue is "you"/"they"/"he"/"she".
fn second_person_subject(sentence: &str, at: usize) -> bool {
    let before = words_before(sentence, at, 3);
    before
        .split_whitespace()
        .any(|w| matches!(w, "you" | "they" | "he" | "she"))
}

fn negated(before: &str, negations: &[String]) -> bool {
    let padded = format!(" {before} ");
    before.split_whitespace().any(|w| w.ends_with("n't"))
        || negations.iter().any(|n| padded.contains(&format!(" {n} ")))
}

/// Who carries out an opposed action: "the strikes by X", "the strikes carried out by X",
/// "X's strikes". Condemning the act opposes its doer too.
fn doer_of(text: &str, issue: &IssueMention, local: &[&Mention]) -> Option<usize> {
    let after = local.iter().find(|m| {
        m.start >= issue.end
            && text.get(issue.end..m.start).is_some_and(|gap| {
                let gap = gap.trim_start_matches([' ', ',']);
                let gap = gap
                    .strip_prefix("carried out ")
                    .or_else(|| gap.strip_prefix("launched "))
                    .or_else(|| gap.strip_prefix("conducted "))
                    .unwrap_or(gap);
                matches!(gap, "by " | "by the ")
            })
    });
    let before = || {
        local.iter().rev().find(|m| {
            m.end <= issue.start && m.agentive && possessive_gap(text, m.end, issue.start)
        })
    };
    after.or_else(before).map(|m| m.actor)
}

/// Whether `text[from..to]` is just a possessive "'s" with at most one word after it.
fn possessive_gap(text: &str, from: usize, to: usize) -> bool {
    let gap = text.get(from..to).unwrap_or_default();
    let rest = gap
        .strip_prefix("'s")
        .or_else(|| gap.strip_prefix("\u{2019}s"))
        .or_else(|| gap.strip_prefix('\''))
        .or_else(|| gap.strip_prefix('\u{2019}'));
    rest.is_some_and(|rest| rest.split_whitespace().count() <= 1 && rest.len() <= 16)
}

fn possessor_of(text: &str, actor: &Mention, issue: &IssueMention) -> bool {
    let gap = text.get(actor.end..issue.start).unwrap_or_default();
    issue.start >= actor.end
        && gap.len() <= 24
        && (gap.starts_with("'s") || gap.starts_with("\u{2019}s") || gap.trim().is_empty())
}

/// Where the clause that starts at `from` ends.
fn clause_end(text: &str, from: usize, end: usize) -> usize {
    let rest = text.get(from..end).unwrap_or_default();
    [
        ";",
        ", but",
        " but ",
        " while ",
        " whereas ",
        ", which",
        ", saying",
        ", stating",
        " after ",
    ]
    .iter()
    .filter_map(|marker| rest.find(marker))
    .min()
    .map_or(end, |at| from + at)
}

/// Agents of a passive or of "resistance from": "was rejected by Kyiv and Brussels".
fn agents_after(
    text: &str,
    at: usize,
    end: usize,
    local: &[&Mention],
    from_cue: bool,
) -> Vec<usize> {
    let rest = text.get(at..end).unwrap_or_default();
    let trimmed = rest.trim_start();
    let lead = if from_cue {
        Some(trimmed)
    } else {
        trimmed.strip_prefix("by ")
    };
    let Some(after) = lead else {
        return Vec::new();
    };
    let mut cursor = end - after.len();
    let mut agents = Vec::new();
    let start_at = cursor;
    for mention in local.iter().filter(|m| m.start >= start_at) {
        let gap = text.get(cursor..mention.start).unwrap_or_default();
        if !filler(gap) {
            break;
        }
        agents.push(mention.actor);
        cursor = mention.end;
    }
    agents
}

fn filler(gap: &str) -> bool {
    let spans = words(gap);
    spans.len() <= 3
        && spans.iter().all(|&(s, e)| {
            matches!(
                gap.get(s..e).unwrap_or_default().to_lowercase().as_str(),
                "the"
                    | "and"
                    | "or"
                    | "key"
                    | "both"
                    | "several"
                    | "some"
                    | "major"
                    | "other"
                    | "many"
            )
        })
        && !gap.contains(['.', ';', ':'])
}

/// The subject of the clause holding a cue at `cue`: the nearest agentive mention before
/// it that is not an object, with the mentions coordinated with it.
fn subject_before(text: &str, sentence_start: usize, cue: usize, local: &[&Mention]) -> Vec<usize> {
    let candidates: Vec<&&Mention> = local
        .iter()
        .filter(|m| m.end <= cue && m.agentive && !is_object(text, m))
        .filter(|m| {
            !inside_quote(
                text.get(sentence_start..).unwrap_or_default(),
                m.start - sentence_start,
            )
        })
        .collect();
    let Some(nearest) = candidates.last() else {
        return Vec::new();
    };
    let mut holders = vec![nearest.actor];
    let mut left = nearest.start;
    for mention in local.iter().rev().filter(|m| m.end <= nearest.start) {
        let gap = text.get(mention.end..left).unwrap_or_default();
        let joined = gap.contains(" and ") || gap.contains(',') || gap.trim().is_empty();
        if joined && filler(gap.replace(',', " ").as_str()) && mention.agentive {
            holders.push(mention.actor);
            left = mention.start;
        } else {
            break;
        }
    }
    holders.dedup();
    holders
}

/// The speaker of a sentence: "X said", "said X", "according to X", "…, X declaring".
fn speaker_of(
    text: &str,
    start: usize,
    sentence: &str,
    local: &[&Mention],
    lexicon: &Lexicon,
) -> Option<usize> {
    let lower = sentence.to_lowercase();
    for verb in &lexicon.cues().speech {
        let mut from = 0;
        while let Some(found) = lower.get(from..).and_then(|rest| rest.find(verb.as_str())) {
            let at = from + found;
            from = at + verb.len();
            if !super::lexicon::on_word_boundary(&lower, at, at + verb.len())
                || inside_quote(sentence, at)
            {
                continue;
            }
            let abs = start + at;
            let abs_end = abs + verb.len();
            if verb.ends_with("ing") {
                if let Some(m) = local
                    .iter()
                    .find(|m| m.start < abs && m.agentive && !is_object(text, m))
                {
                    return Some(m.actor);
                }
                continue;
            }
            let after = local
                .iter()
                .find(|m| m.start >= abs_end && m.start - abs_end <= 60);
            if let Some(m) = after {
                let gap = text.get(abs_end..m.start).unwrap_or_default();
                if !gap.contains([',', '.', '"', '\u{201c}']) || verb == "according to" {
                    return Some(m.actor);
                }
            }
            if verb == "according to" {
                continue;
            }
            if let Some(m) = local.iter().rev().find(|m| {
                m.end <= abs
                    && m.agentive
                    && !is_object(text, m)
                    && !inside_quote(sentence, m.start - start)
            }) {
                return Some(m.actor);
            }
        }
    }
    None
}
