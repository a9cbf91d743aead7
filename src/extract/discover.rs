//! Actors no lexicon lists, found by the form of their names: titled persons ("Taoiseach
//! Leo Varadkar", "Mary Lou McDonald, the Sinn Féin leader"), organisations introduced
//! with an acronym ("the Rapid Support Forces (RSF)"), parties, fronts and militias
//! ("the Democratic Unionist Party", "M23 rebels"). Later mentions by surname or
//! acronym resolve to them.
//!
//! Also here, because they are questions about names too: which bare surnames of the
//! lexicon's people are licensed ([`licensed_surnames`]), whether a name shared by a
//! country and a sub-national unit means the latter ([`ambiguous_place_is_subnational`])
//! and which date-bounded role of a person holds on an article's date ([`role_at`]).
//!
//! Pure and linear: one tokenisation, one forward pass with bounded look-back, one
//! Aho–Corasick pass for later mentions. Word lists live in
//! `assets/lexicon/discovery.ron`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasickBuilder, MatchKind};
use serde::Deserialize;

use super::lexicon::{ActorEntry, Form, LexKind, Lexicon, on_word_boundary};
use crate::article::Sentence;
use crate::stance_map::ActorKind;

const DISCOVERY_RON: &str = include_str!("../../assets/lexicon/discovery.ron");

/// Kind of a discovered actor.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub enum DiscoveredKind {
    Person,
    Movement,
    Organization,
    Other,
}

impl DiscoveredKind {
    /// The map's actor kind.
    pub fn actor_kind(self) -> ActorKind {
        match self {
            DiscoveredKind::Person => ActorKind::Person,
            DiscoveredKind::Movement => ActorKind::Movement,
            DiscoveredKind::Organization => ActorKind::Organization,
            DiscoveredKind::Other => ActorKind::Other,
        }
    }
}

/// An actor found by form, with every mention of it as byte spans into the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiscoveredActor {
    /// As first written, possessive dropped: "Leo Varadkar", "Rapid Support Forces".
    pub name: String,
    pub kind: DiscoveredKind,
    /// Surname for persons, acronym for organisations.
    pub aliases: Vec<String>,
    /// Byte spans of the full name and of later surname/acronym mentions, in order.
    pub mentions: Vec<Range<usize>>,
    /// The lexicon actor (id) the person's title names: "Irish PM X" → "Ireland".
    pub speaks_for: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct DiscoveryFile {
    #[serde(default)]
    title_heads: Vec<String>,
    #[serde(default)]
    title_modifiers: Vec<String>,
    #[serde(default)]
    title_states: Vec<(String, String)>,
    #[serde(default)]
    not_names: Vec<String>,
    #[serde(default)]
    name_particles: Vec<String>,
    #[serde(default)]
    name_connectors: Vec<String>,
    #[serde(default)]
    group_heads: Vec<(String, DiscoveredKind)>,
    #[serde(default)]
    group_nouns: Vec<String>,
    #[serde(default)]
    group_titles: Vec<String>,
    #[serde(default)]
    not_actor_heads: Vec<String>,
    #[serde(default)]
    ambiguous_places: Vec<AmbiguousPlace>,
    #[serde(default)]
    subnational_cues: Vec<String>,
}

/// A name shared by a country and a sub-national unit, with context words for each.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct AmbiguousPlace {
    pub name: String,
    #[serde(default)]
    pub subnational: Vec<String>,
    #[serde(default)]
    pub national: Vec<String>,
}

struct Words {
    title_heads: HashSet<String>,
    title_modifiers: HashSet<String>,
    title_states: HashMap<String, String>,
    not_names: HashSet<String>,
    name_particles: HashSet<String>,
    name_connectors: HashSet<String>,
    group_heads: HashMap<String, DiscoveredKind>,
    group_nouns: HashSet<String>,
    group_titles: HashSet<String>,
    not_actor_heads: HashSet<String>,
    ambiguous_places: Vec<AmbiguousPlace>,
    subnational_cues: Vec<String>,
}

fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| {
        let file: DiscoveryFile = ron::from_str(DISCOVERY_RON).unwrap_or_default();
        let lower = |list: Vec<String>| list.into_iter().map(|w| w.to_lowercase()).collect();
        Words {
            title_heads: lower(file.title_heads),
            title_modifiers: lower(file.title_modifiers),
            title_states: file
                .title_states
                .into_iter()
                .map(|(title, state)| (title.to_lowercase(), state))
                .collect(),
            not_names: file.not_names.into_iter().collect(),
            name_particles: file.name_particles.into_iter().collect(),
            name_connectors: file.name_connectors.into_iter().collect(),
            group_heads: file.group_heads.into_iter().collect(),
            group_nouns: file.group_nouns.into_iter().collect(),
            group_titles: lower(file.group_titles),
            not_actor_heads: file.not_actor_heads.into_iter().collect(),
            ambiguous_places: file.ambiguous_places,
            subnational_cues: file.subnational_cues,
        }
    })
}

