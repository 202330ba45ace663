package runtime

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ionet-oss/ionet/client/jobs"
)

// The result digest is what a run attests as its result hash, and what an audit's re-run must
// reproduce: SHA-256 of a canonical text naming the comparison rule, the exit code, the digest of
// stdout and the digest of each output file (sorted by path), each file digested under the spec's
// rule. The run's timings and its stderr are left out (a re-run cannot reproduce them); they stay
// in the manifest and the metrics digest. The canonical text, line by line:
//
//	ionet result digest v1
//	verify <rule>            exact | rounded N | none
//	exit <exit code>
//	stdout <hex digest>
//	output <byte length of path>:<path> <hex digest>   (one per output, by path)
const digestHeader = "ionet result digest v1\n"

// ResultDigest is the result digest of a manifest (whose files carry their rule digests).
func ResultDigest(m Manifest) [32]byte {
	var b strings.Builder
	b.WriteString(digestHeader)
	fmt.Fprintf(&b, "verify %s\nexit %d\nstdout %s\n", m.Verify, m.Outcome.ExitCode, m.Stdout.Digest)
	for _, f := range m.Outputs {
		fmt.Fprintf(&b, "output %d:%s %s\n", len(f.Path), f.Path, f.Digest)
	}
	return sha256.Sum256([]byte(b.String()))
}

// ParseRule reads a rule as Verify.String writes it ("exact", "rounded 6", "none").
func ParseRule(text string) (jobs.Verify, error) {
	mode, digits, rounded := strings.Cut(text, " ")
	v := jobs.Verify{Mode: mode}
	if rounded {
		n, err := strconv.Atoi(digits)
		if err != nil {
			return v, fmt.Errorf("verify rule %q: digits %q are not a number", text, digits)
		}
		v.Digits = n
	}
	spec := jobs.Spec{Command: []string{"-"}, Verify: &v}
	raw, _ := spec.Canonical()
	if _, err := jobs.ParseSpec(raw); err != nil {
		return v, fmt.Errorf("verify rule %q: %w", text, err)
	}
	return v, nil
}

// binaryProbe is how much of a file is looked at to tell text from binary (as git does: a NUL
// byte in it makes the file binary, and a binary file is compared exactly under every rule).
const binaryProbe = 8000

// Digest reads r to its end and returns its size, its SHA-256 and its digest under rule: the
// SHA-256 again for exact and none, and for rounded N the SHA-256 of the text with every number
// rounded to N significant digits (a binary file is hashed as it is).
func Digest(r io.Reader, rule jobs.Verify) (size int64, sum, digest string, err error) {
	raw := sha256.New()
	counted := &countingReader{r: io.TeeReader(r, raw)}
	if rule.Mode != jobs.VerifyRounded {
		if _, err := io.Copy(io.Discard, counted); err != nil {
			return 0, "", "", err
		}
		s := hex.EncodeToString(raw.Sum(nil))
		return counted.n, s, s, nil
	}
	br := bufio.NewReaderSize(counted, 64<<10)
	head, err := br.Peek(binaryProbe)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return 0, "", "", err
	}
	rounded := sha256.New()
	if bytes.IndexByte(head, 0) >= 0 {
		_, err = io.Copy(rounded, br)
	} else {
		err = roundStream(rounded, br, rule.Digits)
	}
	if err != nil {
		return 0, "", "", err
	}
	return counted.n, hex.EncodeToString(raw.Sum(nil)), hex.EncodeToString(rounded.Sum(nil)), nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// roundStream writes r to w with every number rounded to digits significant digits. It works
// on pieces cut after a whitespace byte (a number never holds one), so a file is never held
// whole unless it has no whitespace at all.
func roundStream(w io.Writer, r io.Reader, digits int) error {
	var pending, out []byte
	prev := byte(' ')
	chunk := make([]byte, 64<<10)
	for {
		n, err := r.Read(chunk)
		pending = append(pending, chunk[:n]...)
		end := len(pending)
		if err == nil {
			end = bytes.LastIndexAny(pending, " \t\r\n\f\v") + 1
		}
		if end > 0 {
			out = RoundNumbers(out[:0], pending[:end], prev, digits)
			if _, werr := w.Write(out); werr != nil {
				return werr
			}
			prev = pending[end-1]
			pending = append(pending[:0], pending[end:]...)
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// RoundNumbers appends src to dst with every number rounded to digits significant digits and
// written as Go's %.{digits-1}e does (1.00000e+00 at 6 digits; -0 becomes 0). A number is an
// optional sign, digits with an optional fraction (or a fraction alone), and an optional
// exponent, standing apart from words: not preceded by a letter, digit, '_' or '.', and not
// followed by a letter, digit or '_' ("v1.2", "0x1F", "3d" and "x86" stay as they are). prev is
// the byte before src.
func RoundNumbers(dst, src []byte, prev byte, digits int) []byte {
	for i := 0; i < len(src); {
		before := prev
		if i > 0 {
			before = src[i-1]
		}
		if j := numberEnd(src, i); j > i && !wordByte(before) && before != '.' && (j == len(src) || !wordByte(src[j])) {
			if v, err := strconv.ParseFloat(string(src[i:j]), 64); err == nil {
				if v == 0 {
					v = 0 // -0 rounds to 0
				}
				dst = strconv.AppendFloat(dst, v, 'e', digits-1, 64)
				i = j
				continue
			}
		}
		dst = append(dst, src[i])
		i++
	}
	return dst
}

// numberEnd is the end of the number starting at src[i], or i when none starts there.
func numberEnd(src []byte, i int) int {
	j, n, digits := i, len(src), 0
	if j < n && (src[j] == '+' || src[j] == '-') {
		j++
	}
	for j < n && isDigit(src[j]) {
		j++
		digits++
	}
	if j < n && src[j] == '.' {
		k := j + 1
		for k < n && isDigit(src[k]) {
			k++
			digits++
		}
		if digits > 0 {
			j = k
		}
	}
	if digits == 0 {
		return i
	}
	if j < n && (src[j] == 'e' || src[j] == 'E') {
		k, exp := j+1, 0
		if k < n && (src[k] == '+' || src[k] == '-') {
			k++
		}
		for k < n && isDigit(src[k]) {
			k++
			exp++
		}
		if exp > 0 {
			j = k
		}
	}
	return j
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func wordByte(c byte) bool {
	return isDigit(c) || c == '_' || (c|0x20 >= 'a' && c|0x20 <= 'z') || c >= 0x80
}
