package deploy

import (
	"bytes"
	"slices"
)

// security.txt as Solana explorers read it (the solana-security-txt format): within the program's
// bytes, "=======BEGIN SECURITY.TXT V1=======\0", then NUL-terminated key and value strings in
// turn, then "=======END SECURITY.TXT V1=======\0".
const (
	securityTxtBegin = "=======BEGIN SECURITY.TXT V1=======\x00"
	securityTxtEnd   = "=======END SECURITY.TXT V1=======\x00"
)

// SecurityTxt reads the security.txt fields out of a program's code; nil when it has none (or
// a malformed one).
func SecurityTxt(code []byte) map[string]string {
	start := bytes.Index(code, []byte(securityTxtBegin))
	if start < 0 {
		return nil
	}
	body := code[start+len(securityTxtBegin):]
	end := bytes.Index(body, []byte(securityTxtEnd))
	if end < 0 {
		return nil
	}
	parts := bytes.Split(body[:end], []byte{0})
	if len(parts) == 0 || len(parts[len(parts)-1]) != 0 {
		return nil
	}
	parts = parts[:len(parts)-1] // the empty string after the last NUL
	if len(parts)%2 != 0 {
		return nil
	}
	out := make(map[string]string, len(parts)/2)
	for i := 0; i < len(parts); i += 2 {
		out[string(parts[i])] = string(parts[i+1])
	}
	return out
}

// securityTxtOrder is the order the standard lists its fields in.
var securityTxtOrder = []string{"name", "project_url", "contacts", "policy", "preferred_languages",
	"encryption", "source_code", "source_release", "source_revision", "auditors", "acknowledgements", "expiry"}

// SecurityTxtKeys are fields' keys, the standard's first in its order, then the others sorted.
func SecurityTxtKeys(fields map[string]string) []string {
	var out, rest []string
	for _, k := range securityTxtOrder {
		if _, ok := fields[k]; ok {
			out = append(out, k)
		}
	}
	for k := range fields {
		if !slices.Contains(securityTxtOrder, k) {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}