/// A word of the text: letters, digits, hyphens and apostrophes.
#[derive(Clone, Copy, Debug)]
struct Token<'t> {
    start: usize,
    end: usize,
    text: &'t str,
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut start: Option<usize> = None;
    for (at, c) in text.char_indices() {
        let inside = c.is_alphanumeric() || (start.is_some() && matches!(c, '-' | '\'' | '’'));
        match (inside, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                push_token(text, from, at, &mut tokens);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        push_token(text, from, text.len(), &mut tokens);
    }
    tokens
}

fn push_token<'t>(text: &'t str, start: usize, end: usize, tokens: &mut Vec<Token<'t>>) {
    // A trailing apostrophe or hyphen is punctuation, not part of the word.
    let raw = text.get(start..end).unwrap_or_default();
    let trimmed = raw.trim_end_matches(['-', '\'', '’']);
    if !trimmed.is_empty() {
        tokens.push(Token {
            start,
            end: start + trimmed.len(),
            text: trimmed,
        });
    }
}

fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (2..=8).contains(&word.chars().count())
        && letters >= 2
        && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// What lies between two tokens (or before the first).
fn gap<'t>(text: &'t str, tokens: &[Token<'_>], index: usize) -> &'t str {
    let from = index
        .checked_sub(1)
        .and_then(|i| tokens.get(i))
        .map_or(0, |t| t.end);
    let to = tokens.get(index).map_or(text.len(), |t| t.start);
    text.get(from..to).unwrap_or_default()
}

fn is_space(gap: &str) -> bool {
    !gap.is_empty() && gap.chars().all(char::is_whitespace)
}

struct Scanner<'a, 't> {
    text: &'t str,
    /// The whole article and where `text` starts in it, for place-name context.
    article: &'t str,
    offset: usize,
    tokens: Vec<Token<'t>>,
    lexicon: &'a Lexicon,
    words: &'static Words,
    /// Lexicon actor hits by their end byte.
    hit_ends: HashMap<usize, usize>,
    /// Bytes covered by a lexicon hit, as sorted spans.
    hit_spans: Vec<(usize, usize)>,
    found: BTreeMap<String, Found>,
}

struct Found {
    first: usize,
    kind: DiscoveredKind,
    aliases: Vec<String>,
    speaks_for: Option<String>,
}

impl<'t> Scanner<'_, 't> {
    fn word(&self, index: usize) -> &'t str {
        self.tokens.get(index).map_or("", |t| t.text)
    }

    fn is_title_head(&self, index: usize) -> bool {
        self.words
            .title_heads
            .contains(&self.word(index).to_lowercase())
    }

    fn is_title_word(&self, index: usize) -> bool {
        let word = self.word(index).to_lowercase();
        self.words.title_heads.contains(&word) || self.words.title_modifiers.contains(&word)
    }

    fn is_name_word(&self, index: usize) -> bool {
        let word = strip_possessive(self.word(index));
        is_capitalised(word)
            && !is_acronym(word)
            && !self.is_title_word(index)
            && !self.words.not_names.contains(word)
    }

    /// Whether bytes `start..end` touch a lexicon actor mention.
    fn known(&self, start: usize, end: usize) -> bool {
        let next = self.hit_spans.partition_point(|&(s, _)| s < end);
        next.checked_sub(1)
            .and_then(|i| self.hit_spans.get(i))
            .is_some_and(|&(_, e)| e > start)
    }

    /// Whether a lexicon actor mention covers all of `start..end`.
    fn covered(&self, start: usize, end: usize) -> bool {
        let next = self.hit_spans.partition_point(|&(s, _)| s <= start);
        self.hit_spans
            .get(..next)
            .unwrap_or_default()
            .iter()
            .rev()
            .take(4)
            .any(|&(s, e)| s <= start && e >= end)
    }

    /// The lexicon actor named by the token at `index` ("Irish", "Sudan's", "EU").
    fn actor_at(&self, index: usize) -> Option<String> {
        let token = self.tokens.get(index)?;
        let bare = strip_possessive(token.text);
        let end = token.start + bare.len();
        let actor = self.hit_ends.get(&end)?;
        // "Georgia Governor X" speaks for the US state, not the country.
        let span = self.offset + token.start..self.offset + end;
        if ambiguous_place_is_subnational(self.article, span) {
            return None;
        }
        self.lexicon.actor(*actor).map(|entry| entry.id.clone())
    }

    /// A run of person-name words starting at `from` (particles inside), at most 4.
    fn name_run_forward(&self, from: usize) -> usize {
        let mut end = from;
        while end < from + 4 && end < self.tokens.len() {
            if end > from && !is_space(gap(self.text, &self.tokens, end)) {
                break;
            }
            let particle = self.words.name_particles.contains(self.word(end));
            if !(self.is_name_word(end) || (particle && end > from)) {
                break;
            }
            end += 1;
            if self.word(end - 1) != strip_possessive(self.word(end - 1)) {
                break;
            }
        }
        // A name never ends on a particle.
        while end > from && self.words.name_particles.contains(self.word(end - 1)) {
            end -= 1;
        }
        end
    }

    fn span_text(&self, from: usize, to: usize) -> Option<(usize, usize, String)> {
        let start = self.tokens.get(from)?.start;
        let last = self.tokens.get(to.checked_sub(1)?)?;
        let end = last.start + strip_possessive(last.text).len();
        Some((start, end, self.text.get(start..end)?.to_owned()))
    }

    fn add(
        &mut self,
        name: String,
        first: usize,
        kind: DiscoveredKind,
        aliases: Vec<String>,
        speaks_for: Option<String>,
    ) {
        let entry = self.found.entry(name).or_insert(Found {
            first,
            kind,
            aliases: Vec::new(),
            speaks_for: None,
        });
        for alias in aliases {
            if !entry.aliases.contains(&alias) {
                entry.aliases.push(alias);
            }
        }
        if entry.speaks_for.is_none() {
            entry.speaks_for = speaks_for;
        }
    }

    fn add_person(&mut self, from: usize, to: usize, speaks_for: Option<String>) {
        let Some((start, end, name)) = self.span_text(from, to) else {
            return;
        };
        if self.known(start, end) {
            return;
        }
        let surname = strip_possessive(self.word(to - 1)).to_owned();
        let aliases = if to - from >= 2 && surname.chars().count() >= 3 {
            vec![surname]
        } else {
            Vec::new()
        };
        self.add(name, start, DiscoveredKind::Person, aliases, speaks_for);
    }

    /// Titled persons, before ("Deputy Prime Minister Z") or after the name
    /// ("X, the Kenyan foreign minister").
    fn titled_persons(&mut self) {
        let mut index = 0;
        while index < self.tokens.len() {
            if !self.is_title_word(index) {
                index += 1;
                continue;
            }
            let start = index;
            let mut end = index;
            let mut heads = 0;
            while end < self.tokens.len() && self.is_title_word(end) && end < start + 6 {
                if end > start {
                    let between = gap(self.text, &self.tokens, end);
                    let abbreviation = between.trim() == "." && self.word(end - 1).len() <= 3;
                    if !is_space(between) && !abbreviation {
                        break;
                    }
                }
                heads += usize::from(self.is_title_head(end));
                end += 1;
            }
            index = end.max(start + 1);
            if heads == 0 {
                continue;
            }
            let speaks_for = self.title_owner(start, end);
            // Title then name.
            let after = gap(self.text, &self.tokens, end);
            let after_ok =
                is_space(after) || (after.trim() == "." && self.word(end - 1).len() <= 3);
            if after_ok {
                let name_end = self.name_run_forward(end);
                if name_end > end {
                    self.add_person(end, name_end, speaks_for.clone());
                    index = name_end;
                    continue;
                }
            }
            // Name, (the) (modifier) title.
            let mut lead = start;
            if lead > 0 && self.actor_at(lead - 1).is_some() {
                lead -= 1;
            }
            if lead > 0 && matches!(self.word(lead - 1), "the" | "a" | "an") {
                lead -= 1;
            }
            if lead == 0 || gap(self.text, &self.tokens, lead).trim() != "," {
                continue;
            }
            let mut from = lead;
            while from > 0 && lead - from < 4 && self.is_name_word(from - 1) {
                if from < lead && !is_space(gap(self.text, &self.tokens, from)) {
                    break;
                }
                from -= 1;
            }
            if lead - from >= 2 {
                self.add_person(from, lead, speaks_for);
            }
        }
    }

    /// Whom a title run speaks for: the lexicon actor the title names ("Taoiseach"),
    /// the word inside it ("RSF commander") or just before it ("Irish PM", "Sudan's
    /// army chief"); else, for a group title ("leader", "spokesman"), the capitalised
    /// name right before it ("Sinn Féin leader"), which becomes a group of its own.
    fn title_owner(&mut self, start: usize, end: usize) -> Option<String> {
        for index in start..end {
            if let Some(state) = self
                .words
                .title_states
                .get(&self.word(index).to_lowercase())
            {
                return Some(state.clone());
            }
        }
        // The modifier stands right before the title, with only spaces between.
        let before = start.checked_sub(1)?;
        if !is_space(gap(self.text, &self.tokens, start)) {
            return None;
        }
        if let Some(listed) = self.actor_at(before) {
            return Some(listed);
        }
        let group_title = (start..end).any(|i| {
            self.words
                .group_titles
                .contains(&self.word(i).to_lowercase())
        });
        if !group_title {
            return None;
        }
        let owner_word = |scanner: &Self, i: usize| {
            let word = scanner.word(i);
            (is_capitalised(word) || is_acronym(word))
                && !scanner.is_title_word(i)
                && !scanner.words.not_names.contains(word)
                && word == strip_possessive(word)
        };
        let mut from = start;
        while from > 0 && start - from < 3 && owner_word(self, from - 1) {
            if from < start && !is_space(gap(self.text, &self.tokens, from)) {
                break;
            }
            from -= 1;
        }
        if from == start {
            return None;
        }
        // "Iranian Foreign Ministry spokesman": the name sits inside a longer title, an
        // institution of whoever the title names (a demonym or name before it).
        if from > 0 && (self.is_title_word(from - 1) || self.actor_at(from - 1).is_some()) {
            return (from.saturating_sub(3)..from)
                .rev()
                .find_map(|k| self.actor_at(k));
        }
        // A single capitalised word opening the sentence may be any word ("Veteran
        // leader X"); an acronym or a longer name is a name.
        if from == 0 && start - from == 1 && !is_acronym(self.word(0)) {
            return None;
        }
        let (s, e, name) = self.span_text(from, start)?;
        if self.known(s, e) {
            return None;
        }
        if !is_acronym(&name) && !self.found.values().any(|f| f.aliases.contains(&name)) {
            self.add(name.clone(), s, DiscoveredKind::Movement, Vec::new(), None);
        }
        Some(name)
    }

    /// Organisations introduced with an acronym: "the Rapid Support Forces (RSF)".
    fn acronyms(&mut self) {
        for index in 1..self.tokens.len() {
            let word = self.word(index);
            if !is_acronym(word)
                || !gap(self.text, &self.tokens, index)
                    .trim_end()
                    .ends_with('(')
                || !gap(self.text, &self.tokens, index + 1)
                    .trim_start()
                    .starts_with(')')
            {
                continue;
            }
            let mut from = index;
            while from > 0 && index - from < 8 {
                let candidate = self.word(from - 1);
                let connector = self.words.name_connectors.contains(candidate);
                if !(is_capitalised(candidate) || connector)
                    || self.words.not_names.contains(candidate)
                {
                    break;
                }
                if from < index && !is_space(gap(self.text, &self.tokens, from)) {
                    break;
                }
                from -= 1;
            }
            while from < index && self.words.name_connectors.contains(self.word(from)) {
                from += 1;
            }
            if index - from < 2 {
                continue;
            }
            let initial = |w: &str| w.chars().next().map(|c| c.to_lowercase().to_string());
            if initial(self.word(from)) != initial(word)
                || self.words.not_actor_heads.contains(self.word(index - 1))
            {
                continue;
            }
            let Some((start, end, name)) = self.span_text(from, index) else {
                continue;
            };
            let Some(acronym_token) = self.tokens.get(index) else {
                continue;
            };
            if self.covered(start, end) || self.known(acronym_token.start, acronym_token.end) {
                continue;
            }
            let head = self.word(index - 1);
            let kind = self
                .words
                .group_heads
                .get(head)
                .copied()
                .unwrap_or(DiscoveredKind::Organization);
            self.add(name, start, kind, vec![word.to_owned()], None);
        }
    }

    /// Parties, fronts, militias by their head word ("the Democratic Unionist Party")
    /// or a group noun after the name ("M23 rebels", "the Wagner militia").
    fn groups(&mut self) {
        let mut index = 0;
        while index < self.tokens.len() {
            let word = self.word(index);
            if !is_capitalised(word) || self.words.not_names.contains(word) {
                index += 1;
                continue;
            }
            let start = index;
            let mut end = index + 1;
            while end < self.tokens.len()
                && end < start + 6
                && is_space(gap(self.text, &self.tokens, end))
            {
                let next = self.word(end);
                let connector = self.words.name_connectors.contains(next)
                    && self
                        .tokens
                        .get(end + 1)
                        .is_some_and(|t| is_capitalised(t.text));
                if !(is_capitalised(next) || connector) {
                    break;
                }
                end += 1;
            }
            index = end;
            // The longest part of the run that ends on a head word ("the Democratic
            // Unionist Party in Belfast" → "Democratic Unionist Party").
            let headed = (start + 2..=end).rev().find_map(|stop| {
                let head = strip_possessive(self.word(stop - 1));
                self.words.group_heads.get(head).map(|&kind| (stop, kind))
            });
            if let Some((end, kind)) = headed {
                if let Some((s, e, name)) = self.span_text(start, end)
                    && !self.covered(s, e)
                    && !self.found.contains_key(&name)
                {
                    self.add(name, s, kind, Vec::new(), None);
                }
                continue;
            }
            let after = self.word(end);
            if end - start <= 3
                && self.words.group_nouns.contains(after)
                && is_space(gap(self.text, &self.tokens, end))
                && let Some((s, e, name)) = self.span_text(start, end)
                && !self.covered(s, e)
                && !self.found.contains_key(&name)
                && !self.found.values().any(|f| f.aliases.contains(&name))
            {
                self.add(name, s, DiscoveredKind::Movement, Vec::new(), None);
            }
        }
    }
}

