//! Turning files into documents: maps are loaded, articles are read (with their
//! publication date) and extracted into a map. The GUI's only doorway to `storage`
//! and `extract`.

use std::path::Path;

use crate::article::{Article, ArticleFormat};
use crate::extract::{Lexicon, extract, merge_extraction};
use crate::stance_map::{Edit, Source, StanceMap};
use crate::storage;

use super::document::Document;

/// The article bundled for a first look.
pub const SAMPLE_ARTICLE: &str = include_str!("../../assets/articles/ceasefire_talks.txt");
pub const SAMPLE_NAME: &str = "ceasefire_talks.txt";

/// Whether `path` names a map file rather than an article.
pub fn is_map_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("ron"))
}

/// Opens a map file as is, or reads and extracts an article into a new map.
pub fn open_document(path: &Path, lexicon: &Lexicon) -> anyhow::Result<Document> {
    if is_map_path(path) {
        let opened = storage::open_map(path)?;
        let mut document = Document::from_file(opened.map, path.to_owned());
        document.fingerprint = Some(opened.fingerprint);
        return Ok(document);
    }
    let article = storage::read_article(path)?;
    let name = path.file_name().map_or_else(
        || "article".to_owned(),
        |name| name.to_string_lossy().into_owned(),
    );
    Ok(document_from_article(
        &article,
        &path.to_string_lossy(),
        &name,
        lexicon,
    ))
}

/// A new unsaved map holding `article` and what extraction found in it.
pub fn document_from_article(
    article: &Article,
    source_path: &str,
    name: &str,
    lexicon: &Lexicon,
) -> Document {
    let mut map = StanceMap::new();
    let edit = article_edit(&map, article, source_path, lexicon);
    // A fresh map accepts a fresh extraction; if not, the map stays empty and the
    // user still sees the start of an untitled document rather than a crash.
    let _ = map.apply(edit);
    Document::extracted(map, name)
}

/// The edit adding `article` as a new source of `map`, with its findings merged.
pub fn article_edit(
    map: &StanceMap,
    article: &Article,
    source_path: &str,
    lexicon: &Lexicon,
) -> Edit {
    let id = map.fresh_source_id();
    let extraction = extract(article, &id, lexicon);
    let source = Source {
        id,
        title: article.title.clone(),
        path: source_path.to_owned(),
        date: article_date(source_path, article),
        text: article.text.clone(),
    };
    merge_extraction(map, source, extraction)
}

/// The publication date of an article (see [`crate::article::date`]): from the
/// head of the file at `source_path` when it can be read (HTML meta and `<time>`
/// tags live there), else from the article's text (a dateline with a year).
pub fn article_date(source_path: &str, article: &Article) -> Option<String> {
    use std::io::Read;
    let mut head = Vec::new();
    let from_file = std::fs::File::open(source_path)
        .and_then(|file| file.take(64 * 1024).read_to_end(&mut head))
        .is_ok();
    let from_file = from_file
        .then(|| crate::article::date::detect_date(&String::from_utf8_lossy(&head)))
        .flatten();
    from_file.or_else(|| crate::article::date::detect_date(&article.text))
}

/// The edit that runs extraction again on every source of `map`. Manual and locked
/// stances are left alone by `merge_extraction`.
pub fn reextract_edit(map: &StanceMap, lexicon: &Lexicon) -> Edit {
    let mut edits = Vec::new();
    for source in map.sources() {
        let article = Article::parse(source.text.as_bytes(), ArticleFormat::Text);
        // The source's text is kept verbatim, so spans from re-reading it fit it.
        let article = Article {
            text: source.text.clone(),
            ..article
        };
        let extraction = extract(&article, &source.id, lexicon);
        edits.push(merge_extraction(map, source.clone(), extraction));
    }
    Edit::Batch(edits)
}

/// The bundled lexicon extended by the user lexicon file, if there is one.
pub fn load_lexicon(user_lexicon: &Path) -> anyhow::Result<Lexicon> {
    let bundled = Lexicon::bundled();
    // Size-capped like every file the app reads; a missing file means no user lexicon.
    match storage::read_lexicon(user_lexicon) {
        Ok(text) => bundled.with_user_ron(&text).map_err(|error| {
            anyhow::anyhow!("invalid lexicon, {error}: {}", user_lexicon.display())
        }),
        Err(storage::StorageError::Io { error, .. })
            if error.kind() == std::io::ErrorKind::NotFound =>
        {
            Ok(bundled)
        }
        Err(error) => Err(error.into()),
    }
}

/// A file name stem made from an article title: lowercase words joined by "-",
/// letters and digits only, at most 60 characters. Empty for a title without words.
pub fn file_stem_from_title(title: &str) -> String {
    let mut stem = String::new();
    for word in title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        let word = word.to_lowercase();
        if stem.chars().count() + word.chars().count() + 1 > 60 {
            break;
        }
        if !stem.is_empty() {
            stem.push('-');
        }
        stem.push_str(&word);
    }
    stem
}
