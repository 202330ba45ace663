package staking

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// Lamports sent to a position's or a device's address (both known in advance) cannot block the
// wallet's staking or the device's registration: each is created all the same, topped up to rent
// exemption when less was sent, keeping a surplus.

func TestPrefundedPositionStillOpens(t *testing.T) {
	for _, p := range localnettest.Prefunds {
		t.Run(p.Name, func(t *testing.T) {
			ctx := localnettest.Context(t)
			owner := localnettest.NewWallet(t, chain, 10*IO)
			position := positionAddr(t, owner.PublicKey())
			localnettest.Prefund(t, chain, position, p.Lamports)

			_, err := stk.Stake(ctx, owner, 3*IO)
			require.NoError(t, err, "a pre-funded position must not block staking")
			t.Cleanup(func() { unstakeAll(t, owner) })
			pos, err := stk.FetchPosition(ctx, owner.PublicKey())
			require.NoError(t, err)
			require.Equal(t, owner.PublicKey(), pos.Owner)
			require.Equal(t, uint64(3*IO), pos.Active)
			localnettest.RequireCreated(t, chain, position, stk.ProgramID, p.Lamports)
		})
	}
}

func TestPrefundedDeviceStillRegisters(t *testing.T) {
	for _, p := range localnettest.Prefunds {
		t.Run(p.Name, func(t *testing.T) {
			ctx := localnettest.Context(t)
			owner := localnettest.NewWallet(t, chain, 0)
			deviceKey := solana.NewWallet().PrivateKey
			device := deviceAddr(t, deviceKey.PublicKey())
			localnettest.Prefund(t, chain, device, p.Lamports)

			cfg, err := stk.FetchConfig(ctx)
			require.NoError(t, err)
			class, err := ClassIndex(cfg, "H100")
			require.NoError(t, err)
			_, err = stk.RegisterDevice(ctx, owner, deviceKey, class, 2)
			require.NoError(t, err, "a pre-funded device address must not block its registration")
			d, err := stk.FetchDevice(ctx, deviceKey.PublicKey())
			require.NoError(t, err)
			require.Equal(t, owner.PublicKey(), d.Owner)
			require.Equal(t, class, d.GpuClass)
			require.Equal(t, uint64(2), d.GpuCount)
			localnettest.RequireCreated(t, chain, device, stk.ProgramID, p.Lamports)
		})
	}
}
