package capacity

import (
	"context"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/capacity/gen"
	"github.com/ionet-oss/ionet/client/solanax"
)

// SetAuthorityInstruction hands update_params to newAuthority (the governance PDA at the
// hand-over); authority signs.
func (c *Client) SetAuthorityInstruction(authority, newAuthority solana.PublicKey) (solana.Instruction, error) {
	ix, err := gen.NewSetAuthorityInstruction(newAuthority, authority, c.Config)
	return anchor.At("capacity", c.ProgramID, ix, err)
}

// SetAuthority hands update_params to newAuthority, signed by the current authority.
func (c *Client) SetAuthority(ctx context.Context, authority solana.PrivateKey, newAuthority solana.PublicKey) (*solanax.Result, error) {
	ix, err := c.SetAuthorityInstruction(authority.PublicKey(), newAuthority)
	return c.sendOne(ctx, "hand the capacity parameters to "+newAuthority.String(), authority, ix, err)
}
