//! `stancemap gen-cues`: PETRARCH2's CAMEO verb dictionary plus the CAMEO→PLOVER
//! table in, stancemap's relation cue table (RON) out. Pure: the CLI reads the files.
//!
//! The verb dictionary (`dictionaries.rst` of PETRARCH2) has synsets (`&NAME` then
//! `+WORD` lines), verb blocks (`--- NAME [code] ---`), verb lines (`WORD {forms}
//! [code]`, `+ASK_FOR`, `WIRE_+TAP`) and patterns (`- PRE * POST [code] # VERB`). A
//! code `[a:b]` codes `a` from subject to object; `[:b]` codes `b` the other way.
//! Patterns with words before `*` constrain the subject and are left out.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{CueTableFile, PhraseCue, Polarity, TargetSlot, VerbCue, plover_polarity};

/// A generated table, its RON text and what was left out.
#[derive(Clone, Debug, PartialEq)]
pub struct Generated {
    pub table: CueTableFile,
    /// The file to commit: header comment, then one entry per line, sorted.
    pub ron: String,
    /// Counts of what was skipped and why, for the user.
    pub notes: Vec<String>,
}

/// Parses the CAMEO→PLOVER table: `030: AGREE, mode, context # text` lines; a code's
/// first line wins (the two-digit `08` heads both CONCEDE and RETREAT).
pub fn parse_plover_table(text: &str) -> HashMap<String, String> {
    let mut table = HashMap::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or_default().trim();
        let Some((code, rest)) = line.split_once(':') else {
            continue;
        };
        let code = code.trim();
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let event = rest.split(',').next().unwrap_or_default().trim();
        if !event.is_empty() {
            table
                .entry(code.to_owned())
                .or_insert_with(|| event.to_uppercase());
        }
    }
    table
}

/// The PLOVER event of a CAMEO code, trying the code then its shorter parents
/// ("0874" → "087" → "08").
fn event_of(code: &str, table: &HashMap<String, String>) -> Option<String> {
    let mut code = code;
    while code.len() >= 2 {
        if let Some(event) = table.get(code) {
            return Some(event.clone());
        }
        code = code.get(..code.len() - 1)?;
    }
    None
}

/// A bracketed code: `None` for `---`; the primary code and whether it is reversed.
fn parse_code(raw: &str) -> Option<(String, bool)> {
    let raw = raw.trim();
    let (code, reverse) = match raw.split_once(':') {
        Some((left, right)) if left.trim().is_empty() || left.contains('-') => (right.trim(), true),
        Some((left, _)) => (left.trim(), false),
        None => (raw, false),
    };
    if code.is_empty() || !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((code.to_owned(), reverse))
}

/// The last `[...]` of a line (outside its comment).
fn code_of_line(line: &str) -> Option<&str> {
    let open = line.rfind('[')?;
    let close = line.get(open..)?.find(']')? + open;
    line.get(open + 1..close)
}

