//! The lexicon editor window: add an alias to an actor ("Kyiv" → Ukraine). Aliases
//! go to the user lexicon file as RON, then the map is re-extracted with it.

use std::path::Path;

use anyhow::Context as _;

use super::action::AppAction;
use crate::stance_map::{ActorId, StanceMap};

/// The user lexicon file's shape as far as the editor writes it:
/// `(actors: [(id: "Ukraine", aliases: ["Kyiv"])])`.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct UserLexiconFile {
    #[serde(default)]
    pub actors: Vec<UserActorAliases>,
}

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct UserActorAliases {
    pub id: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// Adds `alias` for `actor` to the user lexicon at `path`, creating the file if needed.
pub fn add_alias_to_file(path: &Path, actor: &ActorId, alias: &str) -> anyhow::Result<()> {
    let mut file: UserLexiconFile = match std::fs::read_to_string(path) {
        Ok(text) => ron::from_str(&text).with_context(|| format!("reading {}", path.display()))?,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => UserLexiconFile::default(),
        Err(error) => return Err(error).with_context(|| format!("reading {}", path.display())),
    };
    match file
        .actors
        .iter_mut()
        .find(|entry| entry.id == actor.as_str())
    {
        Some(entry) if entry.aliases.iter().any(|known| known == alias) => return Ok(()),
        Some(entry) => entry.aliases.push(alias.to_owned()),
        None => file.actors.push(UserActorAliases {
            id: actor.to_string(),
            aliases: vec![alias.to_owned()],
        }),
    }
    let text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default())?;
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
