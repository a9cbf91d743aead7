//! The gold annotation of one article (the corpus README's JSON), and the same shape
//! built from an [`Extraction`] so both sides are scored alike.

use serde::Deserialize;

use crate::extract::Extraction;
use crate::stance_map::{Claim, Stance};

/// One gold file. Unknown fields are ignored; missing lists are empty.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Gold {
    /// The article's file name, relative to the articles directory.
    #[serde(default)]
    pub article: String,
    #[serde(default)]
    pub actors: Vec<GoldActor>,
    #[serde(default)]
    pub issues: Vec<GoldIssue>,
    #[serde(default)]
    pub positions: Vec<GoldPosition>,
    #[serde(default)]
    pub relations: Vec<GoldRelation>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct GoldActor {
    pub id: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct GoldIssue {
    pub id: String,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub keywords: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct GoldPosition {
    pub actor: String,
    pub issue: String,
    pub stance: GoldStance,
    #[serde(default)]
    pub explicit: bool,
    #[serde(default)]
    pub evidence: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct GoldRelation {
    pub source: String,
    pub target: String,
    pub polarity: GoldStance,
    #[serde(default)]
    pub explicit: bool,
    #[serde(default)]
    pub evidence: String,
}

/// `"support"` or `"oppose"` in a gold file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GoldStance {
    Support,
    Oppose,
}

impl From<GoldStance> for Stance {
    fn from(stance: GoldStance) -> Stance {
        match stance {
            GoldStance::Support => Stance::Support,
            GoldStance::Oppose => Stance::Oppose,
        }
    }
}

impl Gold {
    /// Parses gold JSON; the error carries serde's line and column.
    pub fn from_json(text: &str) -> Result<Gold, serde_json::Error> {
        serde_json::from_str(text)
    }
}

/// What scoring needs from an extraction: the tool's JSON map, without its file format.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExtractionView {
    pub actors: Vec<ViewActor>,
    pub issues: Vec<ViewIssue>,
    pub positions: Vec<ViewPosition>,
    pub relations: Vec<ViewRelation>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewActor {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewIssue {
    pub id: String,
    pub label: String,
    pub keywords: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ViewPosition {
    pub actor: String,
    pub issue: String,
    pub stance: Stance,
    /// The first evidence sentence, shown in error lists.
    pub evidence: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ViewRelation {
    pub source: String,
    pub target: String,
    pub polarity: Stance,
    /// The first evidence sentence, shown in error lists.
    pub evidence: String,
}

impl From<&Extraction> for ExtractionView {
    fn from(extraction: &Extraction) -> ExtractionView {
        ExtractionView {
            actors: extraction
                .actors
                .iter()
                .map(|actor| ViewActor {
                    id: actor.id.0.clone(),
                    name: actor.name.clone(),
                    aliases: actor.aliases.clone(),
                })
                .collect(),
            issues: extraction
                .issues
                .iter()
                .map(|issue| ViewIssue {
                    id: issue.id.0.clone(),
                    label: issue.label.clone(),
                    keywords: issue.keywords.clone(),
                })
                .collect(),
            positions: extraction
                .positions
                .iter()
                .map(|position| ViewPosition {
                    actor: position.actor.0.clone(),
                    issue: position.issue.0.clone(),
                    stance: position.claim.stance,
                    evidence: first_evidence(&position.claim),
                })
                .collect(),
            relations: extraction
                .relations
                .iter()
                .map(|relation| ViewRelation {
                    source: relation.source.0.clone(),
                    target: relation.target.0.clone(),
                    polarity: relation.claim.stance,
                    evidence: first_evidence(&relation.claim),
                })
                .collect(),
        }
    }
}

fn first_evidence(claim: &Claim) -> String {
    claim
        .evidence
        .first()
        .map(|evidence| evidence.text.clone())
        .unwrap_or_default()
}
