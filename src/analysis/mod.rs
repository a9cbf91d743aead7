//! Pure questions about a stance map: who agrees with whom across issues
//! (a DNA-style congruence network) and how balanced the signed network is.
//!
//! Nothing here changes a map or does IO; results are sorted by id.

mod balance;
mod congruence;

pub use balance::{BalanceReport, structural_balance};
pub use congruence::{Congruence, congruence_network};
