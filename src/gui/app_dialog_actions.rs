//! The actions that answer a modal or a tool window: unsaved changes, recovery after
//! a crash, and adding an alias to the user lexicon.

use super::action::AppAction;
use super::app::StanceMapApp;
use super::document::Document;
use super::files;
use crate::stance_map::{ActorId, Edit};
use crate::storage;

impl StanceMapApp {
    pub(super) fn run_other_action(&mut self, action: AppAction) {
        match action {
            AppAction::DiscardThen(then) => {
                self.modal = None;
                self.discard_confirmed = true;
                self.actions.push(*then);
            }
            AppAction::SaveThen(then) => {
                self.modal = None;
                self.after_save = Some(*then);
                self.actions.push(AppAction::Save);
            }
            AppAction::CloseModal => {
                self.modal = None;
                // A cancelled save must not run what was waiting for it later.
                self.after_save = None;
            }
            AppAction::Recover => {
                self.modal = None;
                match storage::load_map(&self.config.recovery_path) {
                    Ok(map) => {
                        self.set_document(Document::unsaved(map, "recovered map"));
                        self.status = "recovered the unsaved map".into();
                    }
                    Err(error) => {
                        self.status = "could not recover the unsaved map".into();
                        self.error_banner
                            .show(format!("could not recover: {error}"));
                    }
                }
            }
            AppAction::DiscardRecovery => {
                self.modal = None;
                self.autosave.remove_recovery(&self.config.recovery_path);
            }
            AppAction::AddLexiconAlias { actor, alias } => self.add_lexicon_alias(&actor, &alias),
            AppAction::Conflict(answer) => self.answer_conflict(answer),
            // Every other action is handled in `run_action`.
            _ => {}
        }
    }

    /// Adds `alias` to the actor in the map and to the user lexicon file, reloads the
    /// lexicon and re-extracts, so the alias is found in every source.
    fn add_lexicon_alias(&mut self, actor_id: &ActorId, alias: &str) {
        let alias = alias.trim();
        let Some(actor) = self.document.as_ref().and_then(|d| d.map.actor(actor_id)) else {
            return;
        };
        if alias.is_empty() {
            return self.status = "the alias is empty".into();
        }
        let path = self.config.user_lexicon_path.clone();
        if let Err(error) =
            super::lexicon_editor::add_alias_to_file(&path, actor_id, &actor.name, alias)
        {
            return self.status = format!("could not write the user lexicon: {error:#}");
        }
        match files::load_lexicon(&path) {
            Ok(lexicon) => self.config.lexicon = lexicon,
            Err(error) => {
                return self.status = format!("could not read the user lexicon: {error:#}");
            }
        }
        if !actor.aliases.iter().any(|known| known == alias) {
            let mut updated = actor.clone();
            updated.aliases.push(alias.to_owned());
            self.apply_edit(Edit::UpdateActor(updated));
        }
        self.reextract();
        self.status = format!("added alias \"{alias}\" to {actor_id} and re-extracted");
    }
}
