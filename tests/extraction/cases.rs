//! Small data-driven cases for cues, negation, passive voice, quotes, attribution,
//! aliasing and relations.

use super::{positions, relations};

/// Extracts from `body` under a headline (the first line is never a finding).
fn run(body: &str) -> stancemap::extract::Extraction {
    super::run(&format!("Headline\n{body}"))
}

/// Each case: text, expected "Actor stance issue-fragment" positions, expected
/// "Source polarity Target" relations, and "Actor" ids that must hold no stance.
struct Case {
    text: &'static str,
    positions: &'static [&'static str],
    relations: &'static [&'static str],
    absent: &'static [&'static str],
}

const CASES: &[Case] = &[
    // applying to join, and "opposition to"
    Case {
        text: "Ukraine applied to join NATO. Hungary voiced opposition to the ceasefire. Sweden and Finland submitted requests to join the alliance.",
        positions: &[
            "Ukraine support nato_membership",
            "Hungary oppose ceasefire",
            "Sweden support nato_membership",
        ],
        relations: &[],
        absent: &[],
    },
    // condemning an act opposes its doer ("by X")
    Case {
        text: "Germany condemned the strikes carried out by Russia.",
        positions: &["Germany oppose military_strikes"],
        relations: &["Germany oppose Russia"],
        absent: &[],
    },
    // condemning an act opposes its doer (possessive)
    Case {
        text: "Canada denounced Russia's attack.",
        positions: &[],
        relations: &["Canada oppose Russia"],
        absent: &[],
    },
    // sanctions imposed on an actor
    Case {
        text: "Italy imposed sanctions on Russia.",
        positions: &[],
        relations: &["Italy oppose Russia"],
        absent: &[],
    },
    // support/solidarity phrases towards an actor
    Case {
        text: "Norway rallied in support of Ukraine. Japan stood in solidarity with Ukraine.",
        positions: &[],
        relations: &["Norway support Ukraine", "Japan support Ukraine"],
        absent: &[],
    },
    // proposal, then negated acceptance of "the plan" resolved back to it
    Case {
        text: "Washington put forward a peace plan on Monday. Kyiv will not accept the plan.",
        positions: &["US support peace_deal", "Ukraine oppose peace_deal"],
        relations: &[],
        absent: &[],
    },
    // passive voice with an agent
    Case {
        text: "The ceasefire was rejected by Moscow on Sunday.",
        positions: &["Russia oppose ceasefire"],
        relations: &[],
        absent: &[],
    },
    // direct quote attributed to the speaker after the quote
    Case {
        text: "\u{201c}We will never recognise the annexation,\u{201d} said Ukrainian Foreign Minister Andrii Sybiha.",
        positions: &["Ukraine oppose recognition"],
        relations: &[],
        absent: &[],
    },
    // the object of a preposition is not a holder; issue specialised by its target;
    // sanctioning an actor is a relation (corpus conventions); a weekday is no actor
    Case {
        text: "The European Union imposed new sanctions on Russia on Friday.",
        positions: &["EU support sanctions_russia"],
        relations: &["EU oppose Russia"],
        absent: &["Saint_Vincent_and_the_Grenadines"],
    },
    // negation of a support verb, and a possessive intent ("Sweden's bid to join NATO")
    Case {
        text: "Turkey does not support Sweden's bid to join NATO.",
        positions: &[
            "Turkey oppose nato_membership",
            "Sweden support nato_membership",
        ],
        relations: &[],
        absent: &[],
    },
    // a person attached by pattern, later named by surname alone
    Case {
        text: "Ukrainian Deputy Prime Minister Yulia Svyrydenko arrived in Paris. Svyrydenko rejected the ceasefire.",
        positions: &["Ukraine oppose ceasefire"],
        relations: &[],
        absent: &[],
    },
    // "met with resistance from" X and Y: both oppose the proposal before the cue
    Case {
        text: "Brussels unveiled the migration plan. The plan met with resistance from Poland and Hungary.",
        positions: &[
            "EU support migration_plan",
            "Poland oppose migration_plan",
            "Hungary oppose migration_plan",
        ],
        relations: &[],
        absent: &[],
    },
    // relations: condemn, praise, accuse, strike
    Case {
        text: "France condemned Russia over the attack. Japan praised South Korea. China accused the United States of escalating tensions. Israel struck Iran on Friday.",
        positions: &[],
        relations: &[
            "France oppose Russia",
            "Japan support South_Korea",
            "China oppose US",
            "Israel oppose Iran",
        ],
        absent: &[],
    },
    // "refused to back" is opposition; urge + complement verb composes
    Case {
        text: "India refused to back the climate finance deal. Brazil urged Argentina to reject the trade deal.",
        positions: &["India oppose climate", "Brazil oppose trade_deal"],
        relations: &[],
        absent: &["Argentina"],
    },
    // phrasal verbs containing a cue word are not cues
    Case {
        text: "Serbia must back down, the envoy said. Kosovo will back off too.",
        positions: &[],
        relations: &[],
        absent: &["Serbia", "Kosovo"],
    },
    // a noun that is not a verb: "world order" is no order
    Case {
        text: "Denmark spoke about the world order and sovereignty.",
        positions: &[],
        relations: &[],
        absent: &["Denmark"],
    },
];

