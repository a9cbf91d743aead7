//! PNG of the map: the SVG export rendered by resvg (tiny-skia) at a scale, with
//! egui's bundled Ubuntu font, so no system fonts are needed and output is the same
//! on every machine.

use std::sync::Arc;

use resvg::{tiny_skia, usvg};

/// Why an SVG could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum PngError {
    #[error("the svg could not be parsed: {0}")]
    Svg(String),
    #[error("the image would be empty or too large ({0}×{1} px)")]
    Size(u32, u32),
    #[error("png encoding failed: {0}")]
    Encode(String),
}

/// Largest side of a rendered image, in pixels.
pub const MAX_SIDE: u32 = 16_384;

/// Renders an SVG document to RGBA pixels at `scale` (1.0 = one px per SVG unit).
pub fn render(svg: &str, scale: f32) -> Result<tiny_skia::Pixmap, PngError> {
    let mut options = usvg::Options {
        font_family: "Ubuntu".to_owned(),
        ..usvg::Options::default()
    };
    let mut fonts = usvg::fontdb::Database::new();
    fonts.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
    fonts.set_sans_serif_family("Ubuntu");
    options.fontdb = Arc::new(fonts);
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| PngError::Svg(e.to_string()))?;
    let size = tree.size();
    let scale = if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    };
    let width = (size.width() * scale).ceil() as u32;
    let height = (size.height() * scale).ceil() as u32;
    if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
        return Err(PngError::Size(width, height));
    }
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or(PngError::Size(width, height))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

/// Renders an SVG document to PNG bytes at `scale`.
pub fn svg_to_png(svg: &str, scale: f32) -> Result<Vec<u8>, PngError> {
    render(svg, scale)?
        .encode_png()
        .map_err(|e| PngError::Encode(e.to_string()))
}
