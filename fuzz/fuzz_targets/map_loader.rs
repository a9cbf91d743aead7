//! Map files in both syntaxes: any bytes either load to a checked map or give an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stancemap::storage::{MapSyntax, parse_map_checked, to_ron_string};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for syntax in [MapSyntax::Ron, MapSyntax::Json] {
        if let Ok((map, _)) = parse_map_checked(text, syntax) {
            // Whatever loads saves and loads back to the same map.
            if let Ok(saved) = to_ron_string(&map) {
                let again = parse_map_checked(&saved, MapSyntax::Ron).map(|(map, _)| map);
                assert_eq!(again.ok().as_ref(), Some(&map));
            }
        }
    }
});
