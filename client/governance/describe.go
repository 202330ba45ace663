package governance

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/client/solanax"
)

// ParamChange is one parameter a proposal action sets, against its value on chain now.
type ParamChange struct {
	Program string `json:"program"`
	Param   string `json:"param"` // snake_case, as `--set PROGRAM.PARAM=VALUE` names it
	From    string `json:"from"`
	To      string `json:"to"`
}

func (c ParamChange) String() string {
	return fmt.Sprintf("%s.%s: %s -> %s", c.Program, c.Param, c.From, c.To)
}

// ActionDescription is one proposal action in words: the parameters an update_params of a
// governed program changes, or what else it is.
type ActionDescription struct {
	Program string        `json:"program"` // the target's name, or the program id
	Changes []ParamChange `json:"changes"`
	// Note says what the action is when it changes no parameter: no change from the current
	// values, or an instruction that is not a governed program's update_params.
	Note string `json:"note,omitempty"`
	// Upgrade is set for a program upgrade (Note says it in words, with the buffer's hash).
	Upgrade *Upgrade `json:"upgrade,omitempty"`
}

// Lines are the action in words, one line per change.
func (d ActionDescription) Lines() []string {
	if len(d.Changes) == 0 {
		return []string{d.Program + ": " + d.Note}
	}
	out := make([]string, len(d.Changes))
	for i, ch := range d.Changes {
		out[i] = ch.String()
	}
	return out
}

// DescribeActions says what each of p's actions does, reading each governed program's current
// parameters from the chain: `jobs.usdc_fee_bps: 200 -> 150`. An update_params replaces every
// parameter, so a field that another change moved since the proposal was made shows here too.
func DescribeActions(ctx context.Context, targets map[string]Target, p *gen.Proposal) ([]ActionDescription, error) {
	return DescribeActionsNamed(ctx, targets, nil, p)
}

// DescribeActionsNamed is DescribeActions naming the upgraded programs by names (program id to
// name; the targets' programs are named by their target name in any case).
func DescribeActionsNamed(ctx context.Context, targets map[string]Target, names map[solana.PublicKey]string, p *gen.Proposal) ([]ActionDescription, error) {
	all := map[solana.PublicKey]string{}
	for id, name := range names {
		all[id] = name
	}
	for name, t := range targets {
		all[t.Program] = name
	}
	n := min(int(p.ActionCount), len(p.Actions))
	out := make([]ActionDescription, 0, n)
	for _, a := range p.Actions[:n] {
		if u, ok := DecodeUpgrade(a); ok {
			out = append(out, describeUpgrade(u, all))
			continue
		}
		d, err := describeAction(ctx, targets, a)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

func describeAction(ctx context.Context, targets map[string]Target, a gen.Action) (ActionDescription, error) {
	data := a.Data[:min(int(a.DataLen), len(a.Data))]
	for _, name := range sortedKeys(targets) {
		t := targets[name]
		if !t.Program.Equals(a.ProgramId) {
			continue
		}
		d := ActionDescription{Program: name, Changes: []ParamChange{}}
		proposed, ok, err := t.Decode(data)
		if err != nil {
			return d, fmt.Errorf("%s action: %w", name, err)
		}
		if !ok {
			d.Note = fmt.Sprintf("an instruction other than update_params (%d bytes of data)", len(data))
			return d, nil
		}
		current, err := t.Params(ctx)
		if err != nil {
			return d, fmt.Errorf("read the current %s parameters: %w", name, err)
		}
		d.Changes = diffParams(name, current, proposed)
		if len(d.Changes) == 0 {
			d.Note = "update_params with no change from the current parameters"
		}
		return d, nil
	}
	return ActionDescription{Program: a.ProgramId.String(), Changes: []ParamChange{},
		Note: fmt.Sprintf("an instruction of program %s, which is not a governed program (%d bytes of data)", a.ProgramId, len(data))}, nil
}

// diffParams lists the fields of *current and *proposed (the same generated struct) that differ.
func diffParams(program string, current, proposed any) []ParamChange {
	cv, pv := reflect.ValueOf(current).Elem(), reflect.ValueOf(proposed).Elem()
	var out []ParamChange
	for i := range cv.NumField() {
		if reflect.DeepEqual(cv.Field(i).Interface(), pv.Field(i).Interface()) {
			continue
		}
		name := snake(strings.Split(cv.Type().Field(i).Tag.Get("json"), ",")[0])
		out = append(out, ParamChange{Program: program, Param: name,
			From: paramText(name, cv.Field(i).Interface()), To: paramText(name, pv.Field(i).Interface())})
	}
	slices.SortStableFunc(out, func(a, b ParamChange) int { return strings.Compare(a.Param, b.Param) })
	return out
}

// ioParams are the parameters in IO base units.
var ioParams = map[string]bool{
	"min_device_stake_per_gpu": true, "expiry_penalty": true, "fraud_penalty": true, "min_checker_stake": true, "crank_tip": true,
}

// paramText is a parameter value in words: IO amounts as IO, durations with their days or hours.
func paramText(name string, v any) string {
	switch x := v.(type) {
	case int64:
		if strings.HasSuffix(name, "_seconds") {
			return strconv.FormatInt(x, 10) + " (" + durationText(time.Duration(x)*time.Second) + ")"
		}
		return strconv.FormatInt(x, 10)
	case uint64:
		if ioParams[name] {
			return solanax.FormatAmount(x, ioDecimals) + " IO"
		}
		return strconv.FormatUint(x, 10)
	case solana.PublicKey:
		return x.String()
	}
	return fmt.Sprint(v)
}

// durationText is d in days when whole, else Go's form.
func durationText(d time.Duration) string {
	const day = 24 * time.Hour
	if d != 0 && d%day == 0 {
		return strconv.FormatInt(int64(d/day), 10) + "d"
	}
	return d.String()
}
