package solanax

import (
	"testing"

	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/assert"
)

func TestReached(t *testing.T) {
	status := func(s rpc.ConfirmationStatusType, confirmations *uint64) *rpc.SignatureStatusesResult {
		return &rpc.SignatureStatusesResult{ConfirmationStatus: s, Confirmations: confirmations}
	}
	tests := []struct {
		name       string
		st         *rpc.SignatureStatusesResult
		commitment rpc.CommitmentType
		want       bool
	}{
		{"processed meets processed", status(rpc.ConfirmationStatusProcessed, ptr(uint64(0))), rpc.CommitmentProcessed, true},
		{"processed short of confirmed", status(rpc.ConfirmationStatusProcessed, ptr(uint64(0))), rpc.CommitmentConfirmed, false},
		{"confirmed meets confirmed", status(rpc.ConfirmationStatusConfirmed, ptr(uint64(3))), rpc.CommitmentConfirmed, true},
		{"confirmed short of finalized", status(rpc.ConfirmationStatusConfirmed, ptr(uint64(3))), rpc.CommitmentFinalized, false},
		{"finalized meets finalized", status(rpc.ConfirmationStatusFinalized, nil), rpc.CommitmentFinalized, true},
		{"finalized meets processed", status(rpc.ConfirmationStatusFinalized, nil), rpc.CommitmentProcessed, true},
		{"old node, rooted", status("", nil), rpc.CommitmentFinalized, true},
		{"old node, not rooted", status("", ptr(uint64(5))), rpc.CommitmentConfirmed, false},
		{"unknown commitment means confirmed", status(rpc.ConfirmationStatusConfirmed, ptr(uint64(1))), "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, reached(tt.st, tt.commitment))
		})
	}
}
