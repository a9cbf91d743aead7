//! The lexicon editor window: add an alias to an actor ("Kyiv" → Ukraine). Aliases
//! go to the user lexicon file as RON, then the map is re-extracted with it.

use std::path::Path;

use anyhow::Context as _;

use super::action::AppAction;
use crate::extract::Lexicon;
use crate::stance_map::{ActorId, StanceMap};

/// The part of the user lexicon file (see `extract::Lexicon::with_user_ron`) the
/// editor writes: `(aliases: [("Kyiv", "Ukraine")], actors: [(id, name, aliases)])`.
/// Unknown fields are refused rather than dropped on rewrite.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserLexiconFile {
    /// Extra names of actors the bundled lexicon knows: `(alias, actor id)`.
    #[serde(default)]
    pub aliases: Vec<(String, String)>,
    /// Actors the bundled lexicon does not know, with their aliases.
    #[serde(default)]
    pub actors: Vec<UserActor>,
}

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserActor {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

fn read_user_file(path: &Path) -> anyhow::Result<UserLexiconFile> {
    match std::fs::read_to_string(path) {
        Ok(text) => ron::from_str(&text).with_context(|| {
            format!(
                "the editor only keeps aliases and simple actors; edit by hand: {}",
                path.display()
            )
        }),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            Ok(UserLexiconFile::default())
        }
        Err(error) => Err(error).with_context(|| format!("reading {}", path.display())),
    }
}

/// Adds `alias` for `actor` to the user lexicon at `path`, creating the file if needed.
/// An actor the bundled lexicon does not know is added as a user actor.
pub fn add_alias_to_file(
    path: &Path,
    actor: &ActorId,
    name: &str,
    alias: &str,
) -> anyhow::Result<()> {
    let mut file = read_user_file(path)?;
    let pair = (alias.to_owned(), actor.to_string());
    if file.aliases.contains(&pair) {
        return Ok(());
    }
    let pretty = ron::ser::PrettyConfig::default();
    file.aliases.push(pair);
    let mut text = ron::ser::to_string_pretty(&file, pretty.clone())?;
    if Lexicon::bundled().with_user_ron(&text).is_err() {
        // The alias names an actor only this map has: keep it as a user actor.
        file.aliases.pop();
        match file
            .actors
            .iter_mut()
            .find(|entry| entry.id == actor.as_str())
        {
            Some(entry) => entry.aliases.push(alias.to_owned()),
            None => file.actors.push(UserActor {
                id: actor.to_string(),
                name: name.to_owned(),
                aliases: vec![alias.to_owned()],
            }),
        }
        text = ron::ser::to_string_pretty(&file, pretty)?;
        Lexicon::bundled()
            .with_user_ron(&text)
            .map_err(|error| anyhow::anyhow!("the lexicon refuses the alias: {error}"))?;
    }
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("creating {}", folder.display()))?;
    }
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

/// The window's state: open or not, and the form.
#[derive(Debug, Default)]
pub struct LexiconEditor {
    pub open: bool,
    pub actor: Option<ActorId>,
    pub alias: String,
}

impl LexiconEditor {
    pub fn window_ui(&mut self, ctx: &egui::Context, map: &StanceMap) -> Vec<AppAction> {
        let mut actions = Vec::new();
        let mut open = self.open;
        egui::Window::new("Lexicon editor")
            .open(&mut open)
            .show(ctx, |ui| {
                ui.label("Teach extraction another name for an actor");
                let selected = self
                    .actor
                    .as_ref()
                    .and_then(|id| map.actor(id))
                    .map_or("choose", |a| a.name.as_str());
                egui::ComboBox::from_label("Actor")
                    .selected_text(selected)
                    .show_ui(ui, |ui| {
                        for actor in map.actors() {
                            ui.selectable_value(
                                &mut self.actor,
                                Some(actor.id.clone()),
                                &actor.name,
                            );
                        }
                    })
                    .response
                    .on_hover_text("The actor the alias names");
                let label = ui.label("Alias");
                ui.text_edit_singleline(&mut self.alias)
                    .labelled_by(label.id)
                    .on_hover_text("Another name, e.g. a capital used for the government");
                let ready = self.actor.is_some() && !self.alias.trim().is_empty();
                let add = ui.add_enabled(ready, egui::Button::new("Add alias and re-extract"));
                if add
                    .on_hover_text("Save to your lexicon file and extract again")
                    .clicked()
                    && let Some(actor) = self.actor.clone()
                {
                    actions.push(AppAction::AddLexiconAlias {
                        actor,
                        alias: std::mem::take(&mut self.alias),
                    });
                }
            });
        self.open = open;
        actions
    }
}
