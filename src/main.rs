//! Browser entry point: mounts the Podplay app into the page.

fn main() {
    podplay::start();
}
