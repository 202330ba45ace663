package jobs

import "fmt"

// Verification modes of a spec's "verify" field.
const (
	// VerifyExact compares the re-run's outputs byte for byte (the default).
	VerifyExact = "exact"
	// VerifyRounded rounds every number in a text output to Digits significant digits first.
	VerifyRounded = "rounded"
	// VerifyNone declares the job non-deterministic: it is exempt from audits.
	VerifyNone = "none"
)

// MaxVerifyDigits is the most significant digits a rounded rule may keep (a float64 holds 17).
const MaxVerifyDigits = 17

// Verify is a spec's comparison rule for re-runs: {"mode":"exact"}, {"mode":"rounded","digits":N}
// or {"mode":"none"}.
type Verify struct {
	Mode   string `json:"mode"`
	Digits int    `json:"digits,omitempty"`
}

func (v Verify) check() error {
	switch v.Mode {
	case VerifyExact, VerifyNone:
		if v.Digits != 0 {
			return fmt.Errorf("job spec: verify mode %q takes no digits (digits belong to mode %q)", v.Mode, VerifyRounded)
		}
	case VerifyRounded:
		if v.Digits < 1 || v.Digits > MaxVerifyDigits {
			return fmt.Errorf("job spec: verify mode %q needs digits between 1 and %d, not %d", v.Mode, MaxVerifyDigits, v.Digits)
		}
	default:
		return fmt.Errorf("job spec: verify mode %q: choose %s, %s (with digits) or %s", v.Mode, VerifyExact, VerifyRounded, VerifyNone)
	}
	return nil
}

// VerifyRule is the spec's comparison rule, exact when it declares none.
func (s *Spec) VerifyRule() Verify {
	if s == nil || s.Verify == nil {
		return Verify{Mode: VerifyExact}
	}
	return *s.Verify
}

// AuditExempt reports whether the spec opts out of re-execution (verify mode none): its job is
// created with audit_exempt set, and only the arbiter can decide a challenge of it.
func (s *Spec) AuditExempt() bool { return s.VerifyRule().Mode == VerifyNone }

// String is the rule as the result digest records it: "exact", "rounded 6" or "none".
func (v Verify) String() string {
	if v.Mode == VerifyRounded {
		return fmt.Sprintf("%s %d", v.Mode, v.Digits)
	}
	return v.Mode
}
