//! Actor mentions: lexicon names, metonyms and people, demonyms used as collective
//! actors ("Ukrainian officials"), and people attached by pattern ("Ukrainian Deputy
//! Prime Minister Yulia Svyrydenko"), whose surnames then resolve to the same actor.

use std::collections::HashMap;

use aho_corasick::{AhoCorasickBuilder, MatchKind};

use super::lexicon::{Form, Lexicon, on_word_boundary};
use super::text::{ahead, behind, word_before, words};

/// One actor mention, with byte offsets into the article text.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub actor: usize,
    /// Can be the subject or speaker of a clause (not a bare adjective like "Russian").
    pub agentive: bool,
    pub surface: String,
}

const TITLE_WORDS: [&str; 34] = [
    "president",
    "prime",
    "minister",
    "deputy",
    "foreign",
    "defence",
    "defense",
    "secretary",
    "general",
    "of",
    "state",
    "envoy",
    "chief",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "ambassador",
    "vice",
    "chancellor",
    "policy",
    "senior",
    "top",
    "special",
    "interior",
    "diplomat",
    "official",
    "ministry",
    "leader",
    "head",
    "commissioner",
    "negotiator",
    "adviser",
    "king",
    "army",
];

fn is_title(word: &str) -> bool {
    TITLE_WORDS.contains(&word.to_lowercase().as_str())
}

fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        && !is_title(word)
}

/// All actor mentions of `text`, in order.
pub fn find(text: &str, lexicon: &Lexicon) -> Vec<Mention> {
    let hits = lexicon.actor_hits(text);
    let people = attach_people(text, lexicon, &hits);
    let officials = &lexicon.cues().officials;
    let mut mentions: Vec<Mention> = hits
        .iter()
        .map(|hit| {
            let agentive =
                hit.form != Form::Demonym || followed_by_official(text, hit.end, officials);
            Mention {
                start: hit.start,
                end: hit.end,
                actor: hit.actor,
                agentive,
                surface: text.get(hit.start..hit.end).unwrap_or_default().to_owned(),
            }
        })
        .collect();
    if !people.is_empty() {
        let names: Vec<&String> = people.keys().collect();
        if let Ok(ac) = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&names)
        {
            let mut extra = Vec::new();
            for found in ac.find_iter(text) {
                let (start, end) = (found.start(), found.end());
                if !on_word_boundary(text, start, end) {
                    continue;
                }
                let next = mentions.partition_point(|m| m.start < end);
                let overlaps = next
                    .checked_sub(1)
                    .and_then(|i| mentions.get(i))
                    .is_some_and(|m| m.end > start);
                if overlaps {
                    continue;
                }
                let Some(name) = names.get(found.pattern().as_usize()) else {
                    continue;
                };
                if let Some(&actor) = people.get(*name) {
                    extra.push(Mention {
                        start,
                        end,
                        actor,
                        agentive: true,
                        surface: (*name).clone(),
                    });
                }
            }
            mentions.extend(extra);
        }
    }
    mentions.sort_by_key(|m| m.start);
    attach_owned_institutions(text, lexicon, &mut mentions);
    mentions
}

/// "Russia's Security Council", "Iran's Foreign Ministry": an organisation named by
/// common title-case words right after a possessive actor mention is that actor's own
/// institution, not the international body of the same name. Acronyms ("Britain's NATO
/// allies") keep their own actor.
fn attach_owned_institutions(text: &str, lexicon: &Lexicon, mentions: &mut [Mention]) {
    for index in 1..mentions.len() {
        let (Some(owner), Some(owned)) = (mentions.get(index - 1), mentions.get(index)) else {
            continue;
        };
        let gap = text.get(owner.end..owned.start).unwrap_or_default();
        let possessive = matches!(gap, "'s " | "\u{2019}s " | "' " | "\u{2019} ");
        let organisation = lexicon
            .actor(owned.actor)
            .is_some_and(|a| a.kind.actor_kind() == crate::stance_map::ActorKind::Organization);
        let common_words = owned.surface.split_whitespace().count() >= 2
            && owned
                .surface
                .split_whitespace()
                .all(|w| w.chars().skip(1).all(char::is_lowercase));
        if possessive && organisation && common_words && owner.actor != owned.actor {
            let actor = owner.actor;
            if let Some(slot) = mentions.get_mut(index) {
                slot.actor = actor;
            }
        }
    }
}

fn followed_by_official(text: &str, at: usize, officials: &[String]) -> bool {
    let rest = ahead(text, at, 80);
    let spans = words(rest);
    spans.iter().take(3).any(|&(s, e)| {
        let word = rest.get(s..e).unwrap_or_default();
        officials.iter().any(|official| {
            official == word
                || (official.contains(' ')
                    && rest
                        .get(s..)
                        .is_some_and(|r| r.starts_with(official.as_str())))
        })
    })
}

