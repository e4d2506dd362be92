//! PLACEHOLDER(helper): `wg tasks done|status|note`, replaced by the edit implementation.

use crate::cli::TasksCommand;
use crate::context::Context;
use crate::{Error, Exit};
use std::io::Write;

pub fn run(_cmd: &TasksCommand, _ctx: &Context, _out: &mut dyn Write, _err: &mut dyn Write) -> Result<Exit, Error> {
    Err(Error::Usage("PLACEHOLDER".into()))
}
