//! The knowledge extraction uses: actors, issues and stance cues, bundled as RON in
//! `assets/lexicon/` and extendable by a user lexicon file.
//!
//! Every surface form (alias, demonym, metonym, person name, issue trigger, cue) is
//! compiled into Aho–Corasick automata once per lexicon; matches are then filtered
//! to word boundaries, and short all-caps aliases ("US", "PA") must match exactly.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;

use crate::stance_map::{ActorKind, Stance};

const ACTORS_RON: &str = include_str!("../../assets/lexicon/actors.ron");
const ISSUES_RON: &str = include_str!("../../assets/lexicon/issues.ron");
const CUES_RON: &str = include_str!("../../assets/lexicon/cues.ron");

/// Kind of an actor as written in the lexicon files.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub enum LexKind {
    State,
    Organization,
    Bloc,
    Movement,
    /// A person found in an article who speaks for no listed actor.
    Person,
    Other,
}

impl LexKind {
    pub fn actor_kind(self) -> ActorKind {
        match self {
            LexKind::State => ActorKind::State,
            LexKind::Organization => ActorKind::Organization,
            LexKind::Bloc => ActorKind::Bloc,
            LexKind::Movement => ActorKind::Movement,
            LexKind::Person => ActorKind::Person,
            LexKind::Other => ActorKind::Other,
        }
    }
}

/// A person who speaks for an actor.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct PersonEntry {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub role: String,
}

/// One actor of the lexicon with every way an article may name it.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct ActorEntry {
    pub id: String,
    pub name: String,
    #[serde(default = "default_kind")]
    pub kind: LexKind,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub demonyms: Vec<String>,
    #[serde(default)]
    pub metonyms: Vec<String>,
    #[serde(default)]
    pub people: Vec<PersonEntry>,
}

fn default_kind() -> LexKind {
    LexKind::Other
}

/// A recurring diplomatic issue: a proposition actors support or oppose.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct IssueEntry {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Phrases that name the issue in text (matched case-insensitively).
    #[serde(default)]
    pub triggers: Vec<String>,
    /// Whether the issue is specialised by the actor it targets ("sanctions on Russia").
    #[serde(default)]
    pub object: bool,
}

/// What a cue's complement may be.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub enum CueTarget {
    Issue,
    Actor,
    Both,
}

/// A stance cue: a verb or phrase whose holder supports or opposes its complement.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct CueEntry {
    pub text: String,
    pub stance: CueStance,
    #[serde(default = "default_target")]
    pub target: CueTarget,
    /// Verbs are matched in all inflections (reject, rejects, rejected, rejecting).
    #[serde(default)]
    pub verb: bool,
    /// Whether the cue itself names the thing opposed/supported when no issue follows
    /// (e.g. "strikes on X" is an attack on X).
    #[serde(default)]
    pub noun: bool,
    /// The complement stands before the cue ("called the strikes illegal").
    #[serde(default)]
    pub backward: bool,
    /// An action on its complement ("suspend the treaty"): the holder supports the
    /// action, an issue named by this nominal and the complement ("Suspension of …").
    #[serde(default)]
    pub action: Option<String>,
}

fn default_target() -> CueTarget {
    CueTarget::Both
}

/// Stance of a cue as written in `cues.ron`.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub enum CueStance {
    Support,
    Oppose,
}

impl CueStance {
    pub fn stance(self) -> Stance {
        match self {
            CueStance::Support => Stance::Support,
            CueStance::Oppose => Stance::Oppose,
        }
    }
}

/// The cue file: cues plus the closed word classes attribution needs.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct CueFile {
    #[serde(default)]
    pub cues: Vec<CueEntry>,
    #[serde(default)]
    pub negations: Vec<String>,
    #[serde(default)]
    pub hedges: Vec<String>,
    #[serde(default)]
    pub speech: Vec<String>,
    #[serde(default)]
    pub officials: Vec<String>,
    /// Phrases that contain a cue word but are no cue ("back down").
    #[serde(default)]
    pub blockers: Vec<String>,
}

