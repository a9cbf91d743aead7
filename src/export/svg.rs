//! SVG of the map as laid out: actors as circles (filled by coalition when given),
//! issues as rounded boxes, positions and relations as lines (support green and solid,
//! oppose red and dashed), labels, and a legend. Written with `quick-xml`; the PNG
//! export renders this same SVG with resvg, so both look alike.
//!
//! Coordinates are layout units (see `crate::layout`), shifted so the drawing starts
//! at a margin; text uses the "Ubuntu" family (egui's default font, bundled for PNG).

use std::collections::BTreeMap;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::layout::{ACTOR_RADIUS, ISSUE_HALF_HEIGHT, ISSUE_HALF_WIDTH, LayoutGraphKind, layout};
use crate::stance_map::{ActorId, NodeRef, Stance, StanceMap};

/// Colours of coalitions 1, 2, … (cycled).
pub const COALITION_COLORS: [&str; 6] = [
    "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#edc948", "#76b7b2",
];
const SUPPORT: &str = "#2e7d32";
const OPPOSE: &str = "#c62828";
const ACTOR_FILL: &str = "#dbe7f5";
const ISSUE_FILL: &str = "#f3ecd7";
const INK: &str = "#222222";
const MARGIN: f32 = 60.0;
const LEGEND_WIDTH: f32 = 190.0;

/// What to draw: node positions (missing ones are laid out), which nodes and edges
/// are visible, and optional coalitions.
#[derive(Clone, Debug, Default)]
pub struct SvgOptions {
    /// Node positions as the user sees them; `None` uses saved layouts and lays out
    /// the rest (positions view, 300 steps).
    pub positions: Option<BTreeMap<NodeRef, (f32, f32)>>,
    /// Coalition number per actor; colours actors and adds legend rows.
    pub coalitions: BTreeMap<ActorId, usize>,
    /// Draw only these nodes (and edges between them); `None` draws all.
    pub visible: Option<Vec<NodeRef>>,
    /// Title drawn above the legend.
    pub title: String,
}

/// Positions from saved layouts, the rest from a deterministic layout run.
pub fn positions_of(map: &StanceMap) -> BTreeMap<NodeRef, (f32, f32)> {
    layout(map, &LayoutGraphKind::Positions, 300)
}

