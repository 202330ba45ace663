package staking

import (
	"context"
	"encoding/binary"
	"fmt"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/anchor"
	emissiongen "github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/solanax"
)

// setUpEmission sets the emission program up on the test chain (it takes the IO mint
// authority), so that slashes can burn through its ledger; payer is the upgrade authority. Built from emission's generated code:
// package emission imports this one.
func setUpEmission(ctx context.Context, payer solana.PrivateKey) error {
	programID, ok := chain.Manifest.Programs["emission"]
	if !ok {
		return fmt.Errorf("the localnet did not deploy the emission program (localnet/programs/emission.so): slashes burn through it")
	}
	pdas, err := anchor.PDAs(programID, []byte("emission"), []byte("staker_vault"), []byte("supplier_vault"), []byte("liveness"))
	if err != nil {
		return err
	}
	mintAuthority, err := solana.PrivateKeyFromSolanaKeygenFile(chain.Manifest.MintAuthority.Keypair)
	if err != nil {
		return fmt.Errorf("load the IO mint authority: %w", err)
	}
	clock, err := chain.RPC.GetAccountInfoWithOpts(ctx, solana.SysVarClockPubkey, &rpc.GetAccountInfoOpts{Commitment: rpc.CommitmentConfirmed, Encoding: solana.EncodingBase64})
	if err != nil {
		return fmt.Errorf("read the clock: %w", err)
	}
	now := int64(binary.LittleEndian.Uint64(clock.Value.Data.GetBinary()[32:40]))
	settings := emissiongen.Settings{StakerSplitBps: 2_000, CrankTip: IO / 100, MaxEpochsPerCrank: 3_600, Authority: payer.PublicKey(), TreasuryAuthority: payer.PublicKey()}
	programData, err := anchor.ProgramDataAddress(programID)
	if err != nil {
		return err
	}
	ix, err := emissiongen.NewInitializeInstruction(now, settings, payer.PublicKey(), mintAuthority.PublicKey(), pdas[0], ioMint, pdas[1], pdas[2], pdas[3],
		stk.ProgramID, stk.Addresses.Config, programData, solana.TokenProgramID, solana.SystemProgramID)
	if err != nil {
		return err
	}
	data, err := ix.Data()
	if err != nil {
		return err
	}
	_, err = stk.sx.Send(ctx, payer, []solana.Instruction{solana.NewInstruction(programID, ix.Accounts(), data)}, solanax.WithSigners(mintAuthority))
	if err != nil {
		return fmt.Errorf("initialize emission: %w", err)
	}
	return nil
}
