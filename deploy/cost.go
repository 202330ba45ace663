package deploy

import (
	"bytes"
	"context"
	"fmt"

	"github.com/ionet-oss/ionet/client/solanax"
)

// lamportsPerSignature is the base fee of one signature.
const lamportsPerSignature = 5_000

// setUpAllowance covers everything after the programs: the two mints and their token
// accounts, the five initialisations' accounts and their fees, the hand-over: a dozen accounts
// of at most a few hundred bytes each (TestDeployBareLocalnet checks the estimate covers a run).
const setUpAllowance = 50_000_000

// Planned is what a run would do to one program, and what it would cost.
type Planned struct {
	Name     string `json:"name"`
	ID       string `json:"id"`
	Action   string `json:"action"` // deploy, upgrade, unchanged
	Chunks   int    `json:"chunks"` // buffer chunks to write
	Lamports uint64 `json:"lamports"`
}

// Plan says what Run would do to each program and what the whole run would cost at most
// (rent included; the buffers' rent comes back when they are deployed).
func (d *Deployer) Plan(ctx context.Context, programs []Program) ([]Planned, uint64, error) {
	programs, err := orderPrograms(programs)
	if err != nil {
		return nil, 0, err
	}
	total := uint64(setUpAllowance)
	out := make([]Planned, 0, len(programs))
	for _, p := range programs {
		pl, err := d.planProgram(ctx, p)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, pl)
		total += pl.Lamports
	}
	return out, total, nil
}

// Estimate is Plan's total.
func (d *Deployer) Estimate(ctx context.Context, programs []Program) (uint64, error) {
	_, total, err := d.Plan(ctx, programs)
	return total, err
}

func (d *Deployer) planProgram(ctx context.Context, p Program) (Planned, error) {
	pl := Planned{Name: p.Name, ID: p.ID().String(), Action: "deploy"}
	accts, err := d.accounts(ctx, ProgramDataAddress(p.ID()))
	if err != nil {
		return pl, err
	}
	capacity := 0
	if accts[0] != nil {
		pd, err := DecodeProgramData(accts[0].Data.GetBinary())
		if err != nil {
			return pl, fmt.Errorf("%s: %w", p.Name, err)
		}
		if bytes.Equal(Trimmed(pd.Code), Trimmed(p.ELF)) {
			pl.Action = "unchanged"
			return pl, nil
		}
		pl.Action, capacity = "upgrade", len(pd.Code)
	}
	size := d.chunkSize()
	pl.Chunks = (len(p.ELF) + size - 1) / size
	rents := []uint64{uint64(BufferHeader + len(p.ELF))}
	signatures := pl.Chunks + 2 + 1 // writes; buffer creation (authority and buffer); deploy or upgrade
	switch {
	case pl.Action == "deploy":
		rents = append(rents, ProgramDataHeader+d.maxDataLen(len(p.ELF)), ProgramAccountSize)
		signatures++ // the program keypair
	case len(p.ELF) > capacity:
		rents = append(rents, d.maxDataLen(len(p.ELF))-uint64(capacity))
		signatures++ // the extension
	}
	pl.Lamports = uint64(signatures) * lamportsPerSignature
	if d.PriorityFee > 0 { // writes at their limit, the other transactions at the default 200,000 CU
		pl.Lamports += (uint64(pl.Chunks)*writeComputeUnits + 3*200_000) * d.PriorityFee / 1_000_000
	}
	for _, size := range rents {
		rent, err := d.rent(ctx, size)
		if err != nil {
			return pl, err
		}
		pl.Lamports += rent
	}
	return pl, nil
}

// FormatSOL writes lamports as SOL.
func FormatSOL(lamports uint64) string {
	return solanax.FormatAmount(lamports, solanax.SOLDecimals) + " SOL"
}