/// Finds political actors the lexicon does not list, by form. `sentences` bound the
/// look-around (a title and its name never straddle a sentence end); spans outside
/// the text are ignored. Returns actors in order of first mention, each with every
/// mention: the full name anywhere, the surname/acronym only after the full name.
pub fn discover_actors(
    text: &str,
    sentences: &[Sentence],
    lexicon: &Lexicon,
) -> Vec<DiscoveredActor> {
    let hits = lexicon.actor_hits(text);
    let mut found: BTreeMap<String, Found> = BTreeMap::new();
    for sentence in sentences {
        let Some(sentence_text) = text.get(sentence.start..sentence.end) else {
            continue;
        };
        // Hits come in text order: each sentence takes its slice, so the pass stays linear.
        let first = hits.partition_point(|h| h.start < sentence.start);
        let local: Vec<_> = hits
            .get(first..)
            .unwrap_or_default()
            .iter()
            .take_while(|h| h.start < sentence.end)
            .filter(|h| h.end <= sentence.end)
            .map(|h| (h.start - sentence.start, h.end - sentence.start, h.actor))
            .collect();
        let mut scanner = Scanner {
            text: sentence_text,
            article: text,
            offset: sentence.start,
            tokens: tokens(sentence_text),
            lexicon,
            words: words(),
            hit_ends: local.iter().map(|&(_, end, actor)| (end, actor)).collect(),
            hit_spans: local.iter().map(|&(start, end, _)| (start, end)).collect(),
            found: BTreeMap::new(),
        };
        scanner.titled_persons();
        scanner.acronyms();
        scanner.groups();
        for (name, mut actor) in scanner.found {
            actor.first += sentence.start;
            match found.get_mut(&name) {
                Some(known) => {
                    for alias in actor.aliases {
                        if !known.aliases.contains(&alias) {
                            known.aliases.push(alias);
                        }
                    }
                    if known.speaks_for.is_none() {
                        known.speaks_for = actor.speaks_for;
                    }
                }
                None => {
                    found.insert(name, actor);
                }
            }
        }
    }
    let mut actors: Vec<(usize, DiscoveredActor)> = found
        .into_iter()
        .map(|(name, found)| {
            (
                found.first,
                DiscoveredActor {
                    name,
                    kind: found.kind,
                    aliases: found.aliases,
                    mentions: Vec::new(),
                    speaks_for: found.speaks_for,
                },
            )
        })
        .collect();
    actors.sort_by_key(|(first, _)| *first);
    attach_mentions(text, &mut actors);
    actors.into_iter().map(|(_, actor)| actor).collect()
}

