//! Issue mentions in a sentence: lexicon issues (specialised by the actor they target,
//! "sanctions on Russia"), and dynamic issues for the named proposal an article is
//! about ("Trump's peace plan"), to which "the proposal", "the deal" resolve.

use std::collections::BTreeMap;

use super::lexicon::Lexicon;
use super::mentions::Mention;
use super::text::{snake, words};
use crate::stance_map::{Issue, IssueId};

/// An issue named in the text, with byte offsets into the article text.
#[derive(Clone, Debug, PartialEq)]
pub struct IssueMention {
    pub start: usize,
    pub end: usize,
    pub id: String,
    /// The actor whose proposal this is, when written as "X's plan".
    pub proposer: Option<usize>,
}

/// Heads that name an actor's intent towards a complement ("bid to acquire Greenland"):
/// the complement issue, not the head, is what the actor supports.
const INTENT_HEADS: [&str; 12] = [
    "bid",
    "request",
    "requests",
    "push",
    "call",
    "calls",
    "demand",
    "demands",
    "attempt",
    "effort",
    "efforts",
    "application",
];

const HEADS: [&str; 15] = [
    "plan",
    "proposal",
    "deal",
    "offer",
    "initiative",
    "treaty",
    "agreement",
    "accord",
    "pact",
    "framework",
    "roadmap",
    "backstop",
    "blueprint",
    "proposals",
    "resolution",
];

/// Heads that only ever refer back to the issue in focus ("the move").
const ANAPHORS: [&str; 6] = ["move", "decision", "step", "measures", "action", "measure"];

/// Issues seen so far in the article; keeps ids stable and remembers the last proposal.
#[derive(Debug, Default)]
pub struct IssueBook {
    pub issues: BTreeMap<String, Issue>,
    last_proposal: Option<String>,
    /// The first proposal of each proposer: later "X's deal"/"X's offer" are the same one.
    by_proposer: BTreeMap<usize, String>,
    /// The latest specialised id of each object issue ("sanctions" → "sanctions_russia").
    specialised: BTreeMap<String, String>,
}

impl IssueBook {
    /// Issue mentions inside `start..end` of `text`.
    pub fn scan(
        &mut self,
        text: &str,
        start: usize,
        end: usize,
        mentions: &[Mention],
        lexicon: &Lexicon,
    ) -> Vec<IssueMention> {
        let sentence = text.get(start..end).unwrap_or_default();
        let (mut found, intents) = self.dynamic(start, sentence, mentions, lexicon);
        for hit in lexicon.issue_hits(sentence) {
            let (s, e) = (start + hit.start, start + hit.end);
            if found.iter().any(|f| f.start < e && s < f.end) {
                continue;
            }
            let Some(entry) = lexicon.issues().get(hit.index) else {
                continue;
            };
            let mut issue = Issue::new(entry.id.clone(), entry.label.clone());
            issue.keywords = entry.keywords.clone();
            if entry.object
                && let Some(target) = object_of(text, s, e, mentions)
                && let Some(actor) = lexicon.actor(target)
            {
                issue.id = IssueId::new(format!("{}_{}", entry.id, snake(&actor.id)));
                issue.label = format!("{} ({})", entry.label, actor.name);
                issue.keywords.push(actor.name.clone());
                issue
                    .keywords
                    .extend(actor.demonyms.iter().take(1).cloned());
            }
            let mut id = issue.id.0.clone();
            if entry.object && id == entry.id {
                if let Some(special) = self.specialised.get(&entry.id) {
                    id.clone_from(special);
                }
            } else if entry.object {
                self.specialised.insert(entry.id.clone(), id.clone());
            }
            self.issues.entry(id.clone()).or_insert(issue);
            if HEADS.iter().any(|head| {
                entry.id.contains(head)
                    || sentence
                        .get(hit.start..hit.end)
                        .is_some_and(|t| t.ends_with(head))
            }) {
                self.last_proposal = Some(id.clone());
            }
            let proposer = intents
                .iter()
                .find(|&&(from, until, _)| from <= s && s <= until)
                .map(|&(_, _, actor)| actor)
                .or_else(|| agent_after(text, e, mentions));
            found.push(IssueMention {
                start: s,
                end: e,
                id,
                proposer,
            });
        }
        found.sort_by_key(|f| f.start);
        found
    }

