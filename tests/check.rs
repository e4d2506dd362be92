//! Tests of `wg check`.
