//! `rampart run` (placeholder until rampart-cvm lands).
pub fn run_command(_file: &std::path::Path, _stdin: Option<&std::path::Path>, _json: bool, _args: Vec<String>) -> anyhow::Result<i32> {
    anyhow::bail!("rampart run is not available yet")
}