/// A user lexicon file: everything optional.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
struct UserFile {
    #[serde(default)]
    actors: Vec<ActorEntry>,
    /// Extra aliases for existing actors: `("Kyiv", "Ukraine")`.
    #[serde(default)]
    aliases: Vec<(String, String)>,
    #[serde(default)]
    issues: Vec<IssueEntry>,
    #[serde(default)]
    cues: Vec<CueEntry>,
}

/// How an actor pattern names its actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Name,
    Demonym,
    Metonym,
    Person,
}

#[derive(Clone, Debug)]
struct ActorPattern {
    actor: usize,
    form: Form,
    exact_case: bool,
    text: String,
}

#[derive(Clone, Debug, Default)]
struct Compiled {
    actor_ac: Option<AhoCorasick>,
    actor_patterns: Vec<ActorPattern>,
    issue_ac: Option<AhoCorasick>,
    issue_patterns: Vec<usize>,
    cue_ac: Option<AhoCorasick>,
    cue_patterns: Vec<usize>,
    by_id: HashMap<String, usize>,
}

#[derive(Clone, Debug, Default)]
struct Data {
    actors: Vec<ActorEntry>,
    issues: Vec<IssueEntry>,
    cues: CueFile,
    compiled: Compiled,
    diagnostics: Vec<String>,
}

/// Everything extraction knows about the world. Cheap to clone.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    data: Arc<Data>,
    /// Actors one article introduces (found by form, see `discover`), indexed after
    /// the lexicon's own: `actor(actors().len() + i)` is `article_actors[i]`.
    article_actors: Arc<Vec<ActorEntry>>,
}

/// An actor found in text: byte span, actor index and how it was named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActorHit {
    pub start: usize,
    pub end: usize,
    pub actor: usize,
    pub form: Form,
}

/// An issue trigger or cue found in text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub index: usize,
}

impl Lexicon {
    /// The lexicon bundled with stancemap, parsed once per process.
    pub fn bundled() -> Lexicon {
        static BUNDLED: OnceLock<Lexicon> = OnceLock::new();
        BUNDLED.get_or_init(build_bundled).clone()
    }

    /// The bundled lexicon extended by a user lexicon given as RON text.
    pub fn with_user_ron(self, ron_text: &str) -> Result<Lexicon, LexiconError> {
        // Notepad and PowerShell save with a byte-order mark; it is not RON.
        let ron_text = ron_text.strip_prefix('\u{feff}').unwrap_or(ron_text);
        let user: UserFile = ron::from_str(ron_text).map_err(LexiconError::from_ron)?;
        let mut data = (*self.data).clone();
        for actor in user.actors {
            match data.actors.iter_mut().find(|known| known.id == actor.id) {
                Some(known) => {
                    known.aliases.extend(actor.aliases);
                    known.demonyms.extend(actor.demonyms);
                    known.metonyms.extend(actor.metonyms);
                    known.people.extend(actor.people);
                }
                None => data.actors.push(actor),
            }
        }
        for (alias, id) in user.aliases {
            match data.actors.iter_mut().find(|known| known.id == id) {
                Some(known) => known.aliases.push(alias),
                None => {
                    return Err(LexiconError {
                        line: 0,
                        column: 0,
                        message: format!("alias {alias:?} names unknown actor {id:?}"),
                    });
                }
            }
        }
        for issue in user.issues {
            data.issues.retain(|known| known.id != issue.id);
            data.issues.push(issue);
        }
        data.cues.cues.extend(user.cues);
        data.compiled = compile(&data.actors, &data.issues, &data.cues);
        Ok(Lexicon {
            data: Arc::new(data),
            article_actors: self.article_actors,
        })
    }

    /// Problems met while loading the bundled lexicon (empty when all is well).
    pub fn diagnostics(&self) -> &[String] {
        &self.data.diagnostics
    }

    pub fn actors(&self) -> &[ActorEntry] {
        &self.data.actors
    }

