//! The JSON export has exactly the documented keys and values, in id order.

use serde_json::Value;
use stancemap::export::json::{from_json, to_json_pretty};

use super::sample_map;

fn keys(value: &Value) -> Vec<&str> {
    value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect()
}

fn assert_has_keys(value: &Value, expected: &[&str]) {
    let present = keys(value);
    for key in expected {
        assert!(present.contains(key), "missing {key} in {value}");
    }
}

#[test]
fn export_has_the_documented_schema() {
    let json: Value = serde_json::from_str(&to_json_pretty(&sample_map()).unwrap()).unwrap();
    assert_eq!(json["format"], "stancemap");
    assert_eq!(json["version"], 2);
    assert_has_keys(
        &json,
        &["sources", "actors", "issues", "positions", "relations"],
    );

    let source = &json["sources"][0];
    assert_has_keys(source, &["id", "title", "path", "date"]);
    assert_eq!(source["path"], "articles/lake.txt");
    assert_eq!(source["date"], "2025-03-02");

    let actors = json["actors"].as_array().unwrap();
    let ids: Vec<&str> = actors.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["Freedonia", "Sylvania"]);
    assert_has_keys(&actors[0], &["id", "name", "kind", "aliases"]);
    assert_eq!(actors[0]["kind"], "state");
    assert_eq!(actors[0]["aliases"][0], "Freedonian government");
    assert_eq!(actors[1]["kind"], "bloc");

    let issue = &json["issues"][1];
    assert_has_keys(issue, &["id", "label", "keywords"]);
    assert_eq!(issue["id"], "lake_treaty");
    assert_eq!(issue["keywords"][1], "water rights");

    let positions = json["positions"].as_array().unwrap();
    assert_eq!(positions.len(), 2);
    let rejects = &positions[1];
    assert_has_keys(
        rejects,
        &[
            "actor",
            "issue",
            "stance",
            "confidence",
            "origin",
            "evidence",
        ],
    );
    assert_eq!(rejects["actor"], "Sylvania");
    assert_eq!(rejects["stance"], "oppose");
    assert_eq!(rejects["origin"], "manual");
    assert_eq!(rejects["confidence"].as_f64().unwrap() as f32, 0.75);
    let evidence = &rejects["evidence"][1];
    assert_has_keys(evidence, &["source", "start", "end", "text"]);
    assert_eq!(evidence["start"], 67);
    assert_eq!(evidence["text"], "«Non», dit-il");
    assert_eq!(positions[0]["stance"], "support");
    assert_eq!(positions[0]["origin"], "extracted");

    let relations = json["relations"].as_array().unwrap();
    assert_eq!(relations.len(), 2);
    for relation in relations {
        assert_has_keys(
            relation,
            &[
                "source",
                "target",
                "polarity",
                "issue",
                "confidence",
                "origin",
                "evidence",
            ],
        );
    }
    assert_eq!(relations[0]["source"], "Freedonia");
    assert_eq!(relations[0]["issue"], Value::Null);
    assert_eq!(relations[0]["polarity"], "support");
    assert_eq!(relations[1]["issue"], "lake_treaty");
    assert_eq!(relations[1]["polarity"], "oppose");
}

#[test]
fn export_reads_back_into_the_same_map() {
    let map = sample_map();
    assert_eq!(from_json(&to_json_pretty(&map).unwrap()).unwrap(), map);
}

#[test]
fn import_accepts_the_minimal_schema() {
    // Only the documented keys, as another tool would write them.
    let text = r#"{"format":"stancemap","version":1,
      "sources":[{"id":"s1","title":"T","path":"a.txt","date":null}],
      "actors":[{"id":"A","name":"A","kind":"state","aliases":[]},
                {"id":"B","name":"B","kind":"organization","aliases":["Bee"]}],
      "issues":[{"id":"i","label":"I","keywords":[]}],
      "positions":[{"actor":"A","issue":"i","stance":"support","confidence":0.5,"origin":"extracted","evidence":[]}],
      "relations":[{"source":"B","target":"A","polarity":"oppose","issue":null,"confidence":1.0,"origin":"manual","evidence":[]}]}"#;
    let map = from_json(text).unwrap();
    assert_eq!(map.n_actors(), 2);
    let position = map.positions().next().unwrap();
    assert_eq!(position.claim.strength, 1.0);
    assert_eq!(position.claim.confidence, 0.5);
    assert_eq!(map.relations().next().unwrap().source.as_str(), "B");
}
