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
mod tree;

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

/// Finds actors, issues and evidence-linked stances in `article`, dated by the date
/// its text gives (a dateline with a year), if any; see [`extract_on`].
pub fn extract(article: &Article, source: &SourceId, lexicon: &Lexicon) -> Extraction {
    let date = crate::article::date::detect_date(&article.text);
    extract_on(article, source, lexicon, date.as_deref())
}

/// Finds actors, issues and evidence-linked stances in `article` published on `date`
/// (`YYYY-MM-DD`): the date picks which role a person with dated roles holds
/// (`assets/lexicon/people.ron`), so "Rutte" speaks for the Netherlands in 2020 and
/// for NATO in 2025.
pub fn extract_on(
    article: &Article,
    source: &SourceId,
    lexicon: &Lexicon,
    date: Option<&str>,
) -> Extraction {
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
    let mut mentions = mentions::find(text, lexicon);
    // "ATLANTA … Georgia opposes", "Governor …": a state name read as its namesake
    // sub-national unit is no mention of the state.
    mentions.retain(|m| {
        !(lexicon
            .actor(m.actor)
            .is_some_and(|a| a.kind.actor_kind() == crate::stance_map::ActorKind::State)
            && discover::ambiguous_place_is_subnational(text, m.start..m.end))
    });
    // People whose role changed speak for whom they served on the article's date.
    mentions.retain_mut(
        |m| match discover::dated_speaker(&m.surface, date, lexicon) {
            None => true,
            Some(Some(actor)) => {
                m.actor = actor;
                true
            }
            Some(None) => false,
        },
    );
    // A bare surname ("Friday") stands for a listed official only after the full name
    // has appeared in the article.
    // Surnames the lexicon lists as aliases themselves ("Trump") are always licensed.
    let listed: std::collections::HashSet<&str> = lexicon
        .actors()
        .iter()
        .flat_map(|a| a.people.iter())
        .flat_map(|p| p.aliases.iter().map(String::as_str))
        .collect();
    let unlicensed: Vec<std::ops::Range<usize>> = discover::licensed_surnames(text, lexicon)
        .into_iter()
        .filter(|s| !s.licensed && !text.get(s.span.clone()).is_some_and(|t| listed.contains(t)))
        .map(|s| s.span)
        .collect();
    mentions.retain(|m| {
        !unlicensed
            .iter()
            .any(|span| span.start == m.start && span.end == m.end)
    });
    // People the lexicon does not list but whose title names a listed actor
    // ("Irish PM Mary X", "Sudan's army chief Y") speak for that actor; the others,
    // and groups found by form ("the Rapid Support Forces (RSF)"), become actors of
    // this article.
    let discovered = discover::discover_actors(text, &article.sentences, lexicon);
    let mut article_actors = Vec::new();
    // Index of each discovered actor: listed (by the title), or one of this article.
    let mut index_of: Vec<Option<usize>> = Vec::with_capacity(discovered.len());
    for found in &discovered {
        let listed = found
            .speaks_for
            .as_deref()
            .and_then(|id| lexicon.actor_index(id));
        index_of.push(match (listed, &found.speaks_for) {
            (Some(actor), _) => Some(actor),
            // Speaks for a group found in this article: resolved below.
            (None, Some(_)) => None,
            (None, None) => {
                let entry = discover::actor_entry(found);
                match lexicon.actor_index(&entry.id) {
                    Some(actor) => Some(actor),
                    None => {
                        article_actors.push(entry);
                        Some(lexicon.actor_count() + article_actors.len() - 1)
                    }
                }
            }
        });
    }
    let mut discovered_mentions = Vec::new();
    for (found, index) in discovered.iter().zip(&index_of) {
        // "DUP leader Arlene Foster": the group named in the title, by name or alias.
        let actor = index.or_else(|| {
            let owner = found.speaks_for.as_deref()?;
            discovered
                .iter()
                .zip(&index_of)
                .find(|(group, _)| {
                    group.kind != discover::DiscoveredKind::Person
                        && (group.name == owner || group.aliases.iter().any(|a| a == owner))
                })
                .and_then(|(_, index)| *index)
        });
        let Some(actor) = actor else {
            continue;
        };
        for span in &found.mentions {
            discovered_mentions.push((span.clone(), actor));
        }
    }
    let article_lexicon = lexicon.with_article_actors(article_actors);
    let lexicon = &article_lexicon;
    for (span, actor) in discovered_mentions {
        if mentions
            .iter()
            .any(|m| m.start < span.end && span.start < m.end)
        {
            continue;
        }
        mentions.push(mentions::Mention {
            start: span.start,
            end: span.end,
            actor,
            agentive: true,
            surface: text.get(span).unwrap_or_default().to_owned(),
        });
    }
    mentions.sort_by_key(|m| m.start);
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
    let mut read_sentences = Vec::new();
    for sentence in split_after_acronyms(text, &article.sentences, &mentions) {
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
        let rule_findings = stance::sentence_findings(
            text,
            (sentence.start, sentence.end),
            sentence.end > title_end,
            &local,
            &issue_mentions,
            lexicon,
            &mut discourse,
            &mut book,
        );
        read_sentences.push(SentenceReading {
            start: sentence.start,
            end: sentence.end,
            mentions: local,
            issues: issue_mentions,
            rule_findings,
            in_body: sentence.end > title_end,
        });
    }
    findings.extend(tree_findings(text, &mut read_sentences, lexicon, &mut book));
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

/// One sentence's reading of a (holder, target) pair.
struct Vote {
    stance: Stance,
    confidence: f32,
    span: (usize, usize),
    explanation: String,
}

type Votes = Vec<Vote>;

/// "…was drafted by the U.S. China opposed …": a dotted acronym that names an actor
/// ends a sentence when the next word starts another actor's name followed by a verb
/// form. The splitter cannot tell (it knows no names); the lexicon can.
fn split_after_acronyms(
    text: &str,
    sentences: &[crate::article::Sentence],
    mentions: &[mentions::Mention],
) -> Vec<crate::article::Sentence> {
    let mut out = Vec::with_capacity(sentences.len());
    for &sentence in sentences {
        let mut start = sentence.start;
        let first = mentions.partition_point(|m| m.start < sentence.start);
        let local = mentions
            .get(first..)
            .unwrap_or_default()
            .iter()
            .take_while(|m| m.end <= sentence.end);
        let mut previous: Option<&mentions::Mention> = None;
        for mention in local {
            if let Some(acronym) = previous
                && acronym.surface.ends_with('.')
                && acronym.surface.matches('.').count() >= 2
                && text.get(acronym.end..mention.start) == Some(" ")
                && mention.agentive
                && verb_follows(text, mention.end, sentence.end)
            {
                out.push(crate::article::Sentence {
                    start,
                    end: acronym.end,
                });
                start = mention.start;
            }
            previous = Some(mention);
        }
        out.push(crate::article::Sentence {
            start,
            end: sentence.end,
        });
    }
    out
}

/// Whether the word at `at` (after one space) looks like a finite verb: a past form in
/// "-ed", or an auxiliary.
fn verb_follows(text: &str, at: usize, end: usize) -> bool {
    let rest = text.get(at..end).unwrap_or_default();
    let Some(word) = rest
        .strip_prefix(' ')
        .and_then(|r| r.split([' ', ',', '.']).next())
    else {
        return false;
    };
    word.chars().all(|c| c.is_ascii_lowercase())
        && (word.len() > 4 && word.ends_with("ed")
            || matches!(
                word,
                "said" | "says" | "has" | "had" | "is" | "was" | "will" | "would"
            ))
}

/// Findings below this confidence are hedged and dropped (0.0..=1.0).
const HEDGED: f32 = 0.45;

/// The length in bytes of a wire dateline opening `sentence` ("BRUSSELS (Wire) - ",
/// "NEW YORK, March 4 (Wire) — "): an upper-case place, then up to 40 bytes, then a
/// dash. The parser reads the sentence after it.
fn dateline_len(sentence: &str) -> usize {
    let head = sentence.get(..sentence.len().min(60)).unwrap_or_default();
    let place_ok = head
        .split([',', '(', ' '])
        .next()
        .is_some_and(|w| w.len() >= 3 && w.chars().all(|c| c.is_uppercase() || c == '.'));
    if !place_ok {
        return 0;
    }
    for dash in [" - ", " \u{2014} ", " \u{2013} ", " -- "] {
        if let Some(at) = head.find(dash) {
            return at + dash.len();
        }
    }
    0
}

impl SentenceReading {
    /// The tree reader's view of this sentence, parsed as `parse` (after its dateline).
    fn tree<'a>(
        &'a self,
        text: &'a str,
        parse: &'a crate::syntax::Parse,
        quote_speakers: Vec<Vec<usize>>,
        antecedents: &'a [usize],
        event: Option<tree::HarmEvent>,
    ) -> tree::SentenceTree<'a> {
        tree::SentenceTree {
            text,
            start: self.start,
            end: self.end,
            offset: self.start + dateline_len(text.get(self.start..self.end).unwrap_or_default()),
            parse,
            mentions: &self.mentions,
            issues: &self.issues,
            quote_speakers,
            antecedents,
            event,
        }
    }
}

