//! PLACEHOLDER(helper): replaced by the init implementation.

use crate::context::Context;
use crate::{Error, Exit};
use std::io::Write;

pub fn run(_dir: &std::path::Path, _ctx: &Context, _out: &mut dyn Write) -> Result<Exit, Error> {
    Err(Error::Usage("PLACEHOLDER".into()))
}