    fn dynamic(
        &mut self,
        offset: usize,
        sentence: &str,
        mentions: &[Mention],
        lexicon: &Lexicon,
    ) -> (Vec<IssueMention>, Vec<(usize, usize, usize)>) {
        let mut found = Vec::new();
        let mut intents = Vec::new();
        let spans = words(sentence);
        for (index, &(s, e)) in spans.iter().enumerate() {
            let head = sentence.get(s..e).unwrap_or_default().to_lowercase();
            let intent = INTENT_HEADS.contains(&head.as_str());
            if ANAPHORS.contains(&head.as_str()) {
                let previous = spans
                    .get(index.wrapping_sub(1))
                    .and_then(|&(ps, pe)| sentence.get(ps..pe))
                    .unwrap_or_default()
                    .to_lowercase();
                if matches!(previous.as_str(), "the" | "this" | "that")
                    && let Some(last) = &self.last_proposal
                {
                    found.push(IssueMention {
                        start: offset + s,
                        end: offset + e,
                        id: last.clone(),
                        proposer: None,
                    });
                }
                continue;
            }
            if !HEADS.contains(&head.as_str()) && !intent {
                continue;
            }
            // Walk back over modifiers to a determiner or a possessor.
            let mut modifiers: Vec<String> = Vec::new();
            let mut first = s;
            let mut proposer = None;
            let mut determiner = false;
            let mut back = index;
            while back > 0 && modifiers.len() < 4 {
                back -= 1;
                let Some(&(ws, we)) = spans.get(back) else {
                    break;
                };
                let gap = sentence.get(we..first).unwrap_or_default();
                if !gap.trim().is_empty() {
                    break;
                }
                let word = sentence.get(ws..we).unwrap_or_default();
                let lower = word.to_lowercase();
                if matches!(lower.as_str(), "the" | "this" | "that" | "a" | "an") {
                    determiner = lower == "the" || lower == "this" || lower == "that";
                    first = ws;
                    break;
                }
                let absolute = offset + ws;
                if let Some(mention) = mentions
                    .iter()
                    .find(|m| m.start <= absolute && absolute < m.end)
                {
                    proposer = Some(mention.actor);
                    first = mention.start.saturating_sub(offset);
                    break;
                }
                if lower.ends_with("'s") || lower.ends_with("\u{2019}s") {
                    break;
                }
                if matches!(
                    lower.as_str(),
                    "of" | "and" | "to" | "for" | "on" | "with" | "its" | "their" | "his" | "her"
                ) {
                    break;
                }
                modifiers.insert(0, lower);
                first = ws;
            }
            let tail = sentence.get(e..).unwrap_or_default();
            if proposer.is_none() {
                // "the proposal from NATO Secretary General Mark Rutte"
                let lead = tail.trim_start();
                if lead.starts_with("from ") || lead.starts_with("by ") {
                    let at = offset + e;
                    proposer = mentions
                        .iter()
                        .find(|m| m.start >= at && m.start - at <= 40 && m.agentive)
                        .map(|m| m.actor);
                }
            }
            let to_clause = {
                let lead = tail.trim_start();
                lead.starts_with("to ")
            };
            if intent || (to_clause && proposer.is_some() && !tail.trim_start().starts_with(',')) {
                if let Some(actor) = proposer {
                    intents.push((e, e + 40, actor));
                }
                if intent {
                    continue;
                }
            }
            if proposer.is_some() && tail.trim_start().starts_with(',') && modifiers.is_empty() {
                // "the proposal from X, to allocate …": the complement names it
                if let Some(actor) = proposer {
                    intents.push((e, e + 120, actor));
                }
            }
            let anaphor = modifiers.is_empty() && proposer.is_none();
            if anaphor {
                if determiner && let Some(last) = &self.last_proposal {
                    found.push(IssueMention {
                        start: offset + first,
                        end: offset + e,
                        id: last.clone(),
                        proposer: None,
                    });
                }
                continue;
            }
            if intents.iter().any(|&(from, _, _)| from == e) {
                continue;
            }
            if proposer.is_none() && !determiner {
                continue;
            }
            let owner = proposer.and_then(|p| lexicon.actor(p));
            let mut phrase: Vec<String> = owner.iter().map(|a| a.id.clone()).collect();
            phrase.extend(
                modifiers
                    .iter()
                    .filter(|m| !m.starts_with("propos"))
                    .cloned(),
            );
            phrase.push(head.trim_end_matches('s').to_owned());
            let mut id = snake(&phrase.join(" "));
            if let Some(p) = proposer {
                id = self.by_proposer.entry(p).or_insert(id).clone();
            }
            let label = match owner {
                Some(actor) => format!("{} {} {}", actor.name, modifiers.join(" "), head),
                None => format!("The {} {}", modifiers.join(" "), head),
            };
            let mut issue = Issue::new(
                id.clone(),
                label.split_whitespace().collect::<Vec<_>>().join(" "),
            );
            issue.keywords = modifiers.clone();
            issue
                .keywords
                .extend(["proposal", "plan", "deal", "offer"].map(String::from));
            issue
                .keywords
                .push(format!("{} {}", modifiers.join(" "), head));
            let known = self
                .issues
                .entry(id.clone())
                .or_insert_with(|| issue.clone());
            for keyword in issue.keywords {
                if !known.keywords.contains(&keyword) {
                    known.keywords.push(keyword);
                }
            }
            self.last_proposal = Some(id.clone());
            found.push(IssueMention {
                start: offset + first,
                end: offset + e,
                id,
                proposer,
            });
        }
        let intents = intents
            .into_iter()
            .map(|(from, until, actor)| (offset + from, offset + until, actor))
            .collect();
        (found, intents)
    }
}

