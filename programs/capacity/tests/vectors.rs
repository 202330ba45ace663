//! The on-chain arithmetic against the vectors the Go mirror (client/capacity/pow) writes and
//! checks: the same file, read by both.

use capacity::pow;

const VECTORS: &str = include_str!("../../../client/capacity/pow/testdata/vectors.txt");

fn hash(text: &str) -> [u8; 32] {
    assert_eq!(text.len(), 64, "hash {text}");
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).unwrap();
    }
    out
}

fn num(text: &str) -> u64 {
    text.parse().unwrap()
}

fn root(seed: &[u8; 32], n: u64) -> [u8; 32] {
    let mut level: Vec<[u8; 32]> = (0..n * n)
        .map(|x| pow::leaf(pow::entry(seed, n, x / n, x % n)))
        .collect();
    while level.len() > 1 {
        level = level.chunks(2).map(|p| pow::node(&p[0], &p[1])).collect();
    }
    level[0]
}

#[test]
fn matches_the_go_mirror() {
    let mut counts = [0usize; 6];
    for line in VECTORS.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split(' ').collect();
        match f[0] {
            "element" => {
                assert_eq!(pow::element(num(f[1]), num(f[2])), num(f[3]), "{line}");
                counts[0] += 1;
            }
            "mulmod" => {
                assert_eq!(pow::mul_mod(num(f[1]), num(f[2])), num(f[3]), "{line}");
                counts[1] += 1;
            }
            "seed" => {
                let got = pow::seed(&hash(f[1]), &hash(f[2]), num(f[3]));
                assert_eq!(got, hash(f[4]), "{line}");
                counts[2] += 1;
            }
            "check" => {
                let m: u8 = f[4].parse().unwrap();
                let got = pow::checked_entry(&hash(f[1]), &hash(f[2]), num(f[3]), m);
                assert_eq!(got, (num(f[5]), num(f[6])), "{line}");
                counts[3] += 1;
            }
            "entry" => {
                let got = pow::entry(&hash(f[1]), num(f[2]), num(f[3]), num(f[4]));
                assert_eq!(got, num(f[5]), "{line}");
                counts[4] += 1;
            }
            "root" => {
                assert_eq!(root(&hash(f[1]), num(f[2])), hash(f[3]), "{line}");
                counts[5] += 1;
            }
            other => panic!("unknown vector kind {other}"),
        }
    }
    assert!(
        counts.iter().all(|&c| c > 0),
        "every kind checked: {counts:?}"
    );
}