/// A dictionary word or phrase as stancemap writes it: `+CRACK_DOWN` → "crack down".
fn plain(word: &str) -> String {
    word.replace('+', "")
        .replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

struct Block {
    name: String,
    code: Option<(String, bool)>,
}

/// Builds the relation cue table from the two source texts.
pub fn generate(cameo_text: &str, plover_text: &str) -> Generated {
    let plover = parse_plover_table(plover_text);
    let prepositions = prepositions_of(cameo_text);
    let classify = |code: &Option<(String, bool)>| -> (Option<String>, Option<Polarity>, bool) {
        match code {
            Some((code, reverse)) => {
                let event = event_of(code, &plover);
                let polarity = event.as_deref().and_then(plover_polarity);
                (event, polarity, *reverse)
            }
            None => (None, None, false),
        }
    };
    let mut synsets: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut verbs: BTreeSet<VerbCue> = BTreeSet::new();
    let mut phrases: BTreeSet<PhraseCue> = BTreeSet::new();
    let mut synset: Option<String> = None;
    let mut block: Option<Block> = None;
    let mut block_has_event = false;
    let mut pending: Vec<PhraseCue> = Vec::new();
    let (mut subject_patterns, mut silent_patterns, mut transformations) = (0, 0, 0);
    let mut flush = |pending: &mut Vec<PhraseCue>, block_has_event: bool, silent: &mut usize| {
        for phrase in pending.drain(..) {
            // A pattern without an event matters only as a veto of its block's event.
            if phrase.polarity.is_some() || (phrase.cameo.is_none() && block_has_event) {
                phrases.insert(phrase);
            } else {
                *silent += 1;
            }
        }
    };
    for raw in cameo_text.lines() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with("---") {
            flush(&mut pending, block_has_event, &mut silent_patterns);
            synset = None;
            let name = line.trim_matches(|c| c == '-' || c == ' ');
            let name = name.split('[').next().unwrap_or_default().trim();
            let code = code_of_line(line).and_then(parse_code);
            block_has_event = classify(&code).1.is_some();
            block = Some(Block {
                name: name.to_uppercase(),
                code,
            });
            continue;
        }
        if let Some(label) = line.strip_prefix('&') {
            let label = label.split_whitespace().next().unwrap_or_default();
            synset = Some(label.trim_end_matches('_').to_uppercase());
            continue;
        }
        if line.starts_with('~') {
            transformations += 1;
            continue;
        }
        let body = line.split('#').next().unwrap_or_default();
        if let (Some(label), Some(member)) = (&synset, body.strip_prefix('+')) {
            let member = plain(member.trim().trim_end_matches('_'));
            if !member.is_empty() {
                synsets.entry(label.clone()).or_default().insert(member);
            }
            continue;
        }
        let Some(current) = &block else {
            continue;
        };
        if let Some(pattern) = body.strip_prefix('-') {
            let Some((pre, post)) = pattern.split_once('*') else {
                continue;
            };
            if !pre.trim().is_empty() {
                subject_patterns += 1;
                continue;
            }
            let verb = line
                .split_once('#')
                .map(|(_, comment)| plain(comment.split_whitespace().next().unwrap_or_default()))
                .filter(|verb| !verb.is_empty())
                .unwrap_or_else(|| current.name.to_lowercase());
            let code = code_of_line(body).and_then(parse_code);
            let post = post.split('[').next().unwrap_or_default();
            let Some(phrase) = parse_post(post, &prepositions) else {
                continue;
            };
            let (event, polarity, reverse) = classify(&code);
            pending.push(PhraseCue {
                block: current.name.clone(),
                verb,
                object: phrase.object,
                prep: phrase.prep,
                prep_object: phrase.prep_object,
                cameo: code.map(|(code, _)| code),
                plover: event,
                polarity,
                target: phrase.target,
                reverse,
            });
            continue;
        }
        // A verb line: the verb, its irregular forms in braces, maybe its own code.
        let without_forms = match (body.find('{'), body.find('}')) {
            (Some(open), Some(close)) if close > open => {
                format!(
                    "{}{}",
                    body.get(..open).unwrap_or_default(),
                    body.get(close + 1..).unwrap_or_default()
                )
            }
            _ => body.to_owned(),
        };
        let Some(word) = without_forms.split_whitespace().next() else {
            continue;
        };
        let lemma = plain(word);
        if lemma.is_empty() {
            continue;
        }
        let code = code_of_line(&without_forms)
            .and_then(parse_code)
            .or_else(|| current.code.clone());
        let (event, polarity, reverse) = classify(&code);
        verbs.insert(VerbCue {
            lemma,
            block: current.name.clone(),
            cameo: code.map(|(code, _)| code),
            plover: event,
            polarity,
            target: TargetSlot::Object,
            reverse,
        });
    }
    flush(&mut pending, block_has_event, &mut silent_patterns);
    // Only synsets a phrase names are kept (the auxiliary-verb sets are not).
    let used: BTreeSet<String> = phrases
        .iter()
        .flat_map(|p| [&p.object, &p.prep_object])
        .flatten()
        .flat_map(|phrase| phrase.split(' '))
        .filter_map(|word| word.strip_prefix('&'))
        .map(str::to_uppercase)
        .collect();
    let table = CueTableFile {
        synsets: synsets
            .into_iter()
            .filter(|(name, _)| used.contains(name))
            .map(|(name, members)| (name, members.into_iter().collect()))
            .collect(),
        verbs: verbs.into_iter().collect(),
        phrases: phrases.into_iter().collect(),
    };
    let notes = vec![
        format!(
            "{} verbs, {} phrases, {} synsets written",
            table.verbs.len(),
            table.phrases.len(),
            table.synsets.len()
        ),
        format!(
            "{subject_patterns} patterns left out: they constrain the subject (words before *)"
        ),
        format!("{silent_patterns} patterns left out: no PLOVER event and nothing to veto"),
        format!("{transformations} verb-verb transformations left out"),
    ];
    let ron = to_ron(&table);
    Generated { table, ron, notes }
}

struct Post {
    object: Option<String>,
    prep: Option<String>,
    prep_object: Option<String>,
    target: TargetSlot,
}