/// One sentence as the rule reader left it, for the tree reader.
struct SentenceReading {
    start: usize,
    end: usize,
    mentions: Vec<mentions::Mention>,
    issues: Vec<issues::IssueMention>,
    rule_findings: Vec<stance::Finding>,
    in_body: bool,
}

/// How findings of the tree reader and the older word-order reader combine. The
/// default, `both`, keeps the findings of both readers (measured best on the tuning
/// split and on the held-out split; see the README). The `STANCEMAP_READER`
/// environment variable picks `tree`, `rules` or `fill` (the word-order reader only
/// where the tree reader found nothing) for measurement.
fn reader_mode() -> &'static str {
    static MODE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    MODE.get_or_init(|| std::env::var("STANCEMAP_READER").unwrap_or_else(|_| "both".into()))
}

/// Parses the sentences that mention an actor or an issue and reads them on trees.
fn tree_findings(
    text: &str,
    sentences: &mut [SentenceReading],
    lexicon: &Lexicon,
    book: &mut issues::IssueBook,
) -> Vec<stance::Finding> {
    let parser = crate::syntax::Parser::english();
    let parses: Vec<Option<crate::syntax::Parse>> = sentences
        .iter()
        .map(|s| {
            (s.in_body && (!s.mentions.is_empty() || !s.issues.is_empty())).then(|| {
                let sentence = text.get(s.start..s.end).unwrap_or_default();
                let skip = dateline_len(sentence);
                let body = sentence.get(skip..).unwrap_or_default();
                // Title-and-name runs are parsed as one word, unless an issue is in one.
                let names: Vec<std::ops::Range<usize>> = discover::title_name_chunks(body)
                    .into_iter()
                    .filter(|n| {
                        let (from, to) = (s.start + skip + n.start, s.start + skip + n.end);
                        !s.issues.iter().any(|i| i.start < to && from < i.end)
                    })
                    .collect();
                parser.parse_with_names(body, &names)
            })
        })
        .collect();
    // Issues no lexicon lists: what a cue targets, when nothing listed is there.
    for (reading, parse) in sentences.iter_mut().zip(&parses) {
        let Some(parse) = parse else { continue };
        let tree = reading.tree(text, parse, Vec::new(), &[], None);
        let open = tree::open_issues(&tree);
        for issue in open {
            if reading
                .issues
                .iter()
                .any(|i| i.start < issue.end && issue.start < i.end)
            {
                continue;
            }
            let id = book.open(&issue.key, &issue.text);
            reading.issues.push(issues::IssueMention {
                start: issue.start,
                end: issue.end,
                id,
                proposer: None,
            });
        }
        reading.issues.sort_by_key(|i| i.start);
    }
    let quotes = quotations(text);
    let speakers = quote_speakers(text, &quotes, sentences, &parses);
    let mode = reader_mode();
    let mut out = Vec::new();
    let mut antecedents: Vec<usize> = Vec::new();
    let mut event: Option<tree::HarmEvent> = None;
    for (reading, parse) in sentences.iter().zip(&parses) {
        let mut found = Vec::new();
        if let Some(parse) = parse {
            let quote_speakers = parse
                .tokens
                .iter()
                .map(|t| {
                    let at = reading.start + t.start;
                    quotes
                        .iter()
                        .position(|&(s, e)| s <= at && at < e)
                        .and_then(|q| speakers.get(q).cloned())
                        .unwrap_or_default()
                })
                .collect();
            let tree = reading.tree(text, parse, quote_speakers, &antecedents, event);
            let (read, latest) = tree::read(&tree, lexicon, book);
            found = read;
            event = latest.or(event);
            // Hedged stances ("may abandon", "if Kyiv refuses") are left out, as the
            // corpus conventions say.
            found.retain(|f| f.confidence >= HEDGED);
            for issue in &reading.issues {
                // The tree's own reading of this actor and issue outranks the pattern.
                let read_on_tree = |actor: usize| {
                    found.iter().any(|f| {
                        f.holder == actor && f.target == stance::Target::Issue(issue.id.clone())
                    })
                };
                if let Some(proposer) = issue.proposer
                    && !read_on_tree(proposer)
                {
                    found.push(stance::Finding {
                        holder: proposer,
                        target: stance::Target::Issue(issue.id.clone()),
                        stance: Stance::Support,
                        confidence: 0.6,
                        sentence: (reading.start, reading.end),
                        explanation: "puts the proposal forward".into(),
                    });
                }
            }
        }
        let holders: Vec<usize> = found.iter().map(|f| f.holder).collect();
        if !holders.is_empty() {
            antecedents = holders;
            antecedents.dedup();
        } else if let Some(first) = reading.mentions.iter().find(|m| m.agentive) {
            antecedents = vec![first.actor];
        }
        match mode {
            "rules" => out.extend(reading.rule_findings.iter().cloned()),
            "tree" => out.extend(found),
            "fill" => {
                if found.is_empty() {
                    out.extend(reading.rule_findings.iter().cloned());
                } else {
                    out.extend(found);
                }
            }
            _ => {
                // The word-order reader fills in issues the tree reader left unread in
                // this sentence (where both read an issue, the tree wins) and adds its
                // relations.
                let read: Vec<stance::Target> = found
                    .iter()
                    .filter(|f| matches!(f.target, stance::Target::Issue(_)))
                    .map(|f| f.target.clone())
                    .collect();
                out.extend(found);
                out.extend(
                    reading
                        .rule_findings
                        .iter()
                        .filter(|f| !read.contains(&f.target))
                        .cloned(),
                );
            }
        }
    }
    out
}

