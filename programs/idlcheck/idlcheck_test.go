package idlcheck

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// programs lists every program's Rust sources, relative to programs/.
var programs = []Program{
	{
		Name: "staking", Sources: []string{"staking/src", "staking-state/src"}, Errors: "staking/src/error.rs", Tags: "staking-state/src/instruction.rs",
		Lib: "staking/src/lib.rs", Processors: "staking/src/processor",
		Layouts: []string{"staking-state/src/layout.rs", "staking-state/src/costake.rs", "staking/src/slashers.rs"},
		Aliases: map[string]string{
			"set_costake_params.params": "costake_params", "set_costake_params.vault": "costake_vault",
			"open_offer.params": "costake_params", "update_offer.params": "costake_params",
			"credit_device_reward.params": "costake_params", "credit_device_reward.vault": "costake_vault",
		},
	},
	{
		Name: "jobs", Sources: []string{"jobs/src"}, Errors: "jobs/src/error.rs", Tags: "jobs/src/instruction.rs",
		Lib: "jobs/src/lib.rs", Processors: "jobs/src/processor",
		Layouts: []string{"jobs/src/state.rs", "jobs/src/audit_state.rs"},
	},
	{
		Name: "emission", Sources: []string{"emission/src"}, Errors: "emission/src/error.rs", Tags: "emission-interface/src/instruction.rs",
		Lib: "emission/src/lib.rs", Processors: "emission/src/processor",
		Layouts: []string{"emission/src/state.rs"},
		Aliases: map[string]string{"pool": "liveness_pool", "link": "capacity_link", "burn.burner": "treasury_authority"},
	},
	{
		Name: "governance", Sources: []string{"governance/src"}, Errors: "governance/src/error.rs", Tags: "governance/src/instruction.rs",
		Lib: "governance/src/lib.rs", Processors: "governance/src/processor",
		Layouts: []string{"governance/src/state.rs", "staking-state/src/layout.rs"},
	},
	{
		Name: "capacity", Sources: []string{"capacity/src", "capacity-state/src"}, Errors: "capacity-state/src/error.rs", Tags: "capacity/src/instruction.rs",
		Lib: "capacity/src/lib.rs", Processors: "capacity/src/processor",
		Layouts: []string{"capacity-state/src/state.rs", "staking-state/src/layout.rs"},
	},
}

// root makes a path under programs/ relative to this package.
func root(p Program) Program {
	at := func(path string) string { return filepath.Join("..", path) }
	p.Errors, p.Tags, p.Lib, p.Processors = at(p.Errors), at(p.Tags), at(p.Lib), at(p.Processors)
	layouts := make([]string, len(p.Layouts))
	for i, l := range p.Layouts {
		layouts[i] = at(l)
	}
	p.Layouts = layouts
	sources := make([]string, len(p.Sources))
	for i, d := range p.Sources {
		sources[i] = at(d)
	}
	p.Sources = sources
	return p
}

func loadIDL(t *testing.T, p Program) *IDL {
	t.Helper()
	idl, err := LoadIDL(filepath.Join("..", "..", "programs-idl", p.Name+".json"))
	require.NoError(t, err)
	return idl
}

// Each IDL agrees with its program's Rust source (one subtest per check and program):
//   - errors: the error table is error.rs's (codes, names, messages);
//   - instructions: Anchor's discriminators, a tag the program dispatches for each, the accounts
//     its processor takes in the same order, and every tag in the IDL;
//   - accounts: Anchor's discriminators, the Rust layout's size and field offsets;
//   - seeds: every declared PDA is derived as the program derives it (constant seeds are the
//     program's *_SEED constants, as many seeds as its derivation, account and argument seeds
//     name accounts and arguments of the instruction).
func TestIDLsMatchThePrograms(t *testing.T) {
	byName := map[string]Program{}
	for _, p := range programs {
		byName[p.Name] = root(p)
	}
	checks := []struct {
		name  string
		check func(p Program, idl *IDL) ([]string, error)
	}{
		{"errors", func(p Program, idl *IDL) ([]string, error) {
			rust, err := RustErrors(p.Errors)
			if err != nil {
				return nil, err
			}
			return CheckErrors(idl, rust), nil
		}},
		{"instructions", CheckInstructions},
		{"accounts", CheckAccounts},
		{"seeds", func(p Program, idl *IDL) ([]string, error) { return CheckSeeds(idl, p.Name, byName) }},
	}
	for _, c := range checks {
		for _, p := range programs {
			t.Run(c.name+"/"+p.Name, func(t *testing.T) {
				diffs, err := c.check(byName[p.Name], loadIDL(t, p))
				require.NoError(t, err)
				require.Empty(t, diffs)
			})
		}
	}
}

// Every IDL declares PDA seeds (the seeds check above has something to check).
func TestIDLsDeclarePDAs(t *testing.T) {
	for _, p := range programs {
		declared := 0
		for _, ix := range loadIDL(t, p).Instructions {
			for _, a := range ix.Accounts {
				if a.PDA != nil {
					declared++
				}
			}
		}
		require.Positive(t, declared, p.Name)
	}
}
