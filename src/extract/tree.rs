//! Stances read on dependency trees.
//!
//! For every target in a sentence (an issue mention, or an actor mention that is an
//! argument of a stance predicate) the reader climbs the UD tree from the target's head
//! towards the root. Each step composes the polarity (Moilanen & Pulman 2007,
//! "Sentiment composition"): a cue predicate multiplies in its sign ("reject" −,
//! "support" +), a reversing predicate or noun flips it ("halt", "lift", "violation
//! of"), a negation on a predicate flips it ("did not accept"). The holder is the first
//! actor found as the subject (`nsubj`), passive agent (`obl:agent`) or possessor
//! (`nmod:poss`, for nouns) of a predicate at or above the first cue. Pronoun subjects
//! ("it", "we") defer upward to a reporting verb's subject, then to the speaker of the
//! quotation the cue sits in, then to the previous sentence's holders. Infinitive
//! clauses ("for Ukraine to recognise …") and open complements (`xcomp`) do not assert a
//! stance of their own subject; sibling links (`conj`, `advcl`, `parataxis`) hand down a
//! subject without their predicate's sign.
//!
//! The word classes live in `assets/lexicon/predicates.ron`; this file holds none.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

use super::issues::{IssueBook, IssueMention};
use super::lexicon::{CueStance, CueTarget, Lexicon};
use super::mentions::Mention;
use super::stance::{Finding, Target};
use crate::stance_map::Stance;
use crate::syntax::{Parse, Upos};

/// The explanation step that marks the target as the doer of a harmful act.
const DOER_STEP: &str = "doer of";

/// Climbs stop after this many steps (trees are shallow; this bounds the pass).
const MAX_CLIMB: usize = 40;

#[derive(Debug, Deserialize)]
struct PredicateFile {
    cues: Vec<PredicateCue>,
    reversers: Vec<String>,
    harms: Vec<String>,
    actions: Vec<String>,
    proxies: Vec<String>,
    action_names: HashMap<String, String>,
    labeling: Vec<String>,
    negative_labels: Vec<String>,
    positive_labels: Vec<String>,
    neutral_events: Vec<String>,
    open_issue_stop: Vec<String>,
    speech: Vec<String>,
    negators: Vec<String>,
    hedges: Vec<String>,
    #[serde(default)]
    deontic: Vec<String>,
    #[serde(default)]
    deontic_negated: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
struct PredicateCue {
    lemma: String,
    stance: CueStance,
    #[serde(default = "both")]
    target: CueTarget,
    #[serde(default)]
    particles: Vec<String>,
}

fn both() -> CueTarget {
    CueTarget::Both
}

/// The predicate classes of `assets/lexicon/predicates.ron`, indexed by lemma.
#[derive(Debug, Default)]
pub struct Predicates {
    cues: HashMap<String, Vec<PredicateCue>>,
    reversers: HashSet<String>,
    harms: HashSet<String>,
    actions: HashSet<String>,
    proxies: HashSet<String>,
    action_names: HashMap<String, String>,
    labeling: HashSet<String>,
    negative_labels: HashSet<String>,
    positive_labels: HashSet<String>,
    neutral_events: HashSet<String>,
    open_issue_stop: HashSet<String>,
    speech: HashSet<String>,
    negators: HashSet<String>,
    hedges: HashSet<String>,
    deontic: HashSet<String>,
    deontic_negated: HashSet<String>,
}

impl Predicates {
    /// The bundled predicate table, read once. A damaged table (a build error, since it
    /// is compiled in) yields an empty table, which finds nothing.
    pub fn bundled() -> &'static Predicates {
        static TABLE: OnceLock<Predicates> = OnceLock::new();
        TABLE.get_or_init(|| {
            ron::from_str::<PredicateFile>(include_str!("../../assets/lexicon/predicates.ron"))
                .map(Predicates::from_file)
                .unwrap_or_default()
        })
    }

    fn from_file(file: PredicateFile) -> Predicates {
        let mut cues: HashMap<String, Vec<PredicateCue>> = HashMap::new();
        for cue in file.cues {
            cues.entry(cue.lemma.clone()).or_default().push(cue);
        }
        let set = |words: Vec<String>| words.into_iter().collect::<HashSet<_>>();
        Predicates {
            cues,
            reversers: set(file.reversers),
            harms: set(file.harms),
            actions: set(file.actions),
            proxies: set(file.proxies),
            action_names: file.action_names,
            labeling: set(file.labeling),
            negative_labels: set(file.negative_labels),
            positive_labels: set(file.positive_labels),
            neutral_events: set(file.neutral_events),
            open_issue_stop: set(file.open_issue_stop),
            speech: set(file.speech),
            negators: set(file.negators),
            hedges: set(file.hedges),
            deontic: set(file.deontic),
            deontic_negated: set(file.deontic_negated),
        }
    }
}

/// What the reader knows about one sentence.
pub struct SentenceTree<'a> {
    /// The article text; mention and issue spans are offsets into it.
    pub text: &'a str,
    /// Byte offsets of the sentence in `text` (the evidence span).
    pub start: usize,
    pub end: usize,
    /// Where the parsed text starts in `text` (after a dateline); token spans are
    /// relative to it.
    pub offset: usize,
    pub parse: &'a Parse,
    pub mentions: &'a [Mention],
    pub issues: &'a [IssueMention],
    /// For each token, the holders of the quotation it sits in (empty when unquoted or
    /// when the quotation's speaker is unknown).
    pub quote_speakers: Vec<Vec<usize>>,
    /// Holders of the previous sentences, for third-person pronoun subjects.
    pub antecedents: &'a [usize],
    /// The latest harmful act named in an earlier sentence with its doer (and victim):
    /// what "the attack" or "the strikes" refers to when the sentence names no doer.
    pub event: Option<HarmEvent>,
}

/// A harmful act with its doer and, when named, its victim (actor indices).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HarmEvent {
    pub doer: usize,
    pub victim: Option<usize>,
}

/// Who a subject token stands for.
enum Subject {
    Actors(Vec<usize>),
    Pronoun { first_person: bool },
    Other,
}

struct Indexed<'a, 'b> {
    tree: &'b SentenceTree<'a>,
    table: &'static Predicates,
    children: Vec<Vec<usize>>,
    /// Mention index covering each token.
    actor_at: Vec<Option<usize>>,
}