/// The map as an SVG document; `(width, height)` in px is in its root element.
pub fn to_svg(map: &StanceMap, options: &SvgOptions) -> Result<String, std::io::Error> {
    let positions = options
        .positions
        .clone()
        .unwrap_or_else(|| positions_of(map));
    let visible = |node: &NodeRef| {
        options
            .visible
            .as_ref()
            .is_none_or(|list| list.contains(node))
            && positions.contains_key(node)
    };
    let (mut min_x, mut min_y, mut max_x, mut max_y) = (0.0_f32, 0.0_f32, 0.0_f32, 0.0_f32);
    let mut first = true;
    for (node, &(x, y)) in &positions {
        if !visible(node) || !x.is_finite() || !y.is_finite() {
            continue;
        }
        let (hw, hh) = crate::layout::node_extent(node);
        if first {
            (min_x, min_y, max_x, max_y) = (x - hw, y - hh, x + hw, y + hh);
            first = false;
        } else {
            min_x = min_x.min(x - hw);
            min_y = min_y.min(y - hh);
            max_x = max_x.max(x + hw);
            max_y = max_y.max(y + hh);
        }
    }
    let legend_rows = 5 + options.coalitions.values().max().map_or(0, |m| m + 1);
    let legend_height = 30.0 + 20.0 * legend_rows as f32;
    let offset_x = MARGIN + LEGEND_WIDTH + 20.0 - min_x;
    let offset_y = MARGIN - min_y;
    let width = (max_x - min_x + 2.0 * MARGIN + LEGEND_WIDTH + 20.0)
        .ceil()
        .max(400.0);
    let height = (max_y - min_y + 2.0 * MARGIN)
        .max(legend_height + 2.0 * MARGIN)
        .ceil();
    let at = |node: &NodeRef| {
        positions
            .get(node)
            .map(|&(x, y)| (x + offset_x, y + offset_y))
    };

    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut root = BytesStart::new("svg");
    root.push_attribute(("xmlns", "http://www.w3.org/2000/svg"));
    root.push_attribute(("width", num(width).as_str()));
    root.push_attribute(("height", num(height).as_str()));
    root.push_attribute((
        "viewBox",
        format!("0 0 {} {}", num(width), num(height)).as_str(),
    ));
    root.push_attribute(("font-family", "Ubuntu, sans-serif"));
    w.write_event(Event::Start(root))?;
    element(
        &mut w,
        "rect",
        &[
            ("x", "0".into()),
            ("y", "0".into()),
            ("width", num(width)),
            ("height", num(height)),
            ("fill", "#ffffff".into()),
        ],
    )?;

    // Edges first, so nodes cover their ends.
    let mut edges: Vec<(NodeRef, NodeRef, Stance, bool)> = map
        .positions()
        .map(|p| {
            (
                NodeRef::Actor(p.actor.clone()),
                NodeRef::Issue(p.issue.clone()),
                p.claim.stance,
                false,
            )
        })
        .collect();
    edges.extend(map.relations().map(|r| {
        (
            NodeRef::Actor(r.source.clone()),
            NodeRef::Actor(r.target.clone()),
            r.claim.stance,
            true,
        )
    }));
    for (a, b, stance, relation) in &edges {
        if !visible(a) || !visible(b) {
            continue;
        }
        let (Some((x1, y1)), Some((x2, y2))) = (at(a), at(b)) else {
            continue;
        };
        let mut attributes = vec![
            ("x1", num(x1)),
            ("y1", num(y1)),
            ("x2", num(x2)),
            ("y2", num(y2)),
            (
                "stroke",
                if *stance == Stance::Support {
                    SUPPORT
                } else {
                    OPPOSE
                }
                .into(),
            ),
            ("stroke-width", if *relation { "2.5" } else { "1.6" }.into()),
        ];
        if *stance == Stance::Oppose {
            attributes.push(("stroke-dasharray", "7 5".into()));
        }
        element(&mut w, "line", &attributes)?;
    }
    for actor in map.actors() {
        let node = NodeRef::Actor(actor.id.clone());
        let Some((x, y)) = at(&node).filter(|_| visible(&node)) else {
            continue;
        };
        let fill = options
            .coalitions
            .get(&actor.id)
            .map_or(ACTOR_FILL, |c| COALITION_COLORS[c % COALITION_COLORS.len()]);
        element(
            &mut w,
            "circle",
            &[
                ("cx", num(x)),
                ("cy", num(y)),
                ("r", num(ACTOR_RADIUS)),
                ("fill", fill.into()),
                ("stroke", INK.into()),
                ("stroke-width", "1".into()),
            ],
        )?;
        text(
            &mut w,
            x,
            y + ACTOR_RADIUS + 14.0,
            &actor.name,
            "middle",
            12.0,
        )?;
    }
    for issue in map.issues() {
        let node = NodeRef::Issue(issue.id.clone());
        let Some((x, y)) = at(&node).filter(|_| visible(&node)) else {
            continue;
        };
        element(
            &mut w,
            "rect",
            &[
                ("x", num(x - ISSUE_HALF_WIDTH)),
                ("y", num(y - ISSUE_HALF_HEIGHT)),
                ("width", num(2.0 * ISSUE_HALF_WIDTH)),
                ("height", num(2.0 * ISSUE_HALF_HEIGHT)),
                ("rx", "6".into()),
                ("fill", ISSUE_FILL.into()),
                ("stroke", INK.into()),
                ("stroke-width", "1".into()),
            ],
        )?;
        text(&mut w, x, y + 4.0, &issue.label, "middle", 11.0)?;
    }

    // Legend.
    let (lx, ly) = (MARGIN / 2.0, MARGIN / 2.0);
    element(
        &mut w,
        "rect",
        &[
            ("x", num(lx)),
            ("y", num(ly)),
            ("width", num(LEGEND_WIDTH)),
            ("height", num(legend_height)),
            ("fill", "#f7f7f7".into()),
            ("stroke", "#999999".into()),
        ],
    )?;
    let title = if options.title.is_empty() {
        "stancemap"
    } else {
        options.title.as_str()
    };
    text(&mut w, lx + 10.0, ly + 20.0, title, "start", 12.0)?;
    let mut row = ly + 40.0;
    for (stroke, dash, label) in [(SUPPORT, false, "supports"), (OPPOSE, true, "opposes")] {
        let mut attributes = vec![
            ("x1", num(lx + 10.0)),
            ("y1", num(row)),
            ("x2", num(lx + 50.0)),
            ("y2", num(row)),
            ("stroke", stroke.into()),
            ("stroke-width", "2".into()),
        ];
        if dash {
            attributes.push(("stroke-dasharray", "7 5".into()));
        }
        element(&mut w, "line", &attributes)?;
        text(&mut w, lx + 60.0, row + 4.0, label, "start", 11.0)?;
        row += 20.0;
    }
    element(
        &mut w,
        "circle",
        &[
            ("cx", num(lx + 30.0)),
            ("cy", num(row)),
            ("r", "7".into()),
            ("fill", ACTOR_FILL.into()),
            ("stroke", INK.into()),
        ],
    )?;
    text(&mut w, lx + 60.0, row + 4.0, "actor", "start", 11.0)?;
    row += 20.0;
    element(
        &mut w,
        "rect",
        &[
            ("x", num(lx + 18.0)),
            ("y", num(row - 7.0)),
            ("width", "24".into()),
            ("height", "14".into()),
            ("rx", "3".into()),
            ("fill", ISSUE_FILL.into()),
            ("stroke", INK.into()),
        ],
    )?;
    text(&mut w, lx + 60.0, row + 4.0, "issue", "start", 11.0)?;
    row += 20.0;
    let coalitions = options.coalitions.values().max().map_or(0, |m| m + 1);
    for c in 0..coalitions {
        element(
            &mut w,
            "circle",
            &[
                ("cx", num(lx + 30.0)),
                ("cy", num(row)),
                ("r", "7".into()),
                ("fill", COALITION_COLORS[c % COALITION_COLORS.len()].into()),
                ("stroke", INK.into()),
            ],
        )?;
        text(
            &mut w,
            lx + 60.0,
            row + 4.0,
            &format!("coalition {}", c + 1),
            "start",
            11.0,
        )?;
        row += 20.0;
    }
    w.write_event(Event::End(BytesEnd::new("svg")))?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    String::from_utf8(bytes).map_err(std::io::Error::other)
}

/// A number with at most one decimal, for compact coordinates.
fn num(value: f32) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.is_finite() {
        rounded.to_string()
    } else {
        "0".to_owned()
    }
}

fn element(
    w: &mut Writer<Vec<u8>>,
    name: &str,
    attributes: &[(&str, String)],
) -> Result<(), std::io::Error> {
    let mut start = BytesStart::new(name);
    for (key, value) in attributes {
        start.push_attribute((*key, value.as_str()));
    }
    w.write_event(Event::Empty(start))?;
    Ok(())
}

fn text(
    w: &mut Writer<Vec<u8>>,
    x: f32,
    y: f32,
    content: &str,
    anchor: &str,
    size: f32,
) -> Result<(), std::io::Error> {
    let mut start = BytesStart::new("text");
    start.push_attribute(("x", num(x).as_str()));
    start.push_attribute(("y", num(y).as_str()));
    start.push_attribute(("text-anchor", anchor));
    start.push_attribute(("font-size", num(size).as_str()));
    start.push_attribute(("fill", INK));
    w.write_event(Event::Start(start))?;
    w.write_event(Event::Text(BytesText::new(content)))?;
    w.write_event(Event::End(BytesEnd::new("text")))?;
    Ok(())
}
