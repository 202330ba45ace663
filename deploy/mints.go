package deploy

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/solanax"
)

// The real USDC of the public clusters that have one.
var (
	USDCMainnetBeta = solana.MustPublicKeyFromBase58("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v")
	USDCDevnet      = solana.MustPublicKeyFromBase58("4zMMC9srt5Ri5X14GAgXhaHii3GnPAEERYPJgZJDncDU")
)

// IOMintKeyFile is the IO mint's keypair file in the state directory: a deploy that creates the
// mint makes it on first use, or takes the one placed there (the localnet's, at its manifest's
// address).
const IOMintKeyFile = ioMintKeyFile

// Mint keypair files the deploy keeps in its state directory.
const (
	ioMintKeyFile   = "io-mint.json"
	usdcMintKeyFile = "usdc-mint.json"
)

// mintSpec is a mint the deploy creates when it is missing.
type mintSpec struct {
	label    string
	keyFile  string
	decimals uint8
	supply   uint64           // minted to holder at creation
	holder   solana.PublicKey // ignored when supply is 0
}

// ensureMint creates the mint whose keypair is kept as spec.keyFile (made on first use) with the
// authority as mint authority and no freeze authority, minting the supply to the holder's
// associated token account in the same transaction; an existing mint is checked, not changed.
func (d *Deployer) ensureMint(ctx context.Context, spec mintSpec) (solana.PublicKey, bool, error) {
	key, err := d.keptKey(spec.keyFile)
	if err != nil {
		return solana.PublicKey{}, false, err
	}
	mint := key.PublicKey()
	accts, err := d.accounts(ctx, mint)
	if err != nil {
		return mint, false, err
	}
	if accts[0] != nil {
		m, err := solanax.DecodeMint(mint, accts[0])
		if err != nil {
			return mint, false, fmt.Errorf("%s mint %s (keypair %s): %w", spec.label, mint, filepath.Join(d.StateDir, spec.keyFile), err)
		}
		if m.Decimals != spec.decimals {
			return mint, false, fmt.Errorf("%s mint %s has %d decimals, not %d", spec.label, mint, m.Decimals, spec.decimals)
		}
		return mint, false, nil
	}
	rent, err := d.rent(ctx, solanax.MintSize)
	if err != nil {
		return mint, false, err
	}
	mintAuthority := d.mintAuthority()
	ixs := solanax.CreateMintInstructions(d.authority(), mint, mintAuthority.PublicKey(), nil, spec.decimals, rent)
	if spec.supply > 0 {
		create, err := solanax.CreateAssociatedTokenAccountIdempotent(d.authority(), spec.holder, mint, solana.TokenProgramID)
		if err != nil {
			return mint, false, err
		}
		dest, err := solanax.AssociatedTokenAddress(spec.holder, mint)
		if err != nil {
			return mint, false, err
		}
		ixs = append(ixs, create, solanax.MintTo(mint, dest, mintAuthority.PublicKey(), spec.supply, spec.decimals))
	}
	if _, err := d.send(ctx, "create the "+spec.label+" mint", ixs, solanax.WithSigners(key, mintAuthority)); err != nil {
		return mint, false, err
	}
	msg := fmt.Sprintf("created the %s mint %s", spec.label, mint)
	if spec.supply > 0 {
		msg += fmt.Sprintf(", %s to %s", solanax.FormatAmount(spec.supply, spec.decimals), spec.holder)
	}
	d.emit(Event{Step: "mint", Message: msg})
	return mint, true, nil
}

// checkMint checks that an existing mint has the decimals expected.
func (d *Deployer) checkMint(ctx context.Context, label string, mint solana.PublicKey, decimals uint8) error {
	m, err := d.Client.FetchMint(ctx, mint)
	if err != nil {
		return fmt.Errorf("the %s mint %s: %w", label, mint, err)
	}
	if m.Decimals != decimals {
		return fmt.Errorf("the %s mint %s has %d decimals, not %d", label, mint, m.Decimals, decimals)
	}
	return nil
}

// keptKey reads a keypair kept in the state directory, or makes and keeps a new one.
func (d *Deployer) keptKey(name string) (solana.PrivateKey, error) {
	path := filepath.Join(d.StateDir, name)
	if _, err := os.Stat(path); err == nil {
		return cli.LoadKeypair(path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("deploy: %w", err)
	}
	key, err := solana.NewRandomPrivateKey()
	if err != nil {
		return nil, fmt.Errorf("deploy: new keypair: %w", err)
	}
	if err := writeKeypair(path, key); err != nil {
		return nil, fmt.Errorf("deploy: keep %s: %w", name, err)
	}
	return key, nil
}
