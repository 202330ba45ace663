package anchor

import (
	"context"
	"errors"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/solanax"
)

func TestSendStopsAtABuildError(t *testing.T) {
	sx := solanax.New("http://127.0.0.1:1", "") // never reached: nothing is sent
	table := MustErrors("staking", testIDL)
	payer := solana.NewWallet().PrivateKey
	built := errors.New("derive the position PDA: bad seeds")

	_, err := table.Send(context.Background(), sx, solana.PublicKey{}, "stake", payer, nil, built)
	require.EqualError(t, err, "stake: derive the position PDA: bad seeds")
	require.ErrorIs(t, err, built)

	_, err = table.Send(context.Background(), sx, solana.PublicKey{}, "", payer, nil, built)
	require.Same(t, built, err)
}
