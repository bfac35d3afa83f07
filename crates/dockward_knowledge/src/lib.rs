//! Knowledge that rules consult but that is not code: embedded data tables with their sources
//! and dates (end-of-life releases), and the secret detector shared by every surface.

pub mod eol;
pub mod secrets;
