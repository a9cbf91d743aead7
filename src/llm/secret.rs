//! The API key: read from an environment variable or the OS keyring (the `keyring`
//! crate: macOS Keychain, Windows Credential Manager, the Linux kernel keyring),
//! held in memory only and never printed, written to a map or to the preferences.

use std::fmt;

/// The environment variable read for the API key unless another is named.
pub const DEFAULT_KEY_VARIABLE: &str = "STANCEMAP_LLM_API_KEY";
/// The keyring service name; the keyring user is the endpoint URL.
pub const KEYRING_SERVICE: &str = "stancemap";

/// An API key. `Debug` and `Display` print `***`, so it never lands in a log.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// A key from text; `None` when blank.
    pub fn new(key: impl Into<String>) -> Option<Self> {
        let key = key.into();
        let trimmed = key.trim();
        (!trimmed.is_empty()).then(|| ApiKey(trimmed.to_owned()))
    }

    /// The key itself, only for the `Authorization` header.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(***)")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// Where the key came from, for the user to see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeySource {
    Environment,
    Keyring,
}

/// The key for `url`: the environment variable `variable` if set and not blank,
/// else the keyring entry (service `stancemap`, user `url`), else none (local
/// servers need none). Keyring errors mean "no key".
pub fn api_key_for(url: &str, variable: &str) -> Option<(ApiKey, KeySource)> {
    if let Some(key) = std::env::var(variable).ok().and_then(ApiKey::new) {
        return Some((key, KeySource::Environment));
    }
    let entry = keyring::Entry::new(KEYRING_SERVICE, url.trim()).ok()?;
    let key = ApiKey::new(entry.get_password().ok()?)?;
    Some((key, KeySource::Keyring))
}

/// Stores `key` for `url` in the OS keyring.
pub fn store_in_keyring(url: &str, key: &ApiKey) -> Result<(), String> {
    keyring::Entry::new(KEYRING_SERVICE, url.trim())
        .and_then(|entry| entry.set_password(key.expose()))
        .map_err(|error| format!("cannot store the key in the keyring: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_never_print() {
        let key = ApiKey::new(" sk-secret ");
        assert_eq!(format!("{key:?}"), "Some(ApiKey(***))");
        assert_eq!(key.as_ref().map(ApiKey::expose), Some("sk-secret"));
        assert_eq!(ApiKey::new("  "), None);
    }
}
