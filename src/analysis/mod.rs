//! Pure questions about a stance map: DNA-style derived actor networks
//! (congruence, conflict, two-mode), the signed actor graph and its structural
//! balance (frustrated triads, frustration index, coalitions), contested issues and
//! pivotal actors, and time (a map as of a date range, a stance over time).
//!
//! Nothing here changes a map or does IO; results are sorted by id. Every analysis
//! reads a claim's current `stance`; a mixed claim (evidence with both stances)
//! counts with its latest stance.

pub mod diff;
pub mod issues;
pub mod merge;
pub mod networks;
mod report;
pub mod signed;
pub mod time;

pub use diff::{MapDiff, StanceChange, diff_maps};
pub use issues::{Contest, contested_issues};
pub use merge::{MergeResult, merge_maps};
pub use networks::{ActorTie, Normalisation, TieKind, TwoMode, actor_network, two_mode};
pub use report::{Analysis, analyze};
pub use signed::{
    Clustering, EXACT_LIMIT, Frustration, SignedEdge, SignedGraph, Triads, frustration,
    signed_clusters, signed_graph, triads,
};
pub use time::{
    DateRange, StancePoint, Undated, day_number, map_as_of, map_as_of_with, parse_date,
    stance_over_time, timeline_filter, timeline_filter_with,
};
