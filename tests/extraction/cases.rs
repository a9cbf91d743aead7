//! Small data-driven cases for cues, negation, passive voice, quotes, attribution,
//! aliasing and relations.

use super::{positions, relations, run};

#[test]
fn debug_print() {
    let Ok(text) = std::env::var("STANCEMAP_DEBUG_TEXT") else {
        return;
    };
    let extraction = run(&text);
    println!(
        "{:#?}\n{:#?}\n{:#?}",
        positions(&extraction),
        relations(&extraction),
        extraction.issues
    );
}