    /// The actor at `index`: the lexicon's own, then the article's (see
    /// [`Lexicon::with_article_actors`]).
    pub fn actor(&self, index: usize) -> Option<&ActorEntry> {
        match self.data.actors.get(index) {
            Some(actor) => Some(actor),
            None => self
                .article_actors
                .get(index.checked_sub(self.data.actors.len())?),
        }
    }

    /// Index of the actor with this id (the lexicon's own first).
    pub fn actor_index(&self, id: &str) -> Option<usize> {
        self.data.compiled.by_id.get(id).copied().or_else(|| {
            self.article_actors
                .iter()
                .position(|a| a.id == id)
                .map(|i| self.data.actors.len() + i)
        })
    }

    /// This lexicon with `actors` added for one article: actors found by form
    /// ("the Rapid Support Forces (RSF)", "Party leader Mary Lou McDonald") that the
    /// caller gives mentions of itself. They get indices after the lexicon's own, in
    /// order; the alias automata are not rebuilt (cost: one `Arc` and the vector).
    pub fn with_article_actors(&self, actors: Vec<ActorEntry>) -> Lexicon {
        Lexicon {
            data: Arc::clone(&self.data),
            article_actors: Arc::new(actors),
        }
    }

    /// Index the next article actor will get (the number of actors known so far).
    pub fn actor_count(&self) -> usize {
        self.data.actors.len() + self.article_actors.len()
    }

    pub fn issues(&self) -> &[IssueEntry] {
        &self.data.issues
    }

    pub fn cues(&self) -> &CueFile {
        &self.data.cues
    }

    /// Actor mentions in `text`, leftmost-longest, on word boundaries.
    pub fn actor_hits(&self, text: &str) -> Vec<ActorHit> {
        let compiled = &self.data.compiled;
        let Some(ac) = &compiled.actor_ac else {
            return Vec::new();
        };
        let mut hits = Vec::new();
        for found in ac.find_iter(text) {
            let Some(pattern) = compiled.actor_patterns.get(found.pattern().as_usize()) else {
                continue;
            };
            let (start, end) = (found.start(), found.end());
            if !on_word_boundary(text, start, end) {
                continue;
            }
            let surface = text.get(start..end).unwrap_or_default();
            let case_ok = if pattern.exact_case {
                surface == pattern.text
            } else {
                surface.chars().next().is_some_and(|c| !c.is_lowercase())
                    || pattern.text.chars().next().is_some_and(char::is_lowercase)
            };
            if case_ok {
                hits.push(ActorHit {
                    start,
                    end,
                    actor: pattern.actor,
                    form: pattern.form,
                });
            }
        }
        hits
    }

    /// Issue trigger matches in `text`.
    pub fn issue_hits(&self, text: &str) -> Vec<Hit> {
        let compiled = &self.data.compiled;
        scan(compiled.issue_ac.as_ref(), &compiled.issue_patterns, text)
    }

    /// Cue matches in `text`.
    pub fn cue_hits(&self, text: &str) -> Vec<Hit> {
        let compiled = &self.data.compiled;
        let mut hits = scan(compiled.cue_ac.as_ref(), &compiled.cue_patterns, text);
        hits.retain(|hit| hit.index != usize::MAX);
        hits
    }

    /// Number of raw alias matches in `text`: the bare Aho–Corasick scan the benchmark
    /// compares extraction against.
    pub fn alias_scan_count(&self, text: &str) -> usize {
        self.data
            .compiled
            .actor_ac
            .as_ref()
            .map_or(0, |ac| ac.find_iter(text).count())
    }
}

fn scan(ac: Option<&AhoCorasick>, targets: &[usize], text: &str) -> Vec<Hit> {
    let Some(ac) = ac else {
        return Vec::new();
    };
    ac.find_iter(text)
        .filter(|found| on_word_boundary(text, found.start(), found.end()))
        .filter_map(|found| {
            targets.get(found.pattern().as_usize()).map(|&index| Hit {
                start: found.start(),
                end: found.end(),
                index,
            })
        })
        .collect()
}

