//! The user lexicon loader: any text extends the bundled lexicon or gives an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stancemap::extract::Lexicon;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = Lexicon::bundled().with_user_ron(&text);
});
