//! The field cases of `shared/cases` (sentence splitting around abbreviations,
//! multi-sentence quotations, reversals, names shared by a country and a sub-national
//! unit, appositive holders) and further inputs of the same kinds written for
//! stancemap, as expected stances. Inputs live in `tests/data/extraction/field/`.

use stancemap::extract::Extraction;
use stancemap::stance_map::Stance;

fn load(name: &str) -> Extraction {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/extraction/field")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    super::run(&text)
}

/// The stance `actor` holds on the issue whose id or label contains `fragment`.
fn stance(extraction: &Extraction, actor: &str, fragment: &str) -> Option<Stance> {
    let fragment = fragment.to_lowercase();
    let issue_ids: Vec<&str> = extraction
        .issues
        .iter()
        .filter(|i| {
            i.id.as_str().to_lowercase().contains(&fragment)
                || i.label.to_lowercase().contains(&fragment)
        })
        .map(|i| i.id.as_str())
        .collect();
    extraction
        .positions
        .iter()
        .find(|p| p.actor.as_str() == actor && issue_ids.contains(&p.issue.as_str()))
        .map(|p| p.claim.stance)
}

fn holders(extraction: &Extraction) -> Vec<&str> {
    extraction
        .positions
        .iter()
        .map(|p| p.actor.as_str())
        .collect()
}

#[track_caller]
fn expect(extraction: &Extraction, cases: &[(&str, &str, Option<Stance>)]) {
    let found = super::positions(extraction);
    for &(actor, fragment, want) in cases {
        assert_eq!(
            stance(extraction, actor, fragment),
            want,
            "{actor} on {fragment}; found {found:#?}"
        );
    }
}

use Stance::{Oppose, Support};

#[test]
fn a_dotted_abbreviation_ends_a_sentence_before_a_name() {
    let f04 = load("f04_abbrev_us_then_name.txt");
    expect(
        &f04,
        &[
            ("China", "resolution", Some(Oppose)),
            ("Russia", "resolution", Some(Oppose)),
            ("France", "resolution", Some(Support)),
            ("UK", "resolution", Some(Support)),
            ("US", "resolution", Some(Support)),
        ],
    );
    let own = load("own_abbrev_uk_then_name.txt");
    expect(
        &own,
        &[
            ("Norway", "quota", Some(Oppose)),
            ("Iceland", "quota", Some(Support)),
        ],
    );
}

#[test]
fn every_sentence_of_a_quotation_belongs_to_its_speaker() {
    for name in [
        "f06_multisentence_quote.txt",
        "f06_control_single_sentence_quote.txt",
    ] {
        let extraction = load(name);
        expect(
            &extraction,
            &[
                ("Iran", "sanction", Some(Oppose)),
                ("EU", "sanction", Some(Support)),
            ],
        );
    }
}

#[test]
fn a_reversal_keeps_both_sides_and_shows_the_latest() {
    let f08 = load("f08_ambivalent_same_issue.txt");
    expect(
        &f08,
        &[
            ("Hungary", "sanction", Some(Oppose)),
            ("Slovakia", "sanction", Some(Oppose)),
            ("Poland", "sanction", Some(Support)),
        ],
    );
    for actor in ["Hungary", "Slovakia"] {
        let position = f08
            .positions
            .iter()
            .find(|p| p.actor.as_str() == actor)
            .unwrap();
        assert!(position.claim.is_mixed(), "{actor} should be mixed");
        let stances: Vec<_> = position.claim.evidence.iter().map(|e| e.stance).collect();
        assert!(stances.contains(&Some(Support)) && stances.contains(&Some(Oppose)));
    }
}

#[test]
fn a_name_shared_with_a_sub_national_unit_resolves_by_context() {
    let f09 = load("f09_georgia_us_state.txt");
    assert!(
        !holders(&f09).contains(&"Georgia"),
        "{:#?}",
        super::positions(&f09)
    );
    expect(&f09, &[("South_Korea", "tariff", Some(Oppose))]);
}

#[test]
fn an_appositive_does_not_take_the_stance() {
    let f12 = load("f12_appositive_holder.txt");
    expect(
        &f12,
        &[
            ("Mozambique", "sanction", Some(Oppose)),
            ("Algeria", "sanction", Some(Oppose)),
            ("Norway", "sanction", Some(Support)),
        ],
    );
    let found = holders(&f12);
    assert!(
        !found.contains(&"UN_Security_Council") && !found.contains(&"AU"),
        "{found:?}"
    );
    let own = load("own_appositive_holder.txt");
    expect(&own, &[("Indonesia", "moratorium", Some(Oppose))]);
    assert!(!holders(&own).contains(&"ASEAN"));
}

/// Inputs of the same kinds that extraction v2 still gets wrong: a quotation whose
/// speaker is a minister no lexicon lists; a relative-clause holder whose sentence the
/// parser misreads; a reversal whose two mentions name the pact differently ("the new
/// migration pact" / "the migration pact").
#[test]
#[ignore = "known gaps of extraction v2; see the README's error analysis"]
fn further_cases_of_the_same_kinds() {
    let quote = load("own_multisentence_quote.txt");
    expect(
        &quote,
        &[
            ("Peru", "ban", Some(Oppose)),
            ("Chile", "ban", Some(Support)),
        ],
    );
    let appositive = load("own_appositive_holder.txt");
    expect(&appositive, &[("Vietnam", "moratorium", Some(Support))]);
    let reversal = load("own_reversal_same_issue.txt");
    expect(
        &reversal,
        &[
            ("Austria", "migration", Some(Oppose)),
            ("Portugal", "migration", Some(Support)),
        ],
    );
    let austria = reversal
        .positions
        .iter()
        .find(|p| p.actor.as_str() == "Austria")
        .unwrap();
    assert!(austria.claim.is_mixed());
}

#[test]
fn every_extracted_stance_records_its_stance_and_tree_findings_explain_themselves() {
    let f12 = load("f12_appositive_holder.txt");
    let mut explained = 0;
    for position in &f12.positions {
        for evidence in &position.claim.evidence {
            assert!(evidence.stance.is_some(), "{position:?}");
            if !evidence.explanation.is_empty() {
                explained += 1;
                assert!(evidence.explanation.contains("holder"), "{evidence:?}");
            }
        }
    }
    assert!(explained >= 2, "{:#?}", f12.positions);
}
