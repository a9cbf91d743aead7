//! Relation coverage and sign accuracy on PLOVER's gold records
//! (`PLOVER_GSR_CAMEO.json`): one news sentence each, with source actors, target
//! actors and a PLOVER event that folds to support/oppose.
//!
//! Each sentence is extracted on its own with stancemap's built-in extractor. A record
//! counts as *found* when the extraction holds a relation between an actor matching one
//! of its sources and an actor matching one of its targets, in either direction. An
//! extracted actor *matches* a gold `actorText` when, after [`normalise`], the text
//! equals one of the actor's names: its name or id, a lexicon alias, demonym, metonym
//! or person name, or a surface the extractor matched ("Hungarian" → Hungary).
//! Records without a source or target, or whose event has no polarity, are counted but
//! not scored. The *lenient* coverage also accepts a name contained word for word in
//! the actorText ("Montenegro's prime minister" → Montenegro).

use std::collections::BTreeMap;
use std::fmt;

use serde_json::Value;

use super::normalise;
use crate::article::{Article, ArticleFormat};
use crate::extract::cameo::{Polarity, plover_polarity};
use crate::extract::{Extraction, Lexicon, extract};
use crate::stance_map::{SourceId, Stance};

/// One gold record: a sentence, its actors as written, its PLOVER event.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PloverRecord {
    pub id: String,
    pub event: String,
    pub text: String,
    pub sources: Vec<String>,
    pub targets: Vec<String>,
}

/// Reads the gold JSON (an array of records); DOCUMENT records and records without
/// text are skipped. Actor lists may be `null`, `""` or a list of `{actorText}`.
pub fn parse_records(json: &str) -> Result<Vec<PloverRecord>, serde_json::Error> {
    let values: Vec<Value> = serde_json::from_str(json)?;
    let actors = |value: Option<&Value>| -> Vec<String> {
        value
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(|actor| actor.get("actorText").and_then(Value::as_str))
                    .filter(|text| !text.trim().is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let text = |value: &Value, key: &str| -> String {
        value
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    Ok(values
        .iter()
        .map(|value| PloverRecord {
            id: text(value, "id"),
            event: text(value, "event").to_uppercase(),
            text: text(value, "text"),
            sources: actors(value.get("source")),
            targets: actors(value.get("target")),
        })
        .filter(|record| record.event != "DOCUMENT" && !record.text.trim().is_empty())
        .collect())
}

/// What happened to one record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// No source or no target actor in the gold record: nothing to find.
    NoPair,
    /// The event folds to no polarity.
    NoPolarity,
    /// No relation between a matched source and a matched target.
    Missed {
        /// A relation is found under lenient matching.
        lenient: Option<bool>,
    },
    /// Found; whether the sign agrees with the folded event.
    Found { sign_ok: bool },
}

/// A scored record with what the extractor produced for it.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordScore {
    pub record: PloverRecord,
    pub outcome: Outcome,
    /// Extracted relations as "source → target (stance)", for `--verbose`.
    pub relations: Vec<String>,
}

/// All scored records plus totals; `Display` prints the table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PloverReport {
    pub records: Vec<RecordScore>,
    pub verbose: bool,
}

/// Totals of one row of the report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub records: usize,
    pub scoreable: usize,
    pub found: usize,
    pub found_lenient: usize,
    pub sign_ok: usize,
    pub sign_ok_lenient: usize,
}

impl Tally {
    fn add(&mut self, outcome: Outcome) {
        self.records += 1;
        match outcome {
            Outcome::NoPair | Outcome::NoPolarity => {}
            Outcome::Missed { lenient } => {
                self.scoreable += 1;
                if let Some(ok) = lenient {
                    self.found_lenient += 1;
                    self.sign_ok_lenient += usize::from(ok);
                }
            }
            Outcome::Found { sign_ok } => {
                self.scoreable += 1;
                self.found += 1;
                self.found_lenient += 1;
                self.sign_ok += usize::from(sign_ok);
                self.sign_ok_lenient += usize::from(sign_ok);
            }
        }
    }

    /// Found / scoreable, 0.0..=1.0.
    pub fn coverage(&self) -> f64 {
        ratio(self.found, self.scoreable)
    }

    /// Right sign / found, 0.0..=1.0.
    pub fn sign_accuracy(&self) -> f64 {
        ratio(self.sign_ok, self.found)
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

impl PloverReport {
    /// Totals over all records.
    pub fn total(&self) -> Tally {
        let mut tally = Tally::default();
        for record in &self.records {
            tally.add(record.outcome);
        }
        tally
    }

    /// Totals per gold event, in event name order.
    pub fn by_event(&self) -> BTreeMap<String, Tally> {
        let mut events: BTreeMap<String, Tally> = BTreeMap::new();
        for record in &self.records {
            events
                .entry(record.record.event.clone())
                .or_default()
                .add(record.outcome);
        }
        events
    }
}

impl fmt::Display for PloverReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<12} {:>5} {:>6} {:>6} {:>9} {:>6} {:>8}",
            "event", "n", "pairs", "found", "coverage", "sign", "sign acc"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, tally: &Tally| {
            writeln!(
                f,
                "{:<12} {:>5} {:>6} {:>6} {:>9.2} {:>6} {:>8.2}",
                name,
                tally.records,
                tally.scoreable,
                tally.found,
                tally.coverage(),
                tally.sign_ok,
                tally.sign_accuracy()
            )
        };
        for (event, tally) in self.by_event() {
            row(f, &event, &tally)?;
        }
        let total = self.total();
        row(f, "all", &total)?;
        writeln!(
            f,
            "lenient actor matching (name inside actorText): found {} of {}, coverage {:.2}, sign accuracy {:.2}",
            total.found_lenient,
            total.scoreable,
            ratio(total.found_lenient, total.scoreable),
            ratio(total.sign_ok_lenient, total.found_lenient)
        )?;
        writeln!(
            f,
            "pairs: records with a source and a target actor and an event with a polarity; \
             found: a relation between a matched source and target, either direction"
        )?;
        if self.verbose {
            writeln!(f)?;
            for scored in &self.records {
                let label = match scored.outcome {
                    Outcome::Missed { .. } => "miss",
                    Outcome::Found { sign_ok: false } => "wrong sign",
                    _ => continue,
                };
                writeln!(
                    f,
                    "{label}: {} {} [{} → {}] {}",
                    scored.record.id,
                    scored.record.event,
                    scored.record.sources.join("; "),
                    scored.record.targets.join("; "),
                    scored.record.text
                )?;
                if !scored.relations.is_empty() {
                    writeln!(f, "    extracted: {}", scored.relations.join(", "))?;
                }
            }
        }
        Ok(())
    }
}

