package governance

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	bin "github.com/gagliardetto/binary"
	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/client/solanax"
)

// Change is one parameter change of a governed program: `PROGRAM.PARAM=VALUE`, such as
// `staking.cooldown=7d` or `jobs.usdc_fee_bps=150`.
type Change struct {
	Program, Param, Value string
}

func (c Change) String() string { return c.Program + "." + c.Param + "=" + c.Value }

// ParseChange reads `PROGRAM.PARAM=VALUE`.
func ParseChange(s string) (Change, error) {
	key, value, ok := strings.Cut(s, "=")
	program, param, dot := strings.Cut(key, ".")
	if !ok || !dot || program == "" || param == "" || value == "" {
		return Change{}, fmt.Errorf("parameter change %q: write PROGRAM.PARAM=VALUE, e.g. staking.cooldown=7d", s)
	}
	return Change{Program: program, Param: param, Value: value}, nil
}

// Target is a governed program: how to read its current update_params argument and build the
// instruction. Params returns a pointer to the generated argument struct (gen.Params,
// gen.Settings, ...), whose fields a Change names in snake_case as the IDL does.
type Target struct {
	Program solana.PublicKey
	Params  func(ctx context.Context) (any, error)
	Update  func(authority solana.PublicKey, params any) (solana.Instruction, error)
	// Decode reads the argument back from an update_params instruction's data (ok is false
	// when data is another instruction of the program).
	Decode func(data []byte) (params any, ok bool, err error)
	// Secondary marks a second target of a program that has a target of its own (staking's
	// co-staking parameters): it does not name the program.
	Secondary bool
}

// NewTarget adapts a program client's typed fetch and update_params builder; program is the
// program's id and discriminator its update_params discriminator.
func NewTarget[P any](program solana.PublicKey, discriminator [8]byte, current func(context.Context) (P, error), update func(solana.PublicKey, P) (solana.Instruction, error)) Target {
	return Target{
		Program: program,
		Decode: func(data []byte) (any, bool, error) {
			rest, ok := bytes.CutPrefix(data, discriminator[:])
			if !ok {
				return nil, false, nil
			}
			p := new(P)
			if err := bin.NewBorshDecoder(rest).Decode(p); err != nil {
				return nil, true, fmt.Errorf("decode update_params: %w", err)
			}
			return p, true, nil
		},
		Params: func(ctx context.Context) (any, error) {
			p, err := current(ctx)
			return &p, err
		},
		Update: func(authority solana.PublicKey, params any) (solana.Instruction, error) {
			return update(authority, *params.(*P))
		},
	}
}

// ChangeActions builds one update_params action per program named in changes (several changes
// of one program go into one action), each from the program's CURRENT parameters with only the
// named fields changed, signed by the governance PDA.
func (c *Client) ChangeActions(ctx context.Context, targets map[string]Target, changes []Change) ([]gen.ProposalAction, error) {
	var order []string
	byProgram := map[string]any{}
	for _, ch := range changes {
		target, ok := targets[ch.Program]
		if !ok {
			return nil, fmt.Errorf("parameter change %s: unknown program %q: use one of %s", ch, ch.Program, strings.Join(sortedKeys(targets), ", "))
		}
		params, seen := byProgram[ch.Program]
		if !seen {
			var err error
			if params, err = target.Params(ctx); err != nil {
				return nil, fmt.Errorf("parameter change %s: read the current %s parameters: %w", ch, ch.Program, err)
			}
			byProgram[ch.Program] = params
			order = append(order, ch.Program)
		}
		if err := setParam(params, ch.Param, ch.Value); err != nil {
			return nil, fmt.Errorf("parameter change %s: %w", ch, err)
		}
	}
	actions := make([]gen.ProposalAction, 0, len(order))
	for _, program := range order {
		ix, err := targets[program].Update(c.Governance, byProgram[program])
		if err != nil {
			return nil, fmt.Errorf("build %s update_params: %w", program, err)
		}
		action, err := c.ActionFrom(ix)
		if err != nil {
			return nil, err
		}
		actions = append(actions, action)
	}
	return actions, nil
}

