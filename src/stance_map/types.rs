//! The values a stance map holds: actors, issues, sources, and the stances between them.
//!
//! These are plain data with string ids; the graph that connects them lives in
//! [`super::StanceMap`]. Nothing here knows about petgraph, files or egui.

use std::fmt;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(pub String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }
    };
}

string_id!(
    /// Stable id of an actor, e.g. `"Ukraine"`; unique among actors.
    ActorId
);
string_id!(
    /// Stable id of an issue, e.g. `"crimea_recognition"`; unique among issues.
    IssueId
);
string_id!(
    /// Stable id of a source article, e.g. `"s1"`; unique among sources.
    SourceId
);

/// What kind of collective an actor is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum ActorKind {
    State,
    Organization,
    Bloc,
    Movement,
    Person,
    #[default]
    Other,
}

impl ActorKind {
    pub const ALL: [ActorKind; 6] = [
        ActorKind::State,
        ActorKind::Organization,
        ActorKind::Bloc,
        ActorKind::Movement,
        ActorKind::Person,
        ActorKind::Other,
    ];

    /// The lowercase name used in files and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::State => "state",
            ActorKind::Organization => "organization",
            ActorKind::Bloc => "bloc",
            ActorKind::Movement => "movement",
            ActorKind::Person => "person",
            ActorKind::Other => "other",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == name)
    }
}

/// Support or opposition; used for positions (actor → issue) and relations (actor → actor).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stance {
    Support,
    Oppose,
}

impl Stance {
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Support => "support",
            Stance::Oppose => "oppose",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "support" => Some(Stance::Support),
            "oppose" => Some(Stance::Oppose),
            _ => None,
        }
    }

    pub fn flipped(self) -> Self {
        match self {
            Stance::Support => Stance::Oppose,
            Stance::Oppose => Stance::Support,
        }
    }
}

/// Where a stance came from. Re-extraction never touches `Manual` stances.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Origin {
    #[default]
    Extracted,
    Manual,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Extracted => "extracted",
            Origin::Manual => "manual",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "extracted" => Some(Origin::Extracted),
            "manual" => Some(Origin::Manual),
            _ => None,
        }
    }
}

/// A political actor: a state, bloc, organisation or movement. People are aliases
/// of the actor they speak for.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Actor {
    pub id: ActorId,
    pub name: String,
    pub kind: ActorKind,
    pub aliases: Vec<String>,
    /// Display colour as RGB; `None` lets the view choose.
    pub color: Option<[u8; 3]>,
    pub notes: String,
}

impl Actor {
    pub fn new(id: impl Into<String>, name: impl Into<String>, kind: ActorKind) -> Self {
        Self {
            id: ActorId::new(id),
            name: name.into(),
            kind,
            ..Self::default()
        }
    }
}

/// Something actors take positions on, phrased as a proposition ("Recognise Crimea as Russian").
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Issue {
    pub id: IssueId,
    pub label: String,
    pub description: String,
    pub keywords: Vec<String>,
}

impl Issue {
    pub fn new(id: impl Into<String>, label: impl Into<String>) -> Self {
        Self {
            id: IssueId::new(id),
            label: label.into(),
            ..Self::default()
        }
    }
}

/// An article kept inside the map, so evidence stays readable after the file is gone.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Source {
    pub id: SourceId,
    pub title: String,
    /// The path the article was read from, as given by the user.
    pub path: String,
    /// Publication date as written (ISO 8601 preferred), if known.
    pub date: Option<String>,
    pub text: String,
}

/// A quoted span of a source that supports a stance. `start..end` are byte offsets
/// into the source's `text`, and `text` is that slice.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Evidence {
    pub source: SourceId,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The stance this passage expresses, when it is known. A claim whose evidence
    /// holds both stances changed (or is mixed); its own `stance` is the latest one.
    /// `None` for manual evidence and maps written before this was recorded.
    pub stance: Option<Stance>,
    /// Why the extractor read this stance here (cue, holder path, polarity steps),
    /// one line; empty when not recorded.
    pub explanation: String,
}

