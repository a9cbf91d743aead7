//! Articles in legacy encodings read as their author wrote them (cases f01, f02).

use stancemap::article::{Article, ArticleFormat, EncodingSource, decode};

use super::{extract_json, fixture, positions};

#[test]
fn cp1252_article_gives_the_same_map_as_its_utf8_control() {
    let (control, _) = extract_json(&fixture("cases/f01_control_utf8_article.txt"));
    let (legacy, stderr) = extract_json(&fixture("cases/f01_cp1252_article.txt"));
    assert!(
        stderr.contains("read as windows-1252"),
        "no diagnostic naming the encoding: {stderr}"
    );
    assert_eq!(positions(&legacy), positions(&control));
    assert!(!positions(&control).is_empty());
    let text = legacy["sources"][0]["text"].as_str().unwrap();
    assert!(
        text.contains("Côte d’Ivoire") && text.contains("Türkiye"),
        "{text}"
    );
    assert!(!text.contains('\u{fffd}'));
}

#[test]
fn html_declared_charset_is_honoured() {
    let (control, _) = extract_json(&fixture("cases/f02_control_utf8.html"));
    let (legacy, stderr) = extract_json(&fixture("cases/f02_cp1252_meta_charset.html"));
    assert!(
        stderr.contains("windows-1252, the encoding the page declares"),
        "{stderr}"
    );
    assert_eq!(positions(&legacy), positions(&control));
    assert_eq!(legacy["sources"][0]["text"], control["sources"][0]["text"]);
}

#[test]
fn further_encodings_of_the_same_kind() {
    // Latin-1 in plain text, detected.
    let article = Article::parse(
        b"M\xe9xico and Per\xfa back the accord, said the minister in Bogot\xe1.",
        ArticleFormat::Text,
    );
    assert_eq!(
        article.text,
        "México and Perú back the accord, said the minister in Bogotá."
    );
    // A page declaring ISO-8859-2 in <meta charset>: Polish letters.
    let page = b"<html><head><meta charset=\"iso-8859-2\"><title>\xa3\xf3d\xbc</title></head><body><p>Polska popiera \xbf\xb1danie.</p></body></html>";
    let article = Article::parse(page, ArticleFormat::Html);
    assert_eq!(article.title, "Łódź");
    assert!(
        article.text.contains("Polska popiera żądanie."),
        "{}",
        article.text
    );
    assert!(article.diagnostics.iter().any(|d| d.contains("iso-8859-2")));
    // A UTF-16 file with its BOM, and a UTF-8 BOM with CRLF.
    let mut utf16 = vec![0xff, 0xfe];
    for unit in "Chile backs the pact.\r\nPeru waits.".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let article = Article::parse(&utf16, ArticleFormat::Text);
    assert_eq!(article.text, "Chile backs the pact.\nPeru waits.");
    let article = Article::parse(
        b"\xef\xbb\xbfChile backs the pact.\r\n",
        ArticleFormat::Text,
    );
    assert_eq!(article.text, "Chile backs the pact.\n");
    assert!(article.diagnostics.is_empty(), "{:?}", article.diagnostics);
    // A page that says utf-8 but is not: the bytes win, and the diagnostic says so.
    let decoded = decode(b"<meta charset=utf-8><p>Bogot\xe1</p>", true);
    assert_eq!(decoded.source, EncodingSource::Detected);
    assert!(decoded.text.contains("Bogotá"));
}

#[test]
fn utf16_article_file_is_not_called_binary() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("utf16.txt");
    let mut bytes = vec![0xff, 0xfe];
    for unit in "France supports the resolution.".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    std::fs::write(&path, bytes).unwrap();
    let article = stancemap::storage::read_article(&path).unwrap();
    assert_eq!(article.text, "France supports the resolution.");
}