/// The dictionary's own prepositions: every first word inside a pattern's parentheses.
fn prepositions_of(cameo_text: &str) -> BTreeSet<String> {
    let mut prepositions = BTreeSet::new();
    for line in cameo_text
        .lines()
        .filter(|line| line.trim_start().starts_with('-'))
    {
        let body = line.split('#').next().unwrap_or_default();
        for group in body.split('(').skip(1) {
            if let Some(word) = group.split(|c: char| c.is_whitespace() || c == ')').next()
                && word.chars().all(|c| c.is_ascii_alphabetic())
                && !word.is_empty()
            {
                prepositions.insert(word.to_lowercase());
            }
        }
    }
    prepositions
}

/// Reads the part of a pattern after `*`: bare words and `{BRACED PHRASES}` form the
/// object, the first `(PREP NOUN)` the prepositional phrase; `$ ^ % +` markers are
/// dropped. `None` for an empty pattern.
fn parse_post(post: &str, prepositions: &BTreeSet<String>) -> Option<Post> {
    let mut object: Vec<String> = Vec::new();
    let mut prep: Option<String> = None;
    let mut prep_object: Vec<String> = Vec::new();
    let mut in_parens = false;
    let mut seen_parens = false;
    let mut first_in_parens = false;
    let cleaned = post
        .replace(['{', '}'], " ")
        .replace('(', " ( ")
        .replace(')', " ) ");
    for token in cleaned.split_whitespace() {
        match token {
            "(" => {
                in_parens = true;
                first_in_parens = !seen_parens;
                continue;
            }
            ")" => {
                in_parens = false;
                seen_parens = true;
                continue;
            }
            "$" | "^" | "%" | "+" => continue,
            _ => {}
        }
        let word = if token.starts_with('&') {
            token.trim_end_matches('_').to_lowercase()
        } else {
            plain(token)
        };
        if word.is_empty() {
            continue;
        }
        if in_parens {
            if !first_in_parens {
                continue;
            }
            if prep.is_none() {
                prep = Some(word);
            } else {
                prep_object.push(word);
            }
        } else if !seen_parens {
            object.push(word);
        }
    }
    // "SANCTIONS AGAINST": a preposition written without parentheses.
    if prep.is_none()
        && object.len() > 1
        && let Some(last) = object.last()
        && prepositions.contains(last)
    {
        prep = object.pop();
    }
    if object.is_empty() && prep.is_none() {
        return None;
    }
    let object = (!object.is_empty()).then(|| object.join(" "));
    let prep_object = (!prep_object.is_empty()).then(|| prep_object.join(" "));
    // "impose sanctions (on X)", "rush (to X)": the target follows a preposition;
    // "ask (X) for help": the prepositional phrase is content, the target the object.
    let target = if object.is_some() || prep_object.is_none() {
        TargetSlot::Oblique
    } else {
        TargetSlot::Object
    };
    Some(Post {
        object,
        prep,
        prep_object,
        target,
    })
}

