//! Secret detector (to be written).