/// At most this many keywords describe one issue (the lexicon's plus the article's).
const MAX_KEYWORDS: usize = 24;

impl IssueBook {
    /// Adds words the article uses for issue `id` to its keywords (lower case, once
    /// each, at most [`MAX_KEYWORDS`] in all): the phrase that named it and the content
    /// words of what it proposes ("a proposal to include the EU … in the talks").
    pub fn describe<'w>(&mut self, id: &str, words: impl IntoIterator<Item = &'w str>) {
        let Some(issue) = self.issues.get_mut(id) else {
            return;
        };
        for word in words {
            if issue.keywords.len() >= MAX_KEYWORDS {
                break;
            }
            let word = word.trim().to_lowercase();
            if word.chars().count() < 3 || issue.keywords.contains(&word) {
                continue;
            }
            issue.keywords.push(word);
        }
    }
}

impl IssueBook {
    /// The issue "<action> <target>" ("Suspension of the Indus Waters Treaty"), which
    /// becomes the issue in focus.
    /// The id of an issue no lexicon lists, named by `text` and merged by `key`
    /// (lemmas), created on first sight with a proposition-like label.
    pub fn open(&mut self, key: &str, text: &str) -> String {
        let id = format!("open_{}", snake(key));
        self.issues.entry(id.clone()).or_insert_with(|| {
            let mut label = text.trim().to_owned();
            if let Some(first) = label.get(..1) {
                label = first.to_uppercase() + label.get(1..).unwrap_or_default();
            }
            let mut issue = Issue::new(id.clone(), label);
            issue.keywords = key.split(' ').map(str::to_owned).collect();
            issue
        });
        id
    }

    pub fn action(&mut self, action: &str, target: &str) -> String {
        let base = self
            .issues
            .get(target)
            .cloned()
            .unwrap_or_else(|| Issue::new(target, target));
        let id = snake(&format!("{action} {target}"));
        let label = format!("{action} {}", base.label.trim_start_matches("The "));
        let mut issue = Issue::new(id.clone(), label);
        issue.keywords = base.keywords.clone();
        issue
            .keywords
            .extend(action.split_whitespace().take(1).map(str::to_lowercase));
        self.issues.entry(id.clone()).or_insert(issue);
        self.last_proposal = Some(id.clone());
        id
    }
}

/// "sanctions imposed by ECOWAS": the actor that puts the issue forward.
fn agent_after(text: &str, end: usize, mentions: &[Mention]) -> Option<usize> {
    let tail = super::text::ahead(text, end, 60);
    let spans = words(tail);
    let by = spans
        .iter()
        .take(2)
        .position(|&(s, e)| tail.get(s..e) == Some("by"))?;
    let &(_, by_end) = spans.get(by)?;
    let first = spans
        .first()
        .and_then(|&(s, e)| tail.get(s..e))
        .unwrap_or_default();
    if by == 1
        && !(first.ends_with("ed") || matches!(first, "taken" | "put" | "drawn" | "laid" | "set"))
    {
        return None;
    }
    let at = end + by_end;
    mentions
        .iter()
        .find(|m| m.start >= at && m.start - at <= 6 && m.agentive)
        .map(|m| m.actor)
}

/// The actor an issue trigger targets: "sanctions on Russia", "Iran's nuclear programme".
fn object_of(text: &str, start: usize, end: usize, mentions: &[Mention]) -> Option<usize> {
    if let Some(after) = mentions
        .iter()
        .find(|m| m.start >= end && m.start - end <= 20)
    {
        let gap = text
            .get(end..after.start)
            .unwrap_or_default()
            .trim()
            .to_lowercase();
        let preposition = gap.split_whitespace().next().unwrap_or_default();
        if matches!(
            preposition,
            "on" | "against" | "in" | "of" | "to" | "for" | "over" | "with" | "from"
        ) && gap.split_whitespace().count() <= 2
        {
            return Some(after.actor);
        }
    }
    let before = mentions
        .iter()
        .rev()
        .find(|m| m.end <= start && start - m.end <= 4)?;
    let gap = text.get(before.end..start).unwrap_or_default();
    (gap.trim().is_empty() || gap.starts_with("'s") || gap.starts_with("\u{2019}s"))
        .then_some(before.actor)
}