#[test]
fn cue_cases() {
    let mut problems = Vec::new();
    for case in CASES {
        let extraction = run(case.text);
        let found = positions(&extraction);
        for want in case.positions {
            let mut parts = want.splitn(3, ' ');
            let (actor, stance, fragment) = (
                parts.next().unwrap(),
                parts.next().unwrap(),
                parts.next().unwrap(),
            );
            let hit = found.iter().any(|p| {
                let mut got = p.splitn(3, ' ');
                got.next() == Some(actor)
                    && got.next() == Some(stance)
                    && got.next().is_some_and(|i| i.contains(fragment))
            });
            if !hit {
                problems.push(format!("{:?}: missing {want} in {found:?}", case.text));
            }
        }
        let found_relations = relations(&extraction);
        for want in case.relations {
            if !found_relations.iter().any(|r| r == want) {
                problems.push(format!(
                    "{:?}: missing relation {want} in {found_relations:?}",
                    case.text
                ));
            }
        }
        for actor in case.absent {
            if extraction.actors.iter().any(|a| a.id.as_str() == *actor) {
                problems.push(format!(
                    "{:?}: {actor} holds a stance: {found:?} {found_relations:?}",
                    case.text
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn hedged_stance_has_lower_confidence() {
    let sure = run("Brazil backed the ceasefire.");
    let hedged = run("Brazil could possibly back the ceasefire.");
    let confidence =
        |e: &stancemap::extract::Extraction| e.positions.first().map(|p| p.claim.confidence);
    assert!(confidence(&sure).unwrap() > confidence(&hedged).unwrap());
}

#[test]
fn actors_carry_the_surface_forms_seen() {
    let extraction =
        run("Ukrainian President Volodymyr Zelenskyy rejected the ceasefire. Kyiv said so twice.");
    let ukraine = extraction
        .actors
        .iter()
        .find(|a| a.id.as_str() == "Ukraine")
        .unwrap();
    assert!(
        ukraine.aliases.iter().any(|a| a == "Volodymyr Zelenskyy"),
        "{:?}",
        ukraine.aliases
    );
    assert!(ukraine.aliases.iter().any(|a| a == "Kyiv"));
}

#[test]
fn bad_input_gives_diagnostics_not_panics() {
    assert!(!super::run("").diagnostics.is_empty());
    let binary: String = (0u8..200).map(|b| char::from(b % 32)).collect();
    let extraction = super::run(&binary);
    assert!(extraction.positions.is_empty());
    assert!(!extraction.diagnostics.is_empty());
    let huge = "Kyiv rejected the ceasefire. ".repeat(300_000);
    let extraction = run(&huge);
    assert!(extraction.diagnostics.iter().any(|d| d.contains("larger")));
}

#[test]
fn user_lexicon_adds_actors_and_aliases_and_reports_errors() {
    use stancemap::article::{Article, ArticleFormat};
    use stancemap::extract::{Lexicon, extract};
    use stancemap::stance_map::SourceId;
    let lexicon = Lexicon::bundled()
        .with_user_ron(
            r#"(actors: [(id: "Atlantis", name: "Atlantis", kind: State, aliases: ["Atlantis"], demonyms: ["Atlantean"], metonyms: ["Poseidonia"], people: [])],
                aliases: [("Zelenskiy", "Ukraine")])"#,
        )
        .unwrap();
    let article = Article::parse(
        "Poseidonia rejected the ceasefire. Zelenskiy backed the ceasefire.".as_bytes(),
        ArticleFormat::Text,
    );
    let extraction = extract(&article, &SourceId::new("s1"), &lexicon);
    let found = positions(&extraction);
    assert!(
        found.contains(&"Atlantis oppose ceasefire".to_owned()),
        "{found:?}"
    );
    assert!(
        found.contains(&"Ukraine support ceasefire".to_owned()),
        "{found:?}"
    );
    let error = Lexicon::bundled()
        .with_user_ron("(actors: [(id: 3)])")
        .unwrap_err();
    assert_eq!(error.line, 1);
    assert!(error.column > 1);
}

#[test]
fn debug_print() {
    let text = match std::env::var("STANCEMAP_DEBUG_FILE") {
        Ok(path) => std::fs::read_to_string(path).unwrap(),
        Err(_) => match std::env::var("STANCEMAP_DEBUG_TEXT") {
            Ok(text) => text,
            Err(_) => return,
        },
    };
    let started = std::time::Instant::now();
    let extraction = super::run(&text);
    println!("elapsed {:?}", started.elapsed());
    if text.len() > 100_000 {
        return;
    }
    println!(
        "{:#?}\n{:#?}\n{:#?}",
        positions(&extraction),
        relations(&extraction),
        extraction.issues
    );
}

/// Prints the scored error list for a gold folder (set both variables to run).
#[test]
fn debug_eval() {
    let (Ok(gold), Ok(articles)) = (
        std::env::var("STANCEMAP_DEBUG_GOLD"),
        std::env::var("STANCEMAP_DEBUG_ARTICLES"),
    ) else {
        return;
    };
    let report = stancemap::eval::evaluate_dirs_verbose(
        std::path::Path::new(&gold),
        std::path::Path::new(&articles),
        &stancemap::extract::Lexicon::bundled(),
    )
    .unwrap();
    println!("{report}");
}

#[test]
fn a_supportive_reporting_verb_defers_to_its_that_clause() {
    let extraction = super::run(
        "Talks stall\nThe minister spoke on Monday, reiterating that Kyiv will not recognize any Russian claim over occupied territory.",
    );
    let found = positions(&extraction);
    assert!(
        found
            .iter()
            .any(|p| p.starts_with("Ukraine oppose recognition")),
        "{found:#?}"
    );
    assert!(
        !found
            .iter()
            .any(|p| p.starts_with("Ukraine support recognition")),
        "{found:#?}"
    );
}