/// Findings of one parsed sentence, and the last harmful act it names with its doer
/// ("Russia's invasion of Ukraine", "strikes by the United States on Iran", "Israel
/// struck Iran"), which later sentences' "the attack" may refer to.
pub fn read(
    tree: &SentenceTree<'_>,
    lexicon: &Lexicon,
    book: &mut IssueBook,
) -> (Vec<Finding>, Option<HarmEvent>) {
    let reader = Indexed::new(tree);
    let sentence = (tree.start, tree.end);
    let mut out = Vec::new();
    for issue in tree.issues {
        let Some(head) = reader.head_of_span(issue.start, issue.end) else {
            continue;
        };
        book.describe(&issue.id, reader.issue_words(head, issue));
        for found in reader.climb(head, TargetKind::Issue) {
            let id = match found.action {
                Some(name) => book.action(name, &issue.id),
                None => issue.id.clone(),
            };
            out.push(Finding {
                holder: found.holder,
                target: Target::Issue(id),
                stance: found.stance,
                confidence: found.confidence,
                sentence,
                explanation: format!("{} · target \"{}\"", found.why, issue_text(tree, issue)),
            });
        }
        if let Some((doer, why)) = reader.own_action(head) {
            out.push(Finding {
                holder: doer,
                target: Target::Issue(issue.id.clone()),
                stance: Stance::Support,
                confidence: 0.7,
                sentence,
                explanation: why,
            });
        }
    }
    for (index, mention) in tree.mentions.iter().enumerate() {
        if !mention.agentive
            || tree
                .issues
                .iter()
                .any(|i| i.start <= mention.start && mention.end <= i.end)
        {
            continue;
        }
        let Some(head) = reader.head_of_span(mention.start, mention.end) else {
            continue;
        };
        if reader.actor_at.get(head).copied().flatten() != Some(index) {
            continue;
        }
        // "a violation of DRC sovereignty": the proxy noun stands for its actor.
        let head = reader.proxy_of(head).unwrap_or(head);
        for found in reader.climb(head, TargetKind::Actor) {
            // Backing an act ("recognise Russia's annexation") is a position on the act;
            // only opposing a harmful act turns against its doer.
            if found.holder == mention.actor
                || (found.through_doer && found.stance == Stance::Support)
            {
                continue;
            }
            let name = lexicon
                .actor(mention.actor)
                .map_or(mention.surface.as_str(), |a| a.id.as_str());
            out.push(Finding {
                holder: found.holder,
                target: Target::Actor(mention.actor),
                stance: found.stance,
                confidence: found.confidence,
                sentence,
                explanation: format!("{} · target \"{}\" = {name}", found.why, mention.surface),
            });
        }
    }
    let mut latest = None;
    for index in 0..tree.parse.tokens.len() {
        out.extend(reader.event_findings(index, sentence));
        latest = reader.harm_event(index).or(latest);
    }
    (out, latest)
}

/// The actors speaking through a reporting verb whose token starts at an article
/// offset for which `outside` holds (outside a quotation).
pub fn speech_speaker(
    tree: &SentenceTree<'_>,
    outside: impl Fn(usize) -> bool,
) -> Option<Vec<usize>> {
    let reader = Indexed::new(tree);
    for (index, token) in tree.parse.tokens.iter().enumerate() {
        if !outside(tree.offset + token.start) || !reader.is_speech_verb(index) {
            continue;
        }
        if token.upos != Upos::Verb {
            continue;
        }
        if let Some(Subject::Actors(actors)) = reader.subject_of(index) {
            return Some(actors);
        }
    }
    None
}

/// A noun phrase a cue targets that names no listed issue and no actor: the seed of
/// an issue no lexicon lists ("rejected the mining moratorium").
#[derive(Clone, Debug, PartialEq)]
pub struct OpenIssue {
    /// Article byte span of the phrase (determiners and possessors left out).
    pub start: usize,
    pub end: usize,
    /// Lemmas of the modifiers and the head, the key that merges later mentions.
    pub key: String,
    /// The phrase as written, for the issue's label.
    pub text: String,
}

/// The open issues of one sentence: objects and obliques of cue predicates whose head
/// is a common noun outside every actor and issue mention.
pub fn open_issues(tree: &SentenceTree<'_>) -> Vec<OpenIssue> {
    let reader = Indexed::new(tree);
    let tokens = &tree.parse.tokens;
    let mut out = Vec::new();
    for (index, token) in tokens.iter().enumerate() {
        if reader.cue(index, TargetKind::Issue).is_none() || reader.is_speech_verb(index) {
            continue;
        }
        let passive = reader.is_passive(index);
        for &child in reader.children_of(index) {
            let rel = reader.rel(child);
            let argument = rel == "obj"
                || (passive && rel == "nsubj:pass")
                || ((rel == "obl" || rel == "nmod")
                    && reader.children_of(child).iter().any(|&g| {
                        reader.rel(g) == "case"
                            && matches!(
                                reader.lemma(g),
                                "to" | "for" | "on" | "against" | "of" | "over"
                            )
                    }));
            let Some(head) = tokens.get(child) else {
                continue;
            };
            if !argument
                || head.upos != Upos::Noun
                || reader
                    .table
                    .open_issue_stop
                    .contains(&head.lemma.to_lowercase())
            {
                continue;
            }
            if let Some(open) = reader.open_issue(child) {
                out.push(open);
            }
        }
        let _ = token;
    }
    // "proposed to give Spain flexibility", "called on Kurti to withdraw the mayors": a
    // clause a cue governs is the proposition when nothing listed is in it.
    for index in 0..tokens.len() {
        if reader.cue(index, TargetKind::Issue).is_none() {
            continue;
        }
        for &child in reader.children_of(index) {
            let infinitive = || {
                reader
                    .children_of(child)
                    .iter()
                    .any(|&g| reader.rel(g) == "mark" && reader.lemma(g) == "to")
            };
            let complement = matches!(reader.rel(child), "xcomp" | "ccomp")
                || (reader.rel(child) == "dep" && infinitive());
            if complement && let Some(open) = reader.clause_issue(child) {
                out.push(open);
            }
        }
    }
    out
}

fn issue_text<'t>(tree: &SentenceTree<'t>, issue: &IssueMention) -> &'t str {
    tree.text.get(issue.start..issue.end).unwrap_or_default()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TargetKind {
    Issue,
    Actor,
}

