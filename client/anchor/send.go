package anchor

import (
	"context"
	"fmt"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/solanax"
)

// Send is what every program client's send does: build errors stop before anything is sent;
// otherwise ixs go through sx, and a failure of programID's instructions is decoded by t. what
// names the operation in the error ("" for none).
func (t *Errors) Send(ctx context.Context, sx *solanax.Client, programID solana.PublicKey, what string,
	payer solana.PrivateKey, ixs []solana.Instruction, buildErr error, opts ...solanax.TxOption) (*solanax.Result, error) {
	err := buildErr
	if err == nil {
		res, sendErr := sx.Send(ctx, payer, ixs, opts...)
		if sendErr == nil {
			return res, nil
		}
		err = t.Decode(sendErr, programID)
	}
	if what == "" {
		return nil, err
	}
	return nil, fmt.Errorf("%s: %w", what, err)
}

// At is a generated builder's result as sent to programID (anchor-go's builders use the id the
// IDL names, the localnet's); program names it in a build error.
func At(program string, programID solana.PublicKey, ix solana.Instruction, err error) (solana.Instruction, error) {
	if err != nil {
		return nil, fmt.Errorf("build %s instruction: %w", program, err)
	}
	data, err := ix.Data()
	if err != nil {
		return nil, fmt.Errorf("build %s instruction: %w", program, err)
	}
	return solana.NewInstruction(programID, ix.Accounts(), data), nil
}
