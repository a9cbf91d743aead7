//! Reading article files: size cap, empty and binary files refused with clear errors.

use stancemap::storage::{ARTICLE_SIZE_CAP, StorageError, read_article};

use super::data;

#[test]
fn reads_a_text_article() {
    let article = read_article(&data("articles/lake_treaty_wire.txt")).unwrap();
    assert_eq!(
        article.title,
        "Freedonia and Sylvania clash over Lake Treaty at Geneva talks"
    );
    assert!(
        article
            .text
            .contains("Freedonian Foreign Minister Ana Korsh")
    );
}

#[test]
fn empty_article_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.txt");
    std::fs::write(&path, " \n\t\n").unwrap();
    let error = read_article(&path).unwrap_err();
    assert!(matches!(error, StorageError::EmptyArticle { .. }));
    assert_eq!(
        error.to_string(),
        format!("the article is empty: {}", path.display())
    );
}

#[test]
fn binary_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("photo.txt");
    std::fs::write(&path, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let error = read_article(&path).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "looks like a binary file, not an article: {}",
            path.display()
        )
    );
}

#[test]
fn nul_bytes_after_the_probe_are_read_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    let mut bytes = "Headline\n".repeat(1000).into_bytes();
    bytes.push(0);
    std::fs::write(&path, &bytes).unwrap();
    assert_eq!(read_article(&path).unwrap().title, "Headline");
}

#[test]
fn oversized_article_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    std::fs::File::create(&path)
        .unwrap()
        .set_len(ARTICLE_SIZE_CAP + 1)
        .unwrap();
    let message = read_article(&path).unwrap_err().to_string();
    assert!(message.starts_with("article is too large"), "{message}");
    assert!(message.ends_with(&path.display().to_string()), "{message}");
}

#[test]
fn a_folder_is_not_an_article() {
    let dir = tempfile::tempdir().unwrap();
    let message = read_article(dir.path()).unwrap_err().to_string();
    assert_eq!(
        message,
        format!("article is not a regular file: {}", dir.path().display())
    );
}
