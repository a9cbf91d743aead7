//! What changed between two maps: positions and relations added, removed and
//! flipped (same key, other stance). Keys compare by id, so two maps of the same
//! articles line up. Compared on each claim's current `stance`.

use std::collections::BTreeMap;

use crate::stance_map::{Stance, StanceMap};

/// One changed stance: `key` reads `actor → issue` for positions and
/// `source → target [issue]` for relations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StanceChange {
    pub kind: &'static str,
    pub key: String,
    /// The stance in the first map (`None` when added).
    pub before: Option<Stance>,
    /// The stance in the second map (`None` when removed).
    pub after: Option<Stance>,
}

/// Every difference, in key order: added, removed and flipped stances plus actors
/// and issues only in one of the maps.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MapDiff {
    pub changes: Vec<StanceChange>,
    pub actors_added: Vec<String>,
    pub actors_removed: Vec<String>,
    pub issues_added: Vec<String>,
    pub issues_removed: Vec<String>,
}

impl MapDiff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
            && self.actors_added.is_empty()
            && self.actors_removed.is_empty()
            && self.issues_added.is_empty()
            && self.issues_removed.is_empty()
    }

    /// Changes of one sort: `"added"`, `"removed"` or `"flipped"`.
    pub fn of(&self, sort: &str) -> impl Iterator<Item = &StanceChange> + '_ {
        let sort = sort.to_owned();
        self.changes.iter().filter(move |c| c.sort() == sort)
    }

    /// Readable text, one line per change, ending in a newline.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for id in &self.actors_added {
            out.push_str(&format!("+ actor {id}\n"));
        }
        for id in &self.actors_removed {
            out.push_str(&format!("- actor {id}\n"));
        }
        for id in &self.issues_added {
            out.push_str(&format!("+ issue {id}\n"));
        }
        for id in &self.issues_removed {
            out.push_str(&format!("- issue {id}\n"));
        }
        for change in &self.changes {
            let show = |s: Option<Stance>| s.map_or("-", Stance::as_str);
            let mark = match change.sort() {
                "added" => "+",
                "removed" => "-",
                _ => "~",
            };
            out.push_str(&format!(
                "{mark} {} {}: {} -> {}\n",
                change.kind,
                change.key,
                show(change.before),
                show(change.after)
            ));
        }
        if out.is_empty() {
            out.push_str("no differences\n");
        }
        out
    }

    /// The diff as JSON: `{"added":[…],"removed":[…],"flipped":[…],"actors_added":…}`.
    pub fn to_json(&self) -> serde_json::Value {
        let list = |sort: &str| {
            self.of(sort)
                .map(|c| {
                    serde_json::json!({
                        "kind": c.kind, "key": c.key,
                        "before": c.before.map(Stance::as_str),
                        "after": c.after.map(Stance::as_str),
                    })
                })
                .collect::<Vec<_>>()
        };
        serde_json::json!({
            "added": list("added"),
            "removed": list("removed"),
            "flipped": list("flipped"),
            "actors_added": self.actors_added,
            "actors_removed": self.actors_removed,
            "issues_added": self.issues_added,
            "issues_removed": self.issues_removed,
        })
    }
}

impl StanceChange {
    /// `"added"`, `"removed"` or `"flipped"`.
    pub fn sort(&self) -> &'static str {
        match (self.before, self.after) {
            (None, _) => "added",
            (_, None) => "removed",
            _ => "flipped",
        }
    }
}

fn stances(map: &StanceMap) -> BTreeMap<(&'static str, String), Stance> {
    let mut all = BTreeMap::new();
    for p in map.positions() {
        all.insert(
            ("position", format!("{} → {}", p.actor, p.issue)),
            p.claim.stance,
        );
    }
    for r in map.relations() {
        let scope = r
            .issue
            .as_ref()
            .map(|i| format!(" [{i}]"))
            .unwrap_or_default();
        all.insert(
            ("relation", format!("{} → {}{scope}", r.source, r.target)),
            r.claim.stance,
        );
    }
    all
}

/// The differences from `before` to `after`. Cost: O((n + m) log(n + m)).
pub fn diff_maps(before: &StanceMap, after: &StanceMap) -> MapDiff {
    let old = stances(before);
    let new = stances(after);
    let mut changes = Vec::new();
    for ((kind, key), &stance) in &old {
        match new.get(&(*kind, key.clone())) {
            None => changes.push(StanceChange {
                kind,
                key: key.clone(),
                before: Some(stance),
                after: None,
            }),
            Some(&now) if now != stance => changes.push(StanceChange {
                kind,
                key: key.clone(),
                before: Some(stance),
                after: Some(now),
            }),
            Some(_) => {}
        }
    }
    for ((kind, key), &stance) in &new {
        if !old.contains_key(&(*kind, key.clone())) {
            changes.push(StanceChange {
                kind,
                key: key.clone(),
                before: None,
                after: Some(stance),
            });
        }
    }
    changes.sort_by(|a, b| (a.kind, &a.key).cmp(&(b.kind, &b.key)));
    let only = |x: &StanceMap, y: &StanceMap| -> Vec<String> {
        x.actors()
            .filter(|a| y.actor(&a.id).is_none())
            .map(|a| a.id.to_string())
            .collect()
    };
    let only_issues = |x: &StanceMap, y: &StanceMap| -> Vec<String> {
        x.issues()
            .filter(|i| y.issue(&i.id).is_none())
            .map(|i| i.id.to_string())
            .collect()
    };
    MapDiff {
        changes,
        actors_added: only(after, before),
        actors_removed: only(before, after),
        issues_added: only_issues(after, before),
        issues_removed: only_issues(before, after),
    }
}
