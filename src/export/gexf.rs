//! GEXF 1.3 (<https://gexf.net/>), Gephi's format: nodes with `label` and typed
//! attributes `kind`, `actor_kind`; edges with `weight` and attributes `type`,
//! `sign` (integer), `issue`, `confidence` (double), `origin`, `mixed` (boolean).
//! Written with `quick-xml`; Gephi and networkx `read_gexf` read it.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, Event};

use super::network::ExportGraph;
use crate::stance_map::StanceMap;

const NODE_ATTRIBUTES: [(&str, &str); 2] = [("kind", "string"), ("actor_kind", "string")];
const EDGE_ATTRIBUTES: [(&str, &str); 5] = [
    ("type", "string"),
    ("sign", "integer"),
    ("issue", "string"),
    ("confidence", "double"),
    ("origin", "string"),
];

/// The map as a GEXF 1.3 document (UTF-8, directed, static).
pub fn to_gexf(map: &StanceMap) -> Result<String, std::io::Error> {
    let graph = ExportGraph::from_map(map);
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut root = BytesStart::new("gexf");
    root.push_attribute(("xmlns", "http://gexf.net/1.3"));
    root.push_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"));
    root.push_attribute((
        "xsi:schemaLocation",
        "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
    ));
    root.push_attribute(("version", "1.3"));
    w.write_event(Event::Start(root))?;
    w.write_event(Event::Start(BytesStart::new("meta")))?;
    w.create_element("creator")
        .write_text_content(quick_xml::events::BytesText::new("stancemap"))?;
    w.write_event(Event::End(BytesEnd::new("meta")))?;
    let mut g = BytesStart::new("graph");
    g.push_attribute(("defaultedgetype", "directed"));
    g.push_attribute(("mode", "static"));
    w.write_event(Event::Start(g))?;
    for (class, attributes) in [
        ("node", &NODE_ATTRIBUTES[..]),
        ("edge", &EDGE_ATTRIBUTES[..]),
    ] {
        let mut start = BytesStart::new("attributes");
        start.push_attribute(("class", class));
        w.write_event(Event::Start(start))?;
        for (title, kind) in attributes {
            let mut a = BytesStart::new("attribute");
            a.push_attribute(("id", *title));
            a.push_attribute(("title", *title));
            a.push_attribute(("type", *kind));
            w.write_event(Event::Empty(a))?;
        }
        w.write_event(Event::End(BytesEnd::new("attributes")))?;
    }
    w.write_event(Event::Start(BytesStart::new("nodes")))?;
    for node in &graph.nodes {
        let mut start = BytesStart::new("node");
        start.push_attribute(("id", node.id.as_str()));
        start.push_attribute(("label", node.label.as_str()));
        w.write_event(Event::Start(start))?;
        let mut values = vec![("kind", node.kind.to_owned())];
        if !node.actor_kind.is_empty() {
            values.push(("actor_kind", node.actor_kind.clone()));
        }
        attvalues(&mut w, &values)?;
        w.write_event(Event::End(BytesEnd::new("node")))?;
    }
    w.write_event(Event::End(BytesEnd::new("nodes")))?;
    w.write_event(Event::Start(BytesStart::new("edges")))?;
    for edge in &graph.edges {
        let mut start = BytesStart::new("edge");
        start.push_attribute(("id", edge.id.as_str()));
        start.push_attribute(("source", edge.source.as_str()));
        start.push_attribute(("target", edge.target.as_str()));
        start.push_attribute(("weight", edge.weight.to_string().as_str()));
        w.write_event(Event::Start(start))?;
        let mut values = vec![
            ("type", edge.kind.to_owned()),
            ("sign", edge.sign.to_string()),
            ("confidence", edge.confidence.to_string()),
            ("origin", edge.origin.to_owned()),
        ];
        if !edge.issue.is_empty() {
            values.push(("issue", edge.issue.clone()));
        }
        attvalues(&mut w, &values)?;
        w.write_event(Event::End(BytesEnd::new("edge")))?;
    }
    w.write_event(Event::End(BytesEnd::new("edges")))?;
    w.write_event(Event::End(BytesEnd::new("graph")))?;
    w.write_event(Event::End(BytesEnd::new("gexf")))?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    String::from_utf8(bytes).map_err(std::io::Error::other)
}

fn attvalues(w: &mut Writer<Vec<u8>>, values: &[(&str, String)]) -> Result<(), std::io::Error> {
    w.write_event(Event::Start(BytesStart::new("attvalues")))?;
    for (key, value) in values {
        let mut a = BytesStart::new("attvalue");
        a.push_attribute(("for", *key));
        a.push_attribute(("value", value.as_str()));
        w.write_event(Event::Empty(a))?;
    }
    w.write_event(Event::End(BytesEnd::new("attvalues")))?;
    Ok(())
}
