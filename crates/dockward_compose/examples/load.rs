//! Load compose files and print the diagnostics: `cargo run -p dockward_compose --example load -- FILE...`
use std::path::PathBuf;

fn main() {
    let files: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    for f in &files {
        let dir = f.parent().map(PathBuf::from);
        let opts = dockward_compose::LoadOptions { project_dir: dir, ..Default::default() };
        let p = dockward_compose::load_project(std::slice::from_ref(f), &opts);
        for d in &p.diagnostics {
            println!("{d}");
        }
    }
}