/// Quotations of `text` as byte spans from the opening to the closing quote mark. Curly
/// quotes pair up; straight quotes alternate; a line break closes an open quotation.
fn quotations(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    for (at, c) in text.char_indices() {
        match c {
            '\u{201c}' if open.is_none() => open = Some(at),
            '\u{201d}' => {
                if let Some(start) = open.take() {
                    spans.push((start, at + c.len_utf8()));
                }
            }
            '"' => match open.take() {
                Some(start) => spans.push((start, at + 1)),
                None => open = Some(at),
            },
            '\n' => open = None,
            _ => {}
        }
    }
    spans
}

/// The speaker of each quotation: an actor subject of a reporting verb outside the
/// quotation, in the sentence where it closes ("…,” X said) or else where it opens
/// (X said: “…).
fn quote_speakers(
    text: &str,
    quotes: &[(usize, usize)],
    sentences: &[SentenceReading],
    parses: &[Option<crate::syntax::Parse>],
) -> Vec<Vec<usize>> {
    let _ = text;
    quotes
        .iter()
        .map(|&(qs, qe)| {
            let in_sentence =
                |at: usize| sentences.iter().position(|s| s.start <= at && at <= s.end);
            let mut candidates = Vec::new();
            candidates.extend(in_sentence(qe.saturating_sub(1)));
            candidates.extend(in_sentence(qs));
            for index in candidates {
                let (Some(reading), Some(Some(parse))) = (sentences.get(index), parses.get(index))
                else {
                    continue;
                };
                let tree = reading.tree(text, parse, Vec::new(), &[], None);
                if let Some(speaker) = tree::speech_speaker(&tree, |at| at < qs || at >= qe) {
                    return speaker;
                }
            }
            Vec::new()
        })
        .collect()
}

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
            .push(Vote {
                stance: finding.stance,
                confidence: finding.confidence,
                span: finding.sentence,
                explanation: finding.explanation,
            });
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