struct Found {
    /// The act named by a reversing predicate right above the target, when the holder
    /// performs it ("Suspension of"): the finding is about that act.
    action: Option<&'static str>,
    holder: usize,
    stance: Stance,
    confidence: f32,
    why: String,
    /// The target is the doer of a harmful act on the path ("Russia's annexation").
    through_doer: bool,
}

impl<'a, 'b> Indexed<'a, 'b> {
    fn new(tree: &'b SentenceTree<'a>) -> Self {
        let tokens = &tree.parse.tokens;
        let mut children = vec![Vec::new(); tokens.len()];
        for (index, token) in tokens.iter().enumerate() {
            if let Some(head) = token.head
                && let Some(list) = children.get_mut(head)
            {
                list.push(index);
            }
        }
        // Mentions are sorted and tokens are in order: one merge pass.
        let mut actor_at = vec![None; tokens.len()];
        let mut m = 0;
        for (t, token) in tokens.iter().enumerate() {
            let (s, e) = (tree.offset + token.start, tree.offset + token.end);
            while tree.mentions.get(m).is_some_and(|mention| mention.end <= s) {
                m += 1;
            }
            if let Some(mention) = tree.mentions.get(m)
                && mention.start < e
                && let Some(slot) = actor_at.get_mut(t)
            {
                *slot = Some(m);
            }
        }
        Indexed {
            tree,
            table: Predicates::bundled(),
            children,
            actor_at,
        }
    }

    fn token(&self, index: usize) -> Option<&crate::syntax::Token> {
        self.tree.parse.tokens.get(index)
    }