impl Evidence {
    /// Evidence for `text`, the slice `start..end` (bytes) of source `source`, with
    /// no recorded stance or explanation.
    pub fn new(source: SourceId, start: usize, end: usize, text: impl Into<String>) -> Self {
        Self {
            source,
            start,
            end,
            text: text.into(),
            stance: None,
            explanation: String::new(),
        }
    }
}

/// What a position and a relation have in common: the sign, how sure we are, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    pub stance: Stance,
    /// How strongly the stance is held, 0.0..=1.0.
    pub strength: f32,
    /// How sure extraction (or the analyst) is, 0.0..=1.0.
    pub confidence: f32,
    pub origin: Origin,
    /// Locked claims are never changed by re-extraction.
    pub locked: bool,
    pub evidence: Vec<Evidence>,
    pub note: String,
}

impl Claim {
    pub fn new(stance: Stance, origin: Origin) -> Self {
        Self {
            stance,
            strength: 1.0,
            confidence: 1.0,
            origin,
            locked: false,
            evidence: Vec::new(),
            note: String::new(),
        }
    }

    /// Whether re-extraction must leave this claim alone.
    /// True when the evidence records both stances (the holder changed its mind,
    /// or the sources disagree); `stance` is then the latest one.
    pub fn is_mixed(&self) -> bool {
        let has = |stance| self.evidence.iter().any(|e| e.stance == Some(stance));
        has(Stance::Support) && has(Stance::Oppose)
    }

    pub fn is_protected(&self) -> bool {
        self.locked || self.origin == Origin::Manual
    }

    /// Folds `newer` into `self`: the newer stance, strength and confidence win,
    /// evidence is the union (in first-seen order), a non-empty note wins.
    pub fn absorb(&mut self, newer: &Claim) {
        self.stance = newer.stance;
        self.strength = newer.strength;
        self.confidence = newer.confidence;
        self.origin = newer.origin.max(self.origin);
        self.locked |= newer.locked;
        for evidence in &newer.evidence {
            if !self.evidence.contains(evidence) {
                self.evidence.push(evidence.clone());
            }
        }
        if !newer.note.is_empty() {
            self.note = newer.note.clone();
        }
    }
}

/// Identifies a position: one per (actor, issue).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PositionKey {
    pub actor: ActorId,
    pub issue: IssueId,
}

/// An actor's stance on an issue.
#[derive(Clone, Debug, PartialEq)]
pub struct Position {
    pub actor: ActorId,
    pub issue: IssueId,
    pub claim: Claim,
}

impl Position {
    pub fn new(actor: impl Into<String>, issue: impl Into<String>, claim: Claim) -> Self {
        Self {
            actor: ActorId::new(actor),
            issue: IssueId::new(issue),
            claim,
        }
    }

    pub fn key(&self) -> PositionKey {
        PositionKey {
            actor: self.actor.clone(),
            issue: self.issue.clone(),
        }
    }
}

/// Identifies a relation: one per (source, target, issue scope).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RelationKey {
    pub source: ActorId,
    pub target: ActorId,
    pub issue: Option<IssueId>,
}

/// An actor backing or acting against another actor, optionally on one issue.
#[derive(Clone, Debug, PartialEq)]
pub struct Relation {
    pub source: ActorId,
    pub target: ActorId,
    pub issue: Option<IssueId>,
    pub claim: Claim,
}

impl Relation {
    pub fn new(source: impl Into<String>, target: impl Into<String>, claim: Claim) -> Self {
        Self {
            source: ActorId::new(source),
            target: ActorId::new(target),
            issue: None,
            claim,
        }
    }

    pub fn key(&self) -> RelationKey {
        RelationKey {
            source: self.source.clone(),
            target: self.target.clone(),
            issue: self.issue.clone(),
        }
    }
}

/// A node of the graph, as named outside the model.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeRef {
    Actor(ActorId),
    Issue(IssueId),
}

/// Where a node sits on the canvas, in layout units; pinned nodes are not moved by layout.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NodeLayout {
    pub x: f32,
    pub y: f32,
    pub pinned: bool,
}