/// The lexicon entry a discovered actor becomes when it speaks for no listed actor:
/// id from the name ("Rapid Support Forces" → `Rapid_Support_Forces`), the name, its
/// kind, and its surname or acronym as aliases.
pub fn actor_entry(found: &DiscoveredActor) -> ActorEntry {
    let id: String = found
        .name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    ActorEntry {
        id,
        name: found.name.clone(),
        kind: match found.kind {
            DiscoveredKind::Person => LexKind::Person,
            DiscoveredKind::Movement => LexKind::Movement,
            DiscoveredKind::Organization => LexKind::Organization,
            DiscoveredKind::Other => LexKind::Other,
        },
        aliases: found.aliases.clone(),
        demonyms: Vec::new(),
        metonyms: Vec::new(),
        people: Vec::new(),
    }
}

/// Every later mention of a discovered actor, in one Aho–Corasick pass: names count
/// anywhere, aliases only after the actor's first full mention.
fn attach_mentions(text: &str, actors: &mut [(usize, DiscoveredActor)]) {
    let mut forms: Vec<String> = Vec::new();
    let mut owners: Vec<(usize, bool)> = Vec::new();
    let mut seen = HashSet::new();
    for (index, (_, actor)) in actors.iter().enumerate() {
        for (form, is_alias) in
            std::iter::once((&actor.name, false)).chain(actor.aliases.iter().map(|a| (a, true)))
        {
            if seen.insert(form.clone()) {
                forms.push(form.clone());
                owners.push((index, is_alias));
            }
        }
    }
    let Ok(automaton) = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&forms)
    else {
        return;
    };
    for found in automaton.find_iter(text) {
        if !on_word_boundary(text, found.start(), found.end()) {
            continue;
        }
        let Some(&(owner, is_alias)) = owners.get(found.pattern().as_usize()) else {
            continue;
        };
        let Some((first, actor)) = actors.get_mut(owner) else {
            continue;
        };
        if is_alias && found.start() < *first {
            continue;
        }
        actor.mentions.push(found.start()..found.end());
    }
}

