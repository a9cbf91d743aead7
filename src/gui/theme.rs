//! Colours of the stance graph, for dark and light themes, in one place so the
//! canvas, the matrix, the legend and the inspector agree.

use egui::Color32;

use crate::stance_map::{Actor, ActorKind, Stance};

/// Support is green, opposition red; both readable on dark and light backgrounds.
pub fn stance_color(stance: Stance, dark: bool) -> Color32 {
    match (stance, dark) {
        (Stance::Support, true) => Color32::from_rgb(80, 200, 110),
        (Stance::Support, false) => Color32::from_rgb(20, 140, 60),
        (Stance::Oppose, true) => Color32::from_rgb(240, 90, 90),
        (Stance::Oppose, false) => Color32::from_rgb(200, 40, 40),
    }
}

/// Neither support nor opposition (e.g. an actor with no stance in the issue lens).
pub fn no_stance_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_gray(120)
    } else {
        Color32::from_gray(160)
    }
}

/// The fill of an actor's circle: its own colour if set, else one by kind.
pub fn actor_color(actor: &Actor, dark: bool) -> Color32 {
    match actor.color {
        Some([r, g, b]) => Color32::from_rgb(r, g, b),
        None => actor_kind_color(actor.kind, dark),
    }
}

pub fn actor_kind_color(kind: ActorKind, dark: bool) -> Color32 {
    let [r, g, b] = match kind {
        ActorKind::State => [70, 130, 210],
        ActorKind::Organization => [150, 110, 200],
        ActorKind::Bloc => [60, 160, 170],
        ActorKind::Movement => [200, 140, 60],
        ActorKind::Person => [170, 150, 110],
        ActorKind::Other => [130, 130, 140],
    };
    if dark {
        Color32::from_rgb(r, g, b)
    } else {
        // Slightly lighter in light mode so the dark label text stays readable nearby.
        Color32::from_rgb(
            r.saturating_add(25),
            g.saturating_add(25),
            b.saturating_add(25),
        )
    }
}

/// The fill of an issue's box.
pub fn issue_fill(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(58, 52, 40)
    } else {
        Color32::from_rgb(252, 240, 205)
    }
}

/// The outline of an issue's box.
pub fn issue_stroke(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(215, 180, 90)
    } else {
        Color32::from_rgb(170, 125, 30)
    }
}

/// Node labels and the legend text.
pub fn label_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_gray(230)
    } else {
        Color32::from_gray(25)
    }
}

/// The highlight ring around selected items.
pub fn selection_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(255, 210, 60)
    } else {
        Color32::from_rgb(230, 140, 0)
    }
}

/// The canvas background.
pub fn canvas_background(dark: bool) -> Color32 {
    if dark {
        Color32::from_gray(24)
    } else {
        Color32::from_gray(250)
    }
}

/// The outline of a locked claim or a pinned node.
pub fn locked_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_gray(245)
    } else {
        Color32::from_gray(10)
    }
}

/// Fades a colour to `opacity` (0.0..=1.0), for dimmed and low-confidence items.
pub fn faded(color: Color32, opacity: f32) -> Color32 {
    color.gamma_multiply(opacity.clamp(0.0, 1.0))
}