/// The RON text: a header naming sources and licences, then sorted entries one a line.
fn to_ron(table: &CueTableFile) -> String {
    let mut out = String::new();
    out.push_str("#![enable(implicit_some)]\n");
    out.push_str(
        "// stancemap relation cues: actor → actor events, generated by\n\
         //   stancemap gen-cues --cameo ../shared/data/petrarch2-dictionaries/CAMEO.2.0.txt \\\n\
         //     --plover ../shared/data/plover/CAMEO2PLOVER-2021.txt -o assets/lexicon/relation_cues.ron\n\
         // Do not edit by hand; regenerate.\n\
         //\n\
         // Sources:\n\
         // - CAMEO.2.0.txt, the verb dictionary of PETRARCH2 (openeventdata/petrarch2 @ 676801c),\n\
         //   Copyright (c) 2015 Open Event Data Alliance, MIT License.\n\
         // - CAMEO2PLOVER-2021.txt of PLOVER (openeventdata/PLOVER @ 5e0c24f), Open Event Data\n\
         //   Alliance, CC BY-SA 4.0; this derived table is shared under CC BY-SA 4.0 as well.\n\
         // Polarity folds the PLOVER event as assets/lexicon/plover_polarity.ron says.\n\
         // verbs: one per (lemma, block), with the verb's own code or its block's;\n\
         // phrases: dictionary patterns (object / preposition) of a block, which apply to\n\
         // every verb of the block and win over the verb's code; an entry without an event\n\
         // vetoes its block's event (\"impose taxes\").\n",
    );
    out.push_str("(\n    synsets: {\n");
    for (name, members) in &table.synsets {
        let members: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
        out.push_str(&format!("        {name:?}: [{}],\n", members.join(", ")));
    }
    out.push_str("    },\n    verbs: [\n");
    for verb in &table.verbs {
        out.push_str(&format!(
            "        {},\n",
            super::ron_options().to_string(verb).unwrap_or_default()
        ));
    }
    out.push_str("    ],\n    phrases: [\n");
    for phrase in &table.phrases {
        out.push_str(&format!(
            "        {},\n",
            super::ron_options().to_string(phrase).unwrap_or_default()
        ));
    }
    out.push_str("    ],\n)\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CAMEO: &str = "\
&CURRENCY
+MONEY
+CASH_

####### VERB PATTERNS #######
---  IMPOSE   [170]  ---
IMPOSE
LEVY {LEVYING LEVIED LEVIES }
- * TAXES                                             [---]         # IMPOSE
- * SANCTIONS                                         [163]         # IMPOSE
- &MILITARY * CURFEW                                  [1723]        # IMPOSE

---  ASK   [---]  ---
+ASK_FOR {+ASKED_FOR +ASKING_FOR +ASKS_FOR} [020]
REQUEST  [103]
- * (FOR &CURRENCY)                                   [1031]        # ASK
- * (BEFORE COURT)                                    [:173]        # APPEAR
~ a (a b ATTACK) SAY = a b 015
";
    const PLOVER: &str = "\
# CAMEO to PLOVER
10: REQUEST
103: REQUEST, assist, economic # Demand material aid
17: COERCE
170: COERCE, ,  # Coerce
16: SANCTION
163: SANCTION, embargo, economic # Impose embargo
";

    #[test]
    fn generates_verbs_phrases_and_vetoes() {
        let generated = generate(CAMEO, PLOVER);
        let table = &generated.table;
        let lemmas: Vec<&str> = table.verbs.iter().map(|v| v.lemma.as_str()).collect();
        assert_eq!(lemmas, vec!["ask for", "impose", "levy", "request"]);
        let impose = table.verbs.iter().find(|v| v.lemma == "impose");
        assert_eq!(
            impose.and_then(|v| v.plover.clone()).as_deref(),
            Some("COERCE")
        );
        let sanctions = table
            .phrases
            .iter()
            .find(|p| p.object.as_deref() == Some("sanctions"));
        assert_eq!(
            sanctions.map(|p| (p.polarity, p.target)),
            Some((Some(Polarity::Oppose), TargetSlot::Oblique))
        );
        // The null pattern is kept: it vetoes IMPOSE's COERCE.
        assert!(
            table
                .phrases
                .iter()
                .any(|p| p.object.as_deref() == Some("taxes") && p.cameo.is_none())
        );
        // The subject-constrained pattern is left out.
        assert!(
            !table
                .phrases
                .iter()
                .any(|p| p.object.as_deref() == Some("curfew"))
        );
        let money = table
            .phrases
            .iter()
            .find(|p| p.prep_object.as_deref() == Some("&currency"));
        assert_eq!(
            money.map(|p| (p.prep.as_deref(), p.target)),
            Some((Some("for"), TargetSlot::Object))
        );
        let court = table
            .phrases
            .iter()
            .find(|p| p.prep_object.as_deref() == Some("court"));
        assert_eq!(court.map(|p| p.reverse), Some(true));
        assert_eq!(
            table.synsets.get("CURRENCY"),
            Some(&vec!["cash".to_owned(), "money".to_owned()])
        );
        let reparsed = super::super::CueTable::from_ron(&generated.ron);
        assert_eq!(reparsed.map(|t| t.file().clone()), Ok(table.clone()));
    }

    #[test]
    fn generated_table_answers_lookups() {
        let generated = generate(CAMEO, PLOVER);
        let table = super::super::CueTable::from_file(generated.table);
        let found = table.lookup("levy", Some("on"), Some("sanction"));
        assert_eq!(found.map(|c| c.cameo), Some("163".to_owned()));
        assert_eq!(table.lookup("impose", None, Some("tax")), None);
        assert_eq!(
            table.lookup("impose", None, None).map(|c| c.plover),
            Some("COERCE".to_owned())
        );
        let cash = table.lookup("request", Some("for"), Some("money"));
        assert_eq!(cash.map(|c| c.cameo), Some("1031".to_owned()));
        assert_eq!(
            table.lookup("ask", Some("for"), None).map(|c| c.cameo),
            None,
            "020 is dropped by PLOVER"
        );
    }

    #[test]
    fn codes_parse() {
        assert_eq!(parse_code("042:043"), Some(("042".to_owned(), false)));
        assert_eq!(parse_code(":173"), Some(("173".to_owned(), true)));
        assert_eq!(parse_code("---"), None);
        let table = parse_plover_table(PLOVER);
        assert_eq!(event_of("1634", &table).as_deref(), Some("SANCTION"));
        assert_eq!(event_of("0", &table), None);
    }
}
