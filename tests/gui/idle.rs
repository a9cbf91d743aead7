//! The app repaints only on input or while something animates: an idle window asks
//! egui for no frames at all, counted over a stretch of frames without input.

use super::*;

/// Frames in which the app asked for another frame (now or later).
fn frames_asking_for_repaint(app: &mut TestApp, frames: usize) -> usize {
    (0..frames)
        .filter(|_| {
            app.harness.step();
            app.harness.ctx.has_requested_repaint()
        })
        .count()
}

#[test]
fn an_open_map_left_alone_requests_no_repaints() {
    let mut app = app_with_map();
    app.harness.run();
    assert_eq!(frames_asking_for_repaint(&mut app, 20), 0);
}

#[test]
fn the_start_screen_left_alone_requests_no_repaints() {
    let mut app = empty_app();
    app.harness.run();
    assert_eq!(frames_asking_for_repaint(&mut app, 20), 0);
}

#[test]
fn hovering_the_canvas_repaints_only_for_the_move() {
    let mut app = app_with_map();
    app.harness.run();
    let rect = app.harness.state().canvas().canvas_rect().unwrap();
    app.harness.hover_at(rect.center() + egui::vec2(7.0, 5.0));
    // The move itself takes a few frames (hover state, tooltip timer); then quiet.
    app.harness.run_ok();
    assert_eq!(frames_asking_for_repaint(&mut app, 20), 0);
}

#[test]
fn a_big_map_lays_out_off_the_ui_thread_then_goes_quiet() {
    let mut map = StanceMap::new();
    let mut edits = Vec::new();
    for a in 0..600 {
        edits.push(Edit::AddActor(Actor::new(
            format!("a{a}"),
            format!("Actor {a}"),
            ActorKind::State,
        )));
    }
    edits.push(Edit::AddIssue(Issue::new("i", "Issue")));
    for a in 0..600 {
        let stance = if a % 3 == 0 {
            Stance::Oppose
        } else {
            Stance::Support
        };
        edits.push(Edit::AddPosition(Position::new(
            format!("a{a}").as_str(),
            "i",
            Claim::new(stance, Origin::Extracted),
        )));
    }
    map.apply(Edit::Batch(edits)).unwrap();
    let mut app = empty_app();
    // A saved (clean) document, so no autosave timer asks for frames later.
    let path = app.dir.path().join("big.stancemap.ron");
    app.harness
        .state_mut()
        .set_document(Document::from_file(map, path));
    // Opening returned at once: the layout runs on its own thread.
    assert!(app.harness.state().canvas().is_laying_out());
    let mut waited = 0;
    while app.harness.state().canvas().is_laying_out() && waited < 2400 {
        app.harness.step();
        std::thread::sleep(std::time::Duration::from_millis(50));
        waited += 1;
    }
    assert!(
        !app.harness.state().canvas().is_laying_out(),
        "layout never finished"
    );
    app.harness.run_ok();
    assert_eq!(frames_asking_for_repaint(&mut app, 10), 0);
    let placed = app
        .harness
        .state()
        .canvas()
        .screen_pos(&stancemap::stance_map::NodeRef::Actor("a7".into()));
    assert!(placed.is_some_and(|p| p.x.is_finite() && p.y.is_finite()));
}

#[test]
fn a_file_opened_at_launch_opens_on_its_own_thread() {
    let mut app = empty_app();
    let path = app.dir.path().join("launch.stancemap.ron");
    stancemap::storage::save_map(&path, &sample_map()).unwrap();
    app.harness.state_mut().open_in_background(path.clone());
    app.harness.step();
    let mut waited = 0;
    while app.harness.state().document().is_none() && waited < 400 {
        std::thread::sleep(std::time::Duration::from_millis(25));
        app.harness.step();
        waited += 1;
    }
    assert_eq!(app.map(), &sample_map());
    assert_eq!(app.document().path.as_deref(), Some(path.as_path()));
    app.harness.run_ok();
    assert_eq!(frames_asking_for_repaint(&mut app, 10), 0);
}
