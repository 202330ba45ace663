package main

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/localnet"
)

// upgraderKeypair funds the programs' upgrade authority, the only key their init commands
// accept, and returns its keypair file.
func upgraderKeypair(t *testing.T, c *localnet.Chain) string {
	t.Helper()
	upgrader := c.Manifest.UpgradeAuthority
	_, err := c.Fund(testContext(t), upgrader.Pubkey, localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL})
	require.NoError(t, err)
	return upgrader.Keypair
}

// pubkeyOf is the public key of a keypair file, as --authority takes it.
func pubkeyOf(t *testing.T, keypair string) string {
	t.Helper()
	key, err := solana.PrivateKeyFromSolanaKeygenFile(keypair)
	require.NoError(t, err)
	return key.PublicKey().String()
}
