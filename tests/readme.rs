//! Every command README.md shows as one to run (`plangraph …` and `cargo run --release -- …`
//! lines in its `sh` blocks, synopses with `[…]` aside) runs and succeeds, in a scratch folder
//! holding the plan README asks the reader to type; `cargo test` then checks README's commands.

use std::path::Path;
use std::process::Command;

/// The commands README's `sh` blocks show, as (line, command for `sh -c`).
fn readme_commands() -> Vec<(String, String)> {
    let readme = include_str!("../README.md");
    let mut commands = Vec::new();
    let mut in_sh = false;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_sh = line == "```sh";
            continue;
        }
        let command = line.split("  #").next().unwrap_or(line).trim();
        let runnable =
            command.starts_with("plangraph ") || command.starts_with("cargo run --release -- ");
        // Synopses show optional parts in brackets and placeholders in capitals with `…`.
        // `serve` runs until it is stopped: tests/serve.rs starts and stops it.
        let server = command.contains("plangraph serve");
        if !in_sh || !runnable || server || command.contains('[') || command.contains('…') {
            continue;
        }
        let command = command
            .replace("cargo run --release -- ", "plangraph ")
            .replace("~/", "home/");
        commands.push((line.to_string(), command));
    }
    commands
}

/// README's plan to type: the first `text` block after "A plan you can type".
fn readme_plan() -> String {
    let readme = include_str!("../README.md");
    let after = &readme[readme.find("### A plan you can type").unwrap()..];
    let block = &after[after.find("```text\n").unwrap() + 8..];
    block[..block.find("```").unwrap()].to_string()
}

#[test]
fn every_command_readme_shows_runs() {
    let commands = readme_commands();
    assert!(commands.len() >= 6, "{commands:?}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.txt"), readme_plan()).unwrap();
    for folder in [
        "home/.local/share/bash-completion/completions",
        "home/.local/share/man/man1",
        "tests/fixtures",
    ] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
    }
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/link");
    std::os::unix::fs::symlink(&fixtures, dir.path().join("tests/fixtures/link")).unwrap();
    let binary = Path::new(env!("CARGO_BIN_EXE_plangraph"));
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for (line, command) in commands {
        let output = Command::new("sh")
            .arg("-c")
            .arg(&command)
            .current_dir(dir.path())
            .env("PATH", &path)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "README: {line}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn the_plan_readme_asks_to_type_parses_as_it_says() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.txt");
    std::fs::write(&plan, readme_plan()).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_plangraph"))
        .args(["parse", plan.to_str().unwrap()])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let outline = String::from_utf8(output.stdout).unwrap();
    assert!(outline.contains("lead        市市场监管局"), "{outline}");
    assert!(outline.contains("∅ [empty slot, #2]"), "{outline}");
    assert!(outline.contains("2 tasks, 2 subtasks"), "{outline}");
}
