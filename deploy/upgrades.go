package deploy

import (
	"context"
	"fmt"

	"github.com/gagliardetto/solana-go"
)

// Upgrades under governance: once the programs' upgrade authority is the governance PDA, only a
// passed proposal's upgrade action changes their code (after its timelock, from a buffer whose
// hash the proposal names), and no single key can.

// HandOverUpgrades moves the upgrade authority of each program in ids (ProgramNames order) from
// the deploying keypair to the governance PDA of ids["governance"]. It first checks that this
// governance is initialised and governs ids["staking"]: a program handed to a governance that can
// never pass a proposal could never be upgraded again (not even governance itself, whose
// initialise its upgrade authority signs). A program already governed is left as it is; one whose
// authority is another key is refused, naming it. Each hand-over is read back. Returns the programs
// handed over by this call.
func (d *Deployer) HandOverUpgrades(ctx context.Context, ids map[string]solana.PublicKey) ([]string, error) {
	c, err := d.clients(ids)
	if err != nil {
		return nil, err
	}
	return d.handOverUpgrades(ctx, c, ids)
}

func (d *Deployer) handOverUpgrades(ctx context.Context, c *clients, ids map[string]solana.PublicKey) ([]string, error) {
	gov := c.gov.Governance
	state, err := c.gov.FetchGovernance(ctx)
	if err != nil {
		return nil, fmt.Errorf("hand over upgrades: the governance PDA %s must be initialised first (ionet gov init, or deploy without leaving governance): %w", gov, err)
	}
	if !state.StakingProgram.Equals(ids["staking"]) {
		return nil, fmt.Errorf("hand over upgrades: the governance PDA %s governs the staking program %s, not this deployment's %s", gov, state.StakingProgram, ids["staking"])
	}
	done := []string{}
	for _, name := range ProgramNames {
		id, ok := ids[name]
		if !ok {
			return done, fmt.Errorf("hand over upgrades: no program id for %s", name)
		}
		pd, err := d.programData(ctx, name, id)
		if err != nil {
			return done, err
		}
		switch {
		case pd.Authority != nil && pd.Authority.Equals(gov):
			continue
		case pd.Authority == nil || !pd.Authority.Equals(d.authority()):
			return done, fmt.Errorf("hand over upgrades: %s's upgrade authority is %s, not the deploying keypair %s: run it with that keypair", name, describeAuthority(pd.Authority), d.authority())
		}
		if _, err := d.send(ctx, "hand the upgrades of "+name+" to governance", []solana.Instruction{SetAuthority(ProgramDataAddress(id), d.authority(), gov)}); err != nil {
			return done, fmt.Errorf("hand over upgrades: %w", err)
		}
		if pd, err = d.programData(ctx, name, id); err != nil {
			return done, err
		}
		if pd.Authority == nil || !pd.Authority.Equals(gov) {
			return done, fmt.Errorf("hand over upgrades: %s's upgrade authority reads %s after the hand-over, not the governance PDA %s", name, describeAuthority(pd.Authority), gov)
		}
		done = append(done, name)
		d.emit(Event{Step: "handOver", Program: name, Message: "upgrade authority handed to the governance PDA " + gov.String()})
	}
	return done, nil
}

// programData reads and decodes program id's ProgramData.
func (d *Deployer) programData(ctx context.Context, name string, id solana.PublicKey) (*ProgramData, error) {
	accts, err := d.accounts(ctx, ProgramDataAddress(id))
	if err != nil {
		return nil, err
	}
	if accts[0] == nil || !accts[0].Owner.Equals(LoaderID) {
		return nil, fmt.Errorf("%s: program %s is not deployed (no ProgramData)", name, id)
	}
	pd, err := DecodeProgramData(accts[0].Data.GetBinary())
	if err != nil {
		return nil, fmt.Errorf("%s: its ProgramData: %w", name, err)
	}
	return pd, nil
}

// upgradeAuthority is who upgrades the programs, as the deployment records it: the governance
// PDA once every program is handed over (by this run or an earlier one), else the deployer.
func (d *Deployer) upgradeAuthority(ctx context.Context, ids map[string]solana.PublicKey, gov solana.PublicKey) (solana.PublicKey, error) {
	for _, name := range ProgramNames {
		pd, err := d.programData(ctx, name, ids[name])
		if err != nil {
			return solana.PublicKey{}, err
		}
		if pd.Authority == nil || !pd.Authority.Equals(gov) {
			return d.authority(), nil
		}
	}
	return gov, nil
}
