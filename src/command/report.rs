//! PLACEHOLDER(helper): replaced by the report implementation.

use crate::cli::ReportBy;
use crate::context::Context;
use crate::model::Quarter;
use crate::{Error, Exit};
use std::io::Write;

pub fn run(_q: Option<Quarter>, _by: ReportBy, _ctx: &Context, _out: &mut dyn Write, _err: &mut dyn Write) -> Result<Exit, Error> {
    Err(Error::Usage("PLACEHOLDER".into()))
}
