//! Tests of `wg roster`.
