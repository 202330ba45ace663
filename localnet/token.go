package localnet

import (
	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/solanax"
)

// Token facts of the genesis mints.
const (
	IODecimals   = 8
	USDCDecimals = 6
	// IOLaunchSupply is the 500,000,000 IO that exist before emission starts, in base units.
	IOLaunchSupply uint64 = 500_000_000 * 100_000_000
	// USDCGenesisSupply is the stand-in USDC minted to the distribution wallet, in base units.
	USDCGenesisSupply uint64 = 1_000_000_000 * 1_000_000
)

// associatedTokenAddress is the SPL Token associated token account of wallet for mint.
func associatedTokenAddress(wallet, mint solana.PublicKey) solana.PublicKey {
	// The derivation only fails when no bump gives an off-curve address, which does not happen
	// for the associated token program's seeds in practice; a zero key would fail loudly on use.
	addr, _ := solanax.AssociatedTokenAddress(wallet, mint)
	return addr
}
