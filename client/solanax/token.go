package solanax

import (
	"fmt"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/programs/system"
	"github.com/gagliardetto/solana-go/programs/token"
)

// Program ids of the token programs.
var (
	TokenProgramID           = solana.TokenProgramID
	Token2022ProgramID       = solana.Token2022ProgramID
	AssociatedTokenProgramID = solana.SPLAssociatedTokenAccountProgramID
)

// Account sizes of the classic SPL Token program.
const (
	MintSize         = 82
	TokenAccountSize = 165
)

// ataCreateIdempotent is the Associated Token Account program's CreateIdempotent
// instruction tag (0 is Create, which fails when the account exists).
const ataCreateIdempotent = 1

// AssociatedTokenAddress derives owner's associated token account for a classic SPL Token mint.
func AssociatedTokenAddress(owner, mint solana.PublicKey) (solana.PublicKey, error) {
	return AssociatedTokenAddressFor(owner, mint, TokenProgramID)
}

// AssociatedTokenAddressFor derives the associated token account for any token program
// (Token or Token-2022): seeds [owner, token program, mint] under the ATA program.
func AssociatedTokenAddressFor(owner, mint, tokenProgram solana.PublicKey) (solana.PublicKey, error) {
	addr, _, err := solana.FindProgramAddress(
		[][]byte{owner[:], tokenProgram[:], mint[:]}, AssociatedTokenProgramID)
	if err != nil {
		return solana.PublicKey{}, fmt.Errorf("derive associated token account of %s for mint %s: %w", owner, mint, err)
	}
	return addr, nil
}

// CreateAssociatedTokenAccountIdempotent creates owner's associated token account for mint,
// paid by payer, and succeeds without change when it already exists.
func CreateAssociatedTokenAccountIdempotent(payer, owner, mint, tokenProgram solana.PublicKey) (solana.Instruction, error) {
	ata, err := AssociatedTokenAddressFor(owner, mint, tokenProgram)
	if err != nil {
		return nil, err
	}
	return solana.NewInstruction(AssociatedTokenProgramID, solana.AccountMetaSlice{
		solana.Meta(payer).WRITE().SIGNER(),
		solana.Meta(ata).WRITE(),
		solana.Meta(owner),
		solana.Meta(mint),
		solana.Meta(solana.SystemProgramID),
		solana.Meta(tokenProgram),
	}, []byte{ataCreateIdempotent}), nil
}

// TransferChecked moves amount base units from source to destination token accounts; owner
// signs, and the program checks the mint and its decimals.
func TransferChecked(source, mint, destination, owner solana.PublicKey, amount uint64, decimals uint8) solana.Instruction {
	return token.NewTransferCheckedInstruction(amount, decimals, source, mint, destination, owner, nil).Build()
}

// MintTo mints amount base units of mint into destination; authority signs. It uses
// MintToChecked so a wrong decimals value fails instead of minting a surprising amount.
func MintTo(mint, destination, authority solana.PublicKey, amount uint64, decimals uint8) solana.Instruction {
	return token.NewMintToCheckedInstruction(amount, decimals, mint, destination, authority, nil).Build()
}

// CreateMintInstructions allocates a mint account (rentLamports must cover MintSize bytes) and
// initialises it. freezeAuthority may be nil.
func CreateMintInstructions(payer, mint, mintAuthority solana.PublicKey, freezeAuthority *solana.PublicKey, decimals uint8, rentLamports uint64) []solana.Instruction {
	init := token.NewInitializeMint2InstructionBuilder().
		SetDecimals(decimals).
		SetMintAuthority(mintAuthority).
		SetMintAccount(mint)
	if freezeAuthority != nil {
		init.SetFreezeAuthority(*freezeAuthority)
	}
	return []solana.Instruction{
		system.NewCreateAccountInstruction(rentLamports, MintSize, TokenProgramID, payer, mint).Build(),
		init.Build(),
	}
}
