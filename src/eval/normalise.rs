//! String normalisation and issue content words, exactly as the corpus README scores them.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Normalises a name for comparison: NFKD without diacritics, lowercase, plain quotes,
/// no possessive `'s`, dashes/slashes/underscores as spaces, other punctuation removed,
/// spaces collapsed and a leading `the ` dropped.
///
/// `"U.S."` → `"us"`, `"The Kremlin"` → `"kremlin"`, `"Zelenskyy’s"` → `"zelenskyy"`,
/// `"Côte d’Ivoire"` → `"cote divoire"` (an apostrophe is punctuation, so it is removed
/// rather than turned into a space).
pub fn normalise(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    for character in text.nfkd() {
        if is_combining_mark(character) {
            continue;
        }
        let character = match character {
            '’' | '‘' | '‛' | '′' | '`' | '´' => '\'',
            '“' | '”' | '„' | '″' => '"',
            other => other,
        };
        plain.extend(character.to_lowercase());
    }
    let mut words = String::with_capacity(plain.len());
    let mut characters = plain.chars().peekable();
    while let Some(character) = characters.next() {
        if character == '\'' {
            // A possessive `'s` ends a word: drop it, keep contractions like "d'ivoire" glued.
            let mut lookahead = characters.clone();
            if lookahead.next() == Some('s')
                && lookahead.peek().is_none_or(|next| !next.is_alphanumeric())
            {
                characters.next();
            }
            continue;
        }
        if character.is_alphanumeric() {
            words.push(character);
        } else if character.is_whitespace()
            || matches!(character, '-' | '/' | '\\' | '_')
            || is_dash(character)
        {
            words.push(' ');
        }
        // Any other punctuation or symbol disappears: "U.S." → "us".
    }
    let collapsed = words.split_whitespace().collect::<Vec<_>>().join(" ");
    match collapsed.strip_prefix("the ") {
        Some(rest) => rest.to_owned(),
        None => collapsed,
    }
}

fn is_dash(character: char) -> bool {
    matches!(
        character,
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '⁃' | '﹘' | '﹣' | '－'
    )
}

/// Words that carry no topic: left out of issue content words.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "against", "all", "also", "an", "and", "any", "are", "as", "at", "be",
    "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "does",
    "during", "each", "for", "from", "had", "has", "have", "he", "her", "his", "how", "if", "in",
    "into", "is", "it", "its", "may", "might", "more", "most", "must", "new", "no", "nor", "not",
    "of", "on", "one", "or", "other", "our", "out", "over", "own", "per", "s", "shall", "she",
    "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "through", "to", "under", "until", "up", "upon", "via", "vs",
    "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
    "with", "within", "without", "would", "you",
];

/// Letters a stem keeps: enough to tell topics apart, few enough that
/// "recognise"/"recognition" or "Ukraine"/"Ukrainian" share a stem.
const STEM_LENGTH: usize = 6;

/// Light stemming: British spellings mapped to American ones, plural `-ies`/`-es`/`-s`
/// removed, then the word cut to its first [`STEM_LENGTH`] letters.
pub fn stem(word: &str) -> String {
    let word = match word {
        "defence" => "defense",
        "offence" => "offense",
        "programme" | "programmes" => "program",
        "centre" => "center",
        other => other,
    };
    let singular = if let Some(base) = word.strip_suffix("ies").filter(|base| base.len() >= 3) {
        format!("{base}y")
    } else if let Some(base) = word.strip_suffix("es").filter(|base| {
        base.ends_with(['s', 'x', 'z']) || base.ends_with("ch") || base.ends_with("sh")
    }) {
        base.to_owned()
    } else if let Some(base) = word
        .strip_suffix('s')
        .filter(|base| base.len() >= 3 && !base.ends_with(['s', 'u', 'i']))
    {
        base.to_owned()
    } else {
        word.to_owned()
    };
    singular.chars().take(STEM_LENGTH).collect()
}

/// The stemmed content words of some texts (an issue's label and keywords), deduplicated.
pub fn content_words<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut words: Vec<String> = texts
        .into_iter()
        .flat_map(|text| {
            normalise(text)
                .split(' ')
                .filter(|word| word.chars().count() >= 2 && !STOPWORDS.contains(word))
                .map(stem)
                .collect::<Vec<_>>()
        })
        .collect();
    words.sort();
    words.dedup();
    words
}

/// |A ∩ B| / min(|A|, |B|) over two sorted, deduplicated word lists; 0 when either is empty.
pub fn overlap_coefficient(left: &[String], right: &[String]) -> f64 {
    let smaller = left.len().min(right.len());
    if smaller == 0 {
        return 0.0;
    }
    let shared = left
        .iter()
        .filter(|word| right.binary_search(word).is_ok())
        .count();
    shared as f64 / smaller as f64
}
