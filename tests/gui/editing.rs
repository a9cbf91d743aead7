//! Selecting, inspecting and editing through the panels; undo and redo.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use stancemap::gui::command::{EvidenceFocus, Selection};
use stancemap::stance_map::{ActorId, Origin, PositionKey, Stance};

use super::{SAMPLE_TEXT, app_with_map};

fn us_on_crimea() -> PositionKey {
    PositionKey {
        actor: ActorId::new("US"),
        issue: "crimea".into(),
    }
}

#[test]
fn clicking_an_actor_in_the_list_shows_it_in_the_inspector() {
    let mut app = app_with_map();
    app.harness.get_by_label("Actors (3)");
    app.harness.get_by_label("Ukraine").click();
    app.harness.run();
    assert_eq!(
        app.harness.state().selection(),
        &Selection::Actor("Ukraine".into())
    );
    assert_eq!(
        app.harness.get_by_label("Name").value().as_deref(),
        Some("Ukraine")
    );
    assert_eq!(
        app.harness.get_by_label("Aliases").value().as_deref(),
        Some("Kyiv")
    );
}

#[test]
fn rename_commits_on_enter_and_undo_redo_restore_it() {
    let mut app = app_with_map();
    app.harness.get_by_label("Ukraine").click();
    app.harness.run();
    let field = app.harness.get_by_label("Name");
    field.focus();
    app.harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    app.harness.get_by_label("Name").type_text("Ukrayina");
    app.harness.run();
    // Not applied per keystroke: the map keeps the old name until the field commits.
    assert_eq!(app.map().actor(&"Ukraine".into()).unwrap().name, "Ukraine");
    app.harness.key_press(Key::Enter);
    app.harness.run();
    assert_eq!(app.map().actor(&"Ukraine".into()).unwrap().name, "Ukrayina");
    assert_eq!(app.document().history.depth(), 1);

    app.harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    app.harness.run();
    assert_eq!(app.map().actor(&"Ukraine".into()).unwrap().name, "Ukraine");
    app.harness
        .key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    app.harness.run();
    assert_eq!(app.map().actor(&"Ukraine".into()).unwrap().name, "Ukrayina");
    app.harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    app.harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    app.harness.run();
    assert_eq!(app.map().actor(&"Ukraine".into()).unwrap().name, "Ukrayina");
}

#[test]
fn delete_key_removes_the_selected_actor_and_undo_brings_it_back() {
    let mut app = app_with_map();
    let before = app.map().clone();
    app.harness.get_by_label("United States").click();
    app.harness.run();
    app.harness.key_press(Key::Delete);
    app.harness.run();
    assert!(app.map().actor(&"US".into()).is_none());
    assert!(
        app.map().position(&us_on_crimea()).is_none(),
        "its stances go with it"
    );
    assert_eq!(app.harness.state().selection(), &Selection::Nothing);
    app.harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    app.harness.run();
    assert_eq!(app.map(), &before);
}

#[test]
fn flipping_a_stance_makes_it_a_manual_oppose() {
    let mut app = app_with_map();
    app.harness.get_by_label("United States").click();
    app.harness.run();
    app.harness
        .get_by_label("support Recognise Crimea as Russian")
        .click();
    app.harness.run();
    assert_eq!(
        app.harness.state().selection(),
        &Selection::Position(us_on_crimea())
    );
    app.harness.get_by_label("Flip stance").click();
    app.harness.run();
    let claim = &app.map().position(&us_on_crimea()).unwrap().claim;
    assert_eq!(claim.stance, Stance::Oppose);
    assert_eq!(claim.origin, Origin::Manual);
    assert_eq!(claim.evidence.len(), 1, "evidence is kept");
}

#[test]
fn locked_stance_survives_reextraction() {
    let mut app = app_with_map();
    app.harness.state_mut().queue(
        stancemap::gui::command::Command::Select(Selection::Position(us_on_crimea())).into(),
    );
    app.harness.run();
    app.harness.get_by_label("Locked").click();
    app.harness.run();
    let locked = app.map().position(&us_on_crimea()).unwrap().clone();
    assert!(locked.claim.locked);
    app.harness.get_by_label("File").click();
    app.harness.run();
    app.harness.get_by_label("Re-extract").click();
    app.harness.run();
    assert_eq!(app.map().position(&us_on_crimea()), Some(&locked));
    assert!(app.map().source(&"s1".into()).is_some());
}

#[test]
fn clicking_evidence_focuses_it_in_the_article_panel() {
    let mut app = app_with_map();
    app.harness.state_mut().queue(
        stancemap::gui::command::Command::Select(Selection::Position(us_on_crimea())).into(),
    );
    app.harness.run();
    app.harness
        .get_by_label("1. Washington backs recognising Crimea as Russian.")
        .click();
    app.harness.run();
    let start = SAMPLE_TEXT.find("Washington backs").unwrap();
    let expected = EvidenceFocus {
        source: "s1".into(),
        start,
        end: start + 47,
    };
    assert_eq!(
        app.harness.state().article_panel().focus.as_ref(),
        Some(&expected)
    );
}

