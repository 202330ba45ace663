package localnet

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/solanax"
)

// The genesis runs over JSON-RPC, so the LiteSVM server and solana-test-validator get the same
// one. Every step looks at the chain first and does nothing when its result is already there: a
// restart on an existing ledger re-uses the genesis, and each step is one transaction, so a step
// is either wholly done or not at all.

// WalletFunding is what each named wallet receives at genesis.
var WalletFunding = Funding{
	Lamports: 1_000 * solana.LAMPORTS_PER_SOL,
	IO:       1_000_000 * 100_000_000,
	USDC:     1_000_000 * 1_000_000,
}

// distributionLamports is the SOL the distribution wallet is topped up to from the faucet; it
// pays every genesis and funding transaction.
const distributionLamports = 100_000 * solana.LAMPORTS_PER_SOL

const (
	airdropTimeout = 30 * time.Second
	airdropPoll    = 100 * time.Millisecond
)

// runGenesis funds the distribution wallet, creates the USDC stand-in and, unless the caller sets
// the protocol up (byCaller: `ionet localnet up`, through `ionet deploy`'s code, which creates
// the IO mint; it then calls Chain.FundWallets), the IO mint and the named wallets' funding.
func runGenesis(ctx context.Context, client *solanax.Client, keys *genesisKeys, m *Manifest, log *slog.Logger, byCaller bool) error {
	if err := ensureLamports(ctx, client.RPC, keys.Distribution.Public(), distributionLamports); err != nil {
		return err
	}
	// The two mints are independent: create them concurrently, one slot instead of two.
	type mintSpec struct {
		name     string
		key      keyFile
		decimals uint8
		supply   uint64
	}
	mints := []mintSpec{{"USDC", keys.USDCMint, USDCDecimals, USDCGenesisSupply}}
	if !byCaller {
		mints = append(mints, mintSpec{"IO", keys.IOMint, IODecimals, IOLaunchSupply})
	}
	var wg sync.WaitGroup
	errs := make([]error, len(mints))
	for i, mint := range mints {
		wg.Go(func() {
			created, err := ensureMint(ctx, client, keys, mint.key, mint.decimals, mint.supply)
			if err != nil {
				errs[i] = fmt.Errorf("localnet: genesis %s mint %s: %w", mint.name, mint.key.Public(), err)
			}
			log.Debug("genesis mint", "mint", mint.name, "address", mint.key.Public(), "created", created)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if byCaller {
		return nil
	}
	return fundWallets(ctx, client, m, log)
}

// ensureLamports tops wallet up to target from the faucet when it holds less than half of it.
func ensureLamports(ctx context.Context, client *rpc.Client, wallet solana.PublicKey, target uint64) error {
	balance, err := client.GetBalance(ctx, wallet, rpc.CommitmentConfirmed)
	if err != nil {
		return fmt.Errorf("localnet: genesis: balance of %s: %w", wallet, err)
	}
	if balance.Value >= target/2 {
		return nil
	}
	if _, err := client.RequestAirdrop(ctx, wallet, target-balance.Value, rpc.CommitmentConfirmed); err != nil {
		return fmt.Errorf("localnet: genesis: airdrop to %s: %w", wallet, err)
	}
	ctx, cancel := context.WithTimeout(ctx, airdropTimeout)
	defer cancel()
	for {
		balance, err := client.GetBalance(ctx, wallet, rpc.CommitmentConfirmed)
		if err == nil && balance.Value >= target {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("localnet: genesis: airdrop of %d lamports to %s not confirmed: %w", target, wallet, ctx.Err())
		case <-time.After(airdropPoll):
		}
	}
}

// ensureMint creates mintKey's mint (no freeze authority) and mints supply to the distribution
// wallet's associated token account in one transaction, unless the mint already exists.
func ensureMint(ctx context.Context, client *solanax.Client, keys *genesisKeys, mintKey keyFile, decimals uint8, supply uint64) (created bool, err error) {
	acct, err := client.RPC.GetAccountInfoWithOpts(ctx, mintKey.Public(), &rpc.GetAccountInfoOpts{Commitment: rpc.CommitmentConfirmed})
	switch {
	case err == nil:
		return false, checkMint(acct.Value, decimals)
	case !errors.Is(err, rpc.ErrNotFound):
		return false, fmt.Errorf("read mint account: %w", err)
	}
	rent, err := client.RPC.GetMinimumBalanceForRentExemption(ctx, solanax.MintSize, rpc.CommitmentConfirmed)
	if err != nil {
		return false, fmt.Errorf("rent for a mint: %w", err)
	}
	payer, mint, authority := keys.Distribution.Public(), mintKey.Public(), keys.MintAuthority.Public()
	// No freeze authority: it stays None.
	instrs := solanax.CreateMintInstructions(payer, mint, authority, nil, decimals, rent)
	create, err := solanax.CreateAssociatedTokenAccountIdempotent(payer, payer, mint, solana.TokenProgramID)
	if err != nil {
		return false, err
	}
	dest, err := solanax.AssociatedTokenAddress(payer, mint)
	if err != nil {
		return false, err
	}
	instrs = append(instrs, create, solanax.MintTo(mint, dest, authority, supply, decimals))
	if _, err := client.Send(ctx, keys.Distribution.Private, instrs, solanax.WithSigners(mintKey.Private, keys.MintAuthority.Private)); err != nil {
		return false, fmt.Errorf("create mint: %w", err)
	}
	return true, nil
}

// checkMint accepts an existing account only if it is an initialised SPL Token mint with the
// expected decimals.
func checkMint(acct *rpc.Account, decimals uint8) error {
	data := acct.Data.GetBinary()
	const decimalsOffset, initializedOffset = 44, 45
	if !acct.Owner.Equals(solana.TokenProgramID) || len(data) != solanax.MintSize || data[initializedOffset] != 1 {
		return fmt.Errorf("the account exists but is not an SPL Token mint (owner %s, %d bytes): wipe the ledger (Reset)", acct.Owner, len(data))
	}
	if data[decimalsOffset] != decimals {
		return fmt.Errorf("the mint has %d decimals, expected %d: wipe the ledger (Reset)", data[decimalsOffset], decimals)
	}
	return nil
}

// fundWallets funds, concurrently, every named wallet that has no IO token account yet.
func fundWallets(ctx context.Context, client *solanax.Client, m *Manifest, log *slog.Logger) error {
	names := WalletNames
	accounts := make([]solana.PublicKey, len(names))
	for i, name := range names {
		accounts[i] = m.Wallets[name].IOAccount
	}
	existing, err := client.RPC.GetMultipleAccountsWithOpts(ctx, accounts, &rpc.GetMultipleAccountsOpts{
		Commitment: rpc.CommitmentConfirmed, Encoding: solana.EncodingBase64})
	if err != nil {
		return fmt.Errorf("localnet: genesis: read wallet token accounts: %w", err)
	}
	var wg sync.WaitGroup
	errs := make([]error, len(names))
	for i, name := range names {
		if existing.Value[i] != nil {
			continue
		}
		wg.Go(func() {
			_, errs[i] = fund(ctx, client, m, m.Wallets[name].Pubkey, WalletFunding)
			log.Debug("genesis wallet funded", "wallet", name, "err", errs[i])
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("localnet: genesis: fund wallets: %w", err)
	}
	return nil
}
