//! The CAMEO/PLOVER relation cue table (`gen-cues`), the PLOVER evaluation
//! (`eval-plover`) and actor discovery by form (issue 8, items 2 and 3).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Output;

use stancemap::article::{Article, ArticleFormat};
use stancemap::eval::plover::{
    Outcome, PloverRecord, evaluate_records, parse_records, score_record,
};
use stancemap::extract::cameo::{CueTable, Polarity, TargetSlot, plover_polarity};
use stancemap::extract::discover::{
    DatedRole, DiscoveredActor, DiscoveredKind, RoleDate, ambiguous_place_is_subnational,
    discover_actors, licensed_surnames, parse_petrarch_restriction, role_at,
};
use stancemap::extract::{Extraction, Lexicon};
use stancemap::stance_map::{Claim, Origin, Relation, Stance};

fn stancemap(args: &[&str]) -> Output {
    let config = tempfile::tempdir().unwrap();
    std::process::Command::new(env!("CARGO_BIN_EXE_stancemap"))
        .args(args)
        .env("STANCEMAP_CONFIG_DIR", config.path())
        .output()
        .unwrap()
}

/// `STANCEMAP_SHARED_DATA`, else `../shared/data` next to the crate; `None` (with a
/// printed note) when absent.
fn shared_data() -> Option<PathBuf> {
    let path = match std::env::var_os("STANCEMAP_SHARED_DATA") {
        Some(path) => PathBuf::from(path),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"),
    };
    if path.join("plover/PLOVER_GSR_CAMEO.json").is_file() {
        Some(path)
    } else {
        println!(
            "note: {} is absent; skipping the shared-data check",
            path.display()
        );
        None
    }
}

fn record(event: &str, text: &str, sources: &[&str], targets: &[&str]) -> PloverRecord {
    PloverRecord {
        id: format!("T-{event}"),
        event: event.to_owned(),
        text: text.to_owned(),
        sources: sources.iter().map(|s| (*s).to_owned()).collect(),
        targets: targets.iter().map(|s| (*s).to_owned()).collect(),
    }
}

fn relation(source: &str, target: &str, stance: Stance) -> Extraction {
    Extraction {
        relations: vec![Relation::new(
            source,
            target,
            Claim::new(stance, Origin::Extracted),
        )],
        ..Extraction::default()
    }
}

#[test]
fn plover_events_fold_to_polarity() {
    for event in [
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
    ] {
        assert_eq!(plover_polarity(event), Some(Polarity::Support), "{event}");
    }
    for event in [
        "REJECT",
        "DISAPPROVE",
        "DEMAND",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
        "FIGHT",
        "INVESTIGATE",
    ] {
        assert_eq!(plover_polarity(event), Some(Polarity::Oppose), "{event}");
    }
    assert_eq!(plover_polarity("DOCUMENT"), None);
}

#[test]
fn hand_made_records_score_coverage_and_sign() {
    let lexicon = Lexicon::bundled();
    // Right sign, matched through a demonym and an alias.
    let aid = record("AID", "", &["Japanese"], &["Nepal"]);
    let scored = score_record(&aid, &relation("Japan", "Nepal", Stance::Support), &lexicon);
    assert_eq!(scored.outcome, Outcome::Found { sign_ok: true });
    // Wrong sign, found in the reverse direction.
    let sanction = record("SANCTION", "", &["United States"], &["Iran"]);
    let scored = score_record(
        &sanction,
        &relation("Iran", "US", Stance::Support),
        &lexicon,
    );
    assert_eq!(scored.outcome, Outcome::Found { sign_ok: false });
    // An unrelated relation is a miss; a record without a target is not scored.
    let scored = score_record(
        &sanction,
        &relation("France", "Iran", Stance::Oppose),
        &lexicon,
    );
    assert!(matches!(scored.outcome, Outcome::Missed { .. }));
    let lonely = record("AGREE", "", &["Jordan"], &[]);
    let scored = score_record(&lonely, &Extraction::default(), &lexicon);
    assert_eq!(scored.outcome, Outcome::NoPair);
    // Lenient matching finds a name inside the actorText.
    let pm = record("REJECT", "", &["Montenegro's prime minister"], &["Serbia"]);
    let scored = score_record(
        &pm,
        &relation("Montenegro", "Serbia", Stance::Oppose),
        &lexicon,
    );
    assert_eq!(
        scored.outcome,
        Outcome::Missed {
            lenient: Some(true)
        }
    );
}

