//! Validates YAML files and prints the diagnostics as the CLI would:
//! `cargo run --example check_file -- [--ko] FILE...`.

fn main() {
    let mut lang = podplay_engine::Lang::En;
    for arg in std::env::args().skip(1) {
        if arg == "--ko" {
            lang = podplay_engine::Lang::Ko;
            continue;
        }
        let Ok(src) = std::fs::read_to_string(&arg) else {
            eprintln!("cannot read {arg}");
            continue;
        };
        println!("== {arg}");
        for d in podplay_engine::check(&src) {
            print!("{}", d.render(&src, lang));
        }
    }
}
