//! `security_txt!`: the program's security.txt, in the format Solana explorers read
//! (solana-security-txt): `=======BEGIN SECURITY.TXT V1=======\0`, NUL-terminated key and value
//! strings in turn, `=======END SECURITY.TXT V1=======\0`, in a `.security.txt` section that our
//! linker keeps although nothing refers to it. `ionet verify` prints it.

/// Declares the program's security.txt: `security_txt! { name: "...", project_url: "...", ... }`,
/// each value a string literal or a macro that expands to one (`env!`, `concat!`).
#[macro_export]
macro_rules! security_txt {
    ($($key:ident: $value:expr),+ $(,)?) => {
        const _: () = {
            const TEXT: &str = concat!(
                "=======BEGIN SECURITY.TXT V1=======\0",
                $(stringify!($key), "\0", $value, "\0",)+
                "=======END SECURITY.TXT V1=======\0"
            );
            #[used]
            #[link_section = ".security.txt"]
            static SECURITY_TXT: [u8; TEXT.len()] = $crate::security_txt::bytes(TEXT);
        };
    };
}

/// The protocol programs' security.txt: `name` is "ionet <crate>", `source_release` the crate's
/// version; the project, contact, policy and source links are the repository's. (No
/// `source_revision`: a committed artefact cannot carry the commit that contains it.)
#[macro_export]
macro_rules! ionet_security_txt {
    () => {
        $crate::security_txt! {
            name: concat!("ionet ", env!("CARGO_PKG_NAME")),
            project_url: "https://github.com/ionet-oss/ionet",
            contacts: "link:https://github.com/ionet-oss/ionet/security/advisories/new",
            policy: "https://github.com/ionet-oss/ionet/blob/main/SECURITY.md",
            source_code: "https://github.com/ionet-oss/ionet",
            source_release: concat!("v", env!("CARGO_PKG_VERSION")),
        }
    };
}

/// `text`'s bytes as an array (for a `static` of the text's length).
pub const fn bytes<const N: usize>(text: &str) -> [u8; N] {
    let src = text.as_bytes();
    let mut out = [0u8; N];
    let mut i = 0;
    while i < N {
        out[i] = src[i];
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn copies_the_text() {
        const TEXT: &str = "a\0b\0";
        let got: [u8; 4] = super::bytes(TEXT);
        assert_eq!(&got, b"a\0b\0");
    }

    // The macro compiles and lays the fields out as explorers read them.
    crate::security_txt! { name: "test", project_url: concat!("https://", "example.org") }
}