#[test]
fn strength_slider_and_note_are_one_undo_step_each() {
    let mut app = app_with_map();
    app.harness.state_mut().queue(
        stancemap::gui::command::Command::Select(Selection::Position(us_on_crimea())).into(),
    );
    app.harness.run();
    app.harness
        .get_by_role_and_label(egui::accesskit::Role::Slider, "Strength")
        .set_value_accesskit(0.25);
    app.harness.run();
    assert_eq!(
        app.map().position(&us_on_crimea()).unwrap().claim.strength,
        0.25
    );
    app.harness.get_by_label("Note").focus();
    app.harness
        .get_by_label("Note")
        .type_text("check the quote");
    app.harness.run();
    // Clicking elsewhere commits the note.
    app.harness.get_by_label("Inspector").click();
    app.harness.run();
    assert_eq!(
        app.map().position(&us_on_crimea()).unwrap().claim.note,
        "check the quote"
    );
    assert_eq!(app.document().history.depth(), 2);
}

#[test]
fn add_position_from_the_inspector_and_merge_actors() {
    let mut app = app_with_map();
    app.harness.get_by_label("European Union").click();
    app.harness.run();
    app.harness.get_by_label("oppose").click();
    app.harness.get_by_label("On issue").click();
    app.harness.run();
    app.harness
        .get_all_by_label("Recognise Crimea as Russian")
        .last()
        .unwrap()
        .click();
    app.harness.run();
    app.harness.get_by_label("Add position").click();
    app.harness.run();
    let key = PositionKey {
        actor: "EU".into(),
        issue: "crimea".into(),
    };
    let claim = &app.map().position(&key).unwrap().claim;
    assert_eq!(
        (claim.stance, claim.origin),
        (Stance::Oppose, Origin::Manual)
    );

    app.harness.get_by_label("Merge into…").click();
    app.harness.run();
    app.harness.get_by_label("Keep actor").click();
    app.harness.run();
    app.harness
        .get_all_by_label("Ukraine")
        .last()
        .unwrap()
        .click();
    app.harness.run();
    app.harness.get_by_label("Merge").click();
    app.harness.run();
    assert!(app.map().actor(&"EU".into()).is_none());
    assert!(
        app.map()
            .actor(&"Ukraine".into())
            .unwrap()
            .aliases
            .contains(&"European Union".to_owned())
    );
}

#[test]
fn escape_clears_selection_and_ctrl_f_focuses_the_filter() {
    let mut app = app_with_map();
    app.harness.get_by_label("Ukraine").click();
    app.harness.run();
    app.harness.key_press(Key::Escape);
    app.harness.run();
    assert_eq!(app.harness.state().selection(), &Selection::Nothing);
    app.harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    app.harness.run();
    assert!(app.harness.get_by_label("Search").is_focused());
    app.harness.get_by_label("Search").type_text("kyiv");
    app.harness.run();
    assert_eq!(app.harness.state().filter().text, "kyiv");
}

#[test]
fn article_mentions_are_whole_words_of_names_aliases_and_ids() {
    let spans = stancemap::gui::article_panel::mentions(&super::sample_map(), SAMPLE_TEXT);
    let words: Vec<&str> = spans
        .iter()
        .map(|&(start, end)| &SAMPLE_TEXT[start..end])
        .collect();
    assert_eq!(words, ["Washington", "Kyiv", "EU", "Washington"]);
}

#[test]
fn a_changed_stance_shows_its_sequence_and_each_evidence_says_why() {
    use stancemap::stance_map::{Edit, Evidence};
    let mut app = app_with_map();
    let mut position = app.map().position(&us_on_crimea()).unwrap().clone();
    let sentence = |text: &str| {
        let start = SAMPLE_TEXT.find(text).unwrap();
        Evidence::new("s1".into(), start, start + text.len(), text)
    };
    let mut backs = sentence("Washington backs recognising Crimea as Russian.");
    backs.stance = Some(Stance::Support);
    backs.explanation = "cue \"backs\" with Washington as subject".into();
    let mut rejects = sentence("Kyiv rejects recognising Crimea.");
    rejects.stance = Some(Stance::Oppose);
    position.claim.stance = Stance::Oppose;
    position.claim.evidence = vec![backs, rejects];
    let edit = Edit::UpdatePosition(position);
    app.harness
        .state_mut()
        .queue(stancemap::gui::command::Command::Edit(edit).into());
    app.harness.state_mut().queue(
        stancemap::gui::command::Command::Select(Selection::Position(us_on_crimea())).into(),
    );
    app.harness.run();
    app.harness
        .get_by_label("changed: supported (sentence 2), then opposed (sentence 3)");
    app.harness
        .get_by_label("why: cue \"backs\" with Washington as subject");
    app.harness.get_by_label("argues the other way");
    assert!(
        !app.harness
            .query_all_by_label("from Talks in Geneva")
            .collect::<Vec<_>>()
            .is_empty()
    );
}
