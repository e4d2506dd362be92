//! Tests of `wg examples`.