    fn rel(&self, index: usize) -> &'static str {
        self.token(index).map_or("", |t| t.rel.as_str())
    }

    fn lemma(&self, index: usize) -> &str {
        self.token(index).map_or("", |t| t.lemma.as_str())
    }

    fn children_of(&self, index: usize) -> &[usize] {
        self.children.get(index).map_or(&[], Vec::as_slice)
    }

    /// Content words the article uses for the issue mentioned at `issue` (head token
    /// `head`): the mention's own words, its modifiers, and what a proposal proposes
    /// (an infinitive or `acl` clause under the head, "a proposal to include the EU in
    /// the talks"), at most 16 tokens of it.
    fn issue_words(&self, head: usize, issue: &IssueMention) -> Vec<&str> {
        let content = |t: &crate::syntax::Token| {
            matches!(
                t.upos,
                Upos::Noun | Upos::Propn | Upos::Verb | Upos::Adj | Upos::Num
            )
        };
        let mut words: Vec<&str> = Vec::new();
        let tokens = &self.tree.parse.tokens;
        for token in tokens {
            let (s, e) = (self.tree.offset + token.start, self.tree.offset + token.end);
            if s < issue.end && issue.start < e && content(token) {
                words.push(token.form.as_str());
            }
        }
        for &child in self.children_of(head) {
            let rel = self.rel(child);
            let clause = matches!(rel, "acl" | "xcomp" | "amod" | "compound");
            if !clause {
                continue;
            }
            let (start, end) = self.tree.parse.subtree_span(child);
            words.extend(
                tokens
                    .iter()
                    .filter(|t| t.start >= start && t.end <= end && content(t))
                    .take(16)
                    .map(|t| t.form.as_str()),
            );
        }
        words
    }

    /// The harmful act at `index` with the doer it names and its victim, if any.
    fn harm_event(&self, index: usize) -> Option<HarmEvent> {
        let token = self.token(index)?;
        if !self.is_harm(index) || self.negated(index) || self.hedged(index) {
            return None;
        }
        let actor_of = |c: usize| match self.subject_actors(c) {
            Subject::Actors(actors) => actors.first().copied(),
            _ => None,
        };
        let mut doer = None;
        let mut victim = None;
        for &c in self.children_of(index) {
            let rel = self.rel(c);
            if token.upos == Upos::Verb {
                if rel == "nsubj" {
                    doer = doer.or_else(|| actor_of(c));
                } else if matches!(rel, "obj" | "obl") && self.undergoer(c) {
                    victim = victim.or_else(|| actor_of(c));
                }
            } else if self.is_doer(c, index) {
                doer = doer.or_else(|| actor_of(c));
            } else if self.undergoer(c) {
                victim = victim.or_else(|| actor_of(c));
            }
        }
        let doer = doer?;
        Some(HarmEvent {
            doer,
            victim: victim.filter(|&v| v != doer),
        })
    }

    /// Stances on a harmful act that names no doer ("condemned the attack"), read as
    /// stances on the doer (and, reversed, on the victim) of the latest act named in
    /// an earlier sentence.
    fn event_findings(&self, index: usize, sentence: (usize, usize)) -> Vec<Finding> {
        let Some(event) = self.tree.event else {
            return Vec::new();
        };
        let Some(token) = self.token(index) else {
            return Vec::new();
        };
        if token.upos != Upos::Noun || !self.is_harm(index) {
            return Vec::new();
        }
        let names_doer = self.children_of(index).iter().any(|&c| {
            self.is_doer(c, index)
                && (self.actor_of_nominal(c).is_some()
                    || self.lemma(c) != self.lemma(c).to_uppercase())
        });
        let definite = self.children_of(index).iter().any(|&c| {
            self.rel(c) == "det" && matches!(self.lemma(c), "the" | "this" | "these" | "that")
        });
        if names_doer || !definite {
            return Vec::new();
        }
        let mut out = Vec::new();
        for found in self.climb(index, TargetKind::Actor) {
            let why = format!(
                "{} · target \"{}\" = the earlier act's doer",
                found.why, token.form
            );
            if found.holder != event.doer {
                out.push(Finding {
                    holder: found.holder,
                    target: Target::Actor(event.doer),
                    stance: found.stance,
                    confidence: found.confidence - 0.1,
                    sentence,
                    explanation: why.clone(),
                });
            }
            if let Some(victim) = event.victim
                && found.holder != victim
            {
                out.push(Finding {
                    holder: found.holder,
                    target: Target::Actor(victim),
                    stance: match found.stance {
                        Stance::Support => Stance::Oppose,
                        Stance::Oppose => Stance::Support,
                    },
                    confidence: found.confidence - 0.15,
                    sentence,
                    explanation: format!("{why} (its victim, reversed)"),
                });
            }
        }
        out
    }

    /// The token of `start..end` (article offsets) whose head lies outside the span.
    fn head_of_span(&self, start: usize, end: usize) -> Option<usize> {
        let inside = |t: &crate::syntax::Token| {
            let (s, e) = (self.tree.offset + t.start, self.tree.offset + t.end);
            s < end && start < e
        };
        let tokens = &self.tree.parse.tokens;
        let mut best = None;
        for (index, token) in tokens.iter().enumerate() {
            if !inside(token) {
                continue;
            }
            let outside = token
                .head
                .and_then(|h| tokens.get(h))
                .is_none_or(|head| !inside(head));
            if outside {
                best = Some(index);
            }
        }
        best
    }

    /// Whether `index` carries a dependent from `words` with one of `rels`.
    fn has_child(&self, index: usize, rels: &[&str], words: &HashSet<String>) -> Option<usize> {
        self.children_of(index).iter().copied().find(|&c| {
            rels.iter()
                .any(|r| self.rel(c) == *r || self.rel(c).starts_with(&format!("{r}:")))
                && words.contains(&self.lemma(c).to_lowercase())
        })
    }

    fn negated(&self, index: usize) -> bool {
        self.has_child(
            index,
            &["advmod", "det", "neg", "cc:preconj"],
            &self.table.negators,
        )
        .is_some()
    }

    /// Whether predicate `index` is prescribed rather than asserted ("Kosovo must give
    /// autonomy", "the United States cannot annex another country"): its subject is
    /// who is told, and the stance is the speaker's.
    fn deontic(&self, index: usize) -> bool {
        self.has_child(index, &["aux"], &self.table.deontic)
            .is_some()
            || (self.negated(index)
                && self
                    .has_child(index, &["aux"], &self.table.deontic_negated)
                    .is_some())
    }

    fn hedged(&self, index: usize) -> bool {
        self.has_child(index, &["aux", "advmod", "mark"], &self.table.hedges)
            .is_some()
    }

    /// The cue entry of `index` when its lemma and particles match and it may take a
    /// target of `kind`.
    fn cue(&self, index: usize, kind: TargetKind) -> Option<&'static PredicateCue> {
        let token = self.token(index)?;
        if matches!(token.upos, Upos::Punct | Upos::Det | Upos::Pron | Upos::Aux) {
            return None;
        }
        let entries = self.table.cues.get(&token.lemma.to_lowercase())?;
        entries.iter().find(|cue| {
            let fits = matches!(
                (cue.target, kind),
                (CueTarget::Both, _)
                    | (CueTarget::Issue, TargetKind::Issue)
                    | (CueTarget::Actor, TargetKind::Actor)
            );
            fits && (cue.particles.is_empty() || self.has_particle(index, &cue.particles))
        })
    }

    /// A particle word under the predicate or under one of its arguments.
    fn has_particle(&self, index: usize, particles: &[String]) -> bool {
        let matches = |c: usize| particles.iter().any(|p| p == &self.lemma(c).to_lowercase());
        self.children_of(index).iter().any(|&c| {
            matches(c)
                || (matches!(
                    self.rel(c),
                    "obl" | "nmod" | "obj" | "xcomp" | "ccomp" | "advcl"
                ) || self.rel(c).starts_with("obl:")
                    || self.rel(c).starts_with("nmod:"))
                    && self
                        .children_of(c)
                        .iter()
                        .any(|&g| matches!(self.rel(g), "case" | "mark") && matches(g))
        })
    }

    fn is_passive(&self, index: usize) -> bool {
        self.children_of(index)
            .iter()
            .any(|&c| matches!(self.rel(c), "aux:pass" | "nsubj:pass" | "csubj:pass"))
    }

    /// Who `token` names: its own mention, a modifier's ("an EU spokeswoman", "Ukrainian
    /// officials"), an appositive's, plus coordinated subjects.
    fn subject_actors(&self, token: usize) -> Subject {
        let actors = self.actors_of_nominal(token, 3);
        if !actors.is_empty() {
            return Subject::Actors(actors);
        }
        if self.token(token).is_some_and(|t| t.upos == Upos::Pron) {
            let lemma = self.lemma(token).to_lowercase();
            return Subject::Pronoun {
                first_person: matches!(lemma.as_str(), "we" | "i" | "us" | "our" | "my"),
            };
        }
        Subject::Other
    }

    /// The actors a nominal and its conjuncts name ("US, China, EU condemn …").
    fn actors_of_nominal(&self, token: usize, depth: usize) -> Vec<usize> {
        let mut actors = Vec::new();
        let Some(first) = self.actor_of_nominal_within(token, depth) else {
            return actors;
        };
        actors.push(first);
        // The conjuncts hang on the nominal itself, or on the modifier that named it.
        let mut carriers = vec![token];
        carriers.extend(self.children_of(token).iter().copied().filter(|&c| {
            matches!(self.rel(c), "appos" | "compound" | "nmod:poss")
                && self.actor_of_nominal_within(c, 0).is_some()
        }));
        // Conjuncts may chain ("the UN, the African Union, and the United States" parsed
        // as UN ← Union ← States): follow `conj` links, a bounded number of them.
        let mut todo = carriers;
        let mut visited = 0;
        while let Some(carrier) = todo.pop() {
            visited += 1;
            if visited > 16 {
                break;
            }
            for &c in self.children_of(carrier) {
                if self.rel(c) != "conj" {
                    continue;
                }
                todo.push(c);
                if let Some(actor) = self.actor_of_nominal_within(c, depth.saturating_sub(1))
                    && !actors.contains(&actor)
                {
                    actors.push(actor);
                }
            }
        }
        actors
    }

    fn actor_of_nominal(&self, token: usize) -> Option<usize> {
        self.actor_of_nominal_within(token, 3)
    }

    /// The actor a nominal names: its own mention, else (closest first) a modifier
    /// naming its side ("an EU spokeswoman", "Iranian Foreign Ministry spokesman Reza
    /// Kazemi"), an appositive, or an `of`/`from` complement; `depth` bounds the
    /// descent through nested modifiers.
    fn actor_of_nominal_within(&self, token: usize, depth: usize) -> Option<usize> {
        let mention_actor = |t: usize| {
            self.actor_at
                .get(t)
                .copied()
                .flatten()
                .and_then(|m| self.tree.mentions.get(m))
                .map(|m| m.actor)
        };
        if let Some(actor) = mention_actor(token) {
            return Some(actor);
        }
        if depth == 0 {
            return None;
        }
        for rels in [
            &["flat", "compound", "amod", "nmod:poss"][..],
            &["appos"][..],
            &["nmod"][..],
        ] {
            for &child in self.children_of(token) {
                if !rels.contains(&self.rel(child)) {
                    continue;
                }
                // "member of the Security Council" is not who speaks; only a
                // complement naming the speaker's side counts under `nmod`.
                if self.rel(child) == "nmod"
                    && !self
                        .children_of(child)
                        .iter()
                        .any(|&g| self.rel(g) == "case" && matches!(self.lemma(g), "from" | "of"))
                {
                    continue;
                }
                if let Some(actor) = self.actor_of_nominal_within(child, depth - 1) {
                    return Some(actor);
                }
            }
        }
        None
    }

    /// The subject of predicate `index` as the holder of its stance.
    fn subject_of(&self, index: usize) -> Option<Subject> {
        let token = self.token(index)?;
        let nominal = matches!(token.upos, Upos::Noun | Upos::Propn);
        let infinitive = self
            .children_of(index)
            .iter()
            .any(|&c| self.rel(c) == "mark" && matches!(self.lemma(c), "to" | "for"));
        if self.is_passive(index) {
            for &c in self.children_of(index) {
                let agent = self.rel(c) == "obl:agent"
                    || (self.rel(c) == "obl"
                        && self
                            .children_of(c)
                            .iter()
                            .any(|&g| self.rel(g) == "case" && self.lemma(g) == "by"));
                if agent {
                    return Some(self.subject_actors(c));
                }
            }
        }
        if !self.is_passive(index) && !infinitive {
            // Coordinated subjects the parser left as several `nsubj` ("the UN, the
            // African Union, and the United States have called"): all of them.
            let mut first: Option<Subject> = None;
            let mut actors: Vec<usize> = Vec::new();
            for &c in self.children_of(index) {
                if matches!(self.rel(c), "nsubj" | "csubj") {
                    // "Norway, which chairs …": the relative pronoun stands for its noun.
                    if matches!(self.lemma(c), "which" | "who" | "that")
                        && self.rel(index).ends_with("relcl")
                    {
                        return token.head.map(|h| self.subject_actors(h));
                    }
                    match self.subject_actors(c) {
                        Subject::Actors(found) => {
                            for actor in found {
                                if !actors.contains(&actor) {
                                    actors.push(actor);
                                }
                            }
                        }
                        other => {
                            first.get_or_insert(other);
                        }
                    }
                }
            }
            if !actors.is_empty() {
                return Some(Subject::Actors(actors));
            }
            if first.is_some() {
                return first;
            }
        }
        if nominal {
            for &c in self.children_of(index) {
                let rel = self.rel(c);
                let by = || {
                    self.children_of(c)
                        .iter()
                        .any(|&g| self.rel(g) == "case" && matches!(self.lemma(g), "by" | "from"))
                };
                if rel == "nmod:poss" || ((rel == "nmod" || rel.starts_with("nmod:")) && by()) {
                    return Some(self.subject_actors(c));
                }
                if matches!(rel, "compound" | "amod")
                    && let Some(actor) = self.actor_of_nominal(c)
                {
                    return Some(Subject::Actors(vec![actor]));
                }
            }
        }
        // A conjoined or adverbial predicate shares its governor's subject.
        if matches!(self.rel(index), "conj" | "advcl" | "acl")
            && token.upos == Upos::Verb
            && let Some(head) = token.head
        {
            return self.subject_of(head);
        }
        // A finite verb the parser left without a subject ("Trump, from Air Force One
        // en route …, criticized Spain"): the nearest actor subject to its left.
        if token.upos == Upos::Verb
            && !infinitive
            && matches!(self.rel(index), "parataxis" | "root" | "dep" | "conj")
        {
            for left in (0..index).rev() {
                if matches!(self.rel(left), "nsubj" | "nsubj:pass") {
                    return match self.subject_actors(left) {
                        Subject::Actors(actors) => Some(Subject::Actors(actors)),
                        _ => None,
                    };
                }
            }
        }
        None
    }

    /// The proxy noun `actor_head` modifies ("Ukrainian sovereignty"), if any.
    fn proxy_of(&self, actor_head: usize) -> Option<usize> {
        let parent = self.token(actor_head)?.head?;
        let proxy = self
            .table
            .proxies
            .contains(&self.lemma(parent).to_lowercase());
        let modifier = matches!(
            self.rel(actor_head),
            "amod" | "nmod:poss" | "compound" | "nmod"
        );
        (proxy && modifier).then_some(parent)
    }

    /// The phrase headed by `head` as an open issue, unless it overlaps a mention.
    fn open_issue(&self, head: usize) -> Option<OpenIssue> {
        let overlaps = |s: usize, e: usize| {
            self.tree.mentions.iter().any(|m| m.start < e && s < m.end)
                || self.tree.issues.iter().any(|i| i.start < e && s < i.end)
        };
        let token = self.token(head)?;
        let mut first = head;
        let mut last = head;
        let mut key = Vec::new();
        for &c in self.children_of(head) {
            let rel = self.rel(c);
            if c < head && matches!(rel, "compound" | "amod" | "flat") {
                first = first.min(c);
                key.push(self.lemma(c).to_lowercase());
            }
        }
        key.push(token.lemma.to_lowercase());
        // "suspension of the treaty": one `of` complement belongs to the phrase.
        if let Some(&nmod) = self.children_of(head).iter().find(|&&c| {
            c > head
                && self.rel(c) == "nmod"
                && self
                    .children_of(c)
                    .iter()
                    .any(|&g| self.rel(g) == "case" && self.lemma(g) == "of")
        }) {
            let (_, end) = self.tree.parse.subtree_span(nmod);
            if let Some(end_token) = self.tree.parse.tokens.iter().rposition(|t| t.end <= end) {
                last = end_token.max(head);
            }
            key.push(self.lemma(nmod).to_lowercase());
        }
        let start = self.tree.offset + self.token(first)?.start;
        let end = self.tree.offset + self.token(last)?.end;
        if overlaps(start, end) || last - first > 8 {
            return None;
        }
        let text = self.tree.text.get(start..end)?.to_owned();
        Some(OpenIssue {
            start,
            end,
            key: key.join(" "),
            text,
        })
    }

    /// The clause headed by verb `verb` as an open issue: the verb and its object or
    /// complement, at most 10 tokens, when no issue is mentioned in the clause and the
    /// verb is no cue, reverser or reporting verb of its own (those are read by
    /// composition instead).
    fn clause_issue(&self, verb: usize) -> Option<OpenIssue> {
        let token = self.token(verb)?;
        let lemma = token.lemma.to_lowercase();
        if token.upos != Upos::Verb
            || self.cue(verb, TargetKind::Issue).is_some()
            || self.is_speech_verb(verb)
            || self.is_reverser(verb)
            || self.table.action_names.contains_key(&lemma)
            || matches!(lemma.as_str(), "be" | "have" | "do" | "get" | "make")
        {
            return None;
        }
        let (clause_start, clause_end) = self.tree.parse.subtree_span(verb);
        let in_clause = |s: usize, e: usize| {
            s < self.tree.offset + clause_end && self.tree.offset + clause_start < e
        };
        if self.tree.issues.iter().any(|i| in_clause(i.start, i.end)) {
            return None;
        }
        let object = self
            .children_of(verb)
            .iter()
            .copied()
            .find(|&c| matches!(self.rel(c), "obj" | "xcomp" | "ccomp"))?;
        let (_, object_end) = self.tree.parse.subtree_span(object);
        let tokens = &self.tree.parse.tokens;
        let last = tokens
            .iter()
            .rposition(|t| t.end <= object_end && t.upos != Upos::Punct)?
            .max(verb);
        if last - verb > 10 {
            return None;
        }
        let start = self.tree.offset + token.start;
        let end = self.tree.offset + self.token(last)?.end;
        let text = self.tree.text.get(start..end)?.to_owned();
        Some(OpenIssue {
            start,
            end,
            key: format!("{lemma} {}", self.lemma(object).to_lowercase()),
            text,
        })
    }

    /// "Russia's annexation", "Trump's proposed peace deal": the possessor of an
    /// action noun supports the action.
    fn own_action(&self, head: usize) -> Option<(usize, String)> {
        let token = self.token(head)?;
        if !matches!(token.upos, Upos::Noun | Upos::Propn) {
            return None;
        }
        if !self.table.actions.contains(&token.lemma.to_lowercase()) {
            return None;
        }
        let possessor = self
            .children_of(head)
            .iter()
            .copied()
            .find(|&c| self.rel(c) == "nmod:poss")?;
        match self.subject_actors(possessor) {
            Subject::Actors(actors) => actors.first().map(|&a| {
                (
                    a,
                    format!(
                        "own action: nmod:poss \"{}\" of \"{}\"",
                        self.token(possessor).map_or("", |t| t.form.as_str()),
                        token.form
                    ),
                )
            }),
            _ => None,
        }
    }

    /// Climbs from `start` (a target's head token) to the holder.
    fn climb(&self, start: usize, kind: TargetKind) -> Vec<Found> {
        let mut support = true;
        let mut confidence: f32 = 0.8;
        let mut steps: Vec<String> = Vec::new();
        let mut cue_seen = false;
        let mut first_cue: Option<usize> = None;
        let mut pending_pronoun: Option<bool> = None;
        // An issue named by a predicate ("will not recognise Crimea"): the predicate is
        // the issue; its negation counts, its cue sign does not.
        if kind == TargetKind::Issue
            && self
                .token(start)
                .is_some_and(|t| matches!(t.upos, Upos::Verb | Upos::Adj))
        {
            cue_seen = true;
            first_cue = Some(start);
            steps.push(format!("issue predicate \"{}\"", self.lemma(start)));
            if self.negated(start) {
                support = !support;
                steps.push("negated (flip)".into());
            }
            if self.hedged(start) {
                confidence = 0.4;
            }
            let prescribed = self.deontic(start);
            if prescribed {
                steps.push("prescribed (holder is the speaker)".into());
            }
            match self.subject_of(start).filter(|_| !prescribed) {
                Some(Subject::Actors(actors)) => {
                    let mut found = self.found(None, actors, support, confidence, &steps, start);
                    let holders: Vec<usize> = found.iter().map(|f| f.holder).collect();
                    let rest = self.climb_from(start, kind, support, confidence, &steps, None);
                    found.extend(rest.into_iter().filter(|r| !holders.contains(&r.holder)));
                    return found;
                }
                Some(Subject::Pronoun { first_person }) => pending_pronoun = Some(first_person),
                _ => {}
            }
        }
        let mut node = start;
        let mut first_step = true;
        let mut action: Option<&'static str> = None;
        for _ in 0..MAX_CLIMB {
            let Some(parent) = self.token(node).and_then(|t| t.head) else {
                break;
            };
            let rel = self.rel(node);
            let sibling = matches!(rel, "conj" | "parataxis" | "advcl" | "appos" | "list")
                || (rel == "acl:relcl");
            let evaluative = self.token(parent).is_some_and(|t| t.upos == Upos::Adj)
                && self.cue(parent, kind).is_some();
            if !cue_seen && matches!(rel, "nsubj" | "csubj") && !evaluative {
                // The target is the subject of its clause, not what the clause is about
                // (unless the clause evaluates it: "the plan is unacceptable").
                return Vec::new();
            }
            if kind == TargetKind::Actor && first_step && rel != "conj" {
                let argument = matches!(
                    rel,
                    "obj" | "iobj" | "obl" | "nmod" | "obl:arg" | "nsubj:pass"
                ) || rel.starts_with("obl:") && rel != "obl:agent"
                    || rel.starts_with("nmod:") && rel != "nmod:poss";
                let doer_of_harm = self
                    .table
                    .harms
                    .contains(&self.lemma(parent).to_lowercase())
                    && matches!(rel, "nmod:poss" | "compound" | "amod" | "nmod");
                let cued = self.cue(parent, kind).is_some()
                    || self.cameo(node, parent).is_some()
                    || self.is_harm(parent)
                    || self.is_reverser(parent)
                    || self
                        .table
                        .labeling
                        .contains(&self.lemma(parent).to_lowercase());
                if !(doer_of_harm || argument && cued) {
                    return Vec::new();
                }
            }
            if rel != "conj" {
                first_step = false;
            }
            let act = (kind == TargetKind::Issue && first_step && !cue_seen)
                .then(|| {
                    self.table
                        .action_names
                        .get(&self.lemma(parent).to_lowercase())
                })
                .flatten()
                .filter(|_| matches!(rel, "obj" | "nmod" | "obl" | "nsubj:pass"));
            if let Some(name) = act {
                // "India halts the treaty": the holder supports the suspension.
                action = Some(name.as_str());
                cue_seen = true;
                first_cue = Some(parent);
                steps.push(format!("act \"{}\" → \"{name} …\"", self.lemma(parent)));
                if self.negated(parent) {
                    support = !support;
                    steps.push("negated (flip)".into());
                }
            } else if !sibling {
                self.compose(
                    node,
                    parent,
                    kind,
                    &mut support,
                    &mut confidence,
                    &mut steps,
                    &mut cue_seen,
                );
                if cue_seen {
                    first_cue.get_or_insert(parent);
                }
            }
            // "no agreement that hands Russia …": the relative clause is what is negated.
            if rel == "acl:relcl" && self.negated(parent) {
                support = !support;
                steps.push(format!("\"{}\" negated (flip)", self.lemma(parent)));
            }
            // A sibling link hands its governor's subject down through `subject_of`
            // itself; the governor's own clause is someone else's statement.
            if cue_seen && (!sibling || self.is_speech_verb(parent)) {
                let prescribed = self.deontic(parent);
                if prescribed {
                    steps.push(format!(
                        "\"{}\" prescribed (holder is the speaker)",
                        self.lemma(parent)
                    ));
                }
                match self.subject_of(parent).filter(|_| !prescribed) {
                    // "Turkey does not support Sweden's bid to join NATO": the possessor
                    // of a noun holds its own stance, and the clause above holds another.
                    Some(Subject::Actors(actors))
                        if self
                            .token(parent)
                            .is_some_and(|t| matches!(t.upos, Upos::Noun | Upos::Propn))
                            && self.token(parent).and_then(|t| t.head).is_some() =>
                    {
                        let mut found =
                            self.found(action, actors, support, confidence, &steps, parent);
                        let rest =
                            self.climb_from(parent, kind, support, confidence, &steps, action);
                        let holders: Vec<usize> = found.iter().map(|f| f.holder).collect();
                        found.extend(rest.into_iter().filter(|r| !holders.contains(&r.holder)));
                        return found;
                    }
                    Some(Subject::Actors(actors)) => {
                        return self.found(action, actors, support, confidence, &steps, parent);
                    }
                    Some(Subject::Pronoun { first_person }) => {
                        pending_pronoun.get_or_insert(first_person);
                    }
                    _ => {}
                }
            }
            node = parent;
        }
        if !cue_seen {
            return Vec::new();
        }
        // The root reached without an actor subject: a speech tag attached to the root
        // ("…, the minister said"), the quotation's speaker, or the previous holders.
        if let Some(actors) = self.speech_tag(node) {
            steps.push("speech tag".into());
            return self.found(action, actors, support, confidence, &steps, node);
        }
        let quoted = first_cue
            .and_then(|c| self.tree.quote_speakers.get(c))
            .filter(|s| !s.is_empty());
        if let Some(speakers) = quoted
            && pending_pronoun != Some(false)
        {
            steps.push("quotation's speaker".into());
            return self.found(action, speakers.clone(), support, confidence, &steps, node);
        }
        // A third-person pronoun prefers an actor named earlier in the same sentence
        // ("Norway, which chairs …, supports …, its ambassador said").
        if pending_pronoun == Some(false)
            && let Some(cue) = first_cue.and_then(|c| self.token(c))
            && let Some(mention) = self.tree.mentions.iter().find(|m| {
                m.agentive && m.end <= self.tree.offset + cue.start && m.start >= self.tree.start
            })
        {
            steps.push("pronoun → actor named earlier in the sentence".into());
            return self.found(
                action,
                vec![mention.actor],
                support,
                confidence - 0.1,
                &steps,
                node,
            );
        }
        if pending_pronoun == Some(false) && !self.tree.antecedents.is_empty() {
            steps.push("pronoun → previous holder".into());
            return self.found(
                action,
                self.tree.antecedents.to_vec(),
                support,
                confidence - 0.15,
                &steps,
                node,
            );
        }
        Vec::new()
    }

    /// Continues a climb above `node` (whose possessor already holds a stance) to a
    /// holder of the clause above: only a further cue there makes a finding.
    fn climb_from(
        &self,
        node: usize,
        kind: TargetKind,
        support: bool,
        confidence: f32,
        steps: &[String],
        action: Option<&'static str>,
    ) -> Vec<Found> {
        let mut support = support;
        let mut confidence = confidence;
        let mut steps = steps.to_vec();
        let mut node = node;
        let mut cue_seen = false;
        for _ in 0..MAX_CLIMB {
            let Some(parent) = self.token(node).and_then(|t| t.head) else {
                break;
            };
            let rel = self.rel(node);
            if matches!(
                rel,
                "nsubj" | "csubj" | "conj" | "parataxis" | "appos" | "list"
            ) {
                break;
            }
            self.compose(
                node,
                parent,
                kind,
                &mut support,
                &mut confidence,
                &mut steps,
                &mut cue_seen,
            );
            if cue_seen && let Some(Subject::Actors(actors)) = self.subject_of(parent) {
                return self.found(action, actors, support, confidence, &steps, parent);
            }
            node = parent;
        }
        Vec::new()
    }

    /// Composes the polarity of stepping from `node` up to `parent`.
    #[allow(clippy::too_many_arguments)]
    fn compose(
        &self,
        node: usize,
        parent: usize,
        kind: TargetKind,
        support: &mut bool,
        confidence: &mut f32,
        steps: &mut Vec<String>,
        cue_seen: &mut bool,
    ) {
        let lemma = self.lemma(parent).to_lowercase();
        if self.is_harm(parent) && self.is_doer(node, parent) {
            // The doer of a harmful act: condemning the act opposes the doer.
            steps.push(format!("{DOER_STEP} \"{lemma}\""));
        } else if let Some(cue) = self.cue(parent, kind) {
            let oppose = cue.stance == CueStance::Oppose;
            if oppose {
                *support = !*support;
            }
            steps.push(format!(
                "cue \"{lemma}\" ({})",
                if oppose { "oppose" } else { "support" }
            ));
            *cue_seen = true;
        } else if let Some((stance, entry)) = (kind == TargetKind::Actor && !*cue_seen)
            .then(|| self.cameo(node, parent))
            .flatten()
        {
            if stance == Stance::Oppose {
                *support = !*support;
            }
            steps.push(format!(
                "CAMEO cue \"{lemma}\" ({entry}, {})",
                stance.as_str()
            ));
            *cue_seen = true;
        } else if self.is_harm(parent) || (self.is_reverser(parent) && self.undergoer(node)) {
            *support = !*support;
            steps.push(format!("reverser \"{lemma}\" (flip)"));
        } else if self.table.labeling.contains(&lemma) && self.rel(node) == "obj" {
            // "labeled the strikes a violation": the label's class is the stance.
            let label = self.children_of(parent).iter().copied().find(|&c| {
                self.rel(c) == "xcomp"
                    // "calling Iran's ambitions a threat" parsed as two objects.
                    || (self.rel(c) == "obj" && c > node)
                    || (self.rel(c) == "obl"
                        && self
                            .children_of(c)
                            .iter()
                            .any(|&g| self.rel(g) == "case" && self.lemma(g) == "as"))
            });
            if let Some(label) = label {
                let word = self.lemma(label).to_lowercase();
                if self.table.negative_labels.contains(&word) {
                    *support = !*support;
                    *cue_seen = true;
                    steps.push(format!("labelled \"{word}\" (oppose)"));
                } else if self.table.positive_labels.contains(&word) {
                    *cue_seen = true;
                    steps.push(format!("labelled \"{word}\" (support)"));
                }
            }
        }
        if self.negated(parent) {
            *support = !*support;
            steps.push(format!("\"{lemma}\" negated (flip)"));
        }
        if self.hedged(parent) {
            *confidence = confidence.min(0.4);
            steps.push(format!("\"{lemma}\" hedged"));
        }
    }

    /// The CAMEO/PLOVER relation cue of verb `parent` taking `node` as its target
    /// (`assets/lexicon/relation_cues.ron`): its stance, when it runs subject → target.
    fn cameo(&self, node: usize, parent: usize) -> Option<(Stance, String)> {
        let verb = self.token(parent)?;
        if verb.upos != Upos::Verb {
            return None;
        }
        let preposition = self
            .children_of(node)
            .iter()
            .find(|&&c| self.rel(c) == "case")
            .map(|&c| self.lemma(c).to_lowercase());
        let object = self
            .children_of(parent)
            .iter()
            .find(|&&c| self.rel(c) == "obj" && c != node)
            .map(|&c| self.lemma(c).to_lowercase());
        let cue = super::cameo::CueTable::bundled().lookup(
            &verb.lemma.to_lowercase(),
            preposition.as_deref(),
            object.as_deref(),
        )?;
        (!cue.reverse && !self.table.neutral_events.contains(&cue.plover)).then(|| {
            (
                cue.polarity.stance(),
                format!("{} {}", cue.plover, cue.entry),
            )
        })
    }

    /// Whether `node` is what its governor acts on: an object, a passive subject, a
    /// compound, or an `of`/`from` complement ("suspension of the treaty", "withdrawal
    /// from the pact"), not a goal ("a return to constitutional order").
    fn undergoer(&self, node: usize) -> bool {
        let rel = self.rel(node);
        matches!(
            rel,
            "obj" | "nsubj:pass" | "compound" | "amod" | "nmod:poss"
        ) || ((rel == "nmod" || rel == "obl" || rel.starts_with("obl:"))
            && self.children_of(node).iter().any(|&c| {
                self.rel(c) == "case" && matches!(self.lemma(c), "of" | "from" | "on" | "against")
            }))
    }

    fn is_speech_verb(&self, index: usize) -> bool {
        self.table
            .speech
            .contains(&self.lemma(index).to_lowercase())
    }

    fn is_harm(&self, index: usize) -> bool {
        self.table.harms.contains(&self.lemma(index).to_lowercase())
    }

    fn is_reverser(&self, index: usize) -> bool {
        self.table
            .reversers
            .contains(&self.lemma(index).to_lowercase())
    }

    /// Whether `child` is the doer of the act `parent` ("Russia's invasion", "Israeli
    /// strikes", "strikes by X").
    fn is_doer(&self, child: usize, parent: usize) -> bool {
        let rel = self.rel(child);
        let _ = parent;
        matches!(
            rel,
            "nmod:poss" | "compound" | "amod" | "obl:agent" | "nsubj"
        ) || (rel == "nmod"
            && self
                .children_of(child)
                .iter()
                .any(|&g| self.rel(g) == "case" && self.lemma(g) == "by"))
    }

    /// An actor speaking in a reporting clause attached to `root`.
    fn speech_tag(&self, root: usize) -> Option<Vec<usize>> {
        let candidates = std::iter::once(root).chain(self.children_of(root).iter().copied());
        for c in candidates {
            if !self.table.speech.contains(&self.lemma(c).to_lowercase()) {
                continue;
            }
            if let Some(Subject::Actors(actors)) = self.subject_of(c) {
                return Some(actors);
            }
        }
        // "according to X"
        for &c in self.children_of(root) {
            if self
                .children_of(c)
                .iter()
                .any(|&g| self.rel(g) == "case" && self.lemma(g) == "according")
                && let Subject::Actors(actors) = self.subject_actors(c)
            {
                return Some(actors);
            }
        }
        None
    }

    fn found(
        &self,
        action: Option<&'static str>,
        holders: Vec<usize>,
        support: bool,
        confidence: f32,
        steps: &[String],
        at: usize,
    ) -> Vec<Found> {
        let holder_word = self.token(at).map_or("", |t| t.form.as_str());
        let why = format!("{} · holder at \"{holder_word}\"", steps.join(" · "));
        let through_doer = steps.iter().any(|step| step.starts_with(DOER_STEP));
        holders
            .into_iter()
            .map(|holder| Found {
                action,
                holder,
                stance: if support {
                    Stance::Support
                } else {
                    Stance::Oppose
                },
                confidence,
                why: why.clone(),
                through_doer,
            })
            .collect()
    }
}
