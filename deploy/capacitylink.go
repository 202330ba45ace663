package deploy

import (
	"context"
	"fmt"

	"github.com/gagliardetto/solana-go"
)

// linkCapacity links the capacity program into emission's heartbeat (deploy.yaml
// capacity.linkRewards): from then on a device earns supplier rewards only with a capacity
// challenge passed within validity_epochs. Emission's authority signs: the operator, while it
// still holds it. A link already in place is left as it is; without the operator's key (an
// operator other than the deploying keypair, and no Deployer.Operator) the deploy says so.
func (d *Deployer) linkCapacity(ctx context.Context, c *clients, operator solana.PublicKey) error {
	linked, err := c.em.FetchCapacityProgram(ctx)
	if err != nil {
		return fmt.Errorf("read emission's capacity link: %w", err)
	}
	if !linked.IsZero() {
		d.emit(Event{Step: "init", Program: "emission", Message: "capacity program already linked (" + linked.String() + ")"})
		return nil
	}
	st, err := c.em.FetchState(ctx)
	if err != nil {
		return fmt.Errorf("read emission's state: %w", err)
	}
	signer := d.Operator
	if d.Authority.PublicKey().Equals(operator) {
		signer = d.Authority
	}
	if !st.Authority.Equals(operator) || signer == nil || !signer.PublicKey().Equals(operator) {
		d.emit(Event{Step: "init", Program: "emission", Message: "capacity not linked: emission's authority " + st.Authority.String() +
			" must send set_capacity_program for " + c.cp.ProgramID.String() + " (until then devices earn without proving capacity)"})
		return nil
	}
	if _, err := c.em.SetCapacityProgram(ctx, signer, c.cp.ProgramID); err != nil {
		return fmt.Errorf("link the capacity program into emission: %w", err)
	}
	d.emit(Event{Step: "init", Program: "emission", Message: "capacity program linked: heartbeats need a passed challenge"})
	return nil
}
