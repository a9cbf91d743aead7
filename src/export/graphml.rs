//! GraphML (<http://graphml.graphdrawing.org/>) with typed `<key>` attributes: node
//! `kind`, `label`, `actor_kind`; edge `type`, `sign` (int), `weight` (double),
//! `issue`, `confidence` (double), `origin`, `mixed` (boolean). Written with
//! `quick-xml`; networkx `read_graphml` and Gephi read it.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::network::ExportGraph;
use crate::stance_map::StanceMap;

const NODE_KEYS: [(&str, &str, &str); 3] = [
    ("label", "label", "string"),
    ("kind", "kind", "string"),
    ("actor_kind", "actor_kind", "string"),
];
const EDGE_KEYS: [(&str, &str, &str); 7] = [
    ("type", "type", "string"),
    ("sign", "sign", "int"),
    ("weight", "weight", "double"),
    ("issue", "issue", "string"),
    ("confidence", "confidence", "double"),
    ("origin", "origin", "string"),
    ("mixed", "mixed", "boolean"),
];

/// The map as a GraphML document (UTF-8, directed).
pub fn to_graphml(map: &StanceMap) -> Result<String, std::io::Error> {
    let graph = ExportGraph::from_map(map);
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut root = BytesStart::new("graphml");
    root.push_attribute(("xmlns", "http://graphml.graphdrawing.org/xmlns"));
    root.push_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"));
    root.push_attribute((
        "xsi:schemaLocation",
        "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
    ));
    w.write_event(Event::Start(root))?;
    for (domain, keys) in [("node", &NODE_KEYS[..]), ("edge", &EDGE_KEYS[..])] {
        for (id, name, kind) in keys {
            let mut key = BytesStart::new("key");
            key.push_attribute(("id", format!("{domain}_{id}").as_str()));
            key.push_attribute(("for", domain));
            key.push_attribute(("attr.name", *name));
            key.push_attribute(("attr.type", *kind));
            w.write_event(Event::Empty(key))?;
        }
    }
    let mut g = BytesStart::new("graph");
    g.push_attribute(("id", "stancemap"));
    g.push_attribute(("edgedefault", "directed"));
    w.write_event(Event::Start(g))?;
    for node in &graph.nodes {
        let mut start = BytesStart::new("node");
        start.push_attribute(("id", node.id.as_str()));
        w.write_event(Event::Start(start))?;
        data(&mut w, "node_label", &node.label)?;
        data(&mut w, "node_kind", node.kind)?;
        if !node.actor_kind.is_empty() {
            data(&mut w, "node_actor_kind", &node.actor_kind)?;
        }
        w.write_event(Event::End(BytesEnd::new("node")))?;
    }
    for edge in &graph.edges {
        let mut start = BytesStart::new("edge");
        start.push_attribute(("id", edge.id.as_str()));
        start.push_attribute(("source", edge.source.as_str()));
        start.push_attribute(("target", edge.target.as_str()));
        w.write_event(Event::Start(start))?;
        data(&mut w, "edge_type", edge.kind)?;
        data(&mut w, "edge_sign", &edge.sign.to_string())?;
        data(&mut w, "edge_weight", &edge.weight.to_string())?;
        if !edge.issue.is_empty() {
            data(&mut w, "edge_issue", &edge.issue)?;
        }
        data(&mut w, "edge_confidence", &edge.confidence.to_string())?;
        data(&mut w, "edge_origin", edge.origin)?;
        data(
            &mut w,
            "edge_mixed",
            if edge.mixed { "true" } else { "false" },
        )?;
        w.write_event(Event::End(BytesEnd::new("edge")))?;
    }
    w.write_event(Event::End(BytesEnd::new("graph")))?;
    w.write_event(Event::End(BytesEnd::new("graphml")))?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    String::from_utf8(bytes).map_err(std::io::Error::other)
}

fn data(w: &mut Writer<Vec<u8>>, key: &str, value: &str) -> Result<(), std::io::Error> {
    let mut start = BytesStart::new("data");
    start.push_attribute(("key", key));
    w.write_event(Event::Start(start))?;
    w.write_event(Event::Text(BytesText::new(value)))?;
    w.write_event(Event::End(BytesEnd::new("data")))?;
    Ok(())
}
