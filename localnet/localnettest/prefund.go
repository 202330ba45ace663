package localnettest

import (
	"context"
	"fmt"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/programs/system"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/localnet"
)

// Amounts an attacker sends to an address before its creation: Prefunds lists both, for table
// tests.
const (
	// PrefundBelowRent is rent-exempt for an empty account (890,880 lamports) but below the rent
	// of any account the programs create: the creator pays the shortfall.
	PrefundBelowRent uint64 = 1_000_000
	// PrefundAboveRent is more than any account's rent: the surplus stays in the account.
	PrefundAboveRent uint64 = solana.LAMPORTS_PER_SOL / 20
)

// Prefunds are the pre-funded amounts a creation must survive, by name.
var Prefunds = []struct {
	Name     string
	Lamports uint64
}{{"below rent", PrefundBelowRent}, {"above rent", PrefundAboveRent}}

// Prefund has a fresh wallet, the attacker, send lamports to addr in a plain System transfer, as
// anyone can before a program creates an account there (a PDA's address is known in advance).
func Prefund(t testing.TB, chain *localnet.Chain, addr solana.PublicKey, lamports uint64) {
	t.Helper()
	attacker := NewWallet(t, chain, 0)
	_, err := chain.Client.Send(Context(t), attacker, []solana.Instruction{
		system.NewTransferInstruction(lamports, attacker.PublicKey(), addr).Build(),
	})
	require.NoError(t, err, "pre-fund %s", addr)
}

// RequireCreated asserts that addr, pre-funded with sent lamports, is now an account with data
// owned by owner holding exactly its rent exemption, or all that was sent when that was more: the
// creator paid only the shortfall, and a surplus stays in the account (the sender's loss, nobody's
// gain). The caller checks the data by fetching it as its type.
func RequireCreated(t testing.TB, chain *localnet.Chain, addr, owner solana.PublicKey, sent uint64) {
	t.Helper()
	ctx := Context(t)
	acct, err := chain.RPC.GetAccountInfoWithOpts(ctx, addr, &rpc.GetAccountInfoOpts{Commitment: rpc.CommitmentConfirmed})
	require.NoError(t, err, "account %s", addr)
	require.Equal(t, owner, acct.Value.Owner, "owner of %s", addr)
	size := len(acct.Value.Data.GetBinary())
	require.Positive(t, size, "%s holds no data", addr)
	rent, err := chain.RPC.GetMinimumBalanceForRentExemption(ctx, uint64(size), rpc.CommitmentConfirmed)
	require.NoError(t, err)
	require.Equal(t, max(rent, sent), acct.Value.Lamports, "lamports of %s: its rent, or what was sent when more", addr)
}

// PrefundAddresses sends PrefundAboveRent lamports to each of addrs in plain transfers, for a
// TestMain's set-up to do before the initialisation that creates them (Prefund needs a test).
func PrefundAddresses(ctx context.Context, chain *localnet.Chain, addrs ...solana.PublicKey) error {
	for _, addr := range addrs {
		if _, err := chain.Fund(ctx, addr, localnet.Funding{Lamports: PrefundAboveRent}); err != nil {
			return fmt.Errorf("pre-fund %s: %w", addr, err)
		}
	}
	return nil
}

// CreateSeededEmpty has base create the account at its seeded address of seed for owner itself,
// with a plain System CreateAccountWithSeed: rent-exempt, `space` zeroed bytes, owned by owner
// (a program) but written by nobody. Any key can do this for its own seeded addresses; a
// program's creation must then refuse the address as taken, which blocks only base's own record.
func CreateSeededEmpty(t testing.TB, chain *localnet.Chain, base solana.PrivateKey, seed string, owner solana.PublicKey, space uint64) solana.PublicKey {
	t.Helper()
	ctx := Context(t)
	addr, err := solana.CreateWithSeed(base.PublicKey(), seed, owner)
	require.NoError(t, err)
	rent, err := chain.RPC.GetMinimumBalanceForRentExemption(ctx, space, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	_, err = chain.Client.Send(ctx, base, []solana.Instruction{
		system.NewCreateAccountWithSeedInstruction(base.PublicKey(), seed, rent, space, owner, base.PublicKey(), addr, base.PublicKey()).Build(),
	})
	require.NoError(t, err, "create %s at %q under %s", addr, seed, base.PublicKey())
	return addr
}
