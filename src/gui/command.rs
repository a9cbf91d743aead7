//! What the GUI can do, as values: panels return `Command`s, the app applies them
//! after drawing. Document changes travel as [`Edit`]s inside `Command::Edit`.

use crate::stance_map::{ActorId, Edit, IssueId, PositionKey, RelationKey, SourceId};

/// What is selected; shown in the inspector and highlighted on the canvas.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Selection {
    #[default]
    Nothing,
    Actor(ActorId),
    Issue(IssueId),
    Position(PositionKey),
    Relation(RelationKey),
}

/// A span of a source to show and highlight in the article panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvidenceFocus {
    pub source: SourceId,
    pub start: usize,
    pub end: usize,
}

/// Everything a panel can ask the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Change the document through the one `Edit` path (one undo step).
    Edit(Edit),
    Select(Selection),
    /// Scroll the article panel to a span and highlight it.
    ShowEvidence(EvidenceFocus),
    Undo,
    Redo,
    /// Zoom and pan the canvas so every node is visible.
    FitView,
    /// Run the layout again for unpinned nodes.
    Relayout,
    DeleteSelection,
}
