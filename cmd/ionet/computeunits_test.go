package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/anchor"
)

// The own compute units of every instruction a life cycle ran: what each instruction's program
// itself used (its total less what the programs it called consumed), from the transaction logs
// of every transaction that touched the protocol's programs. TestJSONOutput calls it after its
// walk; $IONET_CU_TABLE=FILE writes the table there (markdown; programs/COMPUTE_UNITS.md holds
// the latest), and the test log always shows it.

// EnvCUTable names the file the own-compute-unit table is written to.
const EnvCUTable = "IONET_CU_TABLE"

// cpiCost is the runtime's fixed charge for each cross-program invocation, paid by the caller.
const cpiCost = 1_000

// unlogged are the programs whose instructions the runtime may apply without an invocation log.
var unlogged = map[solana.PublicKey]bool{
	solana.ComputeBudget: true,
	solana.MustPublicKeyFromBase58("Ed25519SigVerify111111111111111111111111111"): true,
	solana.MustPublicKeyFromBase58("KeccakSecp256k11111111111111111111111111111"): true,
	solana.MustPublicKeyFromBase58("Secp256r1SigVerify1111111111111111111111111"): true,
}

type cuRow struct {
	program, instruction string
	runs                 int
	minOwn, maxOwn       uint64
	maxTotal             uint64
	maxCPIs              int
	maxOwnLessCPIs       int64
}

// ownComputeUnitsTable collects the table from the chain and checks every measured instruction
// is named by its program's IDL.
func ownComputeUnitsTable(t *testing.T, ctx context.Context, client *rpc.Client, programs map[string]solana.PublicKey) {
	t.Helper()
	names := idlInstructionNames(t, programs)
	byID := map[solana.PublicKey]string{}
	for name, id := range programs {
		byID[id] = name
	}
	seen := map[solana.Signature]bool{}
	rows := map[string]*cuRow{}
	for _, id := range programs {
		sigs, err := client.GetSignaturesForAddressWithOpts(ctx, id, &rpc.GetSignaturesForAddressOpts{Commitment: rpc.CommitmentConfirmed})
		require.NoError(t, err)
		for _, s := range sigs {
			if seen[s.Signature] || s.Err != nil {
				continue
			}
			seen[s.Signature] = true
			version := uint64(0)
			tx, err := client.GetTransaction(ctx, s.Signature, &rpc.GetTransactionOpts{
				Commitment: rpc.CommitmentConfirmed, Encoding: solana.EncodingBase64, MaxSupportedTransactionVersion: &version})
			require.NoError(t, err)
			decoded, err := tx.Transaction.GetTransaction()
			require.NoError(t, err)
			// One top-level invocation per instruction; the compute budget's and the precompiles'
			// are left out on both sides (the runtime may apply them without logging one).
			var invocations []anchor.Invocation
			for _, inv := range anchor.Invocations(tx.Meta.LogMessages) {
				if !unlogged[inv.Program] {
					invocations = append(invocations, inv)
				}
			}
			var instrs []solana.CompiledInstruction
			for _, ix := range decoded.Message.Instructions {
				key, err := decoded.Message.Program(ix.ProgramIDIndex)
				require.NoError(t, err)
				if !unlogged[key] {
					instrs = append(instrs, ix)
				}
			}
			require.Len(t, invocations, len(instrs), "one top-level invocation per instruction in %s", s.Signature)
			for i, inv := range invocations {
				key, err := decoded.Message.Program(instrs[i].ProgramIDIndex)
				require.NoError(t, err)
				require.Equal(t, key, inv.Program, "invocation %d of %s", i, s.Signature)
				program, ok := byID[inv.Program]
				if !ok || !inv.OK {
					continue
				}
				data := instrs[i].Data
				require.GreaterOrEqual(t, len(data), 8, "%s instruction %d", s.Signature, i)
				name, ok := names[program][[8]byte(data[:8])]
				require.True(t, ok, "%s: instruction %d of %s has a discriminator the %s IDL does not name", program, i, s.Signature, program)
				require.LessOrEqual(t, inv.Own(), inv.Consumed)
				rowKey := program + "." + name
				r := rows[rowKey]
				if r == nil {
					r = &cuRow{program: program, instruction: name, minOwn: inv.Own()}
					rows[rowKey] = r
				}
				r.runs++
				r.minOwn, r.maxOwn = min(r.minOwn, inv.Own()), max(r.maxOwn, inv.Own())
				r.maxTotal, r.maxCPIs = max(r.maxTotal, inv.Consumed), max(r.maxCPIs, inv.CPIs)
				r.maxOwnLessCPIs = max(r.maxOwnLessCPIs, int64(inv.Own())-int64(cpiCost*inv.CPIs))
			}
		}
	}
	for name := range programs {
		require.True(t, slices.ContainsFunc(mapValues(rows), func(r *cuRow) bool { return r.program == name }), "no %s instruction measured", name)
	}
	table := formatCUTable(rows)
	var notRun []string
	for program, byDisc := range names {
		for _, name := range byDisc {
			if rows[program+"."+name] == nil {
				notRun = append(notRun, program+"."+name)
			}
		}
	}
	if len(notRun) > 0 {
		slices.Sort(notRun)
		table += "\nNot run by the walk: " + strings.Join(notRun, ", ") + ".\n"
	}
	if path := os.Getenv(EnvCUTable); path != "" {
		require.NoError(t, os.WriteFile(path, []byte(table), 0o644))
	}
	t.Logf("own compute units (%d transactions):\n%s", len(seen), table)
}

func mapValues[K comparable, V any](m map[K]V) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func formatCUTable(rows map[string]*cuRow) string {
	keys := make([]string, 0, len(rows))
	for k := range rows {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	b.WriteString("| program | instruction | runs | own CU (min-max) | total CU (max) | CPIs (max) | own less 1,000 per CPI (max) |\n")
	b.WriteString("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n")
	for _, k := range keys {
		r := rows[k]
		own := fmt.Sprint(r.maxOwn)
		if r.minOwn != r.maxOwn {
			own = fmt.Sprintf("%d-%d", r.minOwn, r.maxOwn)
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %s | %d | %d | %d |\n", r.program, r.instruction, r.runs, own, r.maxTotal, r.maxCPIs, r.maxOwnLessCPIs)
	}
	return b.String()
}

// idlInstructionNames maps each program's instruction discriminators to their IDL names.
func idlInstructionNames(t *testing.T, programs map[string]solana.PublicKey) map[string]map[[8]byte]string {
	t.Helper()
	out := map[string]map[[8]byte]string{}
	for name := range programs {
		data, err := os.ReadFile(filepath.Join("..", "..", "programs-idl", name+".json"))
		require.NoError(t, err)
		var idl struct {
			Instructions []struct {
				Name          string `json:"name"`
				Discriminator []int  `json:"discriminator"`
			} `json:"instructions"`
		}
		require.NoError(t, json.Unmarshal(data, &idl))
		out[name] = map[[8]byte]string{}
		for _, ix := range idl.Instructions {
			require.Len(t, ix.Discriminator, 8, "%s.%s", name, ix.Name)
			var d [8]byte
			for i, v := range ix.Discriminator {
				d[i] = byte(v)
			}
			out[name][d] = ix.Name
		}
	}
	return out
}
