//! Undo/redo over [`Edit`]s: every applied edit's inverse goes on the undo stack.

use crate::stance_map::{Edit, EditError, StanceMap};

/// Undo and redo stacks for one document. Never saved to disk.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
}

impl History {
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies `edit` to `map` as one undo step; clears the redo stack.
    pub fn apply(&mut self, map: &mut StanceMap, edit: Edit) -> Result<(), EditError> {
        let inverse = map.apply(edit)?;
        self.undo.push(inverse);
        self.redo.clear();
        Ok(())
    }

    /// Undoes the latest step; returns whether there was one.
    pub fn undo(&mut self, map: &mut StanceMap) -> Result<bool, EditError> {
        let Some(inverse) = self.undo.pop() else {
            return Ok(false);
        };
        match map.apply(inverse.clone()) {
            Ok(redo) => {
                self.redo.push(redo);
                Ok(true)
            }
            Err(error) => {
                self.undo.push(inverse);
                Err(error)
            }
        }
    }

    /// Redoes the latest undone step; returns whether there was one.
    pub fn redo(&mut self, map: &mut StanceMap) -> Result<bool, EditError> {
        let Some(edit) = self.redo.pop() else {
            return Ok(false);
        };
        match map.apply(edit.clone()) {
            Ok(inverse) => {
                self.undo.push(inverse);
                Ok(true)
            }
            Err(error) => {
                self.redo.push(edit);
                Err(error)
            }
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Number of steps that can be undone.
    pub fn depth(&self) -> usize {
        self.undo.len()
    }

    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}
