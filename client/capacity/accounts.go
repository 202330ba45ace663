package capacity

import (
	"context"
	"encoding/binary"
	"fmt"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/capacity/gen"
)

// ErrNotFound means the account does not exist (not initialised, device never challenged).
var ErrNotFound = anchor.ErrNotFound

func fetch[T any](ctx context.Context, c *Client, addr solana.PublicKey, what string, parse func([]byte) (*T, error)) (*T, error) {
	return anchor.Fetch(ctx, c.sx.RPC, "capacity", c.ProgramID, addr, what, parse)
}

// FetchConfig reads the program's settings.
func (c *Client) FetchConfig(ctx context.Context) (*gen.CapacityConfig, error) {
	cfg, err := fetch(ctx, c, c.Config, "config", gen.ParseAccount_CapacityConfig)
	return cfg, anchor.Described(err, "the capacity program is not initialised on this cluster (its upgrade authority runs the bootstrap)")
}

// FetchRecord reads deviceKey's capacity record.
func (c *Client) FetchRecord(ctx context.Context, deviceKey solana.PublicKey) (*gen.DeviceCapacity, error) {
	addr, err := RecordAddress(c.ProgramID, deviceKey)
	if err != nil {
		return nil, err
	}
	r, err := fetch(ctx, c, addr, "capacity record", gen.ParseAccount_DeviceCapacity)
	return r, anchor.Described(err, fmt.Sprintf("device %s was never challenged (request one: ionet capacity request %s)", deviceKey, deviceKey))
}

// SlotHash reads the hash of slot from the SlotHashes sysvar; ok is false while the slot is not
// complete yet, or once it left the sysvar's 512 entries.
func (c *Client) SlotHash(ctx context.Context, slot uint64) (hash [32]byte, ok bool, err error) {
	info, err := c.sx.RPC.GetAccountInfoWithOpts(ctx, solana.SysVarSlotHashesPubkey, &rpc.GetAccountInfoOpts{
		Commitment: rpc.CommitmentProcessed, Encoding: solana.EncodingBase64,
	})
	if err != nil {
		return hash, false, fmt.Errorf("read the SlotHashes sysvar: %w", err)
	}
	hash, ok = FindSlotHash(info.Value.Data.GetBinary(), slot)
	return hash, ok, nil
}

// FindSlotHash looks slot up in SlotHashes' data (u64 count, then (slot, hash) newest first).
func FindSlotHash(data []byte, slot uint64) (hash [32]byte, ok bool) {
	if len(data) < 8 {
		return hash, false
	}
	count := min(binary.LittleEndian.Uint64(data), uint64((len(data)-8)/40))
	for i := uint64(0); i < count; i++ {
		at := data[8+i*40:]
		if binary.LittleEndian.Uint64(at) == slot {
			copy(hash[:], at[8:40])
			return hash, true
		}
	}
	return hash, false
}

// Live is the program's liveness rule (programs/capacity/src/state.rs, DeviceCapacity::is_live)
// at slot and unix time now.
func Live(r *gen.DeviceCapacity, slot uint64, now int64, validityEpochs uint64) bool {
	if r.Faults != 0 || r.Passes == 0 || r.Status == StatusMissed || Overdue(r, slot) {
		return false
	}
	return now >= r.LastPassTs && uint64(now-r.LastPassTs) <= validityEpochs*EpochSeconds
}

// PhaseDeadline is the last slot of the open challenge's current phase (ok false: none open).
func PhaseDeadline(r *gen.DeviceCapacity) (slot uint64, ok bool) {
	switch r.Status {
	case StatusRequested:
		return r.RequestSlot + r.DeadlineSlots, true
	case StatusCommitted:
		return r.CommitSlot + r.DeadlineSlots, true
	}
	return 0, false
}

// Overdue reports whether the open challenge is past its deadline at slot.
func Overdue(r *gen.DeviceCapacity, slot uint64) bool {
	d, ok := PhaseDeadline(r)
	return ok && slot > d
}
