package capacity

import (
	"context"
	"fmt"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/capacity/gen"
	"github.com/ionet-oss/ionet/client/capacity/pow"
	"github.com/ionet-oss/ionet/client/solanax"
)

// Initialize creates the config with params and authority; upgrader is the program's upgrade
// authority.
func (c *Client) Initialize(ctx context.Context, upgrader solana.PrivateKey, authority solana.PublicKey, params gen.CapacityParams) (*solanax.Result, error) {
	if err := CheckParams(params); err != nil {
		return nil, fmt.Errorf("initialize capacity: %w", err)
	}
	ix, err := c.InitializeInstruction(upgrader.PublicKey(), authority, params)
	return c.sendOne(ctx, "initialize capacity", upgrader, ix, err)
}

// UpdateParams changes the parameters; authority is the config's authority.
func (c *Client) UpdateParams(ctx context.Context, authority solana.PrivateKey, params gen.CapacityParams) (*solanax.Result, error) {
	if err := CheckParams(params); err != nil {
		return nil, fmt.Errorf("update capacity params: %w", err)
	}
	ix, err := c.UpdateParamsInstruction(authority.PublicKey(), params)
	return c.sendOne(ctx, "update capacity params", authority, ix, err)
}

// Request opens a challenge for deviceKey, paid by payer.
func (c *Client) Request(ctx context.Context, payer solana.PrivateKey, deviceKey solana.PublicKey) (*solanax.Result, error) {
	ix, err := c.RequestChallengeInstruction(payer.PublicKey(), deviceKey)
	return c.sendOne(ctx, fmt.Sprintf("request a capacity challenge for %s", deviceKey), payer, ix, err)
}

// Commit commits root for device's open challenge: the device key signs, payer pays (the
// device key itself, or its owner: a device key need hold no SOL).
func (c *Client) Commit(ctx context.Context, payer, device solana.PrivateKey, root [32]byte) (*solanax.Result, error) {
	ix, err := c.CommitInstruction(device.PublicKey(), root)
	return c.sendOne(ctx, "commit the capacity answer", payer, ix, err, solanax.WithSigners(device))
}

// proveUnits is the compute budget of a prove transaction: one entry of n = 4096 costs about
// 0.5M units (README), so the maximum a transaction may ask for.
const proveUnits = 1_400_000

// Prove proves openings of device's committed challenge; payer pays, the device key signs.
func (c *Client) Prove(ctx context.Context, payer, device solana.PrivateKey, openings []pow.Opening) (*solanax.Result, error) {
	ix, err := c.ProveInstruction(device.PublicKey(), openings)
	return c.sendOne(ctx, "prove the capacity spot check", payer, ix, err, solanax.WithSigners(device), solanax.WithComputeUnitLimit(proveUnits))
}

// Expire closes deviceKey's overdue challenge as missed, paid by payer.
func (c *Client) Expire(ctx context.Context, payer solana.PrivateKey, deviceKey solana.PublicKey) (*solanax.Result, error) {
	ix, err := c.ExpireInstruction(deviceKey)
	return c.sendOne(ctx, fmt.Sprintf("expire the capacity challenge of %s", deviceKey), payer, ix, err)
}
