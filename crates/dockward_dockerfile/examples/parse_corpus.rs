//! Parse every file under a directory and print the parse errors (development aid).
fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "../shared/corpus/dockerfiles".into());
    let mut n = 0;
    let mut bad = 0;
    let mut stack = vec![std::path::PathBuf::from(dir)];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            for e in std::fs::read_dir(&p).unwrap() {
                stack.push(e.unwrap().path());
            }
            continue;
        }
        let bytes = std::fs::read(&p).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let df = dockward_dockerfile::parse(&text, Some(&p.display().to_string()));
        n += 1;
        if !df.errors.is_empty() {
            bad += 1;
            for e in &df.errors {
                let pos = df.position(e.span.start);
                println!("{}:{}:{}: {}", p.display(), pos.line, pos.column, e.message);
            }
        }
        let _m = dockward_dockerfile::shell::analyze("true", &|r| {
            dockward_dockerfile::Span::new(r.start, r.end)
        });
    }
    eprintln!("{n} files, {bad} with errors");
}
