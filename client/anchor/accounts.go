package anchor

import (
	"context"
	"errors"
	"fmt"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/solanax"
)

// ErrNotFound means the account does not exist. Every client's ErrNotFound is this one.
var ErrNotFound = errors.New("account not found")

// Fetch reads addr at confirmed commitment and decodes it with parse (a generated package's
// ParseAccount_X) after checking that programID, the program a client names program ("staking"),
// owns it. what names the account in errors ("config", "job 7"); a missing account is an error
// wrapping ErrNotFound, and so is a System-owned one without data: lamports anyone sent to the
// address before the program created the account there (the program creates it all the same).
func Fetch[T any](ctx context.Context, c *rpc.Client, program string, programID, addr solana.PublicKey, what string, parse func([]byte) (*T, error)) (*T, error) {
	res, err := c.GetAccountInfoWithOpts(ctx, addr, &rpc.GetAccountInfoOpts{Commitment: rpc.CommitmentConfirmed, Encoding: solana.EncodingBase64})
	if errors.Is(err, rpc.ErrNotFound) || (err == nil && (res == nil || res.Value == nil)) {
		return nil, fmt.Errorf("fetch %s %s %s: %w", program, what, addr, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("fetch %s %s %s: %w", program, what, addr, solanax.WrapRPCError("getAccountInfo", err))
	}
	if res.Value.Owner.Equals(solana.SystemProgramID) && len(res.Value.Data.GetBinary()) == 0 {
		return nil, fmt.Errorf("fetch %s %s %s: not created yet (it only holds %d lamports sent to it): %w", program, what, addr, res.Value.Lamports, ErrNotFound)
	}
	if !res.Value.Owner.Equals(programID) {
		return nil, fmt.Errorf("fetch %s %s %s: owned by %s, not the %s program %s", program, what, addr, res.Value.Owner, program, programID)
	}
	v, err := parse(res.Value.Data.GetBinary())
	if err != nil {
		return nil, fmt.Errorf("decode %s %s %s: %w", program, what, addr, err)
	}
	return v, nil
}

// MissingError is a missing account described in the user's terms ("job 7 does not exist"),
// without the address: a PDA means nothing to the person who typed the id. errors.Is(err,
// ErrNotFound) holds.
type MissingError struct{ Description string }

func (e *MissingError) Error() string { return e.Description }

// Is makes a MissingError an ErrNotFound.
func (e *MissingError) Is(target error) bool { return target == ErrNotFound }

// Described replaces a not-found err with a *MissingError saying description; other errors
// pass unchanged.
func Described(err error, description string) error {
	if errors.Is(err, ErrNotFound) {
		return &MissingError{Description: description}
	}
	return err
}
