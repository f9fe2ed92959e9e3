//! Whole processes timed as users run them, and the synthetic corpus they run on: what the
//! side-by-side benchmarks (`load`, `push`) share.
#![allow(dead_code)] // each benchmark uses part of it

use plangraph::resolve::registry::DEFAULT_BASE;
use plangraph::{bundled_plan, parse, Registry, UserMetadata};
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "synthetic.rs"]
mod synthetic;

/// The seed of the synthetic corpora: the same plans in every benchmark.
const SEED: u64 = 2017;

/// Samples per figure (`PLANGRAPH_BENCH_SAMPLES`, default `default`).
pub fn samples(default: usize) -> usize {
    std::env::var("PLANGRAPH_BENCH_SAMPLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// The corpus sizes to run (`PLANGRAPH_BENCH_N`, comma-separated, default `default`).
pub fn sizes(default: &str) -> Vec<u64> {
    std::env::var("PLANGRAPH_BENCH_N")
        .unwrap_or_else(|_| default.into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect()
}

/// One command's run: seconds and peak resident memory in MB.
#[derive(Debug, Clone, Copy)]
pub struct Run {
    pub seconds: f64,
    pub peak_mb: f64,
}

/// Runs `program args` under `/usr/bin/time`, failing loudly if it fails.
pub fn timed(program: &Path, args: &[String]) -> Run {
    timed_with(Command::new(program).args(args))
}

/// Runs `command` under `/usr/bin/time` (its environment kept), failing loudly if it fails.
pub fn timed_with(command: &mut Command) -> Run {
    let report = std::env::temp_dir().join(format!("plangraph-bench-time-{}", std::process::id()));
    let status = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%e %M")
        .arg("-o")
        .arg(&report)
        .arg(command.get_program())
        .args(command.get_args())
        .envs(
            command
                .get_envs()
                .filter_map(|(key, value)| value.map(|value| (key, value))),
        )
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("/usr/bin/time runs (Debian package `time`)");
    assert!(status.success(), "{command:?} failed");
    let text = std::fs::read_to_string(&report).unwrap();
    let mut fields = text.split_whitespace();
    let seconds = fields.next().and_then(|s| s.parse().ok()).unwrap();
    let kb: f64 = fields.next().and_then(|s| s.parse().ok()).unwrap();
    Run {
        seconds,
        peak_mb: kb / 1024.0,
    }
}

/// The median time and the highest peak of `runs`.
pub fn median(mut runs: Vec<Run>) -> Run {
    runs.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
    let seconds = runs[runs.len() / 2].seconds;
    let peak_mb = runs.iter().map(|r| r.peak_mb).fold(0.0, f64::max);
    Run { seconds, peak_mb }
}

/// `dir` removed (if there) and named as an argument.
pub fn fresh(dir: &Path) -> String {
    let _ = std::fs::remove_dir_all(dir);
    dir.to_str().unwrap().to_string()
}

/// `n` synthetic plans (the bundled plan's structure, see `synthetic.rs`) written to
/// `dir/plan-NNNNN.txt`: their paths and their bytes of text.
pub fn write_corpus(dir: &Path, n: u64) -> (Vec<String>, usize) {
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    let template = parse(&bundled_plan(), &registry, &UserMetadata::default()).unwrap();
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    let mut files = Vec::new();
    let mut bytes = 0;
    for i in 0..n {
        let path = dir.join(format!("plan-{i:05}.txt"));
        let text = synthetic::synthetic_plan(&template, SEED, i);
        bytes += text.len();
        std::fs::write(&path, text).unwrap();
        files.push(path.to_str().unwrap().to_string());
    }
    (files, bytes)
}

/// `plangraph export` arguments writing `files` as N-Quads to `nquads`, each plan named by its
/// file.
pub fn export_nquads_args(nquads: &Path, files: &[String]) -> Vec<String> {
    let mut args: Vec<String> = ["export", "-q", "-f", "nquads", "--plan-id", "{stem}", "-o"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    args.push(nquads.to_str().unwrap().into());
    args.extend(files.iter().cloned());
    args
}

/// The Python environment holding the peers (`PLANGRAPH_VENV`, default
/// `~/.cache/plangraph-venv`, which `.ci/run` makes), checked to hold them.
pub fn venv() -> PathBuf {
    let venv = std::env::var_os("PLANGRAPH_VENV").map_or_else(
        || PathBuf::from(std::env::var("HOME").unwrap()).join(".cache/plangraph-venv"),
        PathBuf::from,
    );
    assert!(
        venv.join("bin/python").exists() && venv.join("bin/oxigraph").exists(),
        "the peers are missing: make {} with `pip install oxigraph==0.5.13 pyoxigraph==0.5.13` (or set PLANGRAPH_VENV)",
        venv.display()
    );
    venv
}