// setParam sets the field of *params named name (snake_case; a duration field may drop its
// `_seconds` suffix) from value.
func setParam(params any, name, value string) error {
	v := reflect.ValueOf(params).Elem()
	field, fieldName := findField(v, name)
	if !field.IsValid() {
		return fmt.Errorf("no parameter %q: settable ones are %s", name, strings.Join(settable(v), ", "))
	}
	seconds := strings.HasSuffix(fieldName, "Seconds")
	switch field.Interface().(type) {
	case int64:
		n, err := parseInt(value, seconds)
		if err != nil {
			return err
		}
		field.SetInt(n)
	case uint64:
		n, err := parseUint(value)
		if err != nil {
			return err
		}
		field.SetUint(n)
	case uint8:
		n, err := strconv.ParseUint(value, 10, 8)
		if err != nil {
			return fmt.Errorf("%q is not a number from 0 to 255", value)
		}
		field.SetUint(n)
	case solana.PublicKey:
		key, err := solana.PublicKeyFromBase58(value)
		if err != nil {
			return fmt.Errorf("%q is not a base58 public key: %w", value, err)
		}
		field.Set(reflect.ValueOf(key))
	default:
		return fmt.Errorf("parameter %q (%s) cannot be set with PROGRAM.PARAM=VALUE", name, field.Type())
	}
	return nil
}

func findField(v reflect.Value, name string) (reflect.Value, string) {
	for _, candidate := range []string{name, name + "_seconds"} {
		want := camel(candidate)
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if strings.Split(f.Tag.Get("json"), ",")[0] == want {
				return v.Field(i), f.Name
			}
		}
	}
	return reflect.Value{}, ""
}

// settable lists the fields a change can name, snake_case.
func settable(v reflect.Value) []string {
	var out []string
	for i := range v.NumField() {
		switch v.Field(i).Interface().(type) {
		case int64, uint64, uint8, solana.PublicKey:
			out = append(out, snake(strings.Split(v.Type().Field(i).Tag.Get("json"), ",")[0]))
		}
	}
	return out
}

// parseInt reads an integer, or for a duration field also a Go duration or days ("7d").
func parseInt(value string, duration bool) (int64, error) {
	if n, err := strconv.ParseInt(value, 10, 64); err == nil {
		return n, nil
	}
	if !duration {
		return 0, fmt.Errorf("%q is not an integer", value)
	}
	if days, ok := strings.CutSuffix(value, "d"); ok {
		n, err := strconv.ParseInt(days, 10, 64)
		if err != nil || n < 0 || n > 100*365 {
			return 0, fmt.Errorf("%q is not a number of days", value)
		}
		return n * 24 * 3600, nil
	}
	d, err := time.ParseDuration(value)
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration: write seconds, 7d, 36h or 90m", value)
	}
	return int64(d / time.Second), nil
}

// parseUint reads an integer, or an IO amount such as "1000IO" or "2.5 IO" (base units).
func parseUint(value string) (uint64, error) {
	if amount, ok := strings.CutSuffix(value, "IO"); ok {
		n, err := solanax.ParseAmount(strings.TrimSpace(amount), ioDecimals)
		if err != nil {
			return 0, fmt.Errorf("%q is not an IO amount: %w", value, err)
		}
		return n, nil
	}
	n, err := strconv.ParseUint(value, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a non-negative integer (or an amount like 1000IO)", value)
	}
	return n, nil
}

func camel(snake string) string {
	parts := strings.Split(snake, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}

func snake(camel string) string {
	var b strings.Builder
	for _, r := range camel {
		if unicode.IsUpper(r) {
			b.WriteByte('_')
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// HandOverInstruction is target's update_params from its current parameters with only its
// `authority` field set to the governance PDA, signed by the current authority: the set-up step
// for programs whose parameters carry their authority (jobs, emission).
func (c *Client) HandOverInstruction(ctx context.Context, target Target, authority solana.PublicKey) (solana.Instruction, error) {
	params, err := target.Params(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the current parameters: %w", err)
	}
	if err := setParam(params, "authority", c.Governance.String()); err != nil {
		return nil, err
	}
	return target.Update(authority, params)
}