/// Extracts every record's sentence and scores it; pure.
pub fn evaluate_records(
    records: &[PloverRecord],
    lexicon: &Lexicon,
    verbose: bool,
) -> PloverReport {
    let records = records
        .iter()
        .map(|record| {
            let article = Article::parse(record.text.as_bytes(), ArticleFormat::Text);
            let extraction = extract(&article, &SourceId::new("s1"), lexicon);
            score_record(record, &extraction, lexicon)
        })
        .collect();
    PloverReport { records, verbose }
}

/// Scores one record against an extraction of its sentence.
pub fn score_record(
    record: &PloverRecord,
    extraction: &Extraction,
    lexicon: &Lexicon,
) -> RecordScore {
    let relations = extraction
        .relations
        .iter()
        .map(|relation| {
            format!(
                "{} → {} ({})",
                relation.source.as_str(),
                relation.target.as_str(),
                match relation.claim.stance {
                    Stance::Support => "support",
                    Stance::Oppose => "oppose",
                }
            )
        })
        .collect();
    let outcome = if record.sources.is_empty() || record.targets.is_empty() {
        Outcome::NoPair
    } else {
        match plover_polarity(&record.event) {
            None => Outcome::NoPolarity,
            Some(polarity) => {
                let strict = find_sign(record, extraction, lexicon, false, polarity);
                match strict {
                    Some(sign_ok) => Outcome::Found { sign_ok },
                    None => Outcome::Missed {
                        lenient: find_sign(record, extraction, lexicon, true, polarity),
                    },
                }
            }
        }
    };
    RecordScore {
        record: record.clone(),
        outcome,
        relations,
    }
}

/// The sign check of the first relation linking a gold source and a gold target
/// (source → target preferred over the reverse direction).
fn find_sign(
    record: &PloverRecord,
    extraction: &Extraction,
    lexicon: &Lexicon,
    lenient: bool,
    polarity: Polarity,
) -> Option<bool> {
    let names = |id: &str| -> Vec<String> { actor_names(id, extraction, lexicon) };
    let matches = |id: &str, gold: &[String]| {
        let names = names(id);
        gold.iter().any(|text| {
            let text = normalise(text);
            names.iter().any(|name| {
                *name == text
                    || (lenient
                        && !name.is_empty()
                        && format!(" {text} ").contains(&format!(" {name} ")))
            })
        })
    };
    let forward = extraction.relations.iter().find(|relation| {
        matches(relation.source.as_str(), &record.sources)
            && matches(relation.target.as_str(), &record.targets)
    });
    let backward = || {
        extraction.relations.iter().find(|relation| {
            matches(relation.source.as_str(), &record.targets)
                && matches(relation.target.as_str(), &record.sources)
        })
    };
    let relation = forward.or_else(backward)?;
    Some(relation.claim.stance == polarity.stance())
}

/// Every normalised name an extracted actor goes by.
fn actor_names(id: &str, extraction: &Extraction, lexicon: &Lexicon) -> Vec<String> {
    let mut names = vec![normalise(id)];
    if let Some(actor) = extraction
        .actors
        .iter()
        .find(|actor| actor.id.as_str() == id)
    {
        names.push(normalise(&actor.name));
        names.extend(actor.aliases.iter().map(|alias| normalise(alias)));
    }
    if let Some(entry) = lexicon
        .actor_index(id)
        .and_then(|index| lexicon.actor(index))
    {
        names.push(normalise(&entry.name));
        for form in entry
            .aliases
            .iter()
            .chain(&entry.demonyms)
            .chain(&entry.metonyms)
            .chain(entry.people.iter().map(|person| &person.name))
            .chain(entry.people.iter().flat_map(|person| &person.aliases))
        {
            names.push(normalise(form));
        }
    }
    names.sort();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_records_and_skips_documents() {
        let json = r#"[
            {"id": "D", "event": "DOCUMENT", "eventText": "docs"},
            {"id": "A1", "event": "AID", "text": "Japan sent aid to Nepal.",
             "source": [{"actorText": "Japan"}], "target": [{"actorText": "Nepal"}]},
            {"id": "A2", "event": "AGREE", "text": "They agreed.", "source": null, "target": ""}
        ]"#;
        let records = parse_records(json).unwrap_or_default();
        assert_eq!(records.len(), 2);
        assert_eq!(
            records.first().map(|r| r.targets.clone()),
            Some(vec!["Nepal".to_owned()])
        );
        assert_eq!(records.get(1).map(|r| r.sources.len()), Some(0));
    }
}
