//! End-of-life table (to be written).