/// A lexicon person's bare-surname mention, and whether it is licensed: a surname
/// stands for a listed official only after the full name (or a full alias) appeared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurnameMention {
    pub span: Range<usize>,
    /// Lexicon actor id the person speaks for.
    pub actor: String,
    /// The person's full name as the lexicon writes it.
    pub person: String,
    pub licensed: bool,
}

/// The surname-only mentions of the lexicon's people in `text`, each marked licensed
/// when the same person's full name came earlier. One lexicon scan plus one pass over
/// the person hits.
pub fn licensed_surnames(text: &str, lexicon: &Lexicon) -> Vec<SurnameMention> {
    // Lower-cased form → (actor index, person name, is the bare surname).
    let mut forms: HashMap<String, Vec<(usize, &str, bool)>> = HashMap::new();
    for (index, actor) in lexicon.actors().iter().enumerate() {
        for person in &actor.people {
            let surname = person
                .name
                .split_whitespace()
                .rev()
                .find(|word| !word.ends_with('.') && word.chars().count() >= 3)
                .unwrap_or_default()
                .to_lowercase();
            for form in std::iter::once(&person.name).chain(&person.aliases) {
                let key = form.to_lowercase();
                let bare = key == surname && !form.contains(' ');
                forms
                    .entry(key)
                    .or_default()
                    .push((index, person.name.as_str(), bare));
            }
            if !surname.is_empty() {
                forms
                    .entry(surname)
                    .or_default()
                    .push((index, person.name.as_str(), true));
            }
        }
    }
    let mut introduced: HashSet<(usize, &str)> = HashSet::new();
    let mut mentions = Vec::new();
    for hit in lexicon.actor_hits(text) {
        if hit.form != Form::Person {
            continue;
        }
        let surface = text
            .get(hit.start..hit.end)
            .unwrap_or_default()
            .to_lowercase();
        let Some(candidates) = forms.get(&surface) else {
            continue;
        };
        let full: Vec<_> = candidates.iter().filter(|c| !c.2).collect();
        if !full.is_empty() {
            for candidate in full {
                introduced.insert((candidate.0, candidate.1));
            }
            continue;
        }
        let licensed = candidates.iter().find(|c| introduced.contains(&(c.0, c.1)));
        let Some(&(actor, person, _)) = licensed.or(candidates.first()) else {
            continue;
        };
        let Some(entry) = lexicon.actor(actor) else {
            continue;
        };
        mentions.push(SurnameMention {
            span: hit.start..hit.end,
            actor: entry.id.clone(),
            person: person.to_owned(),
            licensed: licensed.is_some(),
        });
    }
    mentions
}