/// Whether `start..end` is a whole word (or words) of `text`.
pub fn on_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let matched = text.get(start..end).unwrap_or_default();
    let first_word = matched.chars().next().is_some_and(char::is_alphanumeric);
    let last_word = matched
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    let before = text.get(..start).and_then(|s| s.chars().next_back());
    let after = text.get(end..).and_then(|s| s.chars().next());
    let joined_before = first_word && before.is_some_and(char::is_alphanumeric);
    let joined_after = last_word && after.is_some_and(char::is_alphanumeric);
    !joined_before && !joined_after
}

fn build_bundled() -> Lexicon {
    let mut diagnostics = Vec::new();
    let actors: Vec<ActorEntry> = ron::from_str(ACTORS_RON).unwrap_or_else(|error| {
        diagnostics.push(format!("bundled actors.ron: {error}"));
        Vec::new()
    });
    let issues: Vec<IssueEntry> = ron::from_str(ISSUES_RON).unwrap_or_else(|error| {
        diagnostics.push(format!("bundled issues.ron: {error}"));
        Vec::new()
    });
    let cues: CueFile = ron::from_str(CUES_RON).unwrap_or_else(|error| {
        diagnostics.push(format!("bundled cues.ron: {error}"));
        CueFile::default()
    });
    let compiled = compile(&actors, &issues, &cues);
    Lexicon {
        data: Arc::new(Data {
            actors,
            issues,
            cues,
            compiled,
            diagnostics,
        }),
        article_actors: Arc::default(),
    }
}

fn is_short_caps(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() <= 5 && letters.iter().all(|c| c.is_uppercase())
}

fn compile(actors: &[ActorEntry], issues: &[IssueEntry], cues: &CueFile) -> Compiled {
    let mut actor_patterns: Vec<ActorPattern> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut by_id = HashMap::new();
    for (index, actor) in actors.iter().enumerate() {
        by_id.insert(actor.id.clone(), index);
        let mut forms: Vec<(&str, Form)> = vec![(&actor.name, Form::Name), (&actor.id, Form::Name)];
        forms.extend(actor.aliases.iter().map(|a| (a.as_str(), Form::Name)));
        forms.extend(actor.demonyms.iter().map(|a| (a.as_str(), Form::Demonym)));
        forms.extend(actor.metonyms.iter().map(|a| (a.as_str(), Form::Metonym)));
        for person in &actor.people {
            forms.push((&person.name, Form::Person));
            forms.extend(person.aliases.iter().map(|a| (a.as_str(), Form::Person)));
            if let Some(surname) = person.name.rsplit(' ').next()
                && surname.chars().count() >= 4
                && surname != person.name
                && surname.chars().next().is_some_and(char::is_uppercase)
            {
                forms.push((surname, Form::Person));
            }
        }
        for (text, form) in forms {
            let text = text.trim();
            if text.len() < 2 || text.contains('_') {
                continue;
            }
            let key = text.to_lowercase();
            let exact_case = is_short_caps(text);
            let key = if exact_case { text.to_owned() } else { key };
            if seen.contains_key(&key) {
                continue;
            }
            seen.insert(key, actor_patterns.len());
            actor_patterns.push(ActorPattern {
                actor: index,
                form,
                exact_case,
                text: text.to_owned(),
            });
        }
    }
    let actor_ac = build_ac(actor_patterns.iter().map(|p| p.text.clone()).collect());

    let mut issue_texts = Vec::new();
    let mut issue_patterns = Vec::new();
    for (index, issue) in issues.iter().enumerate() {
        for trigger in &issue.triggers {
            issue_texts.push(trigger.clone());
            issue_patterns.push(index);
        }
    }
    let issue_ac = build_ac(issue_texts);

    let mut cue_texts = Vec::new();
    let mut cue_patterns = Vec::new();
    for (index, cue) in cues.cues.iter().enumerate() {
        let forms = if cue.verb {
            inflections(&cue.text)
        } else {
            vec![cue.text.clone()]
        };
        for form in forms {
            cue_texts.push(form);
            cue_patterns.push(index);
        }
    }
    for blocker in &cues.blockers {
        cue_texts.push(blocker.clone());
        cue_patterns.push(usize::MAX);
    }
    let cue_ac = build_ac(cue_texts);
    Compiled {
        actor_ac,
        actor_patterns,
        issue_ac,
        issue_patterns,
        cue_ac,
        cue_patterns,
        by_id,
    }
}