#[test]
fn evaluation_runs_the_extractor_on_each_sentence() {
    let json = r#"[
        {"id": "D", "event": "DOCUMENT"},
        {"id": "R1", "event": "REJECT", "text": "Ukraine rejected Russia's demands on Tuesday.",
         "source": [{"actorText": "Ukraine"}], "target": [{"actorText": "Russia"}]}
    ]"#;
    let records = parse_records(json).unwrap();
    assert_eq!(records.len(), 1);
    let report = evaluate_records(&records, &Lexicon::bundled(), true);
    let total = report.total();
    assert_eq!((total.records, total.scoreable), (1, 1));
    let table = report.to_string();
    assert!(table.contains("REJECT"), "{table}");
    assert!(table.lines().any(|line| line.starts_with("all")), "{table}");
}

#[test]
fn eval_plover_skips_an_absent_file_with_a_note() {
    let output = stancemap(&["eval-plover", "/nonexistent/PLOVER_GSR_CAMEO.json"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no PLOVER gold file"), "{stderr}");
    assert!(
        stderr.contains("/nonexistent/PLOVER_GSR_CAMEO.json"),
        "{stderr}"
    );
}

#[test]
fn eval_plover_on_the_shared_gold_records() {
    let Some(data) = shared_data() else {
        return;
    };
    let file = data.join("plover/PLOVER_GSR_CAMEO.json");
    let output = stancemap(&["eval-plover", file.to_str().unwrap(), "--no-user-lexicon"]);
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let all = stdout
        .lines()
        .find(|line| line.starts_with("all"))
        .unwrap_or_default();
    // 322 records, the DOCUMENT record skipped.
    assert_eq!(all.split_whitespace().nth(1), Some("322"), "{stdout}");
}

#[test]
fn gen_cues_reproduces_the_committed_table() {
    let Some(data) = shared_data() else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("relation_cues.ron");
    let output = stancemap(&[
        "gen-cues",
        "--cameo",
        data.join("petrarch2-dictionaries/CAMEO.2.0.txt")
            .to_str()
            .unwrap(),
        "--plover",
        data.join("plover/CAMEO2PLOVER-2021.txt").to_str().unwrap(),
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let generated = std::fs::read_to_string(&target).unwrap();
    let committed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/lexicon/relation_cues.ron"),
    )
    .unwrap();
    assert!(
        generated == committed,
        "assets/lexicon/relation_cues.ron is stale: run gen-cues"
    );
}

#[test]
fn gen_cues_names_a_missing_dictionary() {
    let output = stancemap(&[
        "gen-cues",
        "--cameo",
        "/nonexistent/CAMEO.txt",
        "--plover",
        "/nonexistent/p.txt",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("/nonexistent/CAMEO.txt"));
}

#[test]
fn bundled_cue_table_reads_phrases_the_field_codes() {
    let table = CueTable::bundled();
    let aid = table.lookup("provide", Some("to"), Some("aid")).unwrap();
    assert_eq!(
        (aid.polarity, aid.target),
        (Polarity::Support, TargetSlot::Oblique)
    );
    let accuse = table
        .lookup("accuse", Some("of"), Some("genocide"))
        .unwrap();
    assert_eq!(
        (accuse.polarity, accuse.cameo.as_str()),
        (Polarity::Oppose, "1124")
    );
    assert_eq!(accuse.target, TargetSlot::Object);
    let condemn = table.lookup("condemn", None, None).unwrap();
    assert_eq!(condemn.polarity, Polarity::Oppose);
}

// ---- discovery ----

fn discover(text: &str) -> Vec<DiscoveredActor> {
    let article = Article::parse(text.as_bytes(), ArticleFormat::Text);
    discover_actors(&article.text, &article.sentences, &Lexicon::bundled())
}

fn find<'a>(actors: &'a [DiscoveredActor], name: &str) -> &'a DiscoveredActor {
    actors
        .iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("{name} not discovered in {actors:#?}"))
}

#[test]
fn irish_border_story_finds_titled_people_and_parties() {
    let text = "Border talks stall\n\nTaoiseach Leo Varadkar said on Monday that a hard border was unacceptable. \
        Party leader Mary Lou McDonald called for a referendum. \
        Deputy Prime Minister Oliver Dowden, the British minister in charge, met the Democratic Unionist Party in Belfast. \
        Varadkar later spoke to McDonald.";
    let actors = discover(text);
    let leo = find(&actors, "Leo Varadkar");
    assert_eq!(leo.kind, DiscoveredKind::Person);
    assert_eq!(leo.aliases, vec!["Varadkar".to_owned()]);
    assert_eq!(leo.speaks_for.as_deref(), Some("Ireland"));
    assert_eq!(leo.mentions.len(), 2);
    let mary = find(&actors, "Mary Lou McDonald");
    assert_eq!(mary.aliases, vec!["McDonald".to_owned()]);
    assert_eq!(mary.mentions.len(), 2);
    let dowden = find(&actors, "Oliver Dowden");
    assert_eq!(dowden.kind, DiscoveredKind::Person);
    let dup = find(&actors, "Democratic Unionist Party");
    assert_eq!(dup.kind, DiscoveredKind::Movement);
}

#[test]
fn sudan_militia_story_resolves_acronyms_and_titles() {
    let text = "Fighting in Darfur\n\nThe Sudan Liberation Movement (SLM) accused the army of shelling El Fasher. \
        Sudan's army chief Yasir Kabashi said the SLM had broken the truce. \
        Kabashi spoke as Zaghawa rebels advanced. The RSF commander Osman Adam denied it. \
        EU foreign policy chief Anna Lindqvist urged restraint.";
    let actors = discover(text);
    let slm = find(&actors, "Sudan Liberation Movement");
    assert_eq!(slm.kind, DiscoveredKind::Movement);
    assert_eq!(slm.aliases, vec!["SLM".to_owned()]);
    // The full name, "(SLM)" and "the SLM".
    assert_eq!(slm.mentions.len(), 3);
    let chief = find(&actors, "Yasir Kabashi");
    assert_eq!(chief.speaks_for.as_deref(), Some("Sudan"));
    assert_eq!(chief.mentions.len(), 2);
    assert_eq!(find(&actors, "Zaghawa").kind, DiscoveredKind::Movement);
    assert_eq!(
        find(&actors, "Osman Adam").speaks_for.as_deref(),
        Some("RSF")
    );
    assert_eq!(
        find(&actors, "Anna Lindqvist").speaks_for.as_deref(),
        Some("EU")
    );
}

#[test]
fn kenyan_minister_in_apposition_speaks_for_kenya() {
    let text = "Talks in Nairobi\n\nWanjiru Kamau, the Kenyan foreign minister, welcomed the deal.";
    let actors = discover(text);
    let minister = find(&actors, "Wanjiru Kamau");
    assert_eq!(minister.speaks_for.as_deref(), Some("Kenya"));
    assert_eq!(minister.aliases, vec!["Kamau".to_owned()]);
}

#[test]
fn colombian_party_and_philippine_leader() {
    let text = "Bogotá vote\n\nThe Historic Pact Party rejected the budget. \
        In Manila, Senator Risa Hontiveros criticised the Philippine leader. \
        Hontiveros said the Senate would investigate.";
    let actors = discover(text);
    assert_eq!(
        find(&actors, "Historic Pact Party").kind,
        DiscoveredKind::Movement
    );
    let senator = find(&actors, "Risa Hontiveros");
    assert_eq!(senator.kind, DiscoveredKind::Person);
    assert_eq!(senator.mentions.len(), 2);
    // A listed leader is no discovery.
    assert!(!actors.iter().any(|a| a.name.contains("Marcos")));
}

#[test]
fn surnames_are_licensed_only_after_the_full_name() {
    let lexicon = Lexicon::bundled();
    let text =
        "Petro spoke first. Later Gustavo Petro said Colombia would not yield. Petro repeated it.";
    let mentions = licensed_surnames(text, &lexicon);
    let licensed: Vec<bool> = mentions.iter().map(|m| m.licensed).collect();
    assert_eq!(licensed, vec![false, true]);
    assert!(
        mentions
            .iter()
            .all(|m| m.actor == "Colombia" && m.person == "Gustavo Petro")
    );
}

#[test]
fn georgia_the_state_and_georgia_the_country() {
    let state =
        "ATLANTA (AP) — Georgia's governor signed the bill passed by the state legislature.";
    let at = state.find("Georgia").unwrap();
    assert!(ambiguous_place_is_subnational(state, at..at + 7));
    let country =
        "TBILISI — Georgia's government rejected the EU's criticism of its foreign agents law.";
    let at = country.find("Georgia").unwrap();
    assert!(!ambiguous_place_is_subnational(country, at..at + 7));
    // A titled person of the state does not speak for the country.
    let story = "Veto\n\nATLANTA (AP) — Georgia Governor Lena Whitfield vetoed the bill of the state legislature.";
    let actors = discover(story);
    let governor = find(&actors, "Lena Whitfield");
    assert_eq!(governor.speaks_for, None);
    let story = "Talks\n\nTBILISI — Georgian Prime Minister Davit Beridze met EU envoys.";
    let actors = discover(story);
    assert_eq!(
        find(&actors, "Davit Beridze").speaks_for.as_deref(),
        Some("Georgia")
    );
    let punjab = "Punjab's chief minister announced flood relief in Lahore.";
    assert!(ambiguous_place_is_subnational(punjab, 0..6));
    // Not an ambiguous name, or a span off the text.
    assert!(!ambiguous_place_is_subnational("France's governor", 0..6));
    assert!(!ambiguous_place_is_subnational("Georgia", 3..99));
}

#[test]
fn dated_roles_pick_the_role_of_the_article_date() {
    let roles = vec![
        DatedRole {
            actor: "Ireland".into(),
            role: "Taoiseach".into(),
            from: Some("2017-06-14".into()),
            until: Some("2020-06-27".into()),
        },
        DatedRole {
            actor: "Ireland".into(),
            role: "Tánaiste".into(),
            from: Some("2020-06-27".into()),
            until: Some("2022-12-17".into()),
        },
        DatedRole {
            actor: "Ireland".into(),
            role: "Taoiseach".into(),
            from: Some("2022-12-17".into()),
            until: Some("2024-04-09".into()),
        },
    ];
    let on = |date: &str| role_at(&roles, RoleDate::parse(date)).map(|r| r.role.clone());
    assert_eq!(on("2019-01-01").as_deref(), Some("Taoiseach"));
    assert_eq!(on("2021-05-05").as_deref(), Some("Tánaiste"));
    assert_eq!(on("2025-01-01"), None);
    assert_eq!(
        role_at(&roles, None)
            .and_then(|r| r.until.clone())
            .as_deref(),
        Some("2024-04-09")
    );
    let (code, from, until) = parse_petrarch_restriction("\t[USAGOV 450703-470121]").unwrap();
    assert_eq!(code, "USAGOV");
    assert_eq!(from.map(|d| d.year), Some(1945));
    assert_eq!(until.map(|d| (d.year, d.month, d.day)), Some((1947, 1, 21)));
    assert_eq!(
        parse_petrarch_restriction("[AFGMIL]").map(|r| r.1),
        Some(None)
    );
    assert_eq!(RoleDate::parse("2024-13-01"), None);
}