/// Bytes of context each side of a mention that [`ambiguous_place_is_subnational`]
/// reads, plus the dateline (the first line, up to this many bytes).
const PLACE_WINDOW: usize = 300;

/// Whether the place name at `mention_span` (e.g. "Georgia", "Punjab", "Victoria") means
/// the sub-national unit rather than the country: context words of
/// `assets/lexicon/discovery.ron` ("Governor", "state legislature", an "ATLANTA"
/// dateline) outnumber those of the country reading. `false` for names that are not
/// ambiguous and for spans outside the text. Reads a bounded window: constant time.
pub fn ambiguous_place_is_subnational(text: &str, mention_span: Range<usize>) -> bool {
    let Some(name) = text.get(mention_span.clone()) else {
        return false;
    };
    let words = words();
    let Some(place) = words
        .ambiguous_places
        .iter()
        .find(|place| place.name.eq_ignore_ascii_case(name))
    else {
        return false;
    };
    let mut from = mention_span.start.saturating_sub(PLACE_WINDOW);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (mention_span.end + PLACE_WINDOW).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let mut dateline_end = text.find('\n').unwrap_or(text.len()).min(PLACE_WINDOW);
    while !text.is_char_boundary(dateline_end) {
        dateline_end -= 1;
    }
    let windows = [
        text.get(from..to).unwrap_or_default(),
        text.get(..dateline_end).unwrap_or_default(),
    ];
    let present = |cue: &String| windows.iter().any(|window| contains_word(window, cue));
    let subnational = place
        .subnational
        .iter()
        .chain(&words.subnational_cues)
        .filter(|cue| present(cue))
        .count();
    let national = place.national.iter().filter(|cue| present(cue)).count();
    subnational > national
}