/// People named next to an actor and a title, mapped (full name and surname) to that actor.
fn attach_people(
    text: &str,
    lexicon: &Lexicon,
    hits: &[super::lexicon::ActorHit],
) -> HashMap<String, usize> {
    let mut people = HashMap::new();
    let known = |word: &str| {
        lexicon
            .actor_hits(word)
            .iter()
            .any(|h| h.start == 0 && h.end == word.len())
    };
    for hit in hits {
        if hit.form == Form::Person {
            continue;
        }
        // Pattern 1: <actor>['s] <title words> <Name Name>
        let rest = ahead(text, hit.end, 200);
        let rest = rest
            .strip_prefix("'s")
            .or_else(|| rest.strip_prefix("\u{2019}s"))
            .unwrap_or(rest);
        let offset = hit.end + (ahead(text, hit.end, 200).len() - rest.len());
        let spans = words(rest);
        // A run of title words, connectors and capitalised words with no punctuation between.
        let mut run: Vec<(usize, usize)> = Vec::new();
        let mut titles = 0;
        let mut previous_end = 0;
        for &(s, e) in &spans {
            let gap = rest.get(previous_end..s).unwrap_or_default();
            let word = rest.get(s..e).unwrap_or_default();
            let comma_after_title = gap.trim() == ","
                && run
                    .last()
                    .is_some_and(|&(ls, le)| is_title(rest.get(ls..le).unwrap_or_default()))
                && is_name_word(word);
            if (!gap.trim().is_empty() && !comma_after_title) || run.len() >= 9 {
                break;
            }
            let connector = matches!(word, "to" | "for" | "of" | "the" | "on" | "in");
            if is_title(word) {
                titles += 1;
            } else if (!connector || titles == 0) && !is_name_word(strip_possessive(word)) {
                break;
            }
            run.push((s, e));
            previous_end = e;
            if word.ends_with("'s") || word.ends_with("\u{2019}s") {
                break;
            }
        }
        let trailing: Vec<(usize, usize)> = run
            .iter()
            .rev()
            .take_while(|&&(s, e)| {
                is_name_word(strip_possessive(rest.get(s..e).unwrap_or_default()))
            })
            .take(3)
            .copied()
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if titles > 0 && trailing.len() >= 2 {
            register(text, offset, &trailing, hit.actor, &known, &mut people);
        }
        // Pattern 2: <Name Name>, (the|a) <actor>['s] <title>
        let before = behind(text, hit.start, 120);
        let before_offset = hit.start - before.len();
        let lead = before.trim_end();
        let lead = lead
            .strip_suffix("the")
            .or_else(|| lead.strip_suffix("a"))
            .or_else(|| lead.strip_suffix("an"))
            .map(str::trim_end);
        if let Some(lead) = lead.and_then(|l| l.strip_suffix(',')) {
            let after_ok = {
                let tail = ahead(text, hit.end, 80);
                let tail = tail
                    .trim_start_matches("'s")
                    .trim_start_matches("\u{2019}s");
                words(tail)
                    .iter()
                    .take(3)
                    .any(|&(s, e)| is_title(tail.get(s..e).unwrap_or_default()))
            };
            let spans = words(lead);
            let mut name_spans: Vec<(usize, usize)> = Vec::new();
            for &(s, e) in spans.iter().rev().take(3) {
                let word = lead.get(s..e).unwrap_or_default();
                if is_name_word(word) {
                    name_spans.insert(0, (s, e));
                } else {
                    break;
                }
            }
            if after_ok && name_spans.len() >= 2 {
                register(
                    text,
                    before_offset,
                    &name_spans,
                    hit.actor,
                    &known,
                    &mut people,
                );
            }
        }
    }
    people
}

fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("\u{2019}s"))
        .unwrap_or(word)
}

fn register(
    text: &str,
    offset: usize,
    spans: &[(usize, usize)],
    actor: usize,
    known: &dyn Fn(&str) -> bool,
    people: &mut HashMap<String, usize>,
) {
    let (Some(&(first, _)), Some(&(last_start, last_end))) = (spans.first(), spans.last()) else {
        return;
    };
    let full = text
        .get(offset + first..offset + last_end)
        .unwrap_or_default();
    let surname = text
        .get(offset + last_start..offset + last_end)
        .unwrap_or_default();
    if full.is_empty() || known(full) || known(surname) {
        return;
    }
    people.entry(full.to_owned()).or_insert(actor);
    if surname.len() > 2 {
        people.entry(surname.to_owned()).or_insert(actor);
    }
    // Middle names of three-word names are often used alone ("Kayikwamba").
    if spans.len() == 3
        && let Some(&(ms, me)) = spans.get(1)
        && let Some(middle) = text.get(offset + ms..offset + me)
        && middle.len() > 3
        && !known(middle)
    {
        people.entry(middle.to_owned()).or_insert(actor);
    }
}

/// Whether the mention is the object of a preposition ("sanctions on Russia").
pub fn is_object(text: &str, mention: &Mention) -> bool {
    let mut at = mention.start;
    // skip a leading "the"/title words
    loop {
        let word = word_before(text, at);
        if matches!(word.as_str(), "the" | "key" | "its" | "their" | "other") || is_title(&word) {
            let head = text.get(..at).unwrap_or_default().trim_end();
            at = head.len().saturating_sub(word.len());
            if !text.is_char_boundary(at) {
                return false;
            }
            continue;
        }
        return matches!(
            word.as_str(),
            "on" | "against"
                | "to"
                | "of"
                | "with"
                | "for"
                | "into"
                | "over"
                | "at"
                | "toward"
                | "towards"
                | "about"
                | "in"
                | "from"
                | "by"
                | "between"
                | "than"
                | "like"
                | "under"
                | "within"
                | "including"
        );
    }
}
