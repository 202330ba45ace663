package solanax

import (
	"fmt"

	"github.com/gagliardetto/solana-go"
	computebudget "github.com/gagliardetto/solana-go/programs/compute-budget"
)

// TxOption configures one Send.
type TxOption func(*txConfig)

type txConfig struct {
	signers       []solana.PrivateKey
	unitLimit     *uint32
	unitPrice     *uint64
	skipPreflight bool
}

// WithSigners adds keys that must sign besides the fee payer (new accounts, authorities).
func WithSigners(keys ...solana.PrivateKey) TxOption {
	return func(c *txConfig) { c.signers = append(c.signers, keys...) }
}

// WithComputeUnitLimit prepends ComputeBudget SetComputeUnitLimit(units).
func WithComputeUnitLimit(units uint32) TxOption {
	return func(c *txConfig) { c.unitLimit = &units }
}

// WithComputeUnitPrice prepends ComputeBudget SetComputeUnitPrice(microLamports per unit),
// the priority fee.
func WithComputeUnitPrice(microLamports uint64) TxOption {
	return func(c *txConfig) { c.unitPrice = &microLamports }
}

// WithSkipPreflight sends without simulating first; failures then surface on-chain, fee charged.
func WithSkipPreflight() TxOption {
	return func(c *txConfig) { c.skipPreflight = true }
}

// budgetInstructions are the compute budget instructions the options ask for, limit first.
func (c *txConfig) budgetInstructions() []solana.Instruction {
	var out []solana.Instruction
	if c.unitLimit != nil {
		out = append(out, computebudget.NewSetComputeUnitLimitInstruction(*c.unitLimit).Build())
	}
	if c.unitPrice != nil {
		out = append(out, computebudget.NewSetComputeUnitPriceInstruction(*c.unitPrice).Build())
	}
	return out
}

// buildTransaction assembles and signs a legacy transaction paid by payer.
func buildTransaction(blockhash solana.Hash, payer solana.PrivateKey, ixs []solana.Instruction, cfg *txConfig) (*solana.Transaction, error) {
	all := append(cfg.budgetInstructions(), ixs...)
	tx, err := solana.NewTransaction(all, blockhash, solana.TransactionPayer(payer.PublicKey()))
	if err != nil {
		return nil, err
	}
	keys := map[solana.PublicKey]solana.PrivateKey{payer.PublicKey(): payer}
	for _, k := range cfg.signers {
		keys[k.PublicKey()] = k
	}
	for _, pub := range tx.Message.AccountKeys[:tx.Message.Header.NumRequiredSignatures] {
		if _, ok := keys[pub]; !ok {
			return nil, fmt.Errorf("transaction needs a signature from %s: pass its keypair with WithSigners", pub)
		}
	}
	if _, err := tx.Sign(func(pub solana.PublicKey) *solana.PrivateKey {
		k := keys[pub]
		return &k
	}); err != nil {
		return nil, fmt.Errorf("sign transaction: %w", err)
	}
	return tx, nil
}