fn contains_word(haystack: &str, needle: &str) -> bool {
    let mut from = 0;
    while let Some(at) = haystack.get(from..).and_then(|rest| rest.find(needle)) {
        let start = from + at;
        let end = start + needle.len();
        let before_ok = haystack
            .get(..start)
            .and_then(|s| s.chars().next_back())
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = needle.ends_with('.')
            || haystack
                .get(end..)
                .and_then(|s| s.chars().next())
                .is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return true;
        }
        from = end;
    }
    false
}

/// A calendar date, ordered; parsed from "2024-06-27", "20240627" or PETRARCH's
/// "240627" (a two-digit year up to 30 is 20xx, above it 19xx).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RoleDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl RoleDate {
    /// `None` when `text` is no date in one of the three forms.
    pub fn parse(text: &str) -> Option<RoleDate> {
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        if digits.len() != text.trim().chars().filter(|c| *c != '-').count() {
            return None;
        }
        let number = |range: Range<usize>| digits.get(range)?.parse::<u32>().ok();
        let (year, rest) = match digits.len() {
            8 => (i32::try_from(number(0..4)?).ok()?, 4),
            6 => {
                let short = i32::try_from(number(0..2)?).ok()?;
                (
                    if short <= 30 {
                        2000 + short
                    } else {
                        1900 + short
                    },
                    2,
                )
            }
            _ => return None,
        };
        let month = u8::try_from(number(rest..rest + 2)?).ok()?;
        let day = u8::try_from(number(rest + 2..rest + 4)?).ok()?;
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(RoleDate {
            year,
            month,
            day,
        })
    }
}

/// One role of a person, bounded in time: whom they speak for and from/until when
/// (inclusive, as PETRARCH reads its restrictions). Dates as [`RoleDate::parse`] reads.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct DatedRole {
    /// Lexicon actor id: "Ireland".
    pub actor: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub until: Option<String>,
}

impl DatedRole {
    /// Whether the role holds on `date`; an unreadable bound counts as open.
    pub fn holds_on(&self, date: RoleDate) -> bool {
        let from = self.from.as_deref().and_then(RoleDate::parse);
        let until = self.until.as_deref().and_then(RoleDate::parse);
        from.is_none_or(|from| from <= date) && until.is_none_or(|until| date <= until)
    }
}

/// A person entry with date-bounded roles, the format `actors.ron` people can grow
/// into: `(name: "Leo Varadkar", aliases: ["Varadkar"], roles: [(actor: "Ireland",
/// role: "Taoiseach", from: "2017-06-14", until: "2020-06-27"), …])`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct DatedPersonEntry {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub roles: Vec<DatedRole>,
}

/// The role valid on `date`: of those that hold, the one that started last (a bounded
/// role wins over an open default); with no date, the open-ended or latest role.
pub fn role_at(roles: &[DatedRole], date: Option<RoleDate>) -> Option<&DatedRole> {
    let start = |role: &DatedRole| role.from.as_deref().and_then(RoleDate::parse);
    let end = |role: &DatedRole| role.until.as_deref().and_then(RoleDate::parse);
    match date {
        Some(date) => roles
            .iter()
            .filter(|role| role.holds_on(date))
            .max_by_key(|role| (start(role).is_some(), start(role))),
        None => roles
            .iter()
            .max_by_key(|role| (end(role).is_none(), end(role), start(role))),
    }
}

