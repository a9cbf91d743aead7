//! Performance at scale (issue 12) with divan, on the deterministic synthetic maps of
//! `stancemap::bench::synthetic`: layout to rest, save/load of the RON text, and the
//! headless canvas frame next to a bare batched mesh. `stancemap bench` prints the
//! same measurements as one table with targets; these are for profiling one piece.

use std::sync::LazyLock;

use stancemap::bench::synthetic::{MapSize, synthetic_map};
use stancemap::layout::{Anchoring, ForceLayout, LayoutGraph, LayoutGraphKind, iterations_for};
use stancemap::stance_map::StanceMap;
use stancemap::storage::{MapSyntax, parse_map, to_ron_string};

fn main() {
    divan::main();
}

static SMALL: LazyLock<StanceMap> = LazyLock::new(|| synthetic_map(MapSize::SMALL, true));
static LARGE: LazyLock<StanceMap> = LazyLock::new(|| synthetic_map(MapSize::LARGE, true));

fn map(large: bool) -> &'static StanceMap {
    if large { &LARGE } else { &SMALL }
}

#[divan::bench(args = [false, true], sample_count = 3, sample_size = 1)]
fn layout_to_rest(bencher: divan::Bencher, large: bool) {
    let graph = LayoutGraph::from_map(map(large), &LayoutGraphKind::Positions);
    let iterations = iterations_for(graph.nodes.len());
    bencher.bench(|| {
        let mut run =
            ForceLayout::from_graph(graph.clone(), iterations, Anchoring::PinnedOnly, |_| None);
        run.finish();
        run.n_nodes()
    });
}

#[divan::bench(args = [false, true], sample_count = 5, sample_size = 1)]
fn save_ron_text(bencher: divan::Bencher, large: bool) {
    let map = map(large);
    bencher.bench(|| to_ron_string(map).map(|text| text.len()).unwrap_or(0));
}

#[divan::bench(args = [false, true], sample_count = 5, sample_size = 1)]
fn load_ron_text(bencher: divan::Bencher, large: bool) {
    let text = to_ron_string(map(large)).unwrap_or_default();
    bencher.bench(|| {
        parse_map(&text, MapSyntax::Ron)
            .map(|map| map.n_actors())
            .ok()
    });
}

#[cfg(feature = "gui")]
#[divan::bench(args = [false, true], sample_count = 3, sample_size = 1)]
fn canvas_frames_10(bencher: divan::Bencher, large: bool) {
    let map = map(large);
    bencher.bench(|| stancemap::bench::frame::canvas_frames(map, 10, false).len());
}

#[cfg(feature = "gui")]
#[divan::bench(args = [false, true], sample_count = 3, sample_size = 1)]
fn bare_mesh_frames_10(bencher: divan::Bencher, large: bool) {
    let map = map(large);
    bencher.bench(|| stancemap::bench::frame::bare_mesh_frames(map, 10).len());
}
