package jobs

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/url"
)

// Spec is a job specification: what to run and with what. Either Image or Command is required.
type Spec struct {
	Image       string            `json:"image,omitempty"`
	Command     []string          `json:"command,omitempty"`
	Inputs      []string          `json:"inputs,omitempty"`
	Environment map[string]string `json:"environment,omitempty"`
	// Output is where the worker delivers the run's results; none leaves them on its disk.
	Output *Output `json:"output,omitempty"`
	// Verify is how a re-run's results are compared (audits); absent means exact.
	Verify *Verify `json:"verify,omitempty"`
}

// Output is an HTTP(S) target the worker PUTs the run's results archive to (one object: an
// S3-style presigned PUT URL fits), with extra request headers.
type Output struct {
	URL     string            `json:"url"`
	Headers map[string]string `json:"headers,omitempty"`
}

// ParseSpec reads a JSON job spec, rejecting unknown fields and specs that name nothing to run.
func ParseSpec(data []byte) (*Spec, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var s Spec
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("job spec: %w (fields: image, command, inputs, environment, output, verify)", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("job spec: trailing data after the JSON object")
	}
	if s.Image == "" && len(s.Command) == 0 {
		return nil, fmt.Errorf("job spec: give an image or a command")
	}
	if s.Output != nil {
		if u, err := url.Parse(s.Output.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("job spec: output url must be an http:// or https:// URL")
		}
	}
	if s.Verify != nil {
		if err := s.Verify.check(); err != nil {
			return nil, err
		}
	}
	return &s, nil
}

// Canonical is the spec's canonical form, the bytes whose SHA-256 goes on-chain: compact JSON
// (no insignificant whitespace) of an object with the keys image, command, inputs, environment,
// output (url, headers), verify (mode, digits) in that order, each present only when non-empty, map keys sorted, strings escaped as
// encoding/json does (HTML characters escaped, UTF-8 kept).
func (s *Spec) Canonical() ([]byte, error) {
	// Struct field order fixes the key order; encoding/json sorts map keys.
	out, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("job spec: canonical form: %w", err)
	}
	return out, nil
}

// Hash is SHA-256 of the canonical form.
func (s *Spec) Hash() ([32]byte, error) {
	c, err := s.Canonical()
	if err != nil {
		return [32]byte{}, err
	}
	return sha256.Sum256(c), nil
}