/// One claim from the findings of several sentences. Nothing is dropped by a vote:
/// every sentence's evidence is kept with the stance it expresses, and the claim's
/// stance is the latest one in article order (DNA keeps every statement the same way;
/// Leifeld 2017, "Discourse Network Analysis"). A claim whose evidence disagrees is
/// mixed ([`Claim::is_mixed`]) and its confidence is lowered.
fn claim_of(text: &str, source: &SourceId, votes: &Votes) -> Option<Claim> {
    let mut ordered: Vec<&Vote> = votes.iter().collect();
    ordered.sort_by_key(|vote| vote.span);
    let latest = ordered.last()?;
    let stance = latest.stance;
    let mut claim = Claim::new(stance, Origin::Extracted);
    let agreeing = ordered.iter().filter(|v| v.stance == stance).count();
    let best = ordered
        .iter()
        .filter(|v| v.stance == stance)
        .map(|v| v.confidence)
        .fold(0.0_f32, f32::max);
    let mixed = ordered.iter().any(|v| v.stance != stance);
    let dissent = if mixed { 0.8 } else { 1.0 };
    claim.confidence = (best + 0.05 * (agreeing as f32 - 1.0)).min(0.95) * dissent;
    let mut seen = std::collections::HashSet::new();
    for vote in ordered {
        let (start, end) = vote.span;
        if !seen.insert((start, end, vote.stance)) {
            continue;
        }
        let mut evidence = Evidence::new(
            source.clone(),
            start,
            end,
            text.get(start..end).unwrap_or_default(),
        );
        evidence.stance = Some(vote.stance);
        evidence.explanation.clone_from(&vote.explanation);
        claim.evidence.push(evidence);
    }
    Some(claim)
}