/// Title-and-name runs of `text` as byte ranges, in order: an optional name or
/// acronym right before the title ("UK", "Sudan's"), title words with at least one
/// title head ("Prime Minister", "foreign policy chief"), then a person's name of one
/// to four words ("Keir Starmer", "Mariam al-Sadiq al-Mahdi"), possessive left out.
/// The parser reads each run as one word (see `syntax::Parser::parse_with_names`).
pub fn title_name_chunks(text: &str) -> Vec<Range<usize>> {
    let words = words();
    let tokens = tokens(text);
    let word = |i: usize| tokens.get(i).map_or("", |t| t.text);
    let lower = |i: usize| word(i).to_lowercase();
    let is_title = |i: usize| {
        words.title_heads.contains(&lower(i)) || words.title_modifiers.contains(&lower(i))
    };
    let spaced = |i: usize| i > 0 && i < tokens.len() && is_space(gap(text, &tokens, i));
    let particle = |i: usize| words.name_particles.contains(word(i));
    let name_word = |i: usize| {
        let bare = strip_possessive(word(i));
        is_capitalised(bare) && !is_title(i) && !words.not_names.contains(bare)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !is_title(i) {
            i += 1;
            continue;
        }
        let title = i;
        let mut end = i;
        let mut heads = 0;
        while end < tokens.len()
            && is_title(end)
            && end - title < 6
            && (end == title || spaced(end))
        {
            heads += usize::from(words.title_heads.contains(&lower(end)));
            end += 1;
        }
        if heads == 0 || !spaced(end) || word(end - 1) != strip_possessive(word(end - 1)) {
            i = end.max(i + 1);
            continue;
        }
        let mut name_end = end;
        while name_end < tokens.len()
            && name_end - end < 4
            && (name_end == end || spaced(name_end))
            && (name_word(name_end) || (name_end > end && particle(name_end)))
        {
            name_end += 1;
            if word(name_end - 1) != strip_possessive(word(name_end - 1)) {
                break;
            }
        }
        while name_end > end && particle(name_end - 1) {
            name_end -= 1;
        }
        if name_end == end {
            i = end;
            continue;
        }
        let mut first = title;
        if spaced(first) {
            let lead = strip_possessive(word(first - 1));
            if (is_capitalised(lead) || is_acronym(lead)) && !words.not_names.contains(lead) {
                first -= 1;
            }
        }
        if let (Some(from), Some(last)) = (tokens.get(first), tokens.get(name_end - 1)) {
            out.push(from.start..last.start + strip_possessive(last.text).len());
        }
        i = name_end;
    }
    out
}

const PEOPLE_RON: &str = include_str!("../../assets/lexicon/people.ron");

/// The people with dated roles (`assets/lexicon/people.ron`), by every name and alias
/// they go by, read once. A damaged table (a build error, since it is compiled in)
/// yields no one.
fn dated_people() -> &'static HashMap<String, DatedPersonEntry> {
    static PEOPLE: OnceLock<HashMap<String, DatedPersonEntry>> = OnceLock::new();
    PEOPLE.get_or_init(|| {
        let people: Vec<DatedPersonEntry> = ron::from_str(PEOPLE_RON).unwrap_or_default();
        let mut by_name = HashMap::new();
        for person in people {
            for name in std::iter::once(&person.name).chain(&person.aliases) {
                by_name.insert(name.clone(), person.clone());
            }
        }
        by_name
    })
}

/// Whom a person named `surface` speaks for on `date` (ISO or PETRARCH form): `None`
/// when the person has no dated roles (the lexicon's own mapping stands), `Some(None)`
/// when no role holds on that date (a former leader speaks for nobody), else the
/// lexicon index of the role's actor. Without a date, the current or latest role.
pub fn dated_speaker(
    surface: &str,
    date: Option<&str>,
    lexicon: &Lexicon,
) -> Option<Option<usize>> {
    let person = dated_people().get(surface.trim())?;
    let date = date.and_then(|d| RoleDate::parse(d.get(..10).unwrap_or(d)));
    Some(role_at(&person.roles, date).and_then(|role| lexicon.actor_index(&role.actor)))
}

/// A PETRARCH actor-dictionary restriction line, `[USAGOV 20090120-20170120]`,
/// `[AFGELI <331108]`, `[AFGGOV >790916]` or `[AFGMIL]`: the code and its bounds.
pub fn parse_petrarch_restriction(
    line: &str,
) -> Option<(String, Option<RoleDate>, Option<RoleDate>)> {
    let inner = line.trim().strip_prefix('[')?.strip_suffix(']')?;
    let mut parts = inner.split_whitespace();
    let code = parts.next()?.to_owned();
    let Some(bounds) = parts.next() else {
        return Some((code, None, None));
    };
    if let Some(until) = bounds.strip_prefix('<') {
        return Some((code, None, Some(RoleDate::parse(until)?)));
    }
    if let Some(from) = bounds.strip_prefix('>') {
        return Some((code, Some(RoleDate::parse(from)?), None));
    }
    let (from, until) = bounds.split_once('-')?;
    Some((
        code,
        Some(RoleDate::parse(from)?),
        Some(RoleDate::parse(until)?),
    ))
}