fn build_ac(patterns: Vec<String>) -> Option<AhoCorasick> {
    if patterns.is_empty() {
        return None;
    }
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(patterns)
        .ok()
}

/// Inflected forms of a verb phrase whose first word is the verb ("push for" →
/// "pushes for", "pushed for", "pushing for").
pub fn inflections(phrase: &str) -> Vec<String> {
    let (verb, rest) = match phrase.split_once(' ') {
        Some((verb, rest)) => (verb, format!(" {rest}")),
        None => (phrase, String::new()),
    };
    let mut forms = vec![verb.to_owned()];
    let stem = verb.strip_suffix('e').unwrap_or(verb);
    let last = verb.chars().last().unwrap_or('x');
    if verb.ends_with('y') && !verb.ends_with("ay") && !verb.ends_with("ey") {
        let base = verb.trim_end_matches('y');
        forms.extend([
            format!("{base}ies"),
            format!("{base}ied"),
            format!("{verb}ing"),
        ]);
    } else {
        let sibilant = ["s", "x", "z", "ch", "sh"]
            .iter()
            .any(|end| verb.ends_with(end));
        forms.push(if sibilant {
            format!("{verb}es")
        } else {
            format!("{verb}s")
        });
        forms.push(format!("{stem}ed"));
        forms.push(format!("{stem}ing"));
        if !"aeiouwxy".contains(last) {
            forms.push(format!("{verb}{last}ed"));
            forms.push(format!("{verb}{last}ing"));
        }
    }
    forms
        .into_iter()
        .map(|form| format!("{form}{rest}"))
        .collect()
}

/// A user lexicon file could not be read as RON of the expected shape.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{message} at {line}:{column}")]
pub struct LexiconError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl LexiconError {
    fn from_ron(error: ron::error::SpannedError) -> Self {
        LexiconError {
            line: error.span.start.line,
            column: error.span.start.col,
            message: plain_message(&error.code),
        }
    }
}

/// A RON error in the user's words: lowercase, no Rust type or option names.
fn plain_message(code: &ron::Error) -> String {
    if matches!(code, ron::Error::ExceededRecursionLimit) {
        return "the file nests too deeply".to_owned();
    }
    let mut message = code.to_string();
    for (rust, user) in [
        ("UserFile", "lexicon"),
        ("ActorEntry", "actor"),
        ("IssueEntry", "issue"),
        ("PersonEntry", "person"),
        ("CueEntry", "cue"),
        ("CueTarget", "cue target"),
        ("CueStance", "cue stance"),
        ("LexKind", "kind"),
        ("Form", "form"),
    ] {
        message = message.replace(&format!("`{rust}`"), &format!("`{user}`"));
    }
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_lexicon_parses_without_diagnostics() {
        let lexicon = build_bundled();
        assert_eq!(lexicon.diagnostics(), &[] as &[String]);
        assert!(lexicon.actors().len() > 200);
        assert!(lexicon.issues().len() > 20);
        assert!(lexicon.cues().cues.len() > 40);
    }

    #[test]
    fn short_caps_alias_is_case_sensitive() {
        let lexicon = Lexicon::bundled();
        let us = lexicon.actor_index("US");
        let hits = lexicon.actor_hits("Let us see what the US does.");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits.first().map(|h| h.actor), us);
    }

    #[test]
    fn inflects_verbs() {
        let forms = inflections("push for");
        assert!(forms.contains(&"pushed for".to_owned()));
        assert!(forms.contains(&"pushes for".to_owned()));
        assert!(inflections("criticize").contains(&"criticized".to_owned()));
        assert!(inflections("rally").contains(&"rallied".to_owned()));
    }
}
