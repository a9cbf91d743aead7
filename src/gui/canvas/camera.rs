//! Pan and zoom: the mapping between layout units and screen points.

use egui::{Pos2, Rect, Vec2};

pub const MIN_ZOOM: f32 = 0.02;
pub const MAX_ZOOM: f32 = 4.0;

/// Which layout point sits at the centre of the canvas, and how many screen points one
/// layout unit takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    pub centre: Pos2,
    pub zoom: f32,
}

impl Default for Camera {
    fn default() -> Self {
        Self {
            centre: Pos2::ZERO,
            zoom: 1.0,
        }
    }
}

impl Camera {
    pub fn to_screen(&self, rect: Rect, world: Pos2) -> Pos2 {
        rect.center() + (world - self.centre) * self.zoom
    }

    pub fn to_world(&self, rect: Rect, screen: Pos2) -> Pos2 {
        self.centre + (screen - rect.center()) / self.zoom
    }

    /// Moves the view by a screen-space drag.
    pub fn pan(&mut self, screen_delta: Vec2) {
        self.centre -= screen_delta / self.zoom;
    }

    /// Zooms by `factor`, keeping the layout point under `anchor` (a screen point) fixed.
    pub fn zoom_at(&mut self, rect: Rect, anchor: Pos2, factor: f32) {
        if !factor.is_finite() || factor <= 0.0 {
            return;
        }
        let before = self.to_world(rect, anchor);
        self.zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let after = self.to_world(rect, anchor);
        self.centre += before - after;
    }

    /// Shows `bounds` (layout units) centred in `target`, a part of the canvas `rect`,
    /// with a margin; never zooms in past 1.5.
    pub fn fit(&mut self, rect: Rect, target: Rect, bounds: Rect) {
        if !bounds.is_finite() || bounds.is_negative() {
            return;
        }
        let margin = 16.0;
        let available = (target.size() - Vec2::splat(2.0 * margin)).max(Vec2::splat(10.0));
        let size = bounds.size().max(Vec2::splat(1.0));
        let zoom = (available.x / size.x).min(available.y / size.y);
        self.zoom = zoom.clamp(MIN_ZOOM, 1.5);
        self.centre = bounds.center() - (target.center() - rect.center()) / self.zoom;
    }
}
